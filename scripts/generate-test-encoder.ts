// Writes deterministic BERT-style text encoders in the Hugging Face folder layout (config.json,
// tokenizer.json, tokenizer_config.json, onnx/model.onnx, optional 1_Pooling/config.json) with
// seeded random weights and standard ONNX operators, so tests and benchmarks run the same loading,
// tokenising and inference code that real models go through. The WordPiece vocabulary is BERTimbau's,
// read at generation time; the Unigram tokenizer (XLM-R / multilingual-e5 style) is derived from it.
//
// Usage: npx tsx scripts/generate-test-encoder.ts OUT_DIR [--size tiny|e5-small] [--tokenizer wordpiece|unigram]
//        [--pooling mean|cls|none] [--seed N] [--vocab PATH]

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import onnxProto from 'onnx-proto';

import { createRandom } from '../src/main/model/random';

const { onnx } = onnxProto;

/** The BERTimbau vocabulary in the shared data folder beside the checkout. */
export const DEFAULT_VOCAB_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared/data/models/bertimbau-base-vocab.txt');

export interface EncoderDimensions {
  hidden: number;
  layers: number;
  heads: number;
  intermediate: number;
  maxPositions: number;
}

export const SIZES: Record<'tiny' | 'e5-small', EncoderDimensions> = {
  tiny: { hidden: 32, layers: 2, heads: 4, intermediate: 64, maxPositions: 128 },
  // multilingual-e5-small: 12 layers, hidden 384, 12 heads, feed-forward 1536, 512 positions.
  'e5-small': { hidden: 384, layers: 12, heads: 12, intermediate: 1536, maxPositions: 512 },
};

export interface GenerateOptions {
  size?: keyof typeof SIZES;
  dimensions?: Partial<EncoderDimensions>;
  tokenizer?: 'wordpiece' | 'unigram';
  /** Writes a sentence-transformers 1_Pooling/config.json with this mode; 'none' leaves it out. */
  pooling?: 'mean' | 'cls' | 'none';
  seed?: number;
  vocabPath?: string;
  /** Writes config_sentence_transformers.json with e5's query/passage prompts. */
  prompts?: Record<string, string>;
  /** model_max_length in tokenizer_config.json; defaults to maxPositions. */
  maxLength?: number;
}

/** Every weight of a generated encoder, kept so the reference forward pass can recompute its output. */
export interface EncoderWeights {
  dims: EncoderDimensions;
  vocabSize: number;
  wordEmbeddings: Float32Array;
  positionEmbeddings: Float32Array;
  typeEmbeddings: Float32Array;
  embeddingNorm: { gamma: Float32Array; beta: Float32Array };
  layers: LayerWeights[];
}

export interface LayerWeights {
  q: Float32Array; qb: Float32Array;
  k: Float32Array; kb: Float32Array;
  v: Float32Array; vb: Float32Array;
  o: Float32Array; ob: Float32Array;
  norm1: { gamma: Float32Array; beta: Float32Array };
  ff1: Float32Array; ff1b: Float32Array;
  ff2: Float32Array; ff2b: Float32Array;
  norm2: { gamma: Float32Array; beta: Float32Array };
}

export interface GeneratedEncoder {
  dir: string;
  weights: EncoderWeights;
  padId: number;
}

const LAYER_NORM_EPSILON = 1e-12;

function randomTensor(random: () => number, size: number, scale: number): Float32Array {
  const out = new Float32Array(size);
  for (let i = 0; i < size; i += 1) out[i] = (random() * 2 - 1) * scale;
  return out;
}

function filled(size: number, value: number): Float32Array {
  return new Float32Array(size).fill(value);
}

