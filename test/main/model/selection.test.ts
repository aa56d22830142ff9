import { describe, expect, test } from 'vitest';

import type { LossKind } from '../../../src/main/model/head/losses';
import { selectPerFold } from '../../../src/main/model/train';

describe('per-fold loss selection', () => {
  // Four rows in two folds. Each loss predicts a constant distribution so the source of a row is visible.
  const foldOf = Int32Array.from([0, 1, 0, 1]);
  const constant = (probs: number[]): Float32Array => Float32Array.from([...probs, ...probs, ...probs, ...probs]);
  const outOfFold = new Map<LossKind, Float32Array>([
    ['ce', constant([0.7, 0.2, 0.1])],
    ['focal', constant([0.1, 0.2, 0.7])],
  ]);

  test('takes each fold from its holdout winner', () => {
    const holdoutF1 = new Map<LossKind, number[]>([
      ['ce', [0.6, 0.4]],
      ['focal', [0.5, 0.5]],
    ]);
    const selected = Array.from(selectPerFold(outOfFold, holdoutF1, ['ce', 'focal'], foldOf), (p) => Math.round(p * 10) / 10);
    expect(selected.slice(0, 3)).toEqual([0.7, 0.2, 0.1]);
    expect(selected.slice(3, 6)).toEqual([0.1, 0.2, 0.7]);
    expect(selected.slice(6, 9)).toEqual([0.7, 0.2, 0.1]);
    expect(selected.slice(9, 12)).toEqual([0.1, 0.2, 0.7]);
  });

  test('breaks ties towards the earlier loss', () => {
    const holdoutF1 = new Map<LossKind, number[]>([
      ['ce', [0.5, -Infinity]],
      ['focal', [0.5, -Infinity]],
    ]);
    const selected = Array.from(selectPerFold(outOfFold, holdoutF1, ['ce', 'focal'], foldOf), (p) => Math.round(p * 10) / 10);
    expect(selected).toEqual(Array.from(constant([0.7, 0.2, 0.1]), (p) => Math.round(p * 10) / 10));
  });
});
