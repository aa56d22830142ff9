// End to end on the real labelled pairs: import pares_dev.csv, then train, evaluate, predict,
// list and activate versions, and read the review queue and suspects through the real command line.

import { spawnSync } from 'node:child_process';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { PARES_DEV } from '../helpers/modelData';
import { tempDir } from '../helpers/db';

const BIN = path.resolve('bin/aderencia.js');
let dir: string;
let dbFile: string;

function cli(...args: string[]): { status: number | null; json: Record<string, unknown>; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, '--db', dbFile, '--json', ...args], { encoding: 'utf8', env: { ...process.env, ADERENCIA_HOME: dir } });
  const last = result.stdout.trim().split('\n').at(-1) ?? '{}';
  return { status: result.status, json: JSON.parse(last) as Record<string, unknown>, stderr: result.stderr };
}

beforeAll(() => {
  dir = tempDir();
  dbFile = path.join(dir, 'model.sqlite');
  const imported = cli('import', PARES_DEV);
  expect(imported.status).toBe(0);
});

afterAll(async () => {
  const fs = await import('node:fs');
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('model commands on pares_dev.csv', () => {
  test('train reports cross-validated figures', () => {
    const run = cli('train', '--folds', '3', '--seed', '1');
    expect(run.status).toBe(0);
    const json = run.json as { ok: boolean; name: string; labelCounts: Record<string, number>; crossValidation: { macroF1: number; perLevel: Record<string, { f1: number }> } };
    expect(json.ok).toBe(true);
    expect(json.name).toBe('v1');
    expect(json.labelCounts).toEqual({ BAIXA: 1201, MEDIA: 318, ALTA: 237 });
    expect(json.crossValidation.macroF1).toBeGreaterThan(0.5);
    expect(json.crossValidation.perLevel.MEDIA.f1).toBeGreaterThan(0.25);
    expect(run.stderr).toContain('(16/16)');
  });

  test('evaluate and predict use the active version', () => {
    const evaluation = cli('evaluate', '--folds', '3');
    expect(evaluation.status).toBe(0);
    expect((evaluation.json as { basedOn: string }).basedOn).toBe('v1');
    const prediction = cli('predict', '--no-justify');
    expect(prediction.status).toBe(0);
    expect((prediction.json as { predicted: number }).predicted).toBeGreaterThanOrEqual(1756);
  });

  test('versions, rollback, queue and suspects', () => {
    expect(cli('train', '--folds', '3', '--seed', '2', '--loss', 'ce').status).toBe(0);
    const versions = cli('versions').json as { versions: { name: string; active: boolean }[] };
    expect(versions.versions.map((v) => [v.name, v.active])).toEqual([
      ['v1', false],
      ['v2', true],
    ]);
    expect(cli('activate', 'v1').status).toBe(0);
    const queue = cli('queue', '--mode', 'suspects', '--limit', '5').json as { name: string; items: { level: string; suggested: string }[] };
    expect(queue.name).toBe('v1');
    expect(queue.items.length).toBe(5);
    for (const item of queue.items) expect(item.suggested).not.toBe(item.level);
    const suspects = cli('suspects').json as { perLevel: Record<string, { labelled: number }> };
    expect(suspects.perLevel.MEDIA.labelled).toBe(318);
  });

  test('bad options fail with a code and change nothing', () => {
    const bad = cli('train', '--loss', 'hinge');
    expect(bad.status).toBe(1);
    expect((bad.json as { error: { code: string } }).error.code).toBe('model_unknown_loss');
    const badSeed = cli('train', '--seed', 'abc');
    expect(badSeed.status).toBe(1);
    expect((badSeed.json as { error: { code: string } }).error.code).toBe('model_invalid_integer');
    expect(cli('activate', 'v42').status).toBe(1);
    expect((cli('versions').json as { versions: unknown[] }).versions).toHaveLength(2);
  });
});
