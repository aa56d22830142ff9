import { describe, expect, test } from 'vitest';

import type { ReviewCandidate } from '../../../src/main/db/predictions';
import { findLabelErrors } from '../../../src/main/model/review/labelErrors';
import { createRandom } from '../../../src/main/model/random';
import { entropyUncertainty, marginUncertainty, minorityLevelsOf, orderQueue, rankColumns, toColumns } from '../../../src/main/model/review/queue';
import type { Level } from '../../../src/shared/levels';

function candidate(pairId: number, probs: [number, number, number], level: Level | null = null): ReviewCandidate {
  const predicted = (['BAIXA', 'MEDIA', 'ALTA'] as const)[probs.indexOf(Math.max(...probs))];
  return { pairId, thesisId: pairId * 10, themeId: 1, predicted, probs, level, levelSource: level ? 'imported' : null };
}

describe('uncertainty', () => {
  test('margin and entropy of certain and tied predictions', () => {
    expect(marginUncertainty([1, 0, 0])).toBe(0);
    expect(marginUncertainty([0.45, 0.45, 0.1])).toBeCloseTo(1, 12);
    expect(entropyUncertainty([1 / 3, 1 / 3, 1 / 3])).toBeCloseTo(1, 12);
    expect(entropyUncertainty([1, 0, 0])).toBe(0);
  });

  test('minority levels are those below the most frequent', () => {
    expect(minorityLevelsOf({ BAIXA: 10, MEDIA: 3, ALTA: 2 })).toEqual(['MEDIA', 'ALTA']);
  });
});

describe('review queue', () => {
  // Pair 1: certain BAIXA. Pair 2: uncertain BAIXA (margin 0.9). Pair 3: as uncertain but predicted MÉDIA.
  // Pair 4: labelled, never in the uncertain queue. Pair 5: likely ALTA.
  const candidates = [
    candidate(1, [0.98, 0.01, 0.01]),
    candidate(2, [0.5, 0.4, 0.1]),
    candidate(3, [0.4, 0.5, 0.1]),
    candidate(4, [0.34, 0.33, 0.33], 'BAIXA'),
    candidate(5, [0.1, 0.1, 0.8]),
  ];

  test('uncertain mode puts minority predictions first, then by margin', () => {
    const items = orderQueue(candidates, { mode: 'uncertain', limit: 10, minorityBoost: 1.5 });
    // Scores: pair 3 0.9·1.5 = 1.35, pair 5 0.3·1.5 = 0.45, pair 2 0.9, pair 1 0.03.
    expect(items.map((i) => i.pairId)).toEqual([3, 2, 5, 1]);
    expect(items[0].score).toBeCloseTo(1.35, 10);
  });

  test('entropy ordering without boost', () => {
    const items = orderQueue(candidates, { mode: 'uncertain', limit: 10, minorityBoost: 1, uncertainty: 'entropy' });
    expect(items.map((i) => i.pairId).slice(0, 2).sort()).toEqual([2, 3]);
    expect(items.at(-1)?.pairId).toBe(1);
  });

  test('minority mode ranks by the most probable minority level', () => {
    expect(orderQueue(candidates, { mode: 'minority', limit: 2 }).map((i) => i.pairId)).toEqual([5, 3]);
  });

  test('never returns the last reviewed pair first', () => {
    const items = orderQueue(candidates, { mode: 'uncertain', limit: 10, minorityBoost: 1.5, lastPairId: 3 });
    expect(items[0].pairId).toBe(2);
    expect(items.map((i) => i.pairId)).toContain(3);
    expect(orderQueue([candidate(7, [0.5, 0.5, 0])], { mode: 'uncertain', limit: 5, lastPairId: 7 })).toEqual([]);
  });

  test('random audit is seeded and covers labelled pairs', () => {
    const first = orderQueue(candidates, { mode: 'random', limit: 5, seed: 3 }).map((i) => i.pairId);
    expect(orderQueue(candidates, { mode: 'random', limit: 5, seed: 3 }).map((i) => i.pairId)).toEqual(first);
    expect([...first].sort()).toEqual([1, 2, 3, 4, 5]);
  });

  test('suspects mode keeps only pairs whose label is unchanged', () => {
    const items = orderQueue(candidates, { mode: 'suspects', limit: 5 }, [
      { pairId: 4, given: 'BAIXA', suggested: 'ALTA', confidence: 0.9, selfConfidence: 0.05, margin: 0.85 },
      { pairId: 5, given: 'MEDIA', suggested: 'ALTA', confidence: 0.8, selfConfidence: 0.1, margin: 0.7 },
    ]);
    expect(items.map((i) => i.pairId)).toEqual([4]);
    expect(items[0].suggested).toBe('ALTA');
  });
});

