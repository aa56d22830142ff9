// Turns texts into L2-normalised embeddings with one model folder and one ORT session: prompt
// prefix, tokenisation into chunks, batches sorted by length (so padding stays small), padding,
// pooling over tokens (mean or CLS) and then over chunks (mean or max).

import * as ort from 'onnxruntime-node';

import { AppError, throwIfAborted } from '../../shared/errors';
import { DEFAULT_MAX_CHUNKS, type ChunkPooling, type ModelFolder, type Pooling } from './folder';
import type { EncoderSession } from './session';
import { TextTokenizer } from './tokenizer';

export type TextRole = 'query' | 'passage';

export interface EmbedOptions {
  role?: TextRole;
  /** Combination of the chunk embeddings of one long text. */
  chunkPooling?: ChunkPooling;
  /** Chunks per text; tokens past maxChunks × maxLength are dropped. */
  maxChunks?: number;
  /** Caps the folder's maximum length, such as 256 for speed. */
  maxLength?: number;
  /** Sequences per ORT call. */
  batchSize?: number;
  signal?: AbortSignal;
  /** Called after each ORT call with the texts fully encoded so far. */
  onProgress?: (doneTexts: number) => void;
}

export interface EmbedTimings {
  /** Milliseconds spent inside session.run. */
  runMs: number;
  /** Milliseconds for the whole call. */
  totalMs: number;
}

export { DEFAULT_MAX_CHUNKS };
export const DEFAULT_BATCH_SIZE = 16;

interface PendingChunk {
  text: number;
  ids: number[];
}

export class Embedder {
  readonly tokenizer: TextTokenizer;
  readonly dimension: number;
  lastTimings: EmbedTimings = { runMs: 0, totalMs: 0 };

  constructor(readonly folder: ModelFolder, readonly encoderSession: EncoderSession) {
    this.tokenizer = TextTokenizer.fromFolder(folder);
    this.dimension = folder.hiddenSize;
    for (const name of encoderSession.inputNames) {
      if (!['input_ids', 'attention_mask', 'token_type_ids'].includes(name)) {
        throw new AppError('encoder_inputs_unsupported', `The ONNX graph in ${folder.dir} has an input ${name} this app cannot fill`, {
          dir: folder.dir,
          field: name,
        });
      }
    }
  }

  /** Encodes every text; returns one Float32Array of `dimension` values per text, in input order. */
  async embed(texts: readonly string[], options: EmbedOptions = {}): Promise<Float32Array[]> {
    const started = performance.now();
    let runMs = 0;
    const prompt = this.folder.prompts[options.role ?? 'passage'];
    const maxLength = Math.min(options.maxLength ?? this.folder.maxLength, this.folder.maxLength);
    const maxChunks = options.maxChunks ?? DEFAULT_MAX_CHUNKS;
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    const chunkPooling = options.chunkPooling ?? 'mean';

    const chunks: PendingChunk[] = [];
    const chunkCounts = new Array<number>(texts.length).fill(0);
    texts.forEach((text, index) => {
      for (const chunk of this.tokenizer.chunk(prompt + text, maxLength, maxChunks)) {
        chunks.push({ text: index, ids: chunk.ids });
        chunkCounts[index] += 1;
      }
    });
    // Sorting by length puts similar lengths in one batch, so little padding is computed; longest
    // first makes the largest allocation happen at the start, where a failure costs least.
    const order = chunks.map((_, i) => i).sort((a, b) => chunks[b].ids.length - chunks[a].ids.length);

    const dim = this.dimension;
    const sums = texts.map(() => new Float32Array(dim).fill(chunkPooling === 'max' ? -Infinity : 0));
    const remaining = [...chunkCounts];
    let doneTexts = 0;

    for (let start = 0; start < order.length; start += batchSize) {
      throwIfAborted(options.signal, 'embedding');
      const batch = order.slice(start, start + batchSize).map((i) => chunks[i]);
      const runStarted = performance.now();
      const pooled = await this.runBatch(batch.map((c) => c.ids));
      runMs += performance.now() - runStarted;
      batch.forEach((chunk, row) => {
        const target = sums[chunk.text];
        const vector = pooled.subarray(row * dim, (row + 1) * dim);
        if (chunkPooling === 'max') {
          for (let d = 0; d < dim; d += 1) target[d] = Math.max(target[d], vector[d]);
        } else {
          for (let d = 0; d < dim; d += 1) target[d] += vector[d] / chunkCounts[chunk.text];
        }
        remaining[chunk.text] -= 1;
        if (remaining[chunk.text] === 0) doneTexts += 1;
      });
      options.onProgress?.(doneTexts);
    }
    for (const vector of sums) normalise(vector);
    this.lastTimings = { runMs, totalMs: performance.now() - started };
    return sums;
  }

  /** Pads one batch, runs the session and pools each row; returns rows × dimension values. */
  private async runBatch(sequences: number[][]): Promise<Float32Array> {
    const rows = sequences.length;
    const width = Math.max(...sequences.map((s) => s.length));
    const ids = new BigInt64Array(rows * width).fill(BigInt(this.tokenizer.padId));
    const mask = new BigInt64Array(rows * width);
    sequences.forEach((sequence, r) => {
      for (let t = 0; t < sequence.length; t += 1) {
        ids[r * width + t] = BigInt(sequence[t]);
        mask[r * width + t] = 1n;
      }
    });
    const feeds: Record<string, ort.Tensor> = {};
    for (const name of this.encoderSession.inputNames) {
      if (name === 'input_ids') feeds[name] = new ort.Tensor('int64', ids, [rows, width]);
      else if (name === 'attention_mask') feeds[name] = new ort.Tensor('int64', mask, [rows, width]);
      else feeds[name] = new ort.Tensor('int64', new BigInt64Array(rows * width), [rows, width]);
    }
    const outputs = await this.encoderSession.session.run(feeds);
    const output = outputs.last_hidden_state ?? outputs[this.encoderSession.session.outputNames[0]];
    try {
      const dims = output.dims;
      if (dims.length !== 3 || dims[2] !== this.dimension) {
        throw new AppError('encoder_dimension_mismatch', `The ONNX graph in ${this.folder.dir} returns width ${String(dims[2])}, config.json says hidden_size ${this.dimension}`, {
          dir: this.folder.dir,
          field: 'hidden_size',
          expected: this.dimension,
          found: Number(dims[dims.length - 1]),
        });
      }
      return poolRows(output.data as Float32Array, sequences.map((s) => s.length), width, this.dimension, this.folder.pooling);
    } finally {
      for (const tensor of Object.values(outputs)) tensor.dispose();
    }
  }
}

/** Pools token vectors per row: the first token (CLS) or the mean over unpadded tokens. */
export function poolRows(hidden: Float32Array, lengths: number[], width: number, dim: number, pooling: Pooling): Float32Array {
  const out = new Float32Array(lengths.length * dim);
  lengths.forEach((length, r) => {
    const target = out.subarray(r * dim, (r + 1) * dim);
    const base = r * width * dim;
    if (pooling === 'cls') {
      target.set(hidden.subarray(base, base + dim));
      return;
    }
    for (let t = 0; t < length; t += 1) {
      const offset = base + t * dim;
      for (let d = 0; d < dim; d += 1) target[d] += hidden[offset + d];
    }
    for (let d = 0; d < dim; d += 1) target[d] /= length;
  });
  return out;
}

export function normalise(vector: Float32Array): void {
  let norm = 0;
  for (const v of vector) norm += v * v;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let d = 0; d < vector.length; d += 1) vector[d] /= norm;
}
