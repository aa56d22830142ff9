// `aderencia import` skipping a pairing over --max-pairs, and `aderencia pair --max-pairs`.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { openDatabase } from '../../src/main/db/connection';
import { snapshot, tempDir } from '../helpers/db';
import { SHARED_DATA } from '../helpers/data';

const ROOT = path.resolve(__dirname, '../..');
/** 458 themes without a state column, so every one is national. */
const THEMES_TSV = path.join(SHARED_DATA, 'themes.tsv');
/** 400 theses. */
const CAPES_CSV = path.join(SHARED_DATA, 'capes/capes_2021_2024_humanas_ia_resumos.csv');
const NATIONAL_PAIRS = 458 * 400;

let dir: string;
beforeEach(() => {
  dir = tempDir('aderencia-cli-pairing-');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function cli(dbName: string, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/aderencia.js'), '--db', path.join(dir, dbName), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ADERENCIA_HOME: dir, LANG: 'C', LC_ALL: '', LC_MESSAGES: '' },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function pairCount(dbName: string): number {
  const db = openDatabase(path.join(dir, dbName));
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM pairs').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('aderencia import over --max-pairs', () => {
  it('warns in Portuguese and exits 0', () => {
    expect(cli('pt.sqlite', ['import', THEMES_TSV]).code).toBe(0);
    const run = cli('pt.sqlite', ['import', CAPES_CSV, '--max-pairs', '1000']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('400 linhas lidas, 400 importadas');
    expect(run.stdout).toContain('Aviso: o pareamento por UF não foi feito porque criaria 183.200 pares (limite 1.000)');
    expect(run.stdout).toContain('com 458 temas nacionais (sem UF)');
    expect(run.stdout).toContain('aderencia pair --max-pairs 183200');
    expect(run.stdout).not.toContain('Pareamento por UF:');
    expect(run.stderr).not.toContain('pairing skipped');
    expect(pairCount('pt.sqlite')).toBe(0);
  });

  it('warns in English and reports it in JSON', () => {
    expect(cli('en.sqlite', ['import', THEMES_TSV]).code).toBe(0);
    const run = cli('en.sqlite', ['--lang', 'en', 'import', CAPES_CSV, '--max-pairs', '1000']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Warning: pairing by state was skipped because it would create 183,200 pairs (limit 1,000)');
    expect(run.stdout).toContain('with 458 national themes (without a state)');
    expect(run.stdout).toContain('Give the themes a state (uf column)');

    const json = cli('json.sqlite', ['import', THEMES_TSV]);
    expect(json.code).toBe(0);
    const result = JSON.parse(cli('json.sqlite', ['--json', 'import', CAPES_CSV, '--max-pairs', '1000']).stdout);
    expect(result.imported).toBe(400);
    expect(result.pairing).toEqual({
      created: 0,
      byState: [],
      skipped: { wouldCreate: NATIONAL_PAIRS, limit: 1000, nationalThemes: 458, nationalThemePairs: NATIONAL_PAIRS },
    });
  });

  it('rejects a --max-pairs that is not a whole number', () => {
    const run = cli('bad.sqlite', ['--lang', 'en', 'import', CAPES_CSV, '--max-pairs', '2.000']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('expected a whole number of pairs');
  });
});

describe('aderencia pair --max-pairs', () => {
  it('exits 1 over the limit and pairs once raised', () => {
    expect(cli('pair.sqlite', ['import', THEMES_TSV]).code).toBe(0);
    expect(cli('pair.sqlite', ['import', CAPES_CSV, '--no-pair']).code).toBe(0);
    const db = openDatabase(path.join(dir, 'pair.sqlite'));
    const before = snapshot(db);
    db.close();

    const pt = cli('pair.sqlite', ['pair', '--max-pairs', '183199']);
    expect(pt.code).toBe(1);
    expect(pt.stderr).toContain('O pareamento por UF criaria 183.200 pares, acima do limite de 183.199, e nenhum par foi criado.');
    expect(pt.stderr).toContain('aderencia pair --max-pairs 183200');
    const en = cli('pair.sqlite', ['--lang', 'en', '--json', 'pair', '--max-pairs', '10']);
    expect(en.code).toBe(1);
    expect(JSON.parse(en.stdout)).toMatchObject({
      ok: false,
      error: { code: 'pairing_too_many', wouldCreate: NATIONAL_PAIRS, limit: 10, nationalThemes: 458 },
    });
    expect(en.stderr).toContain('Pairing by state would create 183,200 pairs, over the limit of 10');
    const after = openDatabase(path.join(dir, 'pair.sqlite'));
    expect(snapshot(after)).toEqual(before);
    after.close();

    const raised = cli('pair.sqlite', ['--lang', 'en', 'pair', '--max-pairs', '183200']);
    expect(raised.code).toBe(0);
    expect(raised.stdout).toContain('183,200 new pairs');
    expect(pairCount('pair.sqlite')).toBe(NATIONAL_PAIRS);
  });

  it('shows the option in the help', () => {
    const pt = cli('help.sqlite', ['pair', '--help']);
    expect(pt.code).toBe(0);
    expect(pt.stdout).toContain('--max-pairs <n>');
    // Commander wraps help lines to the terminal width.
    expect(pt.stdout.replace(/\s+/g, ' ')).toContain('(padrão: 2.000.000); acima dele nenhum par é criado');
    const en = cli('help.sqlite', ['--lang', 'en', 'import', '--help']);
    expect(en.stdout.replace(/\s+/g, ' ')).toContain("maximum number of pairs the import's pairing by state may create (default: 2,000,000)");
  });
});