describe('ranking in columns', () => {
  // 3,000 pairs whose probabilities come in steps of 0.05, so many scores tie at every cut.
  const random = createRandom(11);
  const many: ReviewCandidate[] = Array.from({ length: 3000 }, (_, i) => {
    const a = Math.floor(random() * 21);
    const b = Math.floor(random() * (21 - a));
    const probs: [number, number, number] = [a / 20, b / 20, (20 - a - b) / 20];
    return candidate(3000 - i, probs, random() < 0.2 ? 'BAIXA' : null);
  });

  /** Scores every unlabelled pair, sorts them all and returns the first `limit` pair ids. */
  function reference(mode: 'uncertain' | 'minority', limit: number): number[] {
    const score = (c: ReviewCandidate): number => {
      if (mode === 'minority') return Math.max(c.probs[1], c.probs[2]);
      const boost = c.predicted === 'BAIXA' ? 1 : 1.5;
      return marginUncertainty(c.probs) * boost;
    };
    return many
      .filter((c) => c.level == null)
      .map((c) => ({ pairId: c.pairId, score: score(c) }))
      .sort((x, y) => y.score - x.score || x.pairId - y.pairId)
      .slice(0, limit)
      .map((x) => x.pairId);
  }

  test.each([0, 1, 7, 100, 2399, 5000])('first %i pairs match a full sort', (limit) => {
    const columns = toColumns(many);
    for (const mode of ['uncertain', 'minority'] as const) {
      const ranked = rankColumns(columns, { mode, limit, minorityLevels: ['MEDIA', 'ALTA'] });
      expect(Array.from(ranked.rows, (row) => columns.pairIds[row])).toEqual(reference(mode, limit));
      expect(ranked.total).toBe(many.filter((c) => c.level == null).length);
    }
  });

  test('random order is a prefix of the full shuffle', () => {
    const columns = toColumns(many);
    const full = rankColumns(columns, { mode: 'random', limit: 3000, seed: 5 });
    const short = rankColumns(columns, { mode: 'random', limit: 40, seed: 5 });
    expect(Array.from(short.rows)).toEqual(Array.from(full.rows.subarray(0, 40)));
    expect(new Set(full.rows).size).toBe(3000);
    expect(full.total).toBe(3000);
  });
});

describe('label-error finder', () => {
  // Thresholds: BAIXA mean of p_BAIXA over pairs labelled BAIXA = (0.9 + 0.8 + 0.1) / 3 = 0.6;
  // MÉDIA (0.7 + 0.6) / 2 = 0.65; ALTA (0.8 + 0.7) / 2 = 0.75.
  const rows = [
    { pairId: 1, level: 'BAIXA' as const, probs: [0.9, 0.05, 0.05] as const },
    { pairId: 2, level: 'BAIXA' as const, probs: [0.8, 0.1, 0.1] as const },
    { pairId: 3, level: 'BAIXA' as const, probs: [0.1, 0.1, 0.8] as const },
    { pairId: 4, level: 'MEDIA' as const, probs: [0.2, 0.7, 0.1] as const },
    { pairId: 5, level: 'MEDIA' as const, probs: [0.3, 0.6, 0.1] as const },
    { pairId: 6, level: 'ALTA' as const, probs: [0.1, 0.1, 0.8] as const },
    { pairId: 7, level: 'ALTA' as const, probs: [0.05, 0.25, 0.7] as const },
  ];

  test('flags the confidently contradicted label and nothing else', () => {
    const report = findLabelErrors(rows);
    expect(report.thresholds.BAIXA).toBeCloseTo(0.6, 12);
    expect(report.thresholds.MEDIA).toBeCloseTo(0.65, 12);
    expect(report.thresholds.ALTA).toBeCloseTo(0.75, 12);
    expect(report.suspects).toEqual([{ pairId: 3, given: 'BAIXA', suggested: 'ALTA', confidence: 0.8, selfConfidence: 0.1, margin: 0.8 - 0.1 }]);
    expect(report.perLevel.BAIXA).toEqual({ labelled: 3, suspects: 1, suggested: { BAIXA: 0, MEDIA: 0, ALTA: 1 } });
    expect(report.perLevel.ALTA.suspects).toBe(0);
  });

  test('a minimum margin filters weak contradictions', () => {
    expect(findLabelErrors(rows, { minMargin: 0.75 }).suspects).toEqual([]);
  });
});
