// Reads a text-encoder folder in the Hugging Face layout: config.json, tokenizer.json,
// tokenizer_config.json, the ONNX graph (onnx/model.onnx or model.onnx, or a quantised variant),
// the sentence-transformers pooling config and prompts when present. Every failure is an AppError
// that names the file or field; the message catalogue adds what to do.

import fs from 'node:fs';
import path from 'node:path';

import { AppError } from '../../shared/errors';

export type Pooling = 'mean' | 'cls';
export type ChunkPooling = 'mean' | 'max';
export type ModelVariant = 'default' | 'quantized';

/** Prompt prefixes for the two roles a text plays: a theme queries, a thesis is a passage. */
export interface Prompts {
  query: string;
  passage: string;
}

export interface ModelFolder {
  dir: string;
  onnxPath: string;
  variant: ModelVariant;
  hiddenSize: number;
  /** Maximum tokens per sequence, special tokens included. */
  maxLength: number;
  pooling: Pooling;
  prompts: Prompts;
  modelType: string;
  tokenizerJson: unknown;
  tokenizerConfig: Record<string, unknown>;
}

const DEFAULT_ONNX_FILES = ['onnx/model.onnx', 'model.onnx'];
const QUANTIZED_ONNX_FILES = ['onnx/model_quantized.onnx', 'onnx/model_int8.onnx', 'onnx/model_qint8_avx512_vnni.onnx', 'model_quantized.onnx'];

/** Chunks per text by default: eight 512-token chunks cover about 4,000 tokens, longer than most abstracts. */
export const DEFAULT_MAX_CHUNKS = 8;

/** Positional limit of most BERT-family checkpoints, used when neither config names one. */
const FALLBACK_MAX_LENGTH = 512;

/** Finds the ONNX file of a variant; 'quantized' falls back to nothing, so callers see the missing file. */
export function findOnnxFile(dir: string, variant: ModelVariant = 'default'): string | null {
  const candidates = variant === 'quantized' ? QUANTIZED_ONNX_FILES : DEFAULT_ONNX_FILES;
  for (const relative of candidates) {
    const file = path.join(dir, relative);
    if (fs.existsSync(file)) return file;
  }
  return null;
}

export function availableVariants(dir: string): ModelVariant[] {
  return (['default', 'quantized'] as const).filter((variant) => findOnnxFile(dir, variant) != null);
}

function readJson(dir: string, relative: string, required: boolean): Record<string, unknown> | null {
  const file = path.join(dir, relative);
  if (!fs.existsSync(file)) {
    if (!required) return null;
    throw new AppError('encoder_file_missing', `The model folder ${dir} has no ${relative}`, { dir, file: relative });
  }
  const size = fs.statSync(file).size;
  if (size === 0) throw new AppError('encoder_file_empty', `${file} is empty`, { dir, file: relative });
  try {
    const value = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a JSON object');
    return value as Record<string, unknown>;
  } catch (error) {
    throw new AppError('encoder_json_invalid', `${file} is not valid JSON: ${(error as Error).message}`, {
      dir,
      file: relative,
      reason: (error as Error).message,
    }, { cause: error });
  }
}

function positiveInteger(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;
}

function readPooling(dir: string): Pooling {
  const config = readJson(dir, '1_Pooling/config.json', false);
  if (!config) return 'mean';
  if (config.pooling_mode_cls_token === true) return 'cls';
  if (config.pooling_mode_mean_tokens === true) return 'mean';
  throw new AppError('encoder_pooling_unsupported', `1_Pooling/config.json in ${dir} asks for a pooling mode other than mean or CLS`, {
    dir,
    file: '1_Pooling/config.json',
  });
}

/**
 * Reads prompts from config_sentence_transformers.json; e5 checkpoints that lack the file get
 * their documented "query: " / "passage: " prefixes from the folder or repository name.
 */
function readPrompts(dir: string, nameHint: string): Prompts {
  const config = readJson(dir, 'config_sentence_transformers.json', false);
  const prompts = (config?.prompts ?? {}) as Record<string, unknown>;
  const query = typeof prompts.query === 'string' ? prompts.query : null;
  let passage: string | null = null;
  if (typeof prompts.passage === 'string') passage = prompts.passage;
  else if (typeof prompts.document === 'string') passage = prompts.document;
  if (query != null || passage != null) return { query: query ?? '', passage: passage ?? '' };
  if (/(^|[-_/])e5([-_]|$)/i.test(nameHint)) return { query: 'query: ', passage: 'passage: ' };
  return { query: '', passage: '' };
}

/**
 * Reads and checks the folder's files without loading the ONNX graph; validateModel() in
 * validate.ts does that. `nameHint` is the repository id or folder name, used for prompt defaults.
 */
export function readModelFolder(dir: string, options: { variant?: ModelVariant; nameHint?: string } = {}): ModelFolder {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new AppError('encoder_folder_not_found', `Model folder not found: ${dir}`, { dir });
  }
  const config = readJson(dir, 'config.json', true)!;
  const tokenizerJson = readJson(dir, 'tokenizer.json', true)!;
  const tokenizerConfig = readJson(dir, 'tokenizer_config.json', false) ?? {};

  const hiddenSize = positiveInteger(config.hidden_size) ?? positiveInteger(config.d_model) ?? positiveInteger(config.dim);
  if (hiddenSize == null) {
    throw new AppError('encoder_config_invalid', `config.json in ${dir} has no positive integer hidden_size`, {
      dir,
      file: 'config.json',
      field: 'hidden_size',
    });
  }

  const variant = options.variant ?? 'default';
  const onnxPath = findOnnxFile(dir, variant);
  if (!onnxPath) {
    throw new AppError('encoder_file_missing', `The model folder ${dir} has no ONNX file for the ${variant} variant`, {
      dir,
      file: (variant === 'quantized' ? QUANTIZED_ONNX_FILES : DEFAULT_ONNX_FILES).join(', '),
    });
  }
  if (fs.statSync(onnxPath).size === 0) {
    throw new AppError('encoder_file_empty', `${onnxPath} is empty`, { dir, file: path.relative(dir, onnxPath) });
  }

  // tokenizer_config's model_max_length is often a huge sentinel (1e30) when unset, so the
  // position table in config.json caps it. XLM-R style models reserve two positions for padding.
  const positions = positiveInteger(config.max_position_embeddings);
  let positionLimit = positions ?? FALLBACK_MAX_LENGTH;
  if (positions != null && config.model_type === 'xlm-roberta' && positions > 2) positionLimit = positions - 2;
  const declared = positiveInteger(tokenizerConfig.model_max_length);
  const maxLength = Math.min(declared ?? positionLimit, positionLimit);

  return {
    dir,
    onnxPath,
    variant,
    hiddenSize,
    maxLength,
    pooling: readPooling(dir),
    prompts: readPrompts(dir, options.nameHint ?? path.basename(dir)),
    modelType: typeof config.model_type === 'string' ? config.model_type : 'unknown',
    tokenizerJson,
    tokenizerConfig,
  };
}
