// Messages between the encoder worker and its client. The worker runs as a Node child process, or
// as an Electron utility process in the desktop app; both carry these objects by structured clone,
// so Float32Arrays cross without JSON.

import type { ErrorParams } from '../../shared/errors';
import type { EmbedTimings, TextRole } from './embedder';
import type { ChunkPooling, ModelVariant } from './folder';
import type { SessionInfo, SessionSettings } from './session';

export interface ModelRef {
  dir: string;
  variant?: ModelVariant;
  /** Repository id or folder name, used for prompt defaults. */
  nameHint?: string;
}

export interface WorkerEmbedOptions {
  role?: TextRole;
  chunkPooling?: ChunkPooling;
  maxChunks?: number;
  maxLength?: number;
  batchSize?: number;
}

export type ToWorker =
  | { type: 'embed'; id: number; model: ModelRef; session: SessionSettings; texts: string[]; options: WorkerEmbedOptions }
  | { type: 'info'; id: number; model: ModelRef; session: SessionSettings }
  | { type: 'cancel'; id: number }
  | { type: 'dispose'; id: number };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'progress'; id: number; done: number }
  | { type: 'embedded'; id: number; vectors: Float32Array; dimension: number; info: SessionInfo; timings: EmbedTimings }
  | { type: 'info'; id: number; info: SessionInfo; dimension: number }
  | { type: 'disposed'; id: number }
  | { type: 'error'; id: number; code: string | null; message: string; params: ErrorParams };
