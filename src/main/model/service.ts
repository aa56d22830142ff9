// The adherence model's service functions, called by the command line and the desktop app:
// train (with progress and cancellation), evaluate, predict, versions and rollback, the review
// queue, likely label errors and justifications. Heavy work runs in a worker thread (jobs.ts). This
// module does every database write, each in one transaction, except the predictions, which the
// prediction job stores itself.

import { AppError, CancelledError } from '../../shared/errors';
import type { Level } from '../../shared/levels';
import { newJobId, ProgressReporter, type ProgressListener } from '../../shared/progress';
import type { Db } from '../db/connection';
import {
  activateModelVersion,
  activeModelVersion,
  insertModelVersion,
  listModelVersions,
  loadModelVersion,
  nextVersionName,
  type ModelVersionSummary,
} from '../db/modelVersions';
import { predictionFor } from '../db/predictions';
import { createLogger } from '../log';
import type { QualityReport } from './eval/metrics';
import { extractorKinds, type ExtractorSpec } from './features/registry';
import { DEFAULT_HEAD } from './head/adapter';
import { LOSSES, parseLoss, type LossKind } from './head/losses';
import { runModelJob, type JobProgress, type PredictJobResult, type TrainJobResult } from './jobs';
import { energySettings, type ResourceFigures } from './resources';
import type { LabelErrorReport } from './review/labelErrors';
import { labelErrorsOf, orderPredictions, requireVersion, type CompactQueue, type FullQueueRequest } from './review/order';
import { justify, type Justification } from './review/justification';
import { QUEUE_MODES, type QueueItem, type QueueMode } from './review/queue';
import { DEFAULT_TRAIN_REQUEST, defaultThreads, WIDE, loadModel, type LossFigures, type ModelParameters, type TrainRequest } from './train';
import { LexicalExtractor } from './features/lexical';
import { loadModelInputs } from '../db/modelInputs';

const log = createLogger('model');

export interface RunOptions {
  onProgress?: ProgressListener;
  signal?: AbortSignal;
}

export interface TrainOptions {
  /** A loss name or 'auto' (default): the loss with the best cross-validated macro-F1. */
  loss?: string;
  seed?: number;
  folds?: number;
  /** Hidden units of the head; 0 is a linear head. */
  hidden?: number;
  maxEpochs?: number;
  /** Encoder model id to add an encoder extractor; the 'encoder.active' setting when omitted. */
  encoder?: string | null;
  /** Make the new version the active one (default true). */
  activate?: boolean;
}

export interface TrainSummary {
  versionId: number;
  name: string;
  chosenLoss: LossKind;
  crossValidation: QualityReport | null;
  losses: Partial<Record<LossKind, LossFigures>>;
  labelCounts: Record<Level, number>;
  resources: ResourceFigures;
  active: boolean;
}

/** Default hidden units: a 16-unit layer beat the linear head on cross-validated macro-F1 on real labelled pairs. */
export const DEFAULT_HIDDEN = 16;

function invalidOption(field: string, reason: string): AppError {
  return new AppError('invalid_input', `Invalid ${field}: ${reason}`, { field, reason });
}

function checkInteger(value: number | undefined, field: string, min: number, max: number): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new AppError('model_integer_out_of_range', `Invalid ${field}: expected an integer from ${min} to ${max}, got ${value}`, { field, min, max, value });
  }
}

function readSetting(db: Db, key: string): unknown {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as unknown) : undefined;
}

/** Lists the extractors of a training: lexical always, plus the encoder when one is chosen and registered. */
function extractorSpecs(db: Db, encoder: string | null | undefined): ExtractorSpec[] {
  const specs: ExtractorSpec[] = [{ kind: 'lexical', config: {} }];
  const setting = readSetting(db, 'encoder.active');
  // The setting is a JSON string "ID" or "ID@quantized"; the encoder extractor parses both forms.
  let modelId = encoder;
  if (modelId === undefined) modelId = typeof setting === 'string' ? setting : null;
  if (modelId) {
    if (!extractorKinds().includes('encoder')) {
      throw new AppError('model_unknown_extractor', `Encoder "${modelId}" requested but no encoder extractor is registered`, {
        kind: 'encoder',
        known: extractorKinds().join(', '),
      });
    }
    specs.push({ kind: 'encoder', config: { modelId } });
  }
  return specs;
}

