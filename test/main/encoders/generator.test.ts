import fs from 'node:fs';
import path from 'node:path';

import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';

import { generateEncoder, referenceForward } from '../../../scripts/generate-test-encoder';
import { readModelFolder } from '../../../src/main/encoders/folder';
import { TextTokenizer } from '../../../src/main/encoders/tokenizer';
import { tempDir } from '../../helpers/db';
import { testEncoder } from '../../helpers/encoders';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function int64(rows: number[][]): ort.Tensor {
  return new ort.Tensor('int64', BigInt64Array.from(rows.flat().map(BigInt)), [rows.length, rows[0].length]);
}

describe('generated encoder', () => {
  for (const tokenizer of ['wordpiece', 'unigram'] as const) {
    it(`matches the reference forward pass (${tokenizer})`, async () => {
      const encoder = testEncoder({ tokenizer });
      const folder = readModelFolder(encoder.dir);
      const tokens = TextTokenizer.fromFolder(folder);
      const a = [...tokens.prefix, ...tokens.encode('Biodiversidade e bioeconomia da Amazônia paraense'), ...tokens.suffix];
      const b = [...tokens.prefix, ...tokens.encode('Saúde pública'), ...tokens.suffix];
      const width = a.length;
      const padded = [...b, ...new Array(width - b.length).fill(encoder.padId)];
      const maskB = [...b.map(() => 1), ...new Array(width - b.length).fill(0)];
      const session = await ort.InferenceSession.create(folder.onnxPath);
      try {
        const out = await session.run({
          input_ids: int64([a, padded]),
          attention_mask: int64([a.map(() => 1), maskB]),
          token_type_ids: int64([a.map(() => 0), a.map(() => 0)]),
        });
        const hidden = out.last_hidden_state.data as Float32Array;
        const h = encoder.weights.dims.hidden;
        expect(out.last_hidden_state.dims).toEqual([2, width, h]);
        const refA = referenceForward(encoder.weights, a, a.map(() => 1));
        const refB = referenceForward(encoder.weights, padded, maskB);
        let maxDiff = 0;
        for (let i = 0; i < width * h; i += 1) maxDiff = Math.max(maxDiff, Math.abs(hidden[i] - refA[i]));
        // Only unpadded positions of the padded row are meaningful.
        for (let i = 0; i < b.length * h; i += 1) maxDiff = Math.max(maxDiff, Math.abs(hidden[width * h + i] - refB[i]));
        expect(maxDiff).toBeLessThan(1e-5);
      } finally {
        await session.release();
      }
    });
  }

  it('writes identical bytes for the same seed', () => {
    const first = tempDir();
    const second = tempDir();
    dirs.push(first, second);
    generateEncoder(first, { seed: 7 });
    generateEncoder(second, { seed: 7 });
    const file = path.join('onnx', 'model.onnx');
    expect(fs.readFileSync(path.join(first, file)).equals(fs.readFileSync(path.join(second, file)))).toBe(true);
    expect(fs.readFileSync(path.join(first, 'tokenizer.json'), 'utf8')).toBe(fs.readFileSync(path.join(second, 'tokenizer.json'), 'utf8'));
  });

  it('writes the Hugging Face folder layout', () => {
    const encoder = testEncoder({ pooling: 'cls' });
    for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx', '1_Pooling/config.json']) {
      expect(fs.existsSync(path.join(encoder.dir, file)), file).toBe(true);
    }
    const config = JSON.parse(fs.readFileSync(path.join(encoder.dir, 'config.json'), 'utf8')) as { hidden_size: number; vocab_size: number };
    expect(config.hidden_size).toBe(32);
    expect(config.vocab_size).toBe(29794);
  });
});
