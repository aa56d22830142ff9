// The `pairs` and `export` commands run as a user runs them: `node bin/aderencia.js` in a child
// process against a real database file, checking stdout, stderr and exit codes.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openDatabase } from '../../src/main/db/connection';
import { countPairs } from '../../src/main/db/pairQuery';
import { openTempDb, type TempDb } from '../helpers/db';
import { insertModelVersion, insertPrediction, seedRealTheses } from '../helpers/pairs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin', 'aderencia.js');

let temp: TempDb;

beforeAll(() => {
  temp = openTempDb();
  seedRealTheses(temp.db, 60);
  const model = insertModelVersion(temp.db, 'v-cli');
  const pairIds = (temp.db.prepare('SELECT id FROM pairs ORDER BY id').all() as { id: number }[]).map((row) => row.id);
  pairIds.forEach((pairId, index) => insertPrediction(temp.db, pairId, model, index % 2 ? [0.7, 0.2, 0.1] : [0.1, 0.3, 0.6]));
  temp.db.close();
});

afterAll(() => temp.cleanup());

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, '--db', temp.file, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'pt_BR.UTF-8', LC_ALL: '', LC_MESSAGES: '' },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function expectedCount(filter: Parameters<typeof countPairs>[1]): number {
  const db = openDatabase(temp.file, { readonly: true });
  try {
    return countPairs(db, filter);
  } finally {
    db.close();
  }
}

describe('aderencia pairs', () => {
  it('prints a table in Portuguese', () => {
    const { code, stdout } = cli('pairs', '--uf', 'RS', '--limit', '3');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^tese\s+UF\s+tema\s+nível/);
    expect(lines.slice(1, 4).every((line) => /\sRS\s/.test(line))).toBe(true);
    expect(stdout).toContain(`Mostrando 3 de ${expectedCount({ ufs: ['RS'] })} pares.`);
  });

  it('prints one JSON object with --json', () => {
    const { code, stdout } = cli('--json', 'pairs', '--level', 'none', '--limit', '1000');
    expect(code).toBe(0);
    const output = JSON.parse(stdout) as { total: number; rows: { level: string | null; origin: string }[] };
    expect(output.total).toBe(expectedCount({ levels: ['none'] }));
    expect(output.rows).toHaveLength(output.total);
    expect(output.rows.every((row) => row.level === null && row.origin === 'model')).toBe(true);
  });

  it('combines filter flags', () => {
    const { stdout } = cli('--json', 'pairs', '--uf', 'rs,sp', '--level', 'MÉDIA', '--predicted', 'ALTA', '--min-confidence', '0,5');
    const output = JSON.parse(stdout) as { total: number; filter: unknown };
    expect(output.filter).toEqual({ ufs: ['RS', 'SP'], levels: ['MEDIA'], predictedLevels: ['ALTA'], confidence: { min: 0.5 } });
    expect(output.total).toBe(expectedCount({ ufs: ['RS', 'SP'], levels: ['MEDIA'], predictedLevels: ['ALTA'], confidence: { min: 0.5 } }));
  });

  it('searches ignoring accents', () => {
    const { stdout } = cli('--json', 'pairs', '--search', 'inteligencia artificial');
    const output = JSON.parse(stdout) as { total: number };
    expect(output.total).toBeGreaterThan(0);
    expect(output.total).toBe(expectedCount({ search: 'inteligência artificial' }));
  });

  it('exits 2 on an invalid flag value', () => {
    const { code, stderr } = cli('pairs', '--level', 'ótima');
    expect(code).toBe(2);
    expect(stderr).toContain('--level');
  });

  it('exits 2 on an impossible range', () => {
    const { code, stderr } = cli('pairs', '--min-confidence', '0.9', '--max-confidence', '0.1');
    expect(code).toBe(2);
    expect(stderr).toContain('confidence');
  });

  it('exits 1 on an unknown theme', () => {
    const { code, stderr } = cli('pairs', '--theme', 'nao-existe');
    expect(code).toBe(1);
    expect(stderr).toContain('nao-existe');
  });
});

describe('aderencia export', () => {
  it('writes XLSX and reports it', () => {
    const file = path.join(temp.dir, 'saida.xlsx');
    const { code, stdout, stderr } = cli('export', file, '--uf', 'RS');
    expect(code).toBe(0);
    expect(stdout).toContain(`${expectedCount({ ufs: ['RS'] }).toLocaleString('pt-BR')} pares exportados`);
    expect(stderr).toContain('Exportação');
    expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK');
  });

  it('writes international CSV with --json', () => {
    const file = path.join(temp.dir, 'saida.csv');
    const { code, stdout } = cli('--json', '--lang', 'en', 'export', file, '--csv-variant', 'intl', '--year', '2021-2024');
    expect(code).toBe(0);
    const output = JSON.parse(stdout) as { ok: boolean; rows: number; format: string; csvVariant: string; file: string };
    expect(output).toMatchObject({ ok: true, format: 'csv', csvVariant: 'intl', file });
    expect(output.rows).toBe(expectedCount({ years: { from: 2021, to: 2024 } }));
    const text = fs.readFileSync(file, 'utf8');
    expect(text.startsWith('ID_PRODUCAO_INTELECTUAL,')).toBe(true);
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(output.rows + 1);
  });

  it('exits 1 with a Portuguese message on an unwritable path', () => {
    const file = path.join(temp.dir, 'sem-pasta', 'saida.xlsx');
    const { code, stderr } = cli('export', file);
    expect(code).toBe(1);
    expect(stderr).toContain('Não foi possível gravar');
    expect(fs.existsSync(path.dirname(file))).toBe(false);
  });

  it('exits 2 on an unknown format', () => {
    const { code } = cli('export', path.join(temp.dir, 'x.xlsx'), '--format', 'ods');
    expect(code).toBe(2);
  });
});