export function buildTrainRequest(db: Db, options: TrainOptions, fitFinal: boolean): TrainRequest {
  checkInteger(options.seed, 'seed', 0, 2 ** 31 - 1);
  checkInteger(options.hidden, 'hidden', 0, 1024);
  checkInteger(options.maxEpochs, 'maxEpochs', 1, 100_000);
  if (options.folds !== undefined && options.folds !== 0) checkInteger(options.folds, 'folds', 2, 50);
  if (!fitFinal && options.folds === 0) throw invalidOption('folds', 'evaluation needs at least 2 folds');
  const loss = options.loss === undefined || options.loss === 'auto' ? 'auto' : parseLoss(options.loss);
  return {
    ...DEFAULT_TRAIN_REQUEST,
    loss,
    seed: options.seed ?? DEFAULT_TRAIN_REQUEST.seed,
    folds: options.folds ?? DEFAULT_TRAIN_REQUEST.folds,
    head: { ...DEFAULT_HEAD, hidden: options.hidden ?? DEFAULT_HIDDEN, maxEpochs: options.maxEpochs ?? DEFAULT_HEAD.maxEpochs },
    extractors: extractorSpecs(db, options.encoder),
    fitFinal,
  };
}

/** Wraps a job's raw progress into the shared ProgressReporter events, with an ETA. */
function progressAdapter(kind: 'train' | 'evaluate' | 'predict', unit: string, listener: ProgressListener | undefined): { reporter: ProgressReporter; onProgress: (p: JobProgress) => void } {
  const reporter = new ProgressReporter(newJobId(kind), kind, unit, null, listener);
  const started = Date.now();
  const onProgress = (p: JobProgress): void => {
    reporter.setTotal(p.total);
    const elapsed = (Date.now() - started) / 1000;
    const metrics: Record<string, number> = {};
    if (p.epoch) metrics.epoch = p.epoch;
    if (p.loss !== undefined && Number.isFinite(p.loss)) metrics.loss = p.loss;
    if (p.validationMacroF1 != null) metrics.validationMacroF1 = p.validationMacroF1;
    const etaSeconds = p.done > 0 ? (elapsed * (p.total - p.done)) / p.done : undefined;
    if (etaSeconds !== undefined) metrics.etaSeconds = etaSeconds;
    reporter.update(p.done, { phase: p.phase, etaSeconds, metrics });
  };
  return { reporter, onProgress };
}

async function withReporter<T>(reporter: ProgressReporter, work: () => Promise<T>): Promise<T> {
  try {
    const result = await work();
    reporter.end('done');
    return result;
  } catch (error) {
    if (error instanceof CancelledError) reporter.end('cancelled');
    else reporter.end('failed', { code: error instanceof AppError ? error.code : 'internal', message: (error as Error).message });
    throw error;
  }
}

/** Trains a new model version on every labelled pair and (by default) activates it. */
export async function train(db: Db, options: TrainOptions = {}, run: RunOptions = {}): Promise<TrainSummary> {
  const request = buildTrainRequest(db, options, true);
  const { reporter, onProgress } = progressAdapter('train', 'models', run.onProgress);
  return withReporter(reporter, async () => {
    const { outcome, resources } = await runModelJob<TrainJobResult>(
      db,
      { task: 'train', dbPath: db.name, request, energy: energySettings(db) },
      { signal: run.signal, onProgress },
    );
    if (run.signal?.aborted) throw new CancelledError('training');
    const activate = options.activate ?? true;
    const encoder = request.extractors.find((e) => e.kind === 'encoder');
    const name = nextVersionName(db);
    const versionId = insertModelVersion(db, {
      name,
      config: { ...request, chosenLoss: outcome.chosenLoss },
      parameters: outcome.parameters,
      metrics: { crossValidation: outcome.crossValidation, losses: outcome.losses, finalFit: outcome.finalFit, folds: request.folds },
      resources: resources as unknown as Record<string, unknown>,
      labelCounts: outcome.labelCounts,
      encoderId: encoder ? String(encoder.config.modelId) : null,
      cvPredictions: outcome.cvPredictions,
      activate,
    });
    log.info(`trained model version ${name} (id ${versionId}) with loss ${outcome.chosenLoss}, cv macro-F1 ${outcome.crossValidation?.macroF1 ?? 'n/a'}`);
    return {
      versionId,
      name,
      chosenLoss: outcome.chosenLoss,
      crossValidation: outcome.crossValidation,
      losses: outcome.losses,
      labelCounts: outcome.labelCounts,
      resources,
      active: activate,
    };
  });
}

