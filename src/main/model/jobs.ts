// Model jobs and where they run. `runJob` does the work, with the same code in a worker thread and
// in process. `runModelJob` runs it in a worker thread for a database file. An in-memory database
// cannot be opened by a worker, so its jobs run in process. Prediction is the one job that writes:
// it stores its predictions itself, in one transaction.

import { CancelledError } from '../../shared/errors';
import { LEVELS, type Level } from '../../shared/levels';
import type { Db } from '../db/connection';
import { loadModelInputs, selectModelInputs } from '../db/modelInputs';
import { loadModelVersion } from '../db/modelVersions';
import { PredictionStage, type PredictionInput } from '../db/predictions';
import { runWorkerTask, type WorkerEntry, type WorkerMessage as ThreadMessage } from '../workerThread';
import { LexicalExtractor } from './features/lexical';
import { MatrixEngine } from './head/matrix';
import { startResourceMeter, type EnergySettings, type ResourceFigures } from './resources';
import { justify } from './review/justification';
import { compactQueue, type CompactQueue, type FullQueueRequest } from './review/order';
import { loadModel, predictRows, runTrainingPipeline, type ModelParameters, type TrainOutcome, type TrainRequest } from './train';

const MODEL_WORKER: WorkerEntry = { from: import.meta.url, source: './worker.ts', bundled: 'worker.js' };

export interface JobProgress {
  done: number;
  total: number;
  phase: string;
  epoch?: number;
  loss?: number;
  validationMacroF1?: number | null;
}

export type WorkerJob =
  | { task: 'train'; dbPath: string; request: TrainRequest; energy: EnergySettings }
  | { task: 'predict'; dbPath: string; versionId: number; pairIds?: number[]; threads: number; justify: boolean; energy: EnergySettings }
  | { task: 'queue'; dbPath: string; request: FullQueueRequest };

export interface TrainJobResult {
  outcome: TrainOutcome;
  resources: ResourceFigures;
}

export interface PredictJobResult {
  /** Pairs predicted and stored. */
  predicted: number;
  counts: Record<Level, number>;
  resources: ResourceFigures;
}

export type JobResult = TrainJobResult | PredictJobResult | CompactQueue;

export type WorkerMessage = ThreadMessage<JobProgress, JobResult>;

export interface JobOptions {
  signal?: AbortSignal;
  onProgress?: (progress: JobProgress) => void;
}

/** Pairs per prediction batch; a batch ends at a thesis boundary so relative features see whole theses. */
const PREDICT_BATCH = 4096;

/**
 * Predicts the pairs batch by batch and stages each batch's predictions on this job's own
 * connection, then stores them all in one transaction. Neither the write nor the transfer of
 * every prediction lands on the caller's thread, and memory does not grow with the corpus.
 */
async function runPredict(db: Db, job: Extract<WorkerJob, { task: 'predict' }>, options: JobOptions): Promise<PredictJobResult> {
  const meter = startResourceMeter();
  const version = loadModelVersion(db, job.versionId);
  const model = loadModel(version.parameters as ModelParameters);
  const lexical = model.extractors.find((e): e is LexicalExtractor => e instanceof LexicalExtractor) ?? null;
  const selected = selectModelInputs(db, { pairIds: job.pairIds });
  const engine = await MatrixEngine.create({ threads: job.threads });
  const stage = new PredictionStage(db);
  const counts: Record<Level, number> = { BAIXA: 0, MEDIA: 0, ALTA: 0 };
  let done = 0;
  try {
    for (const batch of selected.batches(PREDICT_BATCH)) {
      if (options.signal?.aborted) throw new CancelledError('prediction');
      const batchProbs = await predictRows(db, model, batch, engine, options.signal);
      const predictions: PredictionInput[] = batch.map((row, i) => {
        const probs: [number, number, number] = [batchProbs[i * 3], batchProbs[i * 3 + 1], batchProbs[i * 3 + 2]];
        const level = LEVELS[probs.indexOf(Math.max(...probs))];
        counts[level] += 1;
        return { pairId: row.pairId, level, probs, justification: job.justify && lexical ? justify(lexical, row) : null };
      });
      stage.add(predictions);
      done += batch.length;
      meter.sample();
      options.onProgress?.({ done, total: selected.total, phase: 'predict' });
    }
    // A cancel that reached this thread while it predicted is seen here, before anything is stored.
    await new Promise((resolve) => setImmediate(resolve));
    if (options.signal?.aborted) throw new CancelledError('prediction');
    const stored = stage.commit(job.versionId);
    return { predicted: stored, counts, resources: meter.finish(job.energy) };
  } finally {
    stage.dispose();
    await engine.dispose();
  }
}

async function runTrain(db: Db, job: Extract<WorkerJob, { task: 'train' }>, options: JobOptions): Promise<TrainJobResult> {
  const meter = startResourceMeter();
  const rows = loadModelInputs(db, { labelledOnly: true });
  const outcome = await runTrainingPipeline(db, rows, job.request, {
    signal: options.signal,
    onProgress: (progress) => {
      meter.sample();
      options.onProgress?.({ ...progress });
    },
  });
  return { outcome, resources: meter.finish(job.energy) };
}

export async function runJob(db: Db, job: WorkerJob, options: JobOptions = {}): Promise<JobResult> {
  switch (job.task) {
    case 'train':
      return runTrain(db, job, options);
    case 'predict':
      return runPredict(db, job, options);
    case 'queue':
      return compactQueue(db, job.request);
  }
}

const TASK_NAMES: Record<WorkerJob['task'], string> = { train: 'training', predict: 'prediction', queue: 'review queue' };

/** Runs a job off the event loop when the database is a file, in process for ':memory:'. */
export function runModelJob<T extends JobResult>(db: Db, job: WorkerJob, options: JobOptions = {}): Promise<T> {
  if (db.memory) return runJob(db, job, options) as Promise<T>;
  return runWorkerTask<JobProgress, T>(MODEL_WORKER, job, {
    signal: options.signal,
    onProgress: options.onProgress,
    taskName: TASK_NAMES[job.task],
  });
}
