// Worker-thread entry of the model jobs (train, evaluate, predict), which keeps them off the
// caller's event loop. It opens the database read-only by path, runs the job, and posts progress
// and one result. The caller does every write, in one transaction. A 'cancel' message aborts the
// job at the next epoch or batch.

import { openDatabase, type Db } from '../db/connection';
import { serveWorkerTask } from '../workerThread';
import type { JobProgress, JobResult, WorkerJob } from './jobs';
import { runJob } from './jobs';

let db: Db | null = null;
serveWorkerTask<WorkerJob, JobProgress, JobResult>(
  (job, context) => {
    db = openDatabase(job.dbPath, { readonly: true });
    return runJob(db, job, context);
  },
  () => db?.close(),
);
