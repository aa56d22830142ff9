import { describe, expect, test } from 'vitest';

import { expectedCalibrationError, macroF1, metricsFromConfusion, qualityReport } from '../../../src/main/model/eval/metrics';

// Rows are the label, columns the prediction (BAIXA, MÉDIA, ALTA); 18 pairs, 12 correct.
const CONFUSION = [
  [5, 2, 1],
  [1, 3, 1],
  [0, 1, 4],
];

describe('metrics from a known confusion matrix', () => {
  const report = metricsFromConfusion(CONFUSION);

  test('accuracy', () => {
    expect(report.accuracy).toBeCloseTo(12 / 18, 12);
  });

  test('per-level precision, recall and F1', () => {
    expect(report.perLevel.BAIXA.precision).toBeCloseTo(5 / 6, 12);
    expect(report.perLevel.BAIXA.recall).toBeCloseTo(5 / 8, 12);
    expect(report.perLevel.BAIXA.f1).toBeCloseTo(10 / 14, 12);
    expect(report.perLevel.MEDIA.precision).toBeCloseTo(3 / 6, 12);
    expect(report.perLevel.MEDIA.recall).toBeCloseTo(3 / 5, 12);
    expect(report.perLevel.MEDIA.f1).toBeCloseTo(6 / 11, 12);
    expect(report.perLevel.ALTA.precision).toBeCloseTo(4 / 6, 12);
    expect(report.perLevel.ALTA.recall).toBeCloseTo(4 / 5, 12);
    expect(report.perLevel.ALTA.f1).toBeCloseTo(8 / 11, 12);
    expect(report.perLevel.BAIXA.support).toBe(8);
  });

  test('macro and weighted F1', () => {
    expect(report.macroF1).toBeCloseTo((10 / 14 + 6 / 11 + 8 / 11) / 3, 12);
    expect(report.weightedF1).toBeCloseTo(((10 / 14) * 8 + (6 / 11) * 5 + (8 / 11) * 5) / 18, 12);
  });

  test('binary ALTA-vs-rest macro-F1', () => {
    // ALTA: TP 4, FP 2, FN 1 → F1 8/11; rest: TP 11, FP 1, FN 2 → F1 22/25.
    expect(report.altaVsRestMacroF1).toBeCloseTo((8 / 11 + 22 / 25) / 2, 12);
  });

  test('macro-F1 ignores a level absent from labels and predictions', () => {
    expect(macroF1([
      [3, 1, 0],
      [1, 3, 0],
      [0, 0, 0],
    ])).toBeCloseTo(0.75, 12);
  });
});

describe('calibration error', () => {
  test('equals the weighted confidence gap per bin', () => {
    // Two rows at confidence 0.95 (one right), two at 0.55 (both right): |0.95 − 0.5| and |0.55 − 1|.
    const probs = [0.95, 0.03, 0.02, 0.95, 0.03, 0.02, 0.1, 0.55, 0.35, 0.2, 0.25, 0.55];
    const truth = [0, 1, 1, 2];
    expect(expectedCalibrationError(probs, truth)).toBeCloseTo(0.45, 10);
  });

  test('quality report ties the pieces together', () => {
    const report = qualityReport([0.9, 0.05, 0.05, 0.1, 0.8, 0.1, 0.1, 0.2, 0.7], [0, 1, 1]);
    expect(report.confusion).toEqual([
      [1, 0, 0],
      [0, 1, 1],
      [0, 0, 0],
    ]);
    expect(report.accuracy).toBeCloseTo(2 / 3, 12);
  });
});