export interface EvaluationSummary {
  folds: number;
  chosenLoss: LossKind;
  crossValidation: QualityReport;
  losses: Partial<Record<LossKind, LossFigures>>;
  labelCounts: Record<Level, number>;
  resources: ResourceFigures;
  /** The active version whose configuration was evaluated, when there is one. */
  basedOn: string | null;
}

/**
 * Cross-validates the active version's configuration (or the defaults) on the current labels,
 * by thesis, and returns the figures without storing a version.
 */
export async function evaluate(db: Db, options: TrainOptions = {}, run: RunOptions = {}): Promise<EvaluationSummary> {
  const active = activeModelVersion(db);
  const config = (active?.config ?? {}) as Partial<TrainRequest> & { chosenLoss?: LossKind };
  const merged: TrainOptions = {
    loss: options.loss ?? config.chosenLoss ?? 'auto',
    seed: options.seed ?? config.seed,
    folds: options.folds ?? 5,
    hidden: options.hidden ?? config.head?.hidden,
    maxEpochs: options.maxEpochs ?? config.head?.maxEpochs,
    encoder: options.encoder,
  };
  const request = buildTrainRequest(db, merged, false);
  const { reporter, onProgress } = progressAdapter('evaluate', 'models', run.onProgress);
  return withReporter(reporter, async () => {
    const { outcome, resources } = await runModelJob<TrainJobResult>(
      db,
      { task: 'train', dbPath: db.name, request, energy: energySettings(db) },
      { signal: run.signal, onProgress },
    );
    return {
      folds: request.folds,
      chosenLoss: outcome.chosenLoss,
      crossValidation: outcome.crossValidation!,
      losses: outcome.losses,
      labelCounts: outcome.labelCounts,
      resources,
      basedOn: active?.name ?? null,
    };
  });
}

export interface PredictOptions {
  /** Version id or name; the active version by default. */
  version?: string | number;
  pairIds?: number[];
  /** Store a justification with each prediction (default true). */
  justify?: boolean;
}

export interface PredictSummary {
  versionId: number;
  name: string;
  predicted: number;
  counts: Record<Level, number>;
  resources: ResourceFigures;
}

/** Predicts every pair (or the given pairs) with a version and stores the predictions. */
export async function predict(db: Db, options: PredictOptions = {}, run: RunOptions = {}): Promise<PredictSummary> {
  const version = requireVersion(db, options.version);
  const { reporter, onProgress } = progressAdapter('predict', 'pairs', run.onProgress);
  return withReporter(reporter, async () => {
    const result = await runModelJob<PredictJobResult>(
      db,
      { task: 'predict', dbPath: db.name, versionId: version.id, pairIds: options.pairIds, threads: defaultThreads(version.encoderId ? WIDE : 0), justify: options.justify ?? true, energy: energySettings(db) },
      { signal: run.signal, onProgress },
    );
    // A result means the predictions are stored, so a cancel that came too late does not turn it into a failure.
    return { versionId: version.id, name: version.name, predicted: result.predicted, counts: result.counts, resources: result.resources };
  });
}

export function listVersions(db: Db): ModelVersionSummary[] {
  return listModelVersions(db);
}

/** Makes a version active; activating an older version is a rollback. Returns the version. */
export function activateVersion(db: Db, reference: string | number): ModelVersionSummary {
  const version = requireVersion(db, reference);
  activateModelVersion(db, version.id);
  log.info(`activated model version ${version.name} (id ${version.id})`);
  return { ...version, active: true };
}

export interface VersionComparison {
  a: ModelVersionSummary;
  b: ModelVersionSummary;
  /** b − a for each cross-validated figure both versions have. */
  delta: Record<string, number>;
}

