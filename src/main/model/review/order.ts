// Reads a version's predictions and orders them for review. The model service calls these for the
// command line, and the model worker calls them to build the desktop app's queue off the main
// process, so both share one ordering.

import { AppError } from '../../../shared/errors';
import { isEmptyFilter, type PairFilter } from '../../../shared/filters';
import { LEVELS } from '../../../shared/levels';
import type { Db } from '../../db/connection';
import { labelCounts } from '../../db/modelInputs';
import { activeModelVersion, cvPredictions, findModelVersion, type ModelVersionSummary } from '../../db/modelVersions';
import { iteratePairs } from '../../db/pairQuery';
import { countUnpredictedUnlabelled, currentLabels, predictionColumns, reviewCandidates } from '../../db/predictions';
import { findLabelErrors, type LabelErrorReport } from './labelErrors';
import { finishQueue, minorityLevelsOf, orderQueue, rankColumns, type PredictionColumns, type QueueItem, type QueueMode, type QueueOptions, type RankedRows } from './queue';

/** Finds a version by id or name, or the active version when `reference` is missing. */
export function requireVersion(db: Db, reference: string | number | undefined): ModelVersionSummary {
  if (reference === undefined || reference === null) {
    const active = activeModelVersion(db);
    if (!active) throw new AppError('model_no_active_version', 'No active model version; train one first', {});
    return active;
  }
  const found = findModelVersion(db, reference);
  if (!found) throw new AppError('model_version_not_found', `Model version ${reference} not found`, { version: String(reference) });
  return found;
}

/** Finds likely label errors from a version's out-of-fold probabilities and the current labels. */
export function labelErrorsOf(db: Db, version: ModelVersionSummary, minMargin?: number): LabelErrorReport {
  const cv = cvPredictions(db, version.id);
  if (cv.length === 0) {
    throw new AppError('model_no_cv_predictions', `Model version ${version.name} was trained without cross-validation`, { version: version.name });
  }
  const labels = currentLabels(db, cv.map((c) => c.pairId));
  const rows = cv.flatMap((c) => {
    const level = labels.get(c.pairId)?.level;
    return level ? [{ pairId: c.pairId, level, probs: c.probs }] : [];
  });
  return findLabelErrors(rows, { minMargin });
}

/** Queue length the desktop app keeps. The queue is built again when a curator gets through it. */
export const MAX_QUEUE = 200_000;

/**
 * Orders a version's predictions into the review queue of one mode. `unpredicted` counts the
 * unlabelled pairs left out because the version never predicted them.
 */
export function orderPredictions(db: Db, version: ModelVersionSummary, options: Omit<QueueOptions, 'minorityLevels'>): { items: QueueItem[]; unpredicted: number } {
  const unpredicted = countUnpredictedUnlabelled(db, version.id);
  if (options.mode === 'suspects') return { items: suspectItems(db, version, options), unpredicted };
  const ranked = rankPredictions(db, version, { ...options, limit: options.limit + 1 });
  const details = new Map(reviewCandidates(db, version.id, { pairIds: Array.from(ranked.rows, (row) => ranked.columns.pairIds[row]) }).map((c) => [c.pairId, c]));
  const items: QueueItem[] = [];
  ranked.rows.forEach((row, i) => {
    const candidate = details.get(ranked.columns.pairIds[row]);
    if (candidate) items.push({ pairId: candidate.pairId, thesisId: candidate.thesisId, themeId: candidate.themeId, predicted: candidate.predicted, probs: candidate.probs, level: candidate.level, score: ranked.scores[i] });
  });
  return { items: finishQueue(items, options), unpredicted };
}

/** Orders the labelled pairs whose label cross-validation contradicts, most contradicted first. */
function suspectItems(db: Db, version: ModelVersionSummary, options: Pick<QueueOptions, 'limit' | 'lastPairId'>): QueueItem[] {
  requirePredictions(db, version);
  const candidates = reviewCandidates(db, version.id, { labelledOnly: true });
  return orderQueue(candidates, { ...options, mode: 'suspects', minorityLevels: [] }, labelErrorsOf(db, version).suspects);
}

function requirePredictions(db: Db, version: ModelVersionSummary): void {
  const any = db.prepare('SELECT 1 FROM predictions WHERE model_version_id = ? LIMIT 1').get(version.id);
  if (!any) throw new AppError('model_no_predictions', `Model version ${version.name} has no predictions; run predict first`, { version: version.name });
}

/** Ranks the version's predictions for a score or random mode, reading them as columns. */
function rankPredictions(db: Db, version: ModelVersionSummary, options: Omit<QueueOptions, 'minorityLevels' | 'lastPairId'>, allowed?: ReadonlySet<number>): RankedRows & { columns: PredictionColumns } {
  requirePredictions(db, version);
  const columns = predictionColumns(db, version.id, { unlabelledOnly: options.mode !== 'random', allowed });
  return { ...rankColumns(columns, { ...options, minorityLevels: minorityLevelsOf(labelCounts(db)) }), columns };
}

export interface FullQueueRequest {
  mode: QueueMode;
  seed?: number;
  filter: PairFilter;
}

/** The first MAX_QUEUE pairs of the active version's queue in typed arrays, which cross a thread boundary as a few copies. */
export interface CompactQueue {
  pairIds: Int32Array;
  /** Index of the predicted level in LEVELS. */
  predicted: Uint8Array;
  /** Probability of the predicted level. */
  confidence: Float64Array;
  scores: Float64Array;
  /** Pairs in the whole queue, of which `pairIds` are the first. */
  total: number;
  /** Unlabelled pairs the version never predicted, over the whole corpus. */
  unpredicted: number;
}

/** Orders the predictions of the active version for review and keeps the pairs the filter selects. */
export function compactQueue(db: Db, request: FullQueueRequest): CompactQueue {
  const version = requireVersion(db, undefined);
  let allowed: Set<number> | undefined;
  if (!isEmptyFilter(request.filter)) {
    allowed = new Set<number>();
    // NOTE: reads every matching pair row to collect ids. That is quick for the filters the Review
    // screen uses (a state, a theme) but takes seconds for a filter that keeps most of a large corpus.
    for (const rows of iteratePairs(db, request.filter)) for (const row of rows) allowed.add(row.pairId);
  }
  const unpredicted = countUnpredictedUnlabelled(db, version.id);
  if (request.mode === 'suspects') {
    const items = suspectItems(db, version, { limit: MAX_QUEUE }).filter((item) => !allowed || allowed.has(item.pairId));
    return {
      pairIds: Int32Array.from(items, (item) => item.pairId),
      predicted: Uint8Array.from(items, (item) => LEVELS.indexOf(item.predicted)),
      confidence: Float64Array.from(items, (item) => Math.max(...item.probs)),
      scores: Float64Array.from(items, (item) => item.score),
      total: items.length,
      unpredicted,
    };
  }
  const { rows, scores, total, columns } = rankPredictions(db, version, { mode: request.mode, limit: MAX_QUEUE, seed: request.seed }, allowed);
  return {
    pairIds: Int32Array.from(rows, (row) => columns.pairIds[row]),
    predicted: Uint8Array.from(rows, (row) => columns.predicted[row]),
    confidence: Float64Array.from(rows, (row) => Math.max(columns.probs[row * 3], columns.probs[row * 3 + 1], columns.probs[row * 3 + 2])),
    scores,
    total,
    unpredicted,
  };
}
