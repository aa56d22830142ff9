import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { openDatabase } from '../../src/main/db/connection';
import { snapshot, tempDir } from '../helpers/db';
import { SHARED_DATA } from '../helpers/data';
import { CAPES_HEADERS, capesLine, capesRow, writeCapesCsv } from '../main/corpus/import/files';

const ROOT = path.resolve(__dirname, '../..');
const PAIRS_CSV = path.join(SHARED_DATA, 'eval/pares_dev.csv');
const CAPES_CSV = path.join(SHARED_DATA, 'capes/capes_2021_2024_humanas_ia_resumos.csv');

let dir: string;
let dbFile: string;
beforeEach(() => {
  dir = tempDir('aderencia-cli-');
  dbFile = path.join(dir, 'corpus.sqlite');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/aderencia.js'), '--db', dbFile, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ADERENCIA_HOME: dir, LANG: 'C', LC_ALL: '', LC_MESSAGES: '' },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('aderencia import and status', () => {
  it('imports with --json and reports status', () => {
    const run = cli(['--json', 'import', PAIRS_CSV]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ ok: true, kind: 'challenge', rows_read: 1756, imported: 1756, skipped: 0, errors: [] });
    expect(run.stderr).toContain('100%');

    const status = cli(['--json', 'status']);
    expect(status.code).toBe(0);
    const counts = JSON.parse(status.stdout);
    expect(counts.theses).toBe(439);
    expect(counts.byLevel).toMatchObject({ BAIXA: 1201, MEDIA: 318, ALTA: 237 });
    expect(counts.bySource.imported).toBe(1756);
    expect(counts.byState.find((s: { uf: string }) => s.uf === 'RS').theses).toBe(243);
  });

  it('prints a summary in Portuguese and English', () => {
    const pt = cli(['import', CAPES_CSV]);
    expect(pt.code).toBe(0);
    expect(pt.stdout).toContain('400 linhas lidas, 400 importadas, 0 ignoradas');
    const en = cli(['--lang', 'en', 'import', CAPES_CSV]);
    expect(en.stdout).toContain('400 rows read, 400 imported, 0 skipped');
    expect(en.stdout).toContain('0 new, 0 updated, 400 unchanged');
    const status = cli(['--lang', 'en', 'status']);
    expect(status.stdout).toContain('Theses: 400.');
  });

  it('exits 1 on bad input and leaves the database as it was', () => {
    expect(cli(['import', CAPES_CSV]).code).toBe(0);
    const db = openDatabase(dbFile);
    const before = snapshot(db);
    db.close();
    const bad = path.join(dir, 'temas.csv');
    fs.writeFileSync(bad, 'uf;tema\nRS;Soja\nXX;Milho\n');
    const pt = cli(['import', bad]);
    expect(pt.code).toBe(1);
    expect(pt.stderr).toContain('Arquivo temas.csv, linha 3, coluna uf: "XX" não é uma UF brasileira');
    const en = cli(['--lang', 'en', '--json', 'import', bad]);
    expect(en.code).toBe(1);
    expect(JSON.parse(en.stdout)).toMatchObject({ ok: false, error: { code: 'import_unknown_state', line: 3, column: 'uf' } });
    expect(en.stderr).toContain('File temas.csv, line 3, column uf');
    const after = openDatabase(dbFile);
    expect(snapshot(after)).toEqual(before);
    after.close();
  });

  it('exits 2 on usage errors', () => {
    expect(cli(['import', CAPES_CSV, '--kind', 'bogus']).code).toBe(2);
    expect(cli(['import']).code).toBe(2);
    const json = cli(['--json', 'import', CAPES_CSV, '--kind', 'bogus']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: 'usage', message: expect.stringContaining('bogus') } });
  });

  it('pairs on its own with the pair command', () => {
    fs.writeFileSync(path.join(dir, 'teses.csv'), 'titulo,uf\nTese,AM\n');
    fs.writeFileSync(path.join(dir, 'temas.csv'), 'tema_id,uf,tema\n1,AM,Floresta\n');
    expect(cli(['import', '--no-pair', path.join(dir, 'teses.csv')]).code).toBe(0);
    expect(cli(['import', '--no-pair', path.join(dir, 'temas.csv')]).code).toBe(0);
    const run = cli(['--json', 'pair']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, created: 1 });
  });
});

describe('aderencia import interrupted', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('rolls back on %s during the write', async (signal) => {
    const lines = [capesLine(CAPES_HEADERS)];
    for (let i = 1; i <= 30_000; i++) {
      const abstract = `ESTUDO ${i} SOBRE INTELIGÊNCIA ARTIFICIAL NA EDUCAÇÃO. `.repeat(8);
      lines.push(capesRow(String(500_000 + i), `TESE NÚMERO ${i} SOBRE APRENDIZADO DE MÁQUINA`, abstract, 'RS'));
    }
    const file = writeCapesCsv(path.join(dir, `capes_grande_${signal}.csv`), lines);

    const child = spawn(process.execPath, [path.join(ROOT, 'bin/aderencia.js'), '--db', dbFile, '--lang', 'en', 'import', file], {
      cwd: ROOT,
      env: { ...process.env, ADERENCIA_HOME: dir, LANG: 'C', LC_ALL: '', LC_MESSAGES: '' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      // The read phase ends at 100 %; the write of all rows in one transaction comes next.
      if (stderr.includes('100%') && child.exitCode == null && !child.killed) child.kill(signal);
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));

    expect(stderr).toContain('100%');
    expect(code).toBe(1);
    expect(stderr).toContain('cancelled');
    const db = openDatabase(dbFile);
    try {
      expect(db.prepare('SELECT COUNT(*) AS n FROM theses').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT COUNT(*) AS n FROM imports').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});
