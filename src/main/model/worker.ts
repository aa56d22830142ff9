// Worker-thread entry of the model jobs (train, evaluate, predict, review queue), which keeps
// them off the caller's event loop. It opens the database by path, read-only except for a
// prediction, which stores its own predictions. It runs the job and posts progress and one result.
// A 'cancel' message aborts the job at the next epoch or batch. A worker inside its final write is
// terminated instead, and SQLite rolls that transaction back.

import { openDatabase, type Db } from '../db/connection';
import { serveWorkerTask } from '../workerThread';
import type { JobProgress, JobResult, WorkerJob } from './jobs';
import { runJob } from './jobs';

let db: Db | null = null;
serveWorkerTask<WorkerJob, JobProgress, JobResult>(
  (job, context) => {
    db = openDatabase(job.dbPath, { readonly: job.task !== 'predict' });
    return runJob(db, job, context);
  },
  () => db?.close(),
);