function makeWeights(dims: EncoderDimensions, vocabSize: number, seed: number): EncoderWeights {
  const random = createRandom(seed);
  const h = dims.hidden;
  // A uniform scale of about sqrt(3/fan_in) keeps activations near unit variance through the layers.
  const scale = Math.sqrt(3 / h);
  const norm = () => ({ gamma: randomTensor(random, h, 0.1).map((x) => 1 + x), beta: randomTensor(random, h, 0.1) });
  const layers: LayerWeights[] = [];
  for (let l = 0; l < dims.layers; l += 1) {
    layers.push({
      q: randomTensor(random, h * h, scale), qb: randomTensor(random, h, 0.1),
      k: randomTensor(random, h * h, scale), kb: randomTensor(random, h, 0.1),
      v: randomTensor(random, h * h, scale), vb: randomTensor(random, h, 0.1),
      o: randomTensor(random, h * h, scale), ob: randomTensor(random, h, 0.1),
      norm1: norm(),
      ff1: randomTensor(random, h * dims.intermediate, scale), ff1b: randomTensor(random, dims.intermediate, 0.1),
      ff2: randomTensor(random, dims.intermediate * h, Math.sqrt(3 / dims.intermediate)), ff2b: randomTensor(random, h, 0.1),
      norm2: norm(),
    });
  }
  return {
    dims,
    vocabSize,
    wordEmbeddings: randomTensor(random, vocabSize * h, 1),
    positionEmbeddings: randomTensor(random, dims.maxPositions * h, 0.5),
    typeEmbeddings: randomTensor(random, 2 * h, 0.5),
    embeddingNorm: { gamma: filled(h, 1), beta: filled(h, 0) },
    layers,
  };
}

// ---------------------------------------------------------------------------------------------
// ONNX graph

class GraphBuilder {
  readonly nodes: onnxProto.onnx.INodeProto[] = [];
  readonly initializers: onnxProto.onnx.ITensorProto[] = [];
  private counter = 0;

  name(prefix: string): string {
    this.counter += 1;
    return `${prefix}_${this.counter}`;
  }

  floatInit(name: string, dims: number[], data: Float32Array): string {
    this.initializers.push({
      name,
      dims,
      dataType: onnx.TensorProto.DataType.FLOAT,
      rawData: new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)),
    });
    return name;
  }

  int64Init(name: string, values: number[]): string {
    const data = new BigInt64Array(values.map((v) => BigInt(v)));
    this.initializers.push({
      name,
      dims: [values.length],
      dataType: onnx.TensorProto.DataType.INT64,
      rawData: new Uint8Array(data.buffer),
    });
    return name;
  }

  scalarFloat(name: string, value: number): string {
    this.initializers.push({ name, dims: [], dataType: onnx.TensorProto.DataType.FLOAT, rawData: new Uint8Array(new Float32Array([value]).buffer) });
    return name;
  }

  scalarInt64(name: string, value: number): string {
    this.initializers.push({ name, dims: [], dataType: onnx.TensorProto.DataType.INT64, rawData: new Uint8Array(new BigInt64Array([BigInt(value)]).buffer) });
    return name;
  }

  op(opType: string, inputs: string[], attributes: onnxProto.onnx.IAttributeProto[] = [], output?: string): string {
    const out = output ?? this.name(opType);
    this.nodes.push({ opType, input: inputs, output: [out], name: this.name(`${opType}_node`), attribute: attributes });
    return out;
  }
}

function intAttr(name: string, value: number): onnxProto.onnx.IAttributeProto {
  return { name, type: onnx.AttributeProto.AttributeType.INT, i: value };
}

function intsAttr(name: string, values: number[]): onnxProto.onnx.IAttributeProto {
  return { name, type: onnx.AttributeProto.AttributeType.INTS, ints: values };
}

function floatAttr(name: string, value: number): onnxProto.onnx.IAttributeProto {
  return { name, type: onnx.AttributeProto.AttributeType.FLOAT, f: value };
}

function layerNorm(g: GraphBuilder, input: string, prefix: string, norm: { gamma: Float32Array; beta: Float32Array }, h: number): string {
  const gamma = g.floatInit(`${prefix}.gamma`, [h], norm.gamma);
  const beta = g.floatInit(`${prefix}.beta`, [h], norm.beta);
  return g.op('LayerNormalization', [input, gamma, beta], [intAttr('axis', -1), floatAttr('epsilon', LAYER_NORM_EPSILON)]);
}

function linear(g: GraphBuilder, input: string, prefix: string, w: Float32Array, b: Float32Array, inDim: number, outDim: number): string {
  const weight = g.floatInit(`${prefix}.weight`, [inDim, outDim], w);
  const bias = g.floatInit(`${prefix}.bias`, [outDim], b);
  return g.op('Add', [g.op('MatMul', [input, weight]), bias]);
}

