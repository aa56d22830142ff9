// Model jobs and where they run. `runJob` does the work, with the same code in a worker thread and
// in process. `runModelJob` runs it in a worker thread for a database file. An in-memory database
// cannot be opened by a worker, so its jobs run in process.

import { CancelledError } from '../../shared/errors';
import type { Db } from '../db/connection';
import { loadModelInputs, type ModelInputRow } from '../db/modelInputs';
import { loadModelVersion } from '../db/modelVersions';
import { runWorkerTask, type WorkerEntry, type WorkerMessage as ThreadMessage } from '../workerThread';
import { LexicalExtractor } from './features/lexical';
import { MatrixEngine } from './head/matrix';
import { startResourceMeter, type EnergySettings, type ResourceFigures } from './resources';
import { justify, type Justification } from './review/justification';
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
  | { task: 'predict'; dbPath: string; versionId: number; pairIds?: number[]; threads: number; justify: boolean; energy: EnergySettings };

export interface TrainJobResult {
  outcome: TrainOutcome;
  resources: ResourceFigures;
}

export interface PredictJobResult {
  pairIds: number[];
  /** Row-major probabilities, three per pair. */
  probs: number[];
  justifications: (Justification | null)[];
  resources: ResourceFigures;
}

export type JobResult = TrainJobResult | PredictJobResult;

export type WorkerMessage = ThreadMessage<JobProgress, JobResult>;

export interface JobOptions {
  signal?: AbortSignal;
  onProgress?: (progress: JobProgress) => void;
}

/** Pairs per prediction batch; a batch ends at a thesis boundary so relative features see whole theses. */
const PREDICT_BATCH = 4096;

function* thesisBatches(rows: ModelInputRow[]): Generator<ModelInputRow[]> {
  let start = 0;
  for (let i = 1; i <= rows.length; i++) {
    const boundary = i === rows.length || (i - start >= PREDICT_BATCH && rows[i].thesisId !== rows[i - 1].thesisId);
    if (boundary) {
      yield rows.slice(start, i);
      start = i;
    }
  }
}

async function runPredict(db: Db, job: Extract<WorkerJob, { task: 'predict' }>, options: JobOptions): Promise<PredictJobResult> {
  const meter = startResourceMeter();
  const version = loadModelVersion(db, job.versionId);
  const model = loadModel(version.parameters as ModelParameters);
  const lexical = model.extractors.find((e): e is LexicalExtractor => e instanceof LexicalExtractor) ?? null;
  const rows = loadModelInputs(db, { pairIds: job.pairIds });
  const engine = await MatrixEngine.create({ threads: job.threads });
  const pairIds: number[] = [];
  const probs: number[] = [];
  const justifications: (Justification | null)[] = [];
  try {
    for (const batch of thesisBatches(rows)) {
      if (options.signal?.aborted) throw new CancelledError('prediction');
      const batchProbs = await predictRows(db, model, batch, engine, options.signal);
      for (let i = 0; i < batch.length; i++) {
        pairIds.push(batch[i].pairId);
        probs.push(batchProbs[i * 3], batchProbs[i * 3 + 1], batchProbs[i * 3 + 2]);
        justifications.push(job.justify && lexical ? justify(lexical, batch[i]) : null);
      }
      meter.sample();
      options.onProgress?.({ done: pairIds.length, total: rows.length, phase: 'predict' });
    }
  } finally {
    await engine.dispose();
  }
  return { pairIds, probs, justifications, resources: meter.finish(job.energy) };
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

export function runJob(db: Db, job: WorkerJob, options: JobOptions = {}): Promise<JobResult> {
  return job.task === 'train' ? runTrain(db, job, options) : runPredict(db, job, options);
}

/** Runs a job off the event loop when the database is a file, in process for ':memory:'. */
export function runModelJob<T extends JobResult>(db: Db, job: WorkerJob, options: JobOptions = {}): Promise<T> {
  if (db.memory) return runJob(db, job, options) as Promise<T>;
  return runWorkerTask<JobProgress, T>(MODEL_WORKER, job, {
    signal: options.signal,
    onProgress: options.onProgress,
    taskName: job.task === 'train' ? 'training' : 'prediction',
  });
}
