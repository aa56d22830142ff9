// The review queue: pairs ordered by how much a curator's look is worth.
// - uncertain: unlabelled pairs, least certain first (small margin between the two most probable
//   levels, or high entropy), with pairs predicted as a minority level boosted;
// - minority: unlabelled pairs most likely to be a minority level, to find more of them;
// - suspects: labelled pairs whose label cross-validation contradicts (see labelErrors.ts);
// - random: a seeded random audit of predicted pairs, labelled or not, for unbiased spot checks.
// Every pair appears once, and the pair reviewed last never comes first again.

import { LEVELS, type Level } from '../../../shared/levels';
import type { ReviewCandidate } from '../../db/predictions';
import { createRandom, shuffle } from '../random';
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

function byScore(a: QueueItem, b: QueueItem): number {
  return b.score - a.score || a.pairId - b.pairId;
}

/** Orders candidates for one mode; `suspects` is required for the suspects mode. */
export function orderQueue(candidates: readonly ReviewCandidate[], options: QueueOptions, suspects: readonly Suspect[] = []): QueueItem[] {
  const minority = new Set<Level>(options.minorityLevels ?? ['MEDIA', 'ALTA']);
  const boost = options.minorityBoost ?? DEFAULT_MINORITY_BOOST;
  const measure = options.uncertainty === 'entropy' ? entropyUncertainty : marginUncertainty;
  let items: QueueItem[];
  switch (options.mode) {
    case 'uncertain':
      items = candidates
        .filter((c) => c.level == null)
        .map((c) => toItem(c, measure(c.probs) * (minority.has(c.predicted) ? boost : 1)))
        .sort(byScore);
      break;
    case 'minority':
      items = candidates
        .filter((c) => c.level == null)
        .map((c) => toItem(c, Math.max(...LEVELS.map((l, j) => (minority.has(l) ? c.probs[j] : 0)))))
        .sort(byScore);
      break;
    case 'suspects': {
      const byPair = new Map(candidates.map((c) => [c.pairId, c]));
      items = [];
      for (const suspect of suspects) {
        const candidate = byPair.get(suspect.pairId);
        if (!candidate || candidate.level !== suspect.given) continue;
        items.push({ ...toItem(candidate, suspect.margin), suggested: suspect.suggested });
      }
      break;
    }
    case 'random':
      items = shuffle(
        candidates.map((c) => toItem(c, 0)),
        createRandom(options.seed ?? 1),
      );
      break;
  }
  const seen = new Set<number>();
  items = items.filter((item) => !seen.has(item.pairId) && seen.add(item.pairId));
  if (options.lastPairId != null && items.length > 1 && items[0].pairId === options.lastPairId) {
    [items[0], items[1]] = [items[1], items[0]];
  } else if (options.lastPairId != null && items.length === 1 && items[0].pairId === options.lastPairId) {
    items = [];
  }
  return items.slice(0, Math.max(0, options.limit));
}