function buildGraph(weights: EncoderWeights): Uint8Array {
  const { dims } = weights;
  const h = dims.hidden;
  const headDim = h / dims.heads;
  const g = new GraphBuilder();

  // Embeddings: word + position (0..S-1) + token type, then LayerNorm.
  const word = g.op('Gather', [g.floatInit('embeddings.word', [weights.vocabSize, h], weights.wordEmbeddings), 'input_ids']);
  const shape = g.op('Shape', ['input_ids']);
  const seqLen = g.op('Gather', [shape, g.scalarInt64('const.one_index', 1)], [intAttr('axis', 0)]);
  const positions = g.op('Range', [g.scalarInt64('const.zero', 0), seqLen, g.scalarInt64('const.one', 1)]);
  const position = g.op('Gather', [g.floatInit('embeddings.position', [dims.maxPositions, h], weights.positionEmbeddings), positions]);
  const type = g.op('Gather', [g.floatInit('embeddings.token_type', [2, h], weights.typeEmbeddings), 'token_type_ids']);
  let x = layerNorm(g, g.op('Add', [g.op('Add', [word, position]), type]), 'embeddings.norm', weights.embeddingNorm, h);

  // Additive mask: 0 where attention_mask is 1, -10000 where it is 0, shaped [B, 1, 1, S].
  const maskFloat = g.op('Cast', ['attention_mask'], [intAttr('to', onnx.TensorProto.DataType.FLOAT)]);
  const inverted = g.op('Sub', [g.scalarFloat('const.one_float', 1), maskFloat]);
  const additive = g.op('Mul', [inverted, g.scalarFloat('const.mask_value', -10000)]);
  const mask = g.op('Unsqueeze', [additive, g.int64Init('const.mask_axes', [1, 2])]);

  const headShape = g.int64Init('const.head_shape', [0, 0, dims.heads, headDim]);
  const mergedShape = g.int64Init('const.merged_shape', [0, 0, h]);
  const scale = g.scalarFloat('const.attention_scale', 1 / Math.sqrt(headDim));
  const sqrtHalf = g.scalarFloat('const.sqrt_half', Math.SQRT1_2);
  const half = g.scalarFloat('const.half', 0.5);
  const oneFloat = 'const.one_float';

  weights.layers.forEach((layer, l) => {
    const p = `layer.${l}`;
    const split = (name: string, w: Float32Array, b: Float32Array, perm: number[]) =>
      g.op('Transpose', [g.op('Reshape', [linear(g, x, `${p}.${name}`, w, b, h, h), headShape])], [intsAttr('perm', perm)]);
    const q = split('query', layer.q, layer.qb, [0, 2, 1, 3]);
    const k = split('key', layer.k, layer.kb, [0, 2, 3, 1]);
    const v = split('value', layer.v, layer.vb, [0, 2, 1, 3]);
    const scores = g.op('Add', [g.op('Mul', [g.op('MatMul', [q, k]), scale]), mask]);
    const probs = g.op('Softmax', [scores], [intAttr('axis', -1)]);
    const context = g.op('Reshape', [g.op('Transpose', [g.op('MatMul', [probs, v])], [intsAttr('perm', [0, 2, 1, 3])]), mergedShape]);
    const attended = linear(g, context, `${p}.attention_output`, layer.o, layer.ob, h, h);
    x = layerNorm(g, g.op('Add', [attended, x]), `${p}.attention_norm`, layer.norm1, h);

    // GELU as BERT defines it: 0.5 · x · (1 + erf(x / √2)).
    const inner = linear(g, x, `${p}.intermediate`, layer.ff1, layer.ff1b, h, dims.intermediate);
    const erf = g.op('Erf', [g.op('Mul', [inner, sqrtHalf])]);
    const gelu = g.op('Mul', [g.op('Mul', [inner, half]), g.op('Add', [erf, oneFloat])]);
    const out = linear(g, gelu, `${p}.output`, layer.ff2, layer.ff2b, dims.intermediate, h);
    const isLast = l === weights.layers.length - 1;
    x = g.op('LayerNormalization', [g.op('Add', [out, x]), g.floatInit(`${p}.output_norm.gamma`, [h], layer.norm2.gamma), g.floatInit(`${p}.output_norm.beta`, [h], layer.norm2.beta)],
      [intAttr('axis', -1), floatAttr('epsilon', LAYER_NORM_EPSILON)], isLast ? 'last_hidden_state' : undefined);
  });

  const int64Input = (name: string): onnxProto.onnx.IValueInfoProto => ({
    name,
    type: { tensorType: { elemType: onnx.TensorProto.DataType.INT64, shape: { dim: [{ dimParam: 'batch_size' }, { dimParam: 'sequence_length' }] } } },
  });
  const model: onnxProto.onnx.IModelProto = {
    irVersion: 8,
    producerName: 'aderencia-generate-test-encoder',
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'bert_encoder',
      node: g.nodes,
      initializer: g.initializers,
      input: [int64Input('input_ids'), int64Input('attention_mask'), int64Input('token_type_ids')],
      output: [{
        name: 'last_hidden_state',
        type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: [{ dimParam: 'batch_size' }, { dimParam: 'sequence_length' }, { dimValue: h }] } } },
      }],
    },
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}

