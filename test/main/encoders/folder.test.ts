import fs from 'node:fs';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { readModelFolder } from '../../../src/main/encoders/folder';
import { validateModel } from '../../../src/main/encoders/validate';
import { tempDir } from '../../helpers/db';
import { copyEncoder, testEncoder } from '../../helpers/encoders';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function brokenCopy(damage: (dir: string) => void): string {
  const dir = tempDir();
  dirs.push(dir);
  copyEncoder(testEncoder().dir, dir);
  damage(dir);
  return dir;
}

function editJson(file: string, edit: (value: Record<string, unknown>) => void): void {
  const value = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  edit(value);
  fs.writeFileSync(file, JSON.stringify(value));
}

describe('model folder', () => {
  it('reads a valid folder', async () => {
    const report = await validateModel(testEncoder().dir);
    expect(report.dimension).toBe(32);
    expect(report.variants).toEqual(['default']);
    expect(report.folder.pooling).toBe('mean');
    expect(report.folder.maxLength).toBe(128);
    expect(report.sizeBytes).toBeGreaterThan(1_000_000);
  });

  it('reads model.onnx at the root and a quantised variant', () => {
    const dir = brokenCopy((d) => {
      fs.renameSync(path.join(d, 'onnx', 'model.onnx'), path.join(d, 'model.onnx'));
      fs.copyFileSync(path.join(d, 'model.onnx'), path.join(d, 'model_quantized.onnx'));
    });
    expect(readModelFolder(dir).onnxPath).toBe(path.join(dir, 'model.onnx'));
    expect(readModelFolder(dir, { variant: 'quantized' }).onnxPath).toBe(path.join(dir, 'model_quantized.onnx'));
  });

  it('gives e5 models their prompts by name', () => {
    const dir = path.join(tempDir(), 'multilingual-e5-small');
    dirs.push(path.dirname(dir));
    copyEncoder(testEncoder().dir, dir);
    expect(readModelFolder(dir).prompts).toEqual({ query: 'query: ', passage: 'passage: ' });
    expect(readModelFolder(testEncoder().dir).prompts).toEqual({ query: '', passage: '' });
  });

  const failures: [string, (dir: string) => void, string, Record<string, unknown>][] = [
    ['missing config.json', (d) => fs.rmSync(path.join(d, 'config.json')), 'encoder_file_missing', { file: 'config.json' }],
    ['missing tokenizer.json', (d) => fs.rmSync(path.join(d, 'tokenizer.json')), 'encoder_file_missing', { file: 'tokenizer.json' }],
    ['missing ONNX graph', (d) => fs.rmSync(path.join(d, 'onnx'), { recursive: true }), 'encoder_file_missing', {}],
    ['empty ONNX graph', (d) => fs.writeFileSync(path.join(d, 'onnx', 'model.onnx'), ''), 'encoder_file_empty', { file: path.join('onnx', 'model.onnx') }],
    ['corrupt ONNX graph', (d) => fs.writeFileSync(path.join(d, 'onnx', 'model.onnx'), 'not a protobuf'), 'encoder_onnx_invalid', { file: path.join('onnx', 'model.onnx') }],
    ['invalid JSON', (d) => fs.writeFileSync(path.join(d, 'config.json'), '{"hidden_size": '), 'encoder_json_invalid', { file: 'config.json' }],
    ['no hidden_size', (d) => editJson(path.join(d, 'config.json'), (c) => delete c.hidden_size), 'encoder_config_invalid', { field: 'hidden_size' }],
    ['hidden_size mismatch', (d) => editJson(path.join(d, 'config.json'), (c) => (c.hidden_size = 64)), 'encoder_dimension_mismatch', { field: 'hidden_size', expected: 64, found: 32 }],
    ['vocab_size too small', (d) => editJson(path.join(d, 'config.json'), (c) => (c.vocab_size = 50)), 'encoder_dimension_mismatch', { field: 'vocab_size' }],
    ['broken tokenizer', (d) => editJson(path.join(d, 'tokenizer.json'), (t) => (t.model = { type: 'NoSuchModel' })), 'encoder_tokenizer_invalid', { file: 'tokenizer.json' }],
    ['max pooling', (d) => editJson(path.join(d, '1_Pooling', 'config.json'), (p) => {
      p.pooling_mode_mean_tokens = false;
      p.pooling_mode_max_tokens = true;
    }), 'encoder_pooling_unsupported', { file: '1_Pooling/config.json' }],
  ];
  for (const [name, damage, code, params] of failures) {
    it(`rejects a folder with ${name}`, async () => {
      const dir = brokenCopy(damage);
      const error = await validateModel(dir).then(() => null, (e: unknown) => e);
      expect(error).toMatchObject({ code });
      expect((error as { params: Record<string, unknown> }).params).toMatchObject(params);
    });
  }

  it('rejects a missing folder', () => {
    expect(() => readModelFolder('/nonexistent/model')).toThrow(expect.objectContaining({ code: 'encoder_folder_not_found' }));
  });
});
