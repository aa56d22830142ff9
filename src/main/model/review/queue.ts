// The review queue: pairs ordered by how much a curator's look is worth.
// - uncertain: unlabelled pairs, least certain first (small margin between the two most probable
//   levels, or high entropy), with pairs predicted as a minority level boosted;
// - minority: unlabelled pairs most likely to be a minority level, to find more of them;
// - suspects: labelled pairs whose label cross-validation contradicts (see labelErrors.ts);
// - random: a seeded random audit of predicted pairs, labelled or not, for unbiased spot checks.
// Every pair appears once, and the pair reviewed last never comes first again.

import { LEVELS, type Level } from '../../../shared/levels';
import type { ReviewCandidate } from '../../db/predictions';
import { createRandom, shuffleIndices } from '../random';
import type { Suspect } from './labelErrors';

export const QUEUE_MODES = ['uncertain', 'minority', 'suspects', 'random'] as const;
export type QueueMode = (typeof QUEUE_MODES)[number];

export interface QueueOptions {
  mode: QueueMode;
  limit: number;
  /** Uncertainty measure of the 'uncertain' mode. */
  uncertainty?: 'margin' | 'entropy';
  /** Factor on the score of pairs predicted as a minority level (uncertain mode). */
  minorityBoost?: number;
  /** Levels counted as minority: by default every level with fewer labels than the most common one. */
  minorityLevels?: readonly Level[];
  seed?: number;
  /** The pair the curator just reviewed; it is never first in the returned queue. */
  lastPairId?: number | null;
}

export interface QueueItem {
  pairId: number;
  thesisId: number;
  themeId: number;
  predicted: Level;
  probs: [number, number, number];
  level: Level | null;
  score: number;
  /** Suggested level, for the suspects mode. */
  suggested?: Level;
}

export const DEFAULT_MINORITY_BOOST = 1.5;

/** 1 − (p₁ − p₂): 1 when the two most probable levels tie, 0 when one level is certain. */
export function marginUncertainty(probs: readonly number[]): number {
  const sorted = [...probs].sort((a, b) => b - a);
  return 1 - (sorted[0] - sorted[1]);
}

/** Entropy of the level distribution, divided by log 3 so it lies in [0, 1]. */
export function entropyUncertainty(probs: readonly number[]): number {
  let h = 0;
  for (const p of probs) if (p > 0) h -= p * Math.log(p);
  return h / Math.log(probs.length);
}

/** Minority levels from label counts: every level with fewer labels than the most frequent one. */
export function minorityLevelsOf(counts: Record<Level, number>): Level[] {
  const max = Math.max(...LEVELS.map((l) => counts[l]));
  return LEVELS.filter((l) => counts[l] < max);
}

/** Predictions in columns, one row per pair, so millions of pairs cost a few typed arrays. */
export interface PredictionColumns {
  pairIds: Int32Array;
  /** Index of the predicted level in LEVELS. */
  predicted: Uint8Array;
  /** Three probabilities per row, in LEVELS order. */
  probs: Float64Array;
  /** 1 where the pair has a current label. */
  labelled: Uint8Array;
}

/** Puts candidate objects into columns, in the same row order. */
export function toColumns(candidates: readonly ReviewCandidate[]): PredictionColumns {
  const columns: PredictionColumns = {
    pairIds: new Int32Array(candidates.length),
    predicted: new Uint8Array(candidates.length),
    probs: new Float64Array(candidates.length * 3),
    labelled: new Uint8Array(candidates.length),
  };
  candidates.forEach((c, i) => {
    columns.pairIds[i] = c.pairId;
    columns.predicted[i] = LEVELS.indexOf(c.predicted);
    columns.probs.set(c.probs, i * 3);
    columns.labelled[i] = c.level == null ? 0 : 1;
  });
  return columns;
}

/** Rows of the queue in order with their scores. `total` counts the rows eligible before `limit` cut them. */
export interface RankedRows {
  rows: Int32Array;
  scores: Float64Array;
  total: number;
}

/**
 * Orders the rows of the 'uncertain', 'minority' and 'random' modes and keeps the first `limit`.
 * Only the selected rows are sorted. A selection pass first finds the score of the last one, so a
 * short queue over millions of predictions costs one pass over them.
 */
