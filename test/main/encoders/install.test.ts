import fs from 'node:fs';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { downloadModel } from '../../../src/main/encoders/download';
import { installFromPath, modelIdFrom, safeEntryPath } from '../../../src/main/encoders/install';
import { listInstalled } from '../../../src/main/encoders/registry';
import { AppError } from '../../../src/shared/errors';
import { tempDir } from '../../helpers/db';
import { copyEncoder, listFiles, testEncoder, writeZip, zipFolder } from '../../helpers/encoders';
import { collectEvents, expectValidProgress } from '../../helpers/progress';
import { startHub, type TestHub } from './hub-server';

const dirs: string[] = [];
let hub: TestHub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
  dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
});

function freshDir(): string {
  const dir = tempDir();
  dirs.push(dir);
  return dir;
}

/** Everything left in the models folder, staging folders included. */
function modelsContent(root: string): string[] {
  return fs.existsSync(root) ? fs.readdirSync(root) : [];
}

describe('install from a path', () => {
  it('installs a folder', async () => {
    const root = freshDir();
    const { events, listener } = collectEvents();
    const installed = await installFromPath(testEncoder().dir, { id: 'tiny', modelsRoot: root, onProgress: listener });
    expectValidProgress(events, 'done');
    expect(installed).toMatchObject({ id: 'tiny', dimension: 32, variants: ['default'], source: { kind: 'folder' } });
    expect(listInstalled(root).map((m) => m.id)).toEqual(['tiny']);
    expect(listFiles(path.join(root, 'tiny'))).toContain('onnx/model.onnx');
    expect(modelsContent(root)).toEqual(['tiny']);
  });

  it('rejects a second install with the same id unless replacing', async () => {
    const root = freshDir();
    await installFromPath(testEncoder().dir, { id: 'tiny', modelsRoot: root });
    await expect(installFromPath(testEncoder().dir, { id: 'tiny', modelsRoot: root })).rejects.toMatchObject({ code: 'encoder_already_installed' });
    await installFromPath(testEncoder({ tokenizer: 'unigram' }).dir, { id: 'tiny', modelsRoot: root, replace: true });
    expect(listInstalled(root)).toHaveLength(1);
    expect(modelsContent(root)).toEqual(['tiny']);
  });

  it('installs a zip with files at the root or in one folder', async () => {
    const root = freshDir();
    const work = freshDir();
    zipFolder(testEncoder().dir, path.join(work, 'flat.zip'));
    zipFolder(testEncoder({ tokenizer: 'unigram' }).dir, path.join(work, 'nested.zip'), 'multilingual-e5-tiny');
    const { events, listener } = collectEvents();
    const flat = await installFromPath(path.join(work, 'flat.zip'), { modelsRoot: root, onProgress: listener });
    expectValidProgress(events, 'done');
    const nested = await installFromPath(path.join(work, 'nested.zip'), { modelsRoot: root });
    expect(flat).toMatchObject({ id: 'flat', source: { kind: 'zip' } });
    expect(nested.id).toBe('nested');
    expect(listFiles(nested.dir)).toContain('tokenizer.json');
    expect(modelsContent(root).sort()).toEqual(['flat', 'nested']);
  });

  for (const evil of ['../evil.txt', 'model/../../evil.txt', '/tmp/evil.txt', 'C:/evil.txt', 'a\\..\\..\\evil.txt']) {
    it(`rejects the zip entry ${evil}`, async () => {
      const root = freshDir();
      const work = freshDir();
      const zip = path.join(work, 'evil.zip');
      writeZip(zip, [{ name: 'config.json', data: Buffer.from('{}') }, { name: evil, data: Buffer.from('pwned') }]);
      await expect(installFromPath(zip, { modelsRoot: root })).rejects.toMatchObject({ code: 'encoder_zip_unsafe', params: { file: evil } });
      expect(fs.existsSync(path.join(root, '..', 'evil.txt'))).toBe(false);
      expect(fs.existsSync(path.join(work, 'evil.txt'))).toBe(false);
      expect(modelsContent(root)).toEqual([]);
    });
  }

  it('rejects a zip bomb before writing it', async () => {
    const root = freshDir();
    const zip = path.join(freshDir(), 'bomb.zip');
    const zeros = Buffer.alloc(80 * 1024 ** 2);
    writeZip(zip, [
      { name: 'config.json', data: Buffer.from('{}') },
      { name: 'onnx/model.onnx', data: zeros, deflate: true },
    ]);
    expect(fs.statSync(zip).size).toBeLessThan(1024 ** 2);
    await expect(installFromPath(zip, { modelsRoot: root })).rejects.toMatchObject({
      code: 'encoder_zip_bomb',
      params: { file: 'onnx/model.onnx', size: zeros.length },
    });
    expect(modelsContent(root)).toEqual([]);
  });

  it('checks zip entry paths against the folder', () => {
    expect(safeEntryPath('/models/x', 'onnx/model.onnx')).toBe('/models/x/onnx/model.onnx');
    expect(() => safeEntryPath('/models/x', '../y/config.json')).toThrow(expect.objectContaining({ code: 'encoder_zip_unsafe' }));
  });

  it('rejects a file that is not a zip', async () => {
    const root = freshDir();
    const file = path.join(freshDir(), 'model.zip');
    fs.writeFileSync(file, 'not a zip');
    await expect(installFromPath(file, { modelsRoot: root })).rejects.toMatchObject({ code: 'encoder_zip_invalid' });
    expect(modelsContent(root)).toEqual([]);
  });

  it('installs nothing from a broken folder', async () => {
    const root = freshDir();
    const broken = copyEncoder(testEncoder().dir, path.join(freshDir(), 'broken'));
    fs.rmSync(path.join(broken, 'tokenizer.json'));
    const { events, listener } = collectEvents();
    await expect(installFromPath(broken, { modelsRoot: root, onProgress: listener })).rejects.toMatchObject({ code: 'encoder_file_missing', params: { file: 'tokenizer.json' } });
    expectValidProgress(events, 'failed');
    expect(modelsContent(root)).toEqual([]);
  });

  it('names the picked folder, not the staging copy', async () => {
    const root = freshDir();
    const broken = copyEncoder(testEncoder().dir, path.join(freshDir(), 'broken'));
    fs.writeFileSync(path.join(broken, 'onnx', 'model.onnx'), 'not an onnx graph');
    const error = (await installFromPath(broken, { modelsRoot: root }).catch((caught: unknown) => caught)) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.params.dir).toBe(broken);
    expect(JSON.stringify(error.params)).not.toContain('.staging-');
    expect(error.message).not.toContain('.staging-');
  });

  it('derives model ids from names', () => {
    expect(modelIdFrom('intfloat/multilingual-e5-small')).toBe('intfloat--multilingual-e5-small');
    expect(modelIdFrom('Meu Modelo (v2).zip')).toBe('Meu-Modelo-v2');
  });
});

