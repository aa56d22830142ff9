// Thesis-grouped splits: every pair of a thesis lands on the same side, so a model is not scored
// on a thesis it saw in training. Folds are stratified greedily, in the manner of scikit-learn's
// StratifiedGroupKFold. Theses are placed largest label spread first, each in the fold that keeps
// each level's share across folds most even.

import { createRandom, shuffle } from '../random';

interface Group {
  id: number;
  counts: number[];
  size: number;
}

function collectGroups(groups: ArrayLike<number>, labels: ArrayLike<number>, levels: number): Group[] {
  const byId = new Map<number, Group>();
  for (let i = 0; i < groups.length; i++) {
    let group = byId.get(groups[i]);
    if (!group) {
      group = { id: groups[i], counts: new Array<number>(levels).fill(0), size: 0 };
      byId.set(groups[i], group);
    }
    group.counts[labels[i]] += 1;
    group.size += 1;
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

function spread(counts: number[]): number {
  const total = counts.reduce((a, b) => a + b, 0) || 1;
  const shares = counts.map((c) => c / total);
  const mean = shares.reduce((a, b) => a + b, 0) / shares.length;
  return Math.sqrt(shares.reduce((sum, s) => sum + (s - mean) ** 2, 0) / shares.length);
}

/**
 * Assigns every row a fold in [0, k) so that rows of one group (thesis) share a fold. Returns the
 * fold of each row. Deterministic for a seed; fewer groups than k leaves some folds empty.
 */
export function groupKFold(groups: ArrayLike<number>, labels: ArrayLike<number>, k: number, seed: number, levels = 3): Int32Array {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`groupKFold: k must be an integer ≥ 2, got ${k}`);
  const list = shuffle(collectGroups(groups, labels, levels), createRandom(seed));
  // Stable sort after the seeded shuffle: ties keep the seeded order.
  list.sort((a, b) => spread(b.counts) - spread(a.counts));
  const totals = new Array<number>(levels).fill(0);
  for (const group of list) group.counts.forEach((c, l) => (totals[l] += c));
  const foldCounts = Array.from({ length: k }, () => new Array<number>(levels).fill(0));
  const foldSizes = new Array<number>(k).fill(0);
  const foldOfGroup = new Map<number, number>();
  for (const group of list) {
    let bestFold = 0;
    let bestCost = Infinity;
    for (let f = 0; f < k; f++) {
      let cost = 0;
      for (let l = 0; l < levels; l++) {
        const shares = foldCounts.map((counts, g) => (counts[l] + (g === f ? group.counts[l] : 0)) / Math.max(totals[l], 1));
        const mean = shares.reduce((a, b) => a + b, 0) / k;
        cost += Math.sqrt(shares.reduce((sum, s) => sum + (s - mean) ** 2, 0) / k);
      }
      if (cost < bestCost - 1e-12 || (Math.abs(cost - bestCost) <= 1e-12 && foldSizes[f] < foldSizes[bestFold])) {
        bestCost = cost;
        bestFold = f;
      }
    }
    foldOfGroup.set(group.id, bestFold);
    group.counts.forEach((c, l) => (foldCounts[bestFold][l] += c));
    foldSizes[bestFold] += group.size;
  }
  const folds = new Int32Array(groups.length);
  for (let i = 0; i < groups.length; i++) folds[i] = foldOfGroup.get(groups[i]) ?? 0;
  return folds;
}

/** Row indices outside and inside fold `fold`, in row order. */
export function foldRows(folds: Int32Array, fold: number): { train: Int32Array; test: Int32Array } {
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < folds.length; i++) (folds[i] === fold ? test : train).push(i);
  return { train: Int32Array.from(train), test: Int32Array.from(test) };
}

/**
 * Splits `rows` (indices into groups and labels) into a training part and a held-out part of about
 * `1 / parts` of the rows, by group, for early stopping. Returns an empty held-out part when there
 * are too few groups to split.
 */
export function groupHoldout(rows: Int32Array, groups: ArrayLike<number>, labels: ArrayLike<number>, parts: number, seed: number): { train: Int32Array; holdout: Int32Array } {
  const subsetGroups = Array.from(rows, (r) => groups[r]);
  const distinct = new Set(subsetGroups).size;
  if (distinct < parts) return { train: rows, holdout: new Int32Array(0) };
  const folds = groupKFold(subsetGroups, Array.from(rows, (r) => labels[r]), parts, seed);
  const train: number[] = [];
  const holdout: number[] = [];
  for (let i = 0; i < rows.length; i++) (folds[i] === 0 ? holdout : train).push(rows[i]);
  return { train: Int32Array.from(train), holdout: Int32Array.from(holdout) };
}