export function rankColumns(columns: PredictionColumns, options: Omit<QueueOptions, 'lastPairId'>): RankedRows {
  const count = columns.pairIds.length;
  const limit = Math.max(0, options.limit);
  if (options.mode === 'random') {
    // Every predicted pair, labelled or not, shuffled in row order as the object version does.
    const order = Int32Array.from({ length: count }, (_, i) => i);
    shuffleIndices(order, createRandom(options.seed ?? 1));
    const rows = order.slice(0, limit);
    return { rows, scores: new Float64Array(rows.length), total: count };
  }

  if (options.mode === 'suspects') throw new Error('rankColumns does not rank the suspects mode');
  const minority = new Set<number>((options.minorityLevels ?? ['MEDIA', 'ALTA']).map((level) => LEVELS.indexOf(level)));
  const boost = options.minorityBoost ?? DEFAULT_MINORITY_BOOST;
  const measure = options.uncertainty === 'entropy' ? entropyUncertainty : marginUncertainty;

  const eligible: number[] = [];
  const scoreOf = new Float64Array(count);
  const probs = [0, 0, 0];
  for (let i = 0; i < count; i++) {
    if (columns.labelled[i]) continue;
    probs[0] = columns.probs[i * 3];
    probs[1] = columns.probs[i * 3 + 1];
    probs[2] = columns.probs[i * 3 + 2];
    if (options.mode === 'uncertain') {
      scoreOf[i] = measure(probs) * (minority.has(columns.predicted[i]) ? boost : 1);
    } else {
      let best = 0;
      for (const level of minority) best = Math.max(best, probs[level]);
      scoreOf[i] = best;
    }
    eligible.push(i);
  }

  const before = (a: number, b: number): number => scoreOf[b] - scoreOf[a] || columns.pairIds[a] - columns.pairIds[b];
  let selected = eligible;
  if (eligible.length > limit) {
    const cut = limit === 0 ? Infinity : kthLargest(Float64Array.from(eligible, (i) => scoreOf[i]), limit - 1);
    // Rows above the cut, plus the tied rows at the cut, which the sort then orders by pair id.
    selected = eligible.filter((i) => scoreOf[i] >= cut);
  }
  selected.sort(before);
  const rows = Int32Array.from(selected.slice(0, limit));
  return { rows, scores: Float64Array.from(rows, (i) => scoreOf[i]), total: eligible.length };
}

/** Returns the k-th largest value (0-based) of `values`, reordering them (Hoare's selection). */
function kthLargest(values: Float64Array, k: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const pivot = values[(low + high) >>> 1];
    let i = low;
    let j = high;
    while (i <= j) {
      while (values[i] > pivot) i++;
      while (values[j] < pivot) j--;
      if (i <= j) {
        const swap = values[i];
        values[i] = values[j];
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (k <= j) high = j;
    else if (k >= i) low = i;
    else return values[k];
  }
  return values[k];
}

function toItem(candidate: ReviewCandidate, score: number): QueueItem {
  return {
    pairId: candidate.pairId,
    thesisId: candidate.thesisId,
    themeId: candidate.themeId,
    predicted: candidate.predicted,
    probs: candidate.probs,
    level: candidate.level,
    score,
  };
}


/** Orders candidates for one mode; `suspects` is required for the suspects mode. */
export function orderQueue(candidates: readonly ReviewCandidate[], options: QueueOptions, suspects: readonly Suspect[] = []): QueueItem[] {
  let items: QueueItem[];
  if (options.mode === 'suspects') {
    const byPair = new Map(candidates.map((c) => [c.pairId, c]));
    items = [];
    for (const suspect of suspects) {
      const candidate = byPair.get(suspect.pairId);
      if (!candidate || candidate.level !== suspect.given) continue;
      items.push({ ...toItem(candidate, suspect.margin), suggested: suspect.suggested });
    }
  } else {
    // One more than the limit, so the swap below still has a pair to put first.
    const ranked = rankColumns(toColumns(candidates), { ...options, limit: options.limit + 1 });
    items = Array.from(ranked.rows, (row, i) => toItem(candidates[row], ranked.scores[i]));
  }
  return finishQueue(items, options);
}

/** Drops repeated pairs, keeps the last reviewed pair from coming first, and cuts to the limit. */
export function finishQueue(ordered: readonly QueueItem[], options: Pick<QueueOptions, 'limit' | 'lastPairId'>): QueueItem[] {
  const seen = new Set<number>();
  let items = ordered.filter((item) => !seen.has(item.pairId) && seen.add(item.pairId));
  if (options.lastPairId != null && items.length > 1 && items[0].pairId === options.lastPairId) {
    [items[0], items[1]] = [items[1], items[0]];
  } else if (options.lastPairId != null && items.length === 1 && items[0].pairId === options.lastPairId) {
    items = [];
  }
  return items.slice(0, Math.max(0, options.limit));
}
