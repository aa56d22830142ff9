// The training pipeline. It writes nothing to the database, so it can run in a worker. It
// cross-validates every candidate loss by thesis, which gives the quality figures and the
// out-of-fold probabilities of the label-error finder. Then it picks the loss with the best
// cross-validated macro-F1 and fits the final model on every labelled pair. Extractors are fitted
// inside each fold, so the IDF and priors of a fold never see its held-out theses.

import os from 'node:os';

import { AppError, throwIfAborted } from '../../shared/errors';
import { LEVELS, type Level } from '../../shared/levels';
import type { Db } from '../db/connection';
import type { ModelInputRow } from '../db/modelInputs';
import { qualityReport, type QualityReport } from './eval/metrics';
import { foldRows, groupHoldout, groupKFold } from './eval/splits';
import type { FeatureExtractor } from './features/extractor';
import { createExtractor, restoreExtractor, type ExtractorSpec, type StoredExtractor } from './features/registry';
import { DEFAULT_HEAD, predictHead, trainHead, type HeadHyperParameters, type HeadParameters } from './head/adapter';
import { DEFAULT_LOSS_SETTINGS, LOSSES, NUM_LEVELS, type LossKind, type LossSettings } from './head/losses';
import { MatrixEngine } from './head/matrix';

export interface TrainRequest {
  /** A loss, or 'auto' to pick the one with the best cross-validated macro-F1. */
  loss: LossKind | 'auto';
  seed: number;
  /** Cross-validation folds (≥ 2); 0 skips cross-validation, so the version has no quality figures. */
  folds: number;
  head: HeadHyperParameters;
  lossSettings: Omit<LossSettings, 'kind'>;
  extractors: ExtractorSpec[];
  /** ONNX Runtime threads per product, fixed so a seed repeats exactly; 0 picks defaultThreads(feature width). */
  threads: number;
  executionProviders?: string[];
  /** When false, stop after cross-validation (the evaluate command). */
  fitFinal: boolean;
}

/** Feature width from which products use more than one thread; encoder embeddings are wider. */
export const WIDE = 256;

/**
 * Returns the ONNX Runtime threads per product. Lexical-width products (47 columns, batches of up
 * to 2048 rows) ran about twice as fast on one thread as on two on a 2-core machine, because thread
 * start-up outweighs the work. Wide encoder features get the machine's parallelism, up to 8.
 */
export function defaultThreads(width = 0): number {
  return width >= WIDE ? Math.min(os.availableParallelism(), 8) : 1;
}

export const DEFAULT_TRAIN_REQUEST: TrainRequest = {
  loss: 'auto',
  seed: 42,
  folds: 5,
  head: DEFAULT_HEAD,
  lossSettings: DEFAULT_LOSS_SETTINGS,
  extractors: [{ kind: 'lexical', config: {} }],
  threads: 0,
  fitFinal: true,
};

/** Parameters column of a model version. */
export interface ModelParameters {
  extractors: StoredExtractor[];
  columns: string[];
  head: HeadParameters;
}

export interface LossFigures {
  macroF1: number;
  accuracy: number;
  f1: Record<Level, number>;
}

export interface TrainOutcome {
  chosenLoss: LossKind;
  parameters: ModelParameters | null;
  /**
   * Cross-validated figures, or null when folds is 0. With several candidate losses, each fold is
   * predicted with the loss that won on its own training holdout, so the choice does not flatter them.
   */
  crossValidation: QualityReport | null;
  /** Cross-validated figures of every loss tried, the final model's choice among them included. */
  losses: Partial<Record<LossKind, LossFigures>>;
  cvPredictions: { pairId: number; level: Level; fold: number; probs: [number, number, number] }[];
  labelCounts: Record<Level, number>;
  finalFit: { bestEpoch: number; epochsRun: number; validationMacroF1: number | null } | null;
}

export interface TrainProgress {
  /** Head trainings finished, out of total. */
  done: number;
  total: number;
  phase: 'features' | 'cross-validation' | 'final';
  epoch: number;
  loss: number;
  validationMacroF1: number | null;
}

export interface PipelineOptions {
  signal?: AbortSignal;
  onProgress?: (progress: TrainProgress) => void;
}

/** Runs every extractor over the rows into one row-major matrix. */
export async function extractFeatures(db: Db, extractors: FeatureExtractor[], rows: readonly ModelInputRow[], signal?: AbortSignal): Promise<{ features: Float32Array; width: number }> {
  const width = extractors.reduce((sum, e) => sum + e.width, 0);
  const features = new Float32Array(rows.length * width);
  let offset = 0;
  for (const extractor of extractors) {
    await extractor.transform(db, rows, features, offset, width, { signal });
    offset += extractor.width;
  }
  return { features, width };
}

function pick<T>(items: readonly T[], indices: Int32Array): T[] {
  return Array.from(indices, (i) => items[i]);
}

