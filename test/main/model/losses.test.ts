import { describe, expect, test } from 'vitest';

import { classWeights, logitOffsets, lossAndGradient, parseLoss, softmaxRows, type LossSettings } from '../../../src/main/model/head/losses';

// Labelled pairs per level (BAIXA, MÉDIA, ALTA) used by every hand-computed case: N = 10, K = 3.
const COUNTS = [6, 3, 1];

function settings(kind: LossSettings['kind']): LossSettings {
  return { kind, beta: 0.9, gamma: 2, tau: 1 };
}

describe('class weights', () => {
  test('plain cross-entropy weighs every level 1', () => {
    expect(classWeights(settings('ce'), COUNTS)).toEqual([1, 1, 1]);
  });

  test('inverse frequency is N / (K · n_c)', () => {
    const weights = classWeights(settings('inverse_frequency'), COUNTS);
    expect(weights[0]).toBeCloseTo(10 / 18, 10);
    expect(weights[1]).toBeCloseTo(10 / 9, 10);
    expect(weights[2]).toBeCloseTo(10 / 3, 10);
  });

  test('class-balanced uses the effective number', () => {
    // (1 − 0.9) / (1 − 0.9^n) for n = 6, 3, 1 is 0.213421, 0.369004, 1.0; scaled to sum to 3.
    const weights = classWeights(settings('class_balanced'), COUNTS);
    expect(weights[0]).toBeCloseTo(0.404608, 5);
    expect(weights[1]).toBeCloseTo(0.699567, 5);
    expect(weights[2]).toBeCloseTo(1.895826, 5);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(3, 10);
  });

  test('focal and logit adjustment are unweighted', () => {
    expect(classWeights(settings('focal'), COUNTS)).toEqual([1, 1, 1]);
    expect(classWeights(settings('logit_adjusted'), COUNTS)).toEqual([1, 1, 1]);
  });

  test('logit adjustment offsets are τ · log prior', () => {
    const offsets = logitOffsets(settings('logit_adjusted'), COUNTS);
    expect(offsets[0]).toBeCloseTo(Math.log(0.6), 10);
    expect(offsets[1]).toBeCloseTo(Math.log(0.3), 10);
    expect(offsets[2]).toBeCloseTo(Math.log(0.1), 10);
    expect(logitOffsets(settings('ce'), COUNTS)).toEqual([0, 0, 0]);
  });
});

describe('loss gradients', () => {
  const logits = Float32Array.from([0.5, -0.2, 0.1, -1, 2, 0.3]);
  const labels = [2, 0];

  for (const kind of ['ce', 'class_balanced', 'focal'] as const) {
    test(`${kind} gradient matches finite differences`, () => {
      const config = settings(kind);
      const weights = classWeights(config, COUNTS);
      const gradient = new Float32Array(6);
      lossAndGradient(config, logits, labels, weights, 2, gradient);
      const h = 1e-3;
      for (let i = 0; i < 6; i++) {
        const plus = Float32Array.from(logits);
        const minus = Float32Array.from(logits);
        plus[i] += h;
        minus[i] -= h;
        const scratch = new Float32Array(6);
        const numeric = (lossAndGradient(config, plus, labels, weights, 2, scratch) - lossAndGradient(config, minus, labels, weights, 2, scratch)) / (2 * h);
        expect(gradient[i]).toBeCloseTo(numeric, 3);
      }
    });
  }

  test('cross-entropy of a uniform prediction is log 3', () => {
    const gradient = new Float32Array(3);
    const loss = lossAndGradient(settings('ce'), new Float32Array(3), [1], [1, 1, 1], 1, gradient);
    expect(loss).toBeCloseTo(Math.log(3), 6);
  });

  test('softmax rows sum to one', () => {
    const probs = softmaxRows(Float32Array.from([1000, 0, -1000, 1, 2, 3]), 2, 3);
    expect(probs[0]).toBeCloseTo(1, 6);
    expect(probs[3] + probs[4] + probs[5]).toBeCloseTo(1, 6);
  });
});

describe('parseLoss', () => {
  test('accepts dashes and case', () => {
    expect(parseLoss('Class-Balanced')).toBe('class_balanced');
  });

  test('rejects an unknown loss with its code', () => {
    expect(() => parseLoss('hinge')).toThrow(expect.objectContaining({ code: 'model_unknown_loss' }));
  });
});