describe('download from the hub', () => {
  const repo = 'aderencia-test/tiny-e5';

  it('downloads, checks and installs a model', async () => {
    const root = freshDir();
    hub = await startHub(repo, 'main', testEncoder().dir);
    const { events, listener } = collectEvents();
    const installed = await downloadModel(repo, { hubUrl: hub.url, modelsRoot: root, onProgress: listener });
    expectValidProgress(events, 'done');
    expect(installed).toMatchObject({ id: 'aderencia-test--tiny-e5', source: { kind: 'hub', repo, revision: 'main' }, dimension: 32 });
    expect(listFiles(installed.dir)).toEqual(expect.arrayContaining(['config.json', 'onnx/model.onnx', 'tokenizer.json', '1_Pooling/config.json']));
    const original = fs.readFileSync(path.join(testEncoder().dir, 'onnx', 'model.onnx'));
    expect(fs.readFileSync(path.join(installed.dir, 'onnx', 'model.onnx')).equals(original)).toBe(true);
  });

  it('resumes after a dropped connection', async () => {
    const root = freshDir();
    hub = await startHub(repo, 'v1', testEncoder().dir, { dropAfter: { path: 'onnx/model.onnx', bytes: 100_000 } });
    const installed = await downloadModel(repo, { revision: 'v1', hubUrl: hub.url, modelsRoot: root });
    const onnxRequests = hub.requests.filter((r) => r.path.endsWith('onnx/model.onnx'));
    expect(onnxRequests).toHaveLength(2);
    expect(onnxRequests[1].range).toMatch(/^bytes=\d+-$/);
    expect(Number(/\d+/.exec(onnxRequests[1].range!)![0])).toBeGreaterThan(0);
    const original = fs.readFileSync(path.join(testEncoder().dir, 'onnx', 'model.onnx'));
    expect(fs.readFileSync(path.join(installed.dir, 'onnx', 'model.onnx')).equals(original)).toBe(true);
  });

  it('rejects a wrong checksum and installs nothing', async () => {
    const root = freshDir();
    hub = await startHub(repo, 'main', testEncoder().dir, { wrongChecksum: 'onnx/model.onnx' });
    const { events, listener } = collectEvents();
    await expect(downloadModel(repo, { hubUrl: hub.url, modelsRoot: root, onProgress: listener })).rejects.toMatchObject({
      code: 'encoder_checksum_mismatch',
      params: { file: 'onnx/model.onnx', expected: '0'.repeat(64) },
    });
    expectValidProgress(events, 'failed');
    expect(modelsContent(root)).toEqual([]);
  });

  it('reports a missing repository and a repository without ONNX', async () => {
    const root = freshDir();
    const noOnnx = copyEncoder(testEncoder().dir, path.join(freshDir(), 'no-onnx'));
    fs.rmSync(path.join(noOnnx, 'onnx'), { recursive: true });
    hub = await startHub(repo, 'main', noOnnx);
    await expect(downloadModel('someone/else', { hubUrl: hub.url, modelsRoot: root })).rejects.toMatchObject({ code: 'encoder_repo_not_found' });
    await expect(downloadModel(repo, { hubUrl: hub.url, modelsRoot: root })).rejects.toMatchObject({ code: 'encoder_repo_no_onnx' });
    await expect(downloadModel('not a repo', { hubUrl: hub.url, modelsRoot: root })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(modelsContent(root)).toEqual([]);
  });
});