function figuresOf(version: ModelVersionSummary): Record<string, number> {
  const cv = (version.metrics as { crossValidation?: QualityReport | null }).crossValidation;
  if (!cv) return {};
  return {
    accuracy: cv.accuracy,
    macroF1: cv.macroF1,
    weightedF1: cv.weightedF1,
    altaVsRestMacroF1: cv.altaVsRestMacroF1,
    calibrationError: cv.calibrationError,
    'f1.BAIXA': cv.perLevel.BAIXA.f1,
    'f1.MEDIA': cv.perLevel.MEDIA.f1,
    'f1.ALTA': cv.perLevel.ALTA.f1,
  };
}

export function compareVersions(db: Db, a: string | number, b: string | number): VersionComparison {
  const first = requireVersion(db, a);
  const second = requireVersion(db, b);
  const fa = figuresOf(first);
  const fb = figuresOf(second);
  const delta: Record<string, number> = {};
  for (const key of Object.keys(fa)) if (key in fb) delta[key] = fb[key] - fa[key];
  return { a: first, b: second, delta };
}

export interface SuspectOptions {
  version?: string | number;
  /** Smallest p(suggested) − p(given) reported. */
  minMargin?: number;
}

/** Likely label errors from the version's out-of-fold probabilities and the current labels. */
export function suspects(db: Db, options: SuspectOptions = {}): LabelErrorReport & { versionId: number; name: string } {
  const version = requireVersion(db, options.version);
  return { versionId: version.id, name: version.name, ...labelErrorsOf(db, version, options.minMargin) };
}

export interface QueueRequest {
  mode?: QueueMode;
  limit?: number;
  seed?: number;
  lastPairId?: number | null;
  uncertainty?: 'margin' | 'entropy';
}

/**
 * Orders the active version's predictions into the review queue of one mode. `unpredicted` counts
 * the unlabelled pairs left out because this version never predicted them.
 */
export function reviewQueue(db: Db, request: QueueRequest = {}): { versionId: number; name: string; mode: QueueMode; items: QueueItem[]; unpredicted: number } {
  const mode = checkQueueMode(request.mode ?? 'uncertain');
  checkInteger(request.limit, 'limit', 1, 1_000_000);
  const version = requireVersion(db, undefined);
  const { items, unpredicted } = orderPredictions(db, version, {
    mode,
    limit: request.limit ?? 50,
    seed: request.seed,
    lastPairId: request.lastPairId,
    uncertainty: request.uncertainty,
  });
  return { versionId: version.id, name: version.name, mode, items, unpredicted };
}

/**
 * Orders the active version's whole queue in the model worker, so a large corpus does not block
 * the caller's thread, and keeps the pairs the filter selects.
 */
export async function fullReviewQueue(db: Db, request: FullQueueRequest, run: Pick<RunOptions, 'signal'> = {}): Promise<CompactQueue> {
  checkQueueMode(request.mode);
  checkInteger(request.seed, 'seed', 0, 2 ** 31 - 1);
  return runModelJob<CompactQueue>(db, { task: 'queue', dbPath: db.name, request }, { signal: run.signal });
}

function checkQueueMode(mode: string): QueueMode {
  if (!QUEUE_MODES.includes(mode as QueueMode)) throw invalidOption('mode', `expected one of ${QUEUE_MODES.join(', ')}, got ${mode}`);
  return mode as QueueMode;
}

/** Returns the stored justification of a pair's prediction, or computes it with the version's lexical extractor. */
export function justification(db: Db, pairId: number, version?: string | number): Justification | null {
  const found = requireVersion(db, version);
  const stored = predictionFor(db, pairId, found.id);
  if (stored?.justification) return stored.justification as Justification;
  const rows = loadModelInputs(db, { pairIds: [pairId] });
  if (rows.length === 0) throw new AppError('model_pair_not_found', `Pair ${pairId} not found`, { pair: pairId });
  const model = loadModel(loadModelVersion(db, found.id).parameters as ModelParameters);
  const lexical = model.extractors.find((e): e is LexicalExtractor => e instanceof LexicalExtractor);
  return lexical ? justify(lexical, rows[0]) : null;
}

export { LOSSES, QUEUE_MODES };
