import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { DEFAULT_HEAD, predictHead, trainHead } from '../../../src/main/model/head/adapter';
import { MatrixEngine } from '../../../src/main/model/head/matrix';
import { argmaxRow } from '../../../src/main/model/eval/metrics';
import { createRandom, normal } from '../../../src/main/model/random';

/** Three Gaussian blobs, one per level, far apart in 6 dimensions. */
function blobs(rows: number, seed: number): { features: Float32Array; labels: Int32Array } {
  const random = createRandom(seed);
  const width = 6;
  const features = new Float32Array(rows * width);
  const labels = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let label = 0;
    if (r % 5 === 0) label = 2;
    else if (r % 3 === 0) label = 1;
    labels[r] = label;
    for (let c = 0; c < width; c++) features[r * width + c] = normal(random) * 0.5 + (c % 3 === label ? 4 : 0);
  }
  return { features, labels };
}

const range = (from: number, to: number): Int32Array => Int32Array.from({ length: to - from }, (_, i) => from + i);

let engine: MatrixEngine;
beforeAll(async () => {
  engine = await MatrixEngine.create({ threads: 2 });
});
afterAll(async () => {
  await engine.dispose();
});

describe('matrix engine', () => {
  test('matmul and transposed matmul match hand results', async () => {
    const a = Float32Array.from([1, 2, 3, 4, 5, 6]);
    expect(Array.from(await engine.matmul(a, 2, 3, Float32Array.from([1, 0, 0, 1, 1, 1]), 2))).toEqual([4, 5, 10, 11]);
    // Aᵀ·B with A 2×3 and B 2×1 = [1·1 + 4·2, 2·1 + 5·2, 3·1 + 6·2].
    expect(Array.from(await engine.matmulTransposedA(a, 2, 3, Float32Array.from([1, 2]), 1))).toEqual([9, 12, 15]);
  });
});

describe('trainHead', () => {
  const { features, labels } = blobs(600, 3);
  const input = { features, width: 6, labels, trainRows: range(0, 400), validationRows: range(400, 500) };

  for (const hidden of [0, 8]) {
    test(`separable set reaches near-perfect accuracy (hidden ${hidden})`, async () => {
      const result = await trainHead(input, {
        loss: { kind: 'ce', beta: 0.999, gamma: 2, tau: 1 },
        head: { ...DEFAULT_HEAD, hidden, maxEpochs: 200 },
        seed: 1,
        engine,
      });
      const probs = await predictHead(engine, result.parameters, features.subarray(500 * 6), 100);
      let correct = 0;
      for (let r = 0; r < 100; r++) if (argmaxRow(probs, r, 3) === labels[500 + r]) correct += 1;
      expect(correct).toBeGreaterThanOrEqual(98);
      expect(result.validationMacroF1).toBeGreaterThan(0.97);
    });
  }

  test('same seed gives the same model', async () => {
    const options = { loss: { kind: 'focal' as const, beta: 0.999, gamma: 2, tau: 1 }, head: { ...DEFAULT_HEAD, hidden: 8, maxEpochs: 30 }, engine };
    const first = await trainHead(input, { ...options, seed: 5 });
    const second = await trainHead(input, { ...options, seed: 5 });
    const other = await trainHead(input, { ...options, seed: 6 });
    expect(second.parameters).toEqual(first.parameters);
    expect(other.parameters.w1).not.toEqual(first.parameters.w1);
  });

  test('stops when the signal fires', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      trainHead(input, { loss: { kind: 'ce', beta: 0.999, gamma: 2, tau: 1 }, head: DEFAULT_HEAD, seed: 1, engine, signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'cancelled' });
  });

  test('reports every epoch with loss and validation macro-F1', async () => {
    const epochs: number[] = [];
    await trainHead(input, {
      loss: { kind: 'ce', beta: 0.999, gamma: 2, tau: 1 },
      head: { ...DEFAULT_HEAD, maxEpochs: 5, patience: 100 },
      seed: 1,
      engine,
      onEpoch: (report) => {
        epochs.push(report.epoch);
        expect(Number.isFinite(report.loss)).toBe(true);
        expect(report.validationMacroF1).not.toBeNull();
      },
    });
    expect(epochs).toEqual([1, 2, 3, 4, 5]);
  });
});
