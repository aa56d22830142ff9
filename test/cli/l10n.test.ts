// The command line in the user's language: help texts, commander's own headings and usage errors,
// plurals, numbers and dates in pt-BR and English, run as a real subprocess on pares_dev.csv.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import cliMessages from '../../src/cli/messages';
import { tempDir } from '../helpers/db';
import { PARES_DEV } from '../helpers/modelData';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/aderencia.js');

let dir: string;
let dbFile: string;
let trainPt: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with a neutral environment; `env` overrides LANG and friends per call. */
function cli(args: string[], env: Record<string, string> = {}): Run {
  const result = spawnSync(process.execPath, [BIN, '--db', dbFile, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ADERENCIA_HOME: dir, LANG: 'C', LC_ALL: '', LC_MESSAGES: '', TZ: 'UTC', ...env },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  dir = tempDir('aderencia-cli-l10n-');
  dbFile = path.join(dir, 'l10n.sqlite');
  expect(cli(['--json', 'import', PARES_DEV]).code).toBe(0);
  const trained = cli(['--lang', 'pt', 'train', '--folds', '3', '--seed', '1']);
  expect(trained.code).toBe(0);
  trainPt = trained.stdout;
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('help in the chosen language', () => {
  test('--lang pt translates program help', () => {
    const run = cli(['--lang', 'pt', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Uso: aderencia [opções] [comando]');
    expect(run.stdout).toContain('Opções:');
    expect(run.stdout).toContain('Comandos:');
    expect(run.stdout).toContain('mostra a ajuda do comando');
    expect(run.stdout).toContain('conta teses, temas e pares por UF');
    expect(run.stdout).not.toContain('Usage:');
    expect(run.stdout).not.toContain('display help');
  });

  test('LANG=pt_BR translates subcommand help', () => {
    const run = cli(['pairs', '--help'], { LANG: 'pt_BR.UTF-8' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Uso: aderencia pairs [opções]');
    expect(run.stdout).toContain('lista os pares que um filtro seleciona');
    expect(run.stdout).toContain('pares a mostrar, de 1 a');
    expect(run.stdout).toContain('(padrão: 20)');
    expect(run.stdout).toContain('--min-confidence <P>');
  });

  test('help command exits 0', () => {
    const run = cli(['--lang', 'pt', 'help', 'import']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Uso: aderencia import');
  });

  test('no command is a usage error', () => {
    const run = cli(['--lang', 'pt']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Uso: aderencia');
  });

  test('nested group help in pt', () => {
    const run = cli(['--lang', 'pt', 'models', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('gerencia codificadores de texto');
    expect(run.stdout).toContain('install [opções] <path>');
  });

  test('--lang en overrides a Portuguese LANG', () => {
    const run = cli(['--lang', 'en', 'import', '--help'], { LANG: 'pt_BR.UTF-8' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: aderencia import [options] <file>');
    expect(run.stdout).toContain('Arguments:');
    expect(run.stdout).toContain('file to import');
  });
});

describe('help catalogue', () => {
  test('same keys in both locales', () => {
    expect(Object.keys(cliMessages.en).sort()).toEqual(Object.keys(cliMessages['pt-BR']).sort());
  });
});

describe('usage errors in the chosen language', () => {
  test('unknown option in pt', () => {
    const run = cli(['--lang', 'pt', 'status', '--bogus']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("erro: opção desconhecida '--bogus'");
  });

  test('invalid flag value in pt', () => {
    const run = cli(['--lang', 'pt', 'pairs', '--level', 'ótima']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("erro: o valor 'ótima' da opção '--level <LEVEL>' é inválido.");
    expect(run.stderr).toContain('esperado BAIXA, MEDIA, ALTA ou none');
  });

  test('invalid choice in pt', () => {
    const run = cli(['--lang', 'pt', 'queue', '--mode', 'todos']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Valores aceitos: uncertain');
  });

  test('unknown option in en', () => {
    const run = cli(['--lang', 'en', 'status', '--bogus']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error: unknown option '--bogus'");
  });
});

describe('numbers, dates and plurals', () => {
  test('train text uses decimal commas in pt', () => {
    expect(trainPt).toMatch(/acurácia \d,\d{3}, F1-macro \d,\d{3}/);
    expect(trainPt).toMatch(/em \d+,\d s \(1756 pares rotulados/);
    expect(trainPt).not.toMatch(/\d\.\d{3}/);
  });

  test('versions text uses decimal points in en', () => {
    const run = cli(['--lang', 'en', 'versions']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/macro-F1 0\.\d{3}/);
  });

  test('versions date follows the locale', () => {
    const json = JSON.parse(cli(['--json', 'versions']).stdout) as { versions: { createdAt: string }[] };
    const createdAt = json.versions[0].createdAt;
    const utc = new Date(/[zZ]$/.test(createdAt) ? createdAt : `${createdAt.replace(' ', 'T')}Z`);
    const pad = (n: number): string => String(n).padStart(2, '0');
    const ptDate = `${pad(utc.getUTCDate())}/${pad(utc.getUTCMonth() + 1)}/${utc.getUTCFullYear()} ${pad(utc.getUTCHours())}:${pad(utc.getUTCMinutes())}`;
    const pt = cli(['--lang', 'pt', 'versions']);
    expect(pt.stdout).toContain(ptDate);
    expect(pt.stdout).toMatch(/F1-macro 0,\d{3}/);
    expect(pt.stdout).not.toContain(createdAt);
  });

  test('json keeps plain numbers', () => {
    const json = JSON.parse(cli(['--lang', 'pt', '--json', 'versions']).stdout) as { versions: { metrics: { crossValidation: { accuracy: unknown } } }[] };
    expect(typeof json.versions[0].metrics.crossValidation.accuracy).toBe('number');
  });

  test('status uses singular and plural', () => {
    const pt = cli(['--lang', 'pt', 'status']);
    expect(pt.code).toBe(0);
    expect(pt.stdout).toMatch(/: 1 par, /);
    expect(pt.stdout).not.toMatch(/\b1 pares\b/);
    expect(pt.stdout).toContain('sem UF: 0 teses, 406 temas, 0 pares');
    const en = cli(['--lang', 'en', 'status']);
    expect(en.stdout).toMatch(/: 1 pair, /);
    expect(en.stdout).not.toMatch(/\b1 pairs\b/);
  });
});

describe('models catalogue', () => {
  test('pt notes and labels', () => {
    const run = cli(['--lang', 'pt', 'models', 'catalogue']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usa os prefixos "query: " / "passage: "');
    expect(run.stdout).toContain('~100 idiomas, português incluído');
    expect(run.stdout).toContain('ONNX: no repositório');
    expect(run.stdout).toContain('118M parâmetros');
    expect(run.stdout).not.toContain('in the repository');
    expect(run.stdout).not.toContain('Portuguese included');
  });

  test('en notes and labels', () => {
    const run = cli(['--lang', 'en', 'models', 'catalogue']);
    expect(run.stdout).toContain('Uses "query: " / "passage: " prefixes');
    expect(run.stdout).toContain('ONNX: export with optimum');
  });
});

describe('models options', () => {
  test('pt lists options with flags', () => {
    const run = cli(['--lang', 'pt', 'models', 'options']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Provedores (--providers): padrão da plataforma');
    expect(run.stdout).toContain('Somente GPU (--gpu-only): não');
    expect(run.stdout).not.toContain('"session"');
  });

  test('pt rejects a bad value', () => {
    const run = cli(['--lang', 'pt', 'models', 'options', '--threads', 'zero']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Entrada inválida no campo --threads: esperado um número inteiro positivo, recebido "zero"');
  });
});

describe('review queue with unpredicted pairs', () => {
  test('empty queue names unpredicted pairs', () => {
    expect(cli(['predict']).code).toBe(0);
    expect(cli(['pair']).code).toBe(0);
    const pt = cli(['--lang', 'pt', 'queue']);
    expect(pt.code).toBe(0);
    expect(pt.stdout).toContain('A fila de revisão está vazia.');
    expect(pt.stdout).toMatch(/\d+ pares sem rótulo ainda não têm previsão; rode `aderencia predict`\./);
    const en = cli(['--lang', 'en', 'queue']);
    expect(en.stdout).toMatch(/\d+ unlabelled pairs have no prediction yet; run `aderencia predict`\./);
    const json = JSON.parse(cli(['--json', 'queue']).stdout) as { items: unknown[]; unpredicted: number };
    expect(json.items).toHaveLength(0);
    expect(json.unpredicted).toBeGreaterThan(0);
  }, 120_000);
});
