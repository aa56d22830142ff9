// The encoder extractor: embeds the thesis (title + keywords + abstract, chunked) as a passage u
// and the theme (name + keywords) as a query v with an installed ONNX text encoder, and writes
// [u, v, u·v, |u − v|, cos(u, v)] per pair, as in sentence-pair classifiers. Vectors come from the
// embedding cache, so retraining never re-encodes a text; missing ones are encoded in the encoder
// worker process first.

import { isMainThread } from 'node:worker_threads';

import { AppError, throwIfAborted } from '../../../shared/errors';
import { openDatabase, type Db } from '../../db/connection';
import { findInstalled, parseModelRef } from '../../encoders/registry';
import { encoderWorker, getVectors, themeText, thesisText } from '../../encoders/service';
import { EncoderWorker } from '../../encoders/worker-client';
import type { ExtractOptions, ExtractorFactory, FeatureExtractor, PairText } from './extractor';

export interface EncoderExtractorState {
  modelId: string;
  dimension: number;
}

function columnNames(dimension: number): string[] {
  const names: string[] = [];
  for (const block of ['u', 'v', 'uv', 'absdiff']) for (let d = 0; d < dimension; d += 1) names.push(`${block}.${d}`);
  names.push('cos');
  return names;
}

function modelIdOf(config: Record<string, unknown>): string {
  const modelId = config.modelId;
  if (typeof modelId !== 'string' || modelId.length === 0) {
    throw new AppError('invalid_input', 'The encoder extractor needs a modelId', { field: 'modelId', reason: 'missing or not a string' });
  }
  return modelId;
}

export class EncoderExtractor implements FeatureExtractor {
  readonly id: string;
  readonly width: number;
  readonly columns: readonly string[];

  constructor(readonly modelId: string, readonly dimension: number) {
    this.id = `encoder:${modelId}`;
    this.width = 4 * dimension + 1;
    this.columns = columnNames(dimension);
  }

  /** Nothing to learn: fitting only fills the cache for the training pairs. */
  async fit(db: Db, train: readonly PairText[], _labels: readonly number[], options: ExtractOptions = {}): Promise<void> {
    await this.vectors(db, train, options);
  }

  async transform(db: Db, pairs: readonly PairText[], out: Float32Array, offset: number, stride: number, options: ExtractOptions = {}): Promise<void> {
    const { theses, themes } = await this.vectors(db, pairs, options);
    const d = this.dimension;
    pairs.forEach((pair, row) => {
      const u = theses.get(pair.thesisId)!;
      const v = themes.get(pair.themeId)!;
      const base = row * stride + offset;
      let dot = 0;
      for (let i = 0; i < d; i += 1) {
        out[base + i] = u[i];
        out[base + d + i] = v[i];
        out[base + 2 * d + i] = u[i] * v[i];
        out[base + 3 * d + i] = Math.abs(u[i] - v[i]);
        dot += u[i] * v[i];
      }
      // Both vectors are L2-normalised by the embedder, so the dot product is the cosine.
      out[base + 4 * d] = dot;
      if (row % 256 === 0) options.onProgress?.(row, pairs.length);
    });
    options.onProgress?.(pairs.length, pairs.length);
  }

  state(): EncoderExtractorState {
    return { modelId: this.modelId, dimension: this.dimension };
  }

  /** Thesis and theme vectors for the pairs, by id. */
  private async vectors(db: Db, pairs: readonly PairText[], options: ExtractOptions): Promise<{ theses: Map<number, Float32Array>; themes: Map<number, Float32Array> }> {
    throwIfAborted(options.signal, 'feature extraction');
    const thesisTexts = new Map<number, string>();
    const themeTexts = new Map<number, string>();
    for (const pair of pairs) {
      if (!thesisTexts.has(pair.thesisId)) thesisTexts.set(pair.thesisId, thesisText(pair));
      if (!themeTexts.has(pair.themeId)) themeTexts.set(pair.themeId, themeText({ name: pair.themeName, keywords: pair.themeKeywords }));
    }
    // Model training opens the database read-only in its worker thread; the cache needs a writer.
    const cacheDb = db.readonly ? openDatabase(db.name) : db;
    // A worker thread gets its own encoder process, stopped afterwards, so finished training
    // threads leave no process behind; the main thread shares one.
    const worker = isMainThread ? encoderWorker() : new EncoderWorker();
    try {
      const thesisVectors = await getVectors(cacheDb, { model: this.modelId, role: 'passage', texts: [...thesisTexts.values()] }, { signal: options.signal, worker });
      const themeVectors = await getVectors(cacheDb, { model: this.modelId, role: 'query', texts: [...themeTexts.values()] }, { signal: options.signal, worker });
      const theses = new Map<number, Float32Array>();
      [...thesisTexts.keys()].forEach((id, i) => theses.set(id, thesisVectors[i]));
      const themes = new Map<number, Float32Array>();
      [...themeTexts.keys()].forEach((id, i) => themes.set(id, themeVectors[i]));
      return { theses, themes };
    } finally {
      if (!isMainThread) await worker.close();
      if (cacheDb !== db) cacheDb.close();
    }
  }
}

export const encoderFactory: ExtractorFactory = {
  kind: 'encoder',
  create(config) {
    const modelId = modelIdOf(config);
    return new EncoderExtractor(modelId, findInstalled(parseModelRef(modelId).id).dimension);
  },
  restore(config, state) {
    const stored = state as Partial<EncoderExtractorState> | null;
    const modelId = modelIdOf(config);
    const dimension = typeof stored?.dimension === 'number' ? stored.dimension : findInstalled(parseModelRef(modelId).id).dimension;
    return new EncoderExtractor(modelId, dimension);
  },
};
