// Corpus jobs and where they run. `runCorpusTask` imports a file or pairs the corpus with the same
// code in a worker thread and in process. `importFileInWorker` and `pairCorpusInWorker` run it in a
// worker thread for a database file, so the synchronous write transaction does not block the
// caller's event loop. An in-memory database cannot be opened by a worker, so its jobs run in process.

import path from 'node:path';

import { CancelledError, isAppError } from '../../shared/errors';
import type { JobEvent, ProgressListener } from '../../shared/progress';
import type { Db } from '../db/connection';
import type { PairingResult } from '../db/pairs';
import { runWorkerTask, type WorkerEntry } from '../workerThread';
import { importFile, pairCorpus, type ImportKind, type ImportOptions, type ImportResult, type PairCorpusOptions } from './service';

const CORPUS_WORKER: WorkerEntry = { from: import.meta.url, source: './worker.ts', bundled: 'corpus-worker.js' };

export type CorpusTask =
  | { task: 'import'; dbPath: string; file: string; kind?: ImportKind; pair?: boolean; maxNewPairs?: number }
  | { task: 'pairing'; dbPath: string; maxNewPairs?: number };

export type CorpusTaskResult = ImportResult | PairingResult;

export interface CorpusJobOptions {
  signal?: AbortSignal;
  onProgress?: ProgressListener;
  /**
   * Milliseconds the worker gets to stop on its own after an abort before it is terminated (5000
   * by default). A worker inside the write transaction cannot see the abort, so only termination
   * stops it, and SQLite rolls the open transaction back when the worker's connection closes.
   * NOTE: a termination that lands between the commit and the result message reports a
   * cancellation although the rows were written.
   */
  cancelGraceMs?: number;
}

/** Runs one corpus task on `db`, in the current thread. */
export function runCorpusTask(db: Db, task: CorpusTask, options: Pick<CorpusJobOptions, 'signal' | 'onProgress'>): Promise<CorpusTaskResult> {
  if (task.task === 'import') {
    const { kind, pair, maxNewPairs } = task;
    return importFile(db, task.file, { kind, pair, maxNewPairs, signal: options.signal, onProgress: options.onProgress });
  }
  return Promise.resolve(pairCorpus(db, { maxNewPairs: task.maxNewPairs, onProgress: options.onProgress }));
}

/**
 * Forwards a worker's job events unchanged and, when the worker was terminated before its 'end'
 * event, emits that 'end' itself so every started job still ends once.
 */
function forwardEvents(listener: ProgressListener | undefined): { onProgress: ProgressListener; endIfOpen: (error: unknown) => void } {
  let jobId: string | null = null;
  let ended = false;
  const onProgress: ProgressListener = (event: JobEvent) => {
    if (event.type === 'start') jobId = event.jobId;
    if (event.type === 'end') ended = true;
    listener?.(event);
  };
  const endIfOpen = (error: unknown): void => {
    if (jobId == null || ended) return;
    ended = true;
    const cancelled = error instanceof CancelledError;
    const detail = isAppError(error) ? { errorCode: error.code, errorMessage: error.message } : {};
    listener?.({ type: 'end', jobId, status: cancelled ? 'cancelled' : 'failed', ...detail });
  };
  return { onProgress, endIfOpen };
}

async function runInWorker<R extends CorpusTaskResult>(task: CorpusTask, options: CorpusJobOptions): Promise<R> {
  const events = forwardEvents(options.onProgress);
  try {
    return await runWorkerTask<JobEvent, R>(CORPUS_WORKER, task, {
      signal: options.signal,
      onProgress: events.onProgress,
      taskName: task.task,
      cancelGraceMs: options.cancelGraceMs,
    });
  } catch (error) {
    events.endIfOpen(error);
    throw error;
  }
}

/**
 * Imports a file like `importFile`, in a worker thread that opens its own connection to the
 * database file. Progress events, the ImportResult and AppErrors (code and params) arrive as
 * `importFile` gives them. Other connections, the caller's included, see the rows once the job
 * resolves, because the worker commits before it posts its result.
 */
export function importFileInWorker(db: Db, file: string, options: ImportOptions & CorpusJobOptions = {}): Promise<ImportResult> {
  if (db.memory) return importFile(db, file, options);
  // NOTE: while the worker holds the write lock, a write on the caller's connection waits up to
  // its busy_timeout (5 s, set in openDatabase) on the caller's thread, then fails with SQLITE_BUSY.
  const { kind, pair, maxNewPairs } = options;
  const task: CorpusTask = { task: 'import', dbPath: path.resolve(db.name), file, kind, pair, maxNewPairs };
  return runInWorker<ImportResult>(task, options);
}

/** Pairs the corpus like `pairCorpus`, in a worker thread for a database file. */
export function pairCorpusInWorker(db: Db, options: PairCorpusOptions & CorpusJobOptions = {}): Promise<PairingResult> {
  const { maxNewPairs } = options;
  if (db.memory) return Promise.resolve().then(() => pairCorpus(db, { maxNewPairs, onProgress: options.onProgress }));
  return runInWorker<PairingResult>({ task: 'pairing', dbPath: path.resolve(db.name), maxNewPairs }, options);
}