// ---------------------------------------------------------------------------------------------
// Tokenizers

function readVocab(vocabPath: string): string[] {
  return fs.readFileSync(vocabPath, 'utf8').split(/\r?\n/).filter((line, i, all) => line.length > 0 || i < all.length - 1);
}

function addedToken(id: number, content: string) {
  return { id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true };
}

function wordPieceTokenizer(vocab: string[]): { tokenizer: unknown; config: unknown; padId: number } {
  const ids: Record<string, number> = {};
  vocab.forEach((token, i) => {
    ids[token] ??= i;
  });
  const special = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
  for (const token of special) {
    if (ids[token] === undefined) throw new Error(`The vocabulary has no ${token} token`);
  }
  const specialEntry = (token: string) => ({ id: token, ids: [ids[token]], tokens: [token] });
  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: special.map((token) => addedToken(ids[token], token)),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: false },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } }, { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: { '[CLS]': specialEntry('[CLS]'), '[SEP]': specialEntry('[SEP]') },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: ids },
  };
  const config = {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: false,
    cls_token: '[CLS]', sep_token: '[SEP]', pad_token: '[PAD]', unk_token: '[UNK]', mask_token: '[MASK]',
  };
  return { tokenizer, config, padId: ids['[PAD]'] };
}

/**
 * Builds an XLM-R style SentencePiece Unigram tokenizer from the WordPiece vocabulary: word-initial
 * pieces get the ▁ marker, continuation pieces lose their ## prefix, and each piece scores by its
 * rank so frequent (early) pieces win, as log-probabilities would in a trained model.
 */
function unigramTokenizer(vocab: string[]): { tokenizer: unknown; config: unknown; padId: number } {
  const special = ['<s>', '<pad>', '</s>', '<unk>'];
  const pieces = new Map<string, number>();
  vocab.forEach((token, rank) => {
    if (/^\[.*\]$/.test(token)) return;
    const piece = token.startsWith('##') ? token.slice(2) : `▁${token}`;
    if (piece.length === 0 || pieces.has(piece)) return;
    pieces.set(piece, -Math.log(rank + 2));
  });
  // Single characters (and the bare marker) keep every input encodable without <unk>.
  pieces.set('▁', pieces.get('▁') ?? -12);
  const entries: [string, number][] = [...special.map((token) => [token, 0] as [string, number]), ...pieces.entries()];
  const ids = (token: string) => special.indexOf(token);
  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: special.map((token) => addedToken(ids(token), token)),
    normalizer: { type: 'Sequence', normalizers: [{ type: 'NFKC' }, { type: 'Replace', pattern: { Regex: ' {2,}' }, content: ' ' }] },
    pre_tokenizer: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '<s>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '</s>', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '<s>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '</s>', type_id: 0 } },
        { SpecialToken: { id: '</s>', type_id: 0 } }, { Sequence: { id: 'B', type_id: 0 } }, { SpecialToken: { id: '</s>', type_id: 0 } },
      ],
      special_tokens: {
        '<s>': { id: '<s>', ids: [0], tokens: ['<s>'] },
        '</s>': { id: '</s>', ids: [2], tokens: ['</s>'] },
      },
    },
    decoder: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true },
    model: { type: 'Unigram', unk_id: 3, vocab: entries, byte_fallback: false },
  };
  const config = {
    tokenizer_class: 'XLMRobertaTokenizer',
    bos_token: '<s>', eos_token: '</s>', sep_token: '</s>', cls_token: '<s>', pad_token: '<pad>', unk_token: '<unk>', mask_token: '<mask>',
  };
  return { tokenizer, config, padId: 1 };
}

