// Worker-thread entry of the model jobs (train, evaluate, predict), which keeps them off the
// caller's event loop. It opens the database read-only by path, runs the job, and posts progress
// and one result. The caller does every write, in one transaction. A 'cancel' message aborts the
// job at the next epoch or batch.

import { parentPort, workerData } from 'node:worker_threads';

import { AppError } from '../../shared/errors';
import { openDatabase } from '../db/connection';
import type { WorkerJob, WorkerMessage } from './jobs';
import { runJob } from './jobs';

const port = parentPort;
if (!port) throw new Error('worker.ts must run in a worker thread');

const controller = new AbortController();
port.on('message', (message: { type: string }) => {
  if (message.type === 'cancel') controller.abort();
});

const job = workerData as WorkerJob;
const post = (message: WorkerMessage): void => port.postMessage(message);
const db = openDatabase(job.dbPath, { readonly: true });
runJob(db, job, { signal: controller.signal, onProgress: (progress) => post({ type: 'progress', progress }) })
  .then((result) => post({ type: 'result', result }))
  .catch((error: unknown) => {
    const appError = error instanceof AppError ? error : null;
    post({
      type: 'error',
      error: {
        name: error instanceof Error ? error.name : 'Error',
        code: appError?.code ?? 'internal',
        message: error instanceof Error ? error.message : String(error),
        params: appError?.params ?? {},
      },
    });
  })
  .finally(() => db.close());
