// Worker-thread entry of the corpus jobs (import, pairing), which keeps their synchronous write
// transaction off the caller's event loop. It opens its own read-write connection to the database
// file. A 'cancel' message aborts an import while it reads. During the write only termination
// stops it, and SQLite then rolls the transaction back.

import { openDatabase, type Db } from '../db/connection';
import { configureLogging } from '../log';
import { serveWorkerTask } from '../workerThread';
import type { JobEvent } from '../../shared/progress';
import { runCorpusTask, type CorpusTask, type CorpusTaskResult } from './jobs';

// The caller reports the job's outcome in the user's language, so this thread logs to the file only.
// On the console its warnings would repeat that outcome in English on the command line's stderr.
configureLogging({ consoleLevel: false });

let db: Db | null = null;
serveWorkerTask<CorpusTask, JobEvent, CorpusTaskResult>(
  (task, context) => {
    db = openDatabase(task.dbPath);
    return runCorpusTask(db, task, context);
  },
  () => db?.close(),
);