// ---------------------------------------------------------------------------------------------

function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Writes one encoder folder and returns its weights for the reference forward pass. */
export function generateEncoder(dir: string, options: GenerateOptions = {}): GeneratedEncoder {
  const dims: EncoderDimensions = { ...SIZES[options.size ?? 'tiny'], ...options.dimensions };
  if (dims.hidden % dims.heads !== 0) throw new Error(`hidden ${dims.hidden} is not a multiple of heads ${dims.heads}`);
  const vocab = readVocab(options.vocabPath ?? DEFAULT_VOCAB_PATH);
  const kind = options.tokenizer ?? 'wordpiece';
  const built = kind === 'wordpiece' ? wordPieceTokenizer(vocab) : unigramTokenizer(vocab);
  const tokenizerJson = built.tokenizer as { model: { vocab: unknown } };
  const vocabSize = Array.isArray(tokenizerJson.model.vocab)
    ? tokenizerJson.model.vocab.length
    : Math.max(...Object.values(tokenizerJson.model.vocab as Record<string, number>)) + 1;

  const weights = makeWeights(dims, vocabSize, options.seed ?? 42);
  fs.mkdirSync(path.join(dir, 'onnx'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'onnx', 'model.onnx'), buildGraph(weights));
  writeJson(path.join(dir, 'tokenizer.json'), built.tokenizer);
  writeJson(path.join(dir, 'tokenizer_config.json'), {
    ...(built.config as object),
    model_max_length: options.maxLength ?? dims.maxPositions,
  });
  writeJson(path.join(dir, 'config.json'), {
    architectures: [kind === 'wordpiece' ? 'BertModel' : 'XLMRobertaModel'],
    model_type: kind === 'wordpiece' ? 'bert' : 'xlm-roberta',
    hidden_size: dims.hidden,
    num_hidden_layers: dims.layers,
    num_attention_heads: dims.heads,
    intermediate_size: dims.intermediate,
    max_position_embeddings: dims.maxPositions,
    type_vocab_size: 2,
    vocab_size: vocabSize,
    hidden_act: 'gelu',
    layer_norm_eps: LAYER_NORM_EPSILON,
    pad_token_id: built.padId,
  });
  const pooling = options.pooling ?? 'mean';
  if (pooling !== 'none') {
    writeJson(path.join(dir, '1_Pooling', 'config.json'), {
      word_embedding_dimension: dims.hidden,
      pooling_mode_cls_token: pooling === 'cls',
      pooling_mode_mean_tokens: pooling === 'mean',
      pooling_mode_max_tokens: false,
      pooling_mode_mean_sqrt_len_tokens: false,
    });
  }
  if (options.prompts) writeJson(path.join(dir, 'config_sentence_transformers.json'), { prompts: options.prompts, default_prompt_name: null });
  return { dir, weights, padId: built.padId };
}

// ---------------------------------------------------------------------------------------------
// Reference forward pass in plain TypeScript (float64 accumulation), for checking ORT's output.

function layerNormRow(row: Float64Array, gamma: Float32Array, beta: Float32Array): Float64Array {
  let mean = 0;
  for (const v of row) mean += v;
  mean /= row.length;
  let variance = 0;
  for (const v of row) variance += (v - mean) ** 2;
  variance /= row.length;
  const inv = 1 / Math.sqrt(variance + LAYER_NORM_EPSILON);
  return row.map((v, i) => (v - mean) * inv * gamma[i] + beta[i]);
}

function matVec(x: Float64Array, w: Float32Array, b: Float32Array, inDim: number, outDim: number): Float64Array {
  const out = new Float64Array(outDim);
  for (let j = 0; j < outDim; j += 1) out[j] = b[j];
  for (let i = 0; i < inDim; i += 1) {
    const xi = x[i];
    for (let j = 0; j < outDim; j += 1) out[j] += xi * w[i * outDim + j];
  }
  return out;
}

