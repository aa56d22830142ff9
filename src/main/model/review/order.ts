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
import { countUnpredictedUnlabelled, currentLabels, reviewCandidates } from '../../db/predictions';
import { findLabelErrors, type LabelErrorReport } from './labelErrors';
import { minorityLevelsOf, orderQueue, type QueueItem, type QueueMode, type QueueOptions } from './queue';

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

/**
 * Orders a version's predictions into the review queue of one mode. `unpredicted` counts the
 * unlabelled pairs left out because the version never predicted them.
 */
export function orderPredictions(db: Db, version: ModelVersionSummary, options: Omit<QueueOptions, 'minorityLevels'>): { items: QueueItem[]; unpredicted: number } {
  const candidates = reviewCandidates(db, version.id);
  if (candidates.length === 0) throw new AppError('model_no_predictions', `Model version ${version.name} has no predictions; run predict first`, { version: version.name });
  const suspectList = options.mode === 'suspects' ? labelErrorsOf(db, version).suspects : [];
  const items = orderQueue(candidates, { ...options, minorityLevels: minorityLevelsOf(labelCounts(db)) }, suspectList);
  return { items, unpredicted: countUnpredictedUnlabelled(db, version.id) };
}

export interface FullQueueRequest {
  mode: QueueMode;
  seed?: number;
  filter: PairFilter;
}

/** The whole queue of the active version in typed arrays, which cross a thread boundary as a few copies. */
export interface CompactQueue {
  pairIds: Int32Array;
  /** Index of the predicted level in LEVELS. */
  predicted: Uint8Array;
  /** Probability of the predicted level. */
  confidence: Float64Array;
  scores: Float64Array;
  /** Unlabelled pairs the version never predicted, over the whole corpus. */
  unpredicted: number;
}

/** Orders every prediction of the active version for review and keeps the pairs the filter selects. */
export function compactQueue(db: Db, request: FullQueueRequest): CompactQueue {
  const version = requireVersion(db, undefined);
  const ordered = orderPredictions(db, version, { mode: request.mode, limit: 1_000_000, seed: request.seed });
  let items = ordered.items;
  if (!isEmptyFilter(request.filter)) {
    const allowed = new Set<number>();
    // NOTE: reads every matching pair row to collect ids. That is quick for the filters the Review
    // screen uses (a state, a theme) but takes seconds for a filter that keeps most of a large corpus.
    for (const rows of iteratePairs(db, request.filter)) for (const row of rows) allowed.add(row.pairId);
    items = items.filter((item) => allowed.has(item.pairId));
  }
  const queue: CompactQueue = {
    pairIds: new Int32Array(items.length),
    predicted: new Uint8Array(items.length),
    confidence: new Float64Array(items.length),
    scores: new Float64Array(items.length),
    unpredicted: ordered.unpredicted,
  };
  items.forEach((item, i) => {
    queue.pairIds[i] = item.pairId;
    queue.predicted[i] = LEVELS.indexOf(item.predicted);
    queue.confidence[i] = Math.max(...item.probs);
    queue.scores[i] = item.score;
  });
  return queue;
}