async function fitExtractors(db: Db, specs: ExtractorSpec[], rows: ModelInputRow[], signal?: AbortSignal): Promise<FeatureExtractor[]> {
  const extractors = specs.map(createExtractor);
  for (const extractor of extractors) {
    await extractor.fit(db, rows, rows.map((r) => r.label), { signal });
  }
  return extractors;
}

function countLabels(labels: Int32Array): Record<Level, number> {
  const counts = { BAIXA: 0, MEDIA: 0, ALTA: 0 } as Record<Level, number>;
  for (const label of labels) counts[LEVELS[label]] += 1;
  return counts;
}

function lossFigures(report: QualityReport): LossFigures {
  return {
    macroF1: report.macroF1,
    accuracy: report.accuracy,
    f1: { BAIXA: report.perLevel.BAIXA.f1, MEDIA: report.perLevel.MEDIA.f1, ALTA: report.perLevel.ALTA.f1 },
  };
}

/** Builds out-of-fold probabilities where each fold's rows come from the loss with that fold's best holdout macro-F1. */
export function selectPerFold(outOfFold: Map<LossKind, Float32Array>, holdoutF1: Map<LossKind, number[]>, candidates: readonly LossKind[], foldOf: Int32Array): Float32Array {
  const folds = holdoutF1.get(candidates[0])!.length;
  const winner: LossKind[] = [];
  for (let fold = 0; fold < folds; fold++) {
    let best = candidates[0];
    for (const loss of candidates) if (holdoutF1.get(loss)![fold] > holdoutF1.get(best)![fold] + 1e-12) best = loss;
    winner.push(best);
  }
  const selected = new Float32Array(foldOf.length * NUM_LEVELS);
  for (let i = 0; i < foldOf.length; i++) {
    const source = outOfFold.get(winner[foldOf[i]])!;
    selected.set(source.subarray(i * NUM_LEVELS, (i + 1) * NUM_LEVELS), i * NUM_LEVELS);
  }
  return selected;
}

/** Number of parts the early-stopping holdout is one of: about 12 % of the training theses. */
const HOLDOUT_PARTS = 8;

/**
 * Trains and cross-validates on labelled rows (sorted by thesis). Throws CancelledError when the
 * signal fires; nothing is written anywhere, so a cancelled run leaves no trace.
 */
