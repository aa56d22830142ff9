// The caller's side of the encoder worker: starts the worker process on first use, matches replies
// to requests, forwards progress and cancellation, and survives a worker crash. When the process
// dies, every pending request fails with `encoder_worker_crashed`, the crash is logged and reported
// to `onCrash`, and the next request starts a fresh worker.

import { fork } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

import { AppError, CancelledError } from '../../shared/errors';
import { createLogger } from '../log';
import type { EmbedTimings } from './embedder';
import type { FromWorker, ModelRef, ToWorker, WorkerEmbedOptions } from './protocol';
import type { SessionInfo, SessionSettings } from './session';

const log = createLogger('encoders.worker');

/** A started worker process, whatever hosts it (child_process.fork or Electron's utilityProcess). */
export interface WorkerHandle {
  readonly pid: number | undefined;
  send(message: ToWorker): void;
  onMessage(listener: (message: FromWorker) => void): void;
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  kill(): void;
  /** Lets an idle worker not keep the caller's process alive (Node's ref/unref); optional. */
  setBusy?(busy: boolean): void;
}

export type SpawnWorker = () => WorkerHandle;

export interface CrashReport {
  code: number | null;
  signal: string | null;
  /** Requests that failed because of the crash. */
  failedRequests: number;
}

/**
 * Returns the worker entry next to this module: worker.ts under tsx or vitest, worker.js when built.
 * NOTE: a bundler must emit worker.js beside the bundle (or set ADERENCIA_ENCODER_WORKER); no build
 * configuration does that yet.
 */
export function workerEntryPath(): string {
  if (process.env.ADERENCIA_ENCODER_WORKER) return process.env.ADERENCIA_ENCODER_WORKER;
  const js = fileURLToPath(new URL('./worker.js', import.meta.url));
  if (fs.existsSync(js)) return js;
  return fileURLToPath(new URL('./worker.ts', import.meta.url));
}

/** Starts the worker as a Node child process; a .ts entry runs through tsx. */
export function forkWorker(entry: string = workerEntryPath()): WorkerHandle {
  const child = fork(entry, [], {
    serialization: 'advanced',
    execArgv: entry.endsWith('.ts') ? ['--import', 'tsx'] : [],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return {
    pid: child.pid,
    send: (message) => {
      child.send(message);
    },
    onMessage: (listener) => child.on('message', (message) => listener(message as FromWorker)),
    onExit: (listener) => child.on('exit', (code, signal) => listener(code, signal)),
    kill: () => {
      child.kill();
    },
    setBusy: (busy) => {
      const channel = child.channel as { ref(): void; unref(): void } | null | undefined;
      if (busy) {
        child.ref();
        channel?.ref();
      } else {
        child.unref();
        channel?.unref();
      }
    },
  };
}

interface Pending {
  resolve: (message: FromWorker) => void;
  reject: (error: Error) => void;
  onProgress?: (done: number) => void;
}

export interface EmbedResult {
  vectors: Float32Array[];
  dimension: number;
  info: SessionInfo;
  timings: EmbedTimings;
}

export class EncoderWorker {
  private handle: WorkerHandle | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Number of times a worker process died with requests or without being asked to stop. */
  crashes = 0;

  constructor(private readonly options: { spawn?: SpawnWorker; onCrash?: (report: CrashReport) => void } = {}) {}

  get pid(): number | undefined {
    return this.handle?.pid;
  }

  private start(): WorkerHandle {
    if (this.handle) return this.handle;
    const handle = (this.options.spawn ?? forkWorker)();
    handle.onMessage((message) => this.receive(message));
    handle.onExit((code, signal) => this.exited(handle, code, signal));
    handle.setBusy?.(false);
    this.handle = handle;
    log.info(`encoder worker started, pid ${handle.pid ?? 'unknown'}`);
    return handle;
  }

  private receive(message: FromWorker): void {
    if (message.type === 'ready') return;
    const pending = this.pending.get(message.id);
    if (!pending) return;
    if (message.type === 'progress') {
      pending.onProgress?.(message.done);
      return;
    }
    this.pending.delete(message.id);
    if (this.pending.size === 0) this.handle?.setBusy?.(false);
    if (message.type === 'error') {
      if (message.code === 'cancelled') pending.reject(new CancelledError('embedding'));
      else if (message.code) pending.reject(new AppError(message.code, message.message, message.params));
      else pending.reject(new Error(message.message));
      return;
    }
    pending.resolve(message);
  }

  private exited(handle: WorkerHandle, code: number | null, signal: string | null): void {
    if (this.handle !== handle) return;
    this.handle = null;
    const failed = [...this.pending.values()];
    this.pending.clear();
    if (failed.length === 0 && code === 0) return;
    this.crashes += 1;
    log.error(`encoder worker pid ${handle.pid ?? 'unknown'} exited (code ${code ?? 'none'}, signal ${signal ?? 'none'}) with ${failed.length} pending requests; the next request starts a new one`);
    this.options.onCrash?.({ code, signal, failedRequests: failed.length });
    for (const request of failed) {
      request.reject(new AppError('encoder_worker_crashed', `The encoder worker stopped unexpectedly (code ${code ?? 'none'}, signal ${signal ?? 'none'})`, {
        code: code ?? null,
        signal: signal ?? null,
      }));
    }
  }

  private request(build: (id: number) => ToWorker, onProgress?: (done: number) => void, signal?: AbortSignal): Promise<FromWorker> {
    if (signal?.aborted) return Promise.reject(new CancelledError('embedding'));
    const handle = this.start();
    const id = this.nextId;
    this.nextId += 1;
    return new Promise<FromWorker>((resolve, reject) => {
      const onAbort = () => handle.send({ type: 'cancel', id });
      signal?.addEventListener('abort', onAbort, { once: true });
      const cleanup = () => signal?.removeEventListener('abort', onAbort);
      this.pending.set(id, {
        resolve: (message) => {
          cleanup();
          resolve(message);
        },
        reject: (error) => {
          cleanup();
          reject(error);
        },
        onProgress,
      });
      handle.setBusy?.(true);
      handle.send(build(id));
    });
  }

  async embed(model: ModelRef, texts: string[], options: WorkerEmbedOptions & { session?: SessionSettings; signal?: AbortSignal; onProgress?: (done: number) => void } = {}): Promise<EmbedResult> {
    const { session = {}, signal, onProgress, ...embedOptions } = options;
    const reply = await this.request((id) => ({ type: 'embed', id, model, session, texts, options: embedOptions }), onProgress, signal);
    if (reply.type !== 'embedded') throw new Error(`unexpected worker reply ${reply.type}`);
    const vectors: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += 1) vectors.push(reply.vectors.slice(i * reply.dimension, (i + 1) * reply.dimension));
    return { vectors, dimension: reply.dimension, info: reply.info, timings: reply.timings };
  }

  async info(model: ModelRef, session: SessionSettings = {}): Promise<{ info: SessionInfo; dimension: number }> {
    const reply = await this.request((id) => ({ type: 'info', id, model, session }));
    if (reply.type !== 'info') throw new Error(`unexpected worker reply ${reply.type}`);
    return { info: reply.info, dimension: reply.dimension };
  }

  /** Releases the sessions and stops the worker process. */
  async close(): Promise<void> {
    const handle = this.handle;
    if (!handle) return;
    try {
      await Promise.race([this.request((id) => ({ type: 'dispose', id })), new Promise((resolve) => setTimeout(resolve, 2000))]);
    } catch {
      // The worker may already be gone; stopping it below is all that is left to do.
    }
    this.handle = null;
    handle.kill();
  }
}
