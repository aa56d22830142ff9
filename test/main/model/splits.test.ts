import { describe, expect, test } from 'vitest';

import { foldRows, groupHoldout, groupKFold } from '../../../src/main/model/eval/splits';
import { createRandom } from '../../../src/main/model/random';

function corpus(theses: number, seed: number): { groups: number[]; labels: number[] } {
  const random = createRandom(seed);
  const groups: number[] = [];
  const labels: number[] = [];
  for (let t = 0; t < theses; t++) {
    const pairs = 1 + Math.floor(random() * 8);
    for (let p = 0; p < pairs; p++) {
      groups.push(1000 + t);
      const r = random();
      let label = 2;
      if (r < 0.65) label = 0;
      else if (r < 0.85) label = 1;
      labels.push(label);
    }
  }
  return { groups, labels };
}

describe('groupKFold', () => {
  const { groups, labels } = corpus(300, 7);

  test('never puts a thesis on both sides', () => {
    const folds = groupKFold(groups, labels, 5, 1);
    for (let fold = 0; fold < 5; fold++) {
      const { train, test: heldOut } = foldRows(folds, fold);
      const trainTheses = new Set(Array.from(train, (i) => groups[i]));
      for (const i of heldOut) expect(trainTheses.has(groups[i])).toBe(false);
      expect(train.length + heldOut.length).toBe(groups.length);
    }
  });

  test('keeps each level share near the whole', () => {
    const folds = groupKFold(groups, labels, 5, 1);
    const total = labels.filter((l) => l === 2).length / labels.length;
    for (let fold = 0; fold < 5; fold++) {
      const { test: heldOut } = foldRows(folds, fold);
      const share = Array.from(heldOut).filter((i) => labels[i] === 2).length / heldOut.length;
      expect(Math.abs(share - total)).toBeLessThan(0.05);
    }
  });

  test('repeats for a seed and changes with it', () => {
    expect(groupKFold(groups, labels, 5, 3)).toEqual(groupKFold(groups, labels, 5, 3));
    expect(groupKFold(groups, labels, 5, 3)).not.toEqual(groupKFold(groups, labels, 5, 4));
  });

  test('rejects fewer than two folds', () => {
    expect(() => groupKFold(groups, labels, 1, 1)).toThrow(RangeError);
  });
});

describe('groupHoldout', () => {
  test('holds out whole theses only', () => {
    const { groups, labels } = corpus(80, 9);
    const rows = Int32Array.from(groups, (_, i) => i);
    const { train, holdout } = groupHoldout(rows, groups, labels, 8, 2);
    expect(holdout.length).toBeGreaterThan(0);
    const trainTheses = new Set(Array.from(train, (i) => groups[i]));
    for (const i of holdout) expect(trainTheses.has(groups[i])).toBe(false);
  });

  test('returns no holdout with too few theses', () => {
    const rows = Int32Array.from([0, 1, 2]);
    expect(groupHoldout(rows, [1, 1, 2], [0, 1, 0], 8, 2).holdout.length).toBe(0);
  });
});
