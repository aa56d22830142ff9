// Runs one task in a `node:worker_threads` worker with progress, cancellation and errors that
// arrive in the caller as the same AppError. `runWorkerTask` is the caller's side and
// `serveWorkerTask` the worker entry's side. The model jobs and the corpus imports both use it.

import fs from 'node:fs';
import { parentPort, Worker, workerData } from 'node:worker_threads';

import { AppError, CancelledError, type ErrorParams } from '../shared/errors';
import { createLogger } from './log';

const log = createLogger('worker');

export interface WorkerError {
  name: string;
  code: string;
  message: string;
  params: ErrorParams;
}

export type WorkerMessage<P, R> = { type: 'progress'; progress: P } | { type: 'result'; result: R } | { type: 'error'; error: WorkerError };

/** Location of a worker entry, both as TypeScript source (under tsx or vitest) and as a bundle (in the Electron build). */
export interface WorkerEntry {
  /** `import.meta.url` of the module that starts the worker. */
  from: string;
  /** The entry's source file relative to `from`, used when `from` ends in `.ts`. */
  source: string;
  /** File name of the bundled entry, which the build writes to out/main next to the main bundle. */
  bundled: string;
}

export interface WorkerTaskOptions<P> {
  signal?: AbortSignal;
  onProgress?: (progress: P) => void;
  /** Task name for the CancelledError message and the logs ('import', 'training'). */
  taskName: string;
  /** Milliseconds a worker gets to stop on its own after 'cancel' before it is terminated. */
  cancelGraceMs?: number;
}

const CANCEL_GRACE_MS = 5000;

function startWorker(entry: WorkerEntry, data: unknown): Worker {
  if (entry.from.endsWith('.ts')) {
    // Under tsx or vitest the worker is TypeScript source: a worker does not inherit the parent's
    // loader hooks, so a tiny bootstrap registers tsx's ESM hooks before importing it.
    const tsx = import.meta.resolve('tsx/esm/api');
    const target = new URL(entry.source, entry.from).href;
    const bootstrap = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(target)}); });`;
    return new Worker(bootstrap, { eval: true, workerData: data });
  }
  return new Worker(bundledEntry(entry), { workerData: data });
}

/**
 * Finds the bundled entry in out/main. Rollup puts a module shared by the main bundle and a
 * worker entry into out/main/chunks, so the entry is either next to `from` or one folder up.
 */
function bundledEntry(entry: WorkerEntry): URL {
  const candidates = [new URL(`./${entry.bundled}`, entry.from), new URL(`../${entry.bundled}`, entry.from)];
  const found = candidates.find((url) => fs.existsSync(url));
  if (found) return found;
  // A missing entry is a packaging bug, because electron.vite.config.ts lists each worker entry.
  throw new Error(`worker entry ${entry.bundled} not found next to ${entry.from} or in its parent folder`);
}

/** Rebuilds the error a worker posted: CancelledError, AppError with its code and params, or a plain Error. */
export function errorFromWorker(error: WorkerError, taskName: string): Error {
  if (error.name === 'CancelledError' || error.code === 'cancelled') return new CancelledError(taskName);
  if (error.code === 'internal') return new Error(error.message);
  return new AppError(error.code, error.message, error.params);
}

/**
 * Starts `entry` in a worker thread with `data` as its workerData and resolves with its one result.
 * An abort posts 'cancel'. A worker that has not stopped `cancelGraceMs` later, such as one inside a
 * synchronous transaction, is terminated and the promise rejects with CancelledError.
 */
export function runWorkerTask<P, R>(entry: WorkerEntry, data: unknown, options: WorkerTaskOptions<P>): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    const worker = startWorker(entry, data);
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const finish = (action: () => void): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      if (killTimer) clearTimeout(killTimer);
      action();
      void worker.terminate();
    };
    const onAbort = (): void => {
      worker.postMessage({ type: 'cancel' });
      killTimer = setTimeout(() => finish(() => reject(new CancelledError(options.taskName))), options.cancelGraceMs ?? CANCEL_GRACE_MS);
    };
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });

    worker.on('message', (message: WorkerMessage<P, R>) => {
      if (message.type === 'progress') options.onProgress?.(message.progress);
      else if (message.type === 'result') finish(() => resolve(message.result));
      else finish(() => reject(errorFromWorker(message.error, options.taskName)));
    });
    worker.on('error', (error) => {
      log.error(`worker (${options.taskName}) failed: ${error.message}`);
      finish(() => reject(error));
    });
    worker.on('exit', (code) => {
      if (!settled) finish(() => reject(new Error(`worker (${options.taskName}) exited with code ${code} before its result`)));
    });
  });
}

function toWorkerError(error: unknown): WorkerError {
  const appError = error instanceof AppError ? error : null;
  return {
    name: error instanceof Error ? error.name : 'Error',
    code: appError?.code ?? 'internal',
    message: error instanceof Error ? error.message : String(error),
    params: appError?.params ?? {},
  };
}

/**
 * Runs the worker side of a task: calls `run` with the workerData, posts its progress and then one
 * result or error. A 'cancel' message aborts the signal passed to `run`. `cleanup` runs last.
 */
export function serveWorkerTask<D, P, R>(
  run: (data: D, context: { signal: AbortSignal; onProgress: (progress: P) => void }) => Promise<R>,
  cleanup?: () => void,
): void {
  const port = parentPort;
  if (!port) throw new Error('serveWorkerTask must run in a worker thread');

  const controller = new AbortController();
  port.on('message', (message: { type: string }) => {
    if (message.type === 'cancel') controller.abort();
  });

  const post = (message: WorkerMessage<P, R>): void => port.postMessage(message);
  Promise.resolve()
    .then(() => run(workerData as D, { signal: controller.signal, onProgress: (progress) => post({ type: 'progress', progress }) }))
    .then((result) => post({ type: 'result', result }))
    .catch((error: unknown) => post({ type: 'error', error: toWorkerError(error) }))
    .finally(() => cleanup?.());
}