export async function runTrainingPipeline(db: Db, rows: ModelInputRow[], request: TrainRequest, options: PipelineOptions = {}): Promise<TrainOutcome> {
  const labelled = rows.filter((r) => r.label >= 0);
  if (labelled.length < 10) {
    throw new AppError('model_too_few_labels', `Training needs at least 10 labelled pairs; found ${labelled.length}`, { found: labelled.length, needed: 10 });
  }
  const labels = Int32Array.from(labelled, (r) => r.label);
  const theses = Int32Array.from(labelled, (r) => r.thesisId);
  const present = new Set(labels).size;
  if (present < 2) {
    throw new AppError('model_one_level', 'Training needs labelled pairs of at least two levels', { found: present });
  }
  const candidates: LossKind[] = request.loss === 'auto' ? [...LOSSES] : [request.loss];
  const folds = request.folds >= 2 ? Math.min(request.folds, new Set(theses).size) : 0;
  const total = (folds >= 2 ? folds * candidates.length : 0) + (request.fitFinal ? 1 : 0);
  const threads = request.threads > 0 ? request.threads : defaultThreads(request.extractors.some((e) => e.kind !== 'lexical') ? WIDE : 0);
  const engine = await MatrixEngine.create({ threads, executionProviders: request.executionProviders });
  let done = 0;
  const report = (phase: TrainProgress['phase'], epoch = 0, loss = Number.NaN, validationMacroF1: number | null = null): void =>
    options.onProgress?.({ done, total, phase, epoch, loss, validationMacroF1 });

  try {
    const outOfFold = new Map<LossKind, Float32Array>(candidates.map((loss) => [loss, new Float32Array(labelled.length * NUM_LEVELS)]));
    const foldOf = folds >= 2 ? groupKFold(theses, labels, folds, request.seed) : new Int32Array(labelled.length);
    // Holdout macro-F1 of each loss in each fold. The holdout is cut from the fold's training
    // theses, so picking a loss by it never looks at the fold's test pairs.
    const holdoutF1 = new Map<LossKind, number[]>(candidates.map((loss) => [loss, new Array<number>(folds).fill(-Infinity)]));
    for (let fold = 0; fold < folds; fold++) {
      const { train, test } = foldRows(foldOf, fold);
      if (test.length === 0 || train.length === 0) continue;
      report('features');
      const extractors = await fitExtractors(db, request.extractors, pick(labelled, train), options.signal);
      const local = Int32Array.from([...train, ...test]);
      const { features, width } = await extractFeatures(db, extractors, pick(labelled, local), options.signal);
      const localLabels = Int32Array.from(local, (i) => labels[i]);
      const localTheses = Int32Array.from(local, (i) => theses[i]);
      const trainLocal = Int32Array.from(train, (_, i) => i);
      const { train: fitRows, holdout } = groupHoldout(trainLocal, localTheses, localLabels, HOLDOUT_PARTS, request.seed + fold);
      const testFeatures = features.subarray(train.length * width);
      for (const loss of candidates) {
        const result = await trainHead(
          { features, width, labels: localLabels, trainRows: fitRows, validationRows: holdout },
          {
            loss: { kind: loss, ...request.lossSettings },
            head: request.head,
            seed: request.seed,
            engine,
            signal: options.signal,
            onEpoch: (epoch) => report('cross-validation', epoch.epoch, epoch.loss, epoch.validationMacroF1),
          },
        );
        holdoutF1.get(loss)![fold] = result.validationMacroF1 ?? -Infinity;
        const probs = await predictHead(engine, result.parameters, testFeatures, test.length);
        const target = outOfFold.get(loss)!;
        for (let i = 0; i < test.length; i++) target.set(probs.subarray(i * NUM_LEVELS, (i + 1) * NUM_LEVELS), test[i] * NUM_LEVELS);
        done += 1;
        report('cross-validation');
      }
    }

    const losses: Partial<Record<LossKind, LossFigures>> = {};
    let chosenLoss = candidates[0];
    let crossValidation: QualityReport | null = null;
    let selectedProbs = outOfFold.get(chosenLoss)!;
    if (folds >= 2) {
      let best = -Infinity;
      for (const loss of candidates) {
        const quality = qualityReport(outOfFold.get(loss)!, labels);
        losses[loss] = lossFigures(quality);
        // The final model gets the loss with the best out-of-fold macro-F1. Ties go to the earlier
        // loss in LOSSES order, so the choice is stable.
        if (quality.macroF1 > best + 1e-12) {
          best = quality.macroF1;
          chosenLoss = loss;
        }
      }
      // The reported figures must not profit from that choice, which saw every fold's test pairs.
      // So each fold's test pairs are predicted with the loss that won on that fold's holdout.
      selectedProbs = candidates.length > 1 ? selectPerFold(outOfFold, holdoutF1, candidates, foldOf) : outOfFold.get(chosenLoss)!;
      crossValidation = qualityReport(selectedProbs, labels);
    }
    const cvPredictions =
      folds >= 2
        ? labelled.map((row, i) => ({
            pairId: row.pairId,
            level: LEVELS[labels[i]],
            fold: foldOf[i],
            probs: [selectedProbs[i * 3], selectedProbs[i * 3 + 1], selectedProbs[i * 3 + 2]] as [number, number, number],
          }))
        : [];

    let parameters: ModelParameters | null = null;
    let finalFit: TrainOutcome['finalFit'] = null;
    if (request.fitFinal) {
      throwIfAborted(options.signal, 'training');
      report('features');
      const extractors = await fitExtractors(db, request.extractors, labelled, options.signal);
      const { features, width } = await extractFeatures(db, extractors, labelled, options.signal);
      const all = Int32Array.from(labelled, (_, i) => i);
      const { train: fitRows, holdout } = groupHoldout(all, theses, labels, HOLDOUT_PARTS, request.seed);
      const result = await trainHead(
        { features, width, labels, trainRows: fitRows, validationRows: holdout },
        {
          loss: { kind: chosenLoss, ...request.lossSettings },
          head: request.head,
          seed: request.seed,
          engine,
          signal: options.signal,
          onEpoch: (epoch) => report('final', epoch.epoch, epoch.loss, epoch.validationMacroF1),
        },
      );
      done += 1;
      report('final');
      parameters = {
        extractors: extractors.map((e, i) => ({ ...request.extractors[i], state: e.state() })),
        columns: extractors.flatMap((e) => e.columns.map((c) => `${e.id}:${c}`)),
        head: result.parameters,
      };
      finalFit = { bestEpoch: result.bestEpoch, epochsRun: result.epochsRun, validationMacroF1: result.validationMacroF1 };
    }
    return { chosenLoss, parameters, crossValidation, losses, cvPredictions, labelCounts: countLabels(labels), finalFit };
  } finally {
    await engine.dispose();
  }
}

/** A stored model ready to predict: restored extractors and the head. */
export interface LoadedModel {
  extractors: FeatureExtractor[];
  head: HeadParameters;
}

export function loadModel(parameters: ModelParameters): LoadedModel {
  return { extractors: parameters.extractors.map(restoreExtractor), head: parameters.head };
}

/** Level probabilities (rows × 3) of the rows under a stored model. */
export async function predictRows(db: Db, model: LoadedModel, rows: readonly ModelInputRow[], engine: MatrixEngine, signal?: AbortSignal): Promise<Float32Array> {
  const { features } = await extractFeatures(db, model.extractors, rows, signal);
  return predictHead(engine, model.head, features, rows.length);
}