/** Abramowitz–Stegun 7.1.26 is too coarse for 1e-5, so erf uses its series / continued fraction. */
function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  if (a < 3) {
    // Maclaurin series converges quickly here.
    let sum = 0;
    let term = a;
    for (let n = 0; n < 80; n += 1) {
      sum += term / (2 * n + 1);
      term *= (-a * a) / (n + 1);
    }
    return sign * (2 / Math.sqrt(Math.PI)) * sum;
  }
  // Continued fraction for erfc, evaluated bottom-up.
  let fraction = 0;
  for (let n = 60; n >= 1; n -= 1) fraction = (n / 2) / (a + fraction);
  const erfc = Math.exp(-a * a) / Math.sqrt(Math.PI) / (a + fraction);
  return sign * (1 - erfc);
}

/** Computes last_hidden_state for one sequence: returns [seqLen × hidden] row-major. */
export function referenceForward(weights: EncoderWeights, inputIds: number[], attentionMask: number[], tokenTypeIds?: number[]): Float64Array {
  const { hidden: h, heads, intermediate } = weights.dims;
  const headDim = h / heads;
  const n = inputIds.length;
  let x: Float64Array[] = inputIds.map((id, t) => {
    const row = new Float64Array(h);
    const type = tokenTypeIds?.[t] ?? 0;
    for (let i = 0; i < h; i += 1) {
      row[i] = weights.wordEmbeddings[id * h + i] + weights.positionEmbeddings[t * h + i] + weights.typeEmbeddings[type * h + i];
    }
    return layerNormRow(row, weights.embeddingNorm.gamma, weights.embeddingNorm.beta);
  });
  for (const layer of weights.layers) {
    const q = x.map((row) => matVec(row, layer.q, layer.qb, h, h));
    const k = x.map((row) => matVec(row, layer.k, layer.kb, h, h));
    const v = x.map((row) => matVec(row, layer.v, layer.vb, h, h));
    const context = x.map(() => new Float64Array(h));
    for (let head = 0; head < heads; head += 1) {
      const off = head * headDim;
      for (let i = 0; i < n; i += 1) {
        const scores = new Float64Array(n);
        for (let j = 0; j < n; j += 1) {
          let dot = 0;
          for (let d = 0; d < headDim; d += 1) dot += q[i][off + d] * k[j][off + d];
          scores[j] = dot / Math.sqrt(headDim) + (1 - attentionMask[j]) * -10000;
        }
        const max = Math.max(...scores);
        let sum = 0;
        for (let j = 0; j < n; j += 1) {
          scores[j] = Math.exp(scores[j] - max);
          sum += scores[j];
        }
        for (let j = 0; j < n; j += 1) {
          const p = scores[j] / sum;
          for (let d = 0; d < headDim; d += 1) context[i][off + d] += p * v[j][off + d];
        }
      }
    }
    x = x.map((row, i) => {
      const attended = matVec(context[i], layer.o, layer.ob, h, h);
      const normed = layerNormRow(attended.map((value, d) => value + row[d]), layer.norm1.gamma, layer.norm1.beta);
      const inner = matVec(normed, layer.ff1, layer.ff1b, h, intermediate).map((z) => 0.5 * z * (1 + erf(z * Math.SQRT1_2)));
      const out = matVec(inner, layer.ff2, layer.ff2b, intermediate, h);
      return layerNormRow(out.map((value, d) => value + normed[d]), layer.norm2.gamma, layer.norm2.beta);
    });
  }
  const flat = new Float64Array(n * h);
  x.forEach((row, t) => flat.set(row, t * h));
  return flat;
}

function parseArgs(argv: string[]): { out: string; options: GenerateOptions } {
  const [out, ...rest] = argv;
  if (!out) throw new Error('usage: generate-test-encoder OUT_DIR [--size tiny|e5-small] [--tokenizer wordpiece|unigram] [--pooling mean|cls|none] [--seed N] [--vocab PATH]');
  const options: GenerateOptions = {};
  for (let i = 0; i < rest.length; i += 2) {
    const value = rest[i + 1];
    switch (rest[i]) {
      case '--size': options.size = value as GenerateOptions['size']; break;
      case '--tokenizer': options.tokenizer = value as GenerateOptions['tokenizer']; break;
      case '--pooling': options.pooling = value as GenerateOptions['pooling']; break;
      case '--seed': options.seed = Number(value); break;
      case '--vocab': options.vocabPath = value; break;
      default: throw new Error(`unknown option ${rest[i]}`);
    }
  }
  return { out, options };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { out, options } = parseArgs(process.argv.slice(2));
  generateEncoder(out, options);
  process.stdout.write(`wrote ${out}\n`);
}
