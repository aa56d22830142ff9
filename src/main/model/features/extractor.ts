// The interface between feature extractors and the adapter head. The lexical extractor (no
// weights) and the encoder extractor (an ONNX text encoder) both implement it, so training,
// prediction and evaluation never know which extractors a model uses.

import type { Db } from '../../db/connection';

/** The text fields of a pair that extractors read, already joined from theses and themes. */
export interface PairText {
  pairId: number;
  thesisId: number;
  themeId: number;
  title: string;
  abstract: string | null;
  keywords: string | null;
  programme: string | null;
  researchLine: string | null;
  project: string | null;
  concentrationArea: string | null;
  grandeArea: string | null;
  area: string | null;
  themeName: string;
  /** Theme keywords, already parsed from the JSON column. */
  themeKeywords: string[];
  macroTheme: string | null;
  themeUf: string | null;
}

export interface ExtractOptions {
  signal?: AbortSignal;
  /** Called with the number of pairs done so far. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * A fitted extractor maps pairs to a fixed-width row of float features. `fit` learns whatever the
 * extractor learns from the training pairs (vocabulary, IDF, priors); `state` serialises that so a
 * model version can rebuild the same extractor for prediction.
 */
export interface FeatureExtractor {
  /** Stable id stored in the model version's configuration, such as 'lexical' or 'encoder:<model id>'. */
  readonly id: string;
  /** Number of columns this extractor writes; known after fit or restore. */
  readonly width: number;
  /** Human-readable column names, for justifications and debugging. */
  readonly columns: readonly string[];
  fit(db: Db, train: readonly PairText[], labels: readonly number[], options?: ExtractOptions): Promise<void>;
  /** Writes `pairs.length × width` features row-major into `out` starting at column `offset` of a row of `stride`. */
  transform(db: Db, pairs: readonly PairText[], out: Float32Array, offset: number, stride: number, options?: ExtractOptions): Promise<void>;
  /** JSON-serialisable state that `restore` accepts. */
  state(): unknown;
}

export interface ExtractorFactory {
  readonly kind: string;
  create(config: Record<string, unknown>): FeatureExtractor;
  restore(config: Record<string, unknown>, state: unknown): FeatureExtractor;
}
