import fs from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { importFile } from '../../../../src/main/corpus/service';
import { AppError } from '../../../../src/shared/errors';
import { translator } from '../../../../src/shared/i18n';
import { openTempDb, snapshot, type TempDb } from '../../../helpers/db';
import { collectEvents, expectValidProgress } from '../../../helpers/progress';
import { CAPES_HEADERS, CAPES_XLSX, capesLine, capesRow, PAIRS_PARQUET, writeCapesCsv, writeText, writeXlsx } from './files';

let temp: TempDb;
let before: Record<string, unknown[]>;

beforeEach(async () => {
  temp = openTempDb();
  const seed = writeCapesCsv(path.join(temp.dir, 'seed.csv'), [capesLine(CAPES_HEADERS), capesRow('1', 'TESE SEMENTE', 'RESUMO')]);
  await importFile(temp.db, seed);
  before = snapshot(temp.db);
});
afterEach(() => temp.cleanup());

/** Imports a bad file and returns its AppError after checking the job failed and nothing changed. */
async function rejectFile(file: string): Promise<AppError> {
  const { events, listener } = collectEvents();
  const error = await importFile(temp.db, file, { onProgress: listener }).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expectValidProgress(events, 'failed');
  expect(snapshot(temp.db)).toEqual(before);
  return error as AppError;
}

/** Both translations name the file and every given fragment (line, column). */
function expectMessages(error: AppError, fragments: string[]): void {
  for (const locale of ['pt-BR', 'en'] as const) {
    const message = translator(locale)(`error.${error.code}`, { ...error.params });
    expect(message).not.toContain('{{');
    expect(message).not.toBe(`error.${error.code}`);
    for (const fragment of fragments) expect(message).toContain(fragment);
  }
}

describe('bad input', () => {
  it('reports a database locked by another writer', async () => {
    const other = new Database(temp.db.name);
    temp.db.pragma('busy_timeout = 100');
    other.exec('BEGIN IMMEDIATE');
    try {
      const file = writeCapesCsv(path.join(temp.dir, 'nova.csv'), [capesLine(CAPES_HEADERS), capesRow('2', 'TESE NOVA', 'RESUMO')]);
      const error = await rejectFile(file);
      expect(error.code).toBe('import_database_busy');
      expectMessages(error, [temp.db.name]);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });

  it('rejects an empty file', async () => {
    const error = await rejectFile(writeText(path.join(temp.dir, 'vazio.csv'), ''));
    expect(error.code).toBe('import_empty_file');
    expectMessages(error, ['vazio.csv']);
  });

  it('rejects a binary file named .csv', async () => {
    const file = path.join(temp.dir, 'imagem.csv');
    fs.writeFileSync(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    const error = await rejectFile(file);
    expect(error.code).toBe('import_binary_file');
    expectMessages(error, ['imagem.csv']);
  });

  it('rejects a UTF-16 file', async () => {
    const file = path.join(temp.dir, 'utf16.csv');
    fs.writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('NM_PRODUCAO;SG_UF_IES\r\nTESE;RS\r\n', 'utf16le')]));
    const error = await rejectFile(file);
    expect(error.code).toBe('import_unsupported_encoding');
    expectMessages(error, ['utf16.csv', 'UTF-16']);
  });

  it('rejects a file mixing UTF-8 and latin-1', async () => {
    const file = path.join(temp.dir, 'misto.csv');
    const utf8Rows = Array.from({ length: 20 }, (_, i) => `"${i + 2}";"INFORMAÇÃO E AÇÃO ${i}";"RS"`);
    fs.writeFileSync(
      file,
      Buffer.concat([
        Buffer.from(['"ID_PRODUCAO_INTELECTUAL";"NM_PRODUCAO";"SG_UF_IES"', ...utf8Rows, ''].join('\r\n'), 'utf8'),
        iconv.encode('"99";"EDUCAÇÃO";"RS"\r\n', 'latin1'),
      ]),
    );
    const error = await rejectFile(file);
    expect(error.code).toBe('import_mixed_encoding');
    expect(error.params.line).toBe(22);
    expectMessages(error, ['misto.csv', '22']);
  });

  it('rejects a truncated XLSX', async () => {
    const file = path.join(temp.dir, 'cortado.xlsx');
    const bytes = fs.readFileSync(CAPES_XLSX);
    fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const error = await rejectFile(file);
    expect(error.code).toBe('import_truncated_file');
    expectMessages(error, ['cortado.xlsx', 'xlsx']);
  });

  it('rejects a truncated parquet', async () => {
    const file = path.join(temp.dir, 'cortado.parquet');
    const bytes = fs.readFileSync(PAIRS_PARQUET);
    fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const error = await rejectFile(file);
    expect(error.code).toBe('import_truncated_file');
    expectMessages(error, ['cortado.parquet', 'parquet']);
  });

  it('lists found and missing columns', async () => {
    const file = await writeXlsx(path.join(temp.dir, 'planilha.xlsx'), ['codigo', 'descricao', 'uf'], [['1', 'x', 'RS']]);
    const error = (await importFile(temp.db, file, { kind: 'spreadsheet' }).then(
      () => null,
      (caught: unknown) => caught,
    )) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('import_missing_columns');
    expect(error.params.found).toBe('codigo, descricao, uf');
    expect(String(error.params.missing)).toContain('NM_PRODUCAO');
    expect(snapshot(temp.db)).toEqual(before);
    expectMessages(error, ['planilha.xlsx', 'codigo, descricao, uf', 'titulo']);
  });

  it('rejects a file whose kind cannot be told', async () => {
    const error = await rejectFile(writeText(path.join(temp.dir, 'outro.csv'), 'a,b,c\n1,2,3\n'));
    expect(error.code).toBe('import_unknown_kind');
    expectMessages(error, ['outro.csv', 'a, b, c']);
  });

  it('rejects an id shared by two titles', async () => {
    const file = writeCapesCsv(path.join(temp.dir, 'duplicado.csv'), [
      capesLine(CAPES_HEADERS),
      capesRow('7', 'UMA TESE', 'RESUMO A'),
      capesRow('8', 'OUTRA TESE', 'RESUMO B'),
      capesRow('7', 'TESE DIFERENTE', 'RESUMO C'),
    ]);
    const error = await rejectFile(file);
    expect(error.code).toBe('import_duplicate_id');
    expect(error.params).toMatchObject({ file: 'duplicado.csv', line: 4, column: 'ID_PRODUCAO_INTELECTUAL', id: '7', firstLine: 2 });
    expectMessages(error, ['duplicado.csv', '4', 'ID_PRODUCAO_INTELECTUAL', '2']);
  });

  it('rejects a 10 MB field', async () => {
    const file = writeCapesCsv(path.join(temp.dir, 'enorme.csv'), [
      capesLine(CAPES_HEADERS),
      capesRow('1', 'NORMAL', 'RESUMO'),
      capesRow('2', 'ENORME', 'A'.repeat(10 * 1024 * 1024)),
    ]);
    const error = await rejectFile(file);
    expect(error.code).toBe('import_field_too_large');
    expect(error.params).toMatchObject({ line: 3, column: 'DS_RESUMO' });
    expectMessages(error, ['enorme.csv', '3', 'DS_RESUMO']);
  });

  it('rejects a theme file with an unknown state', async () => {
    const file = writeText(path.join(temp.dir, 'temas.csv'), 'uf;macrotema;tema;palavras_chave\nRS;Agro;Soja;soja\nXX;Agro;Milho;milho\n');
    const error = await rejectFile(file);
    expect(error.code).toBe('import_unknown_state');
    expect(error.params).toMatchObject({ line: 3, column: 'uf', value: 'XX' });
    expectMessages(error, ['temas.csv', '3', 'uf', 'XX']);
  });

  it('rejects a missing file', async () => {
    const error = await rejectFile(path.join(temp.dir, 'nao-existe.csv'));
    expect(error.code).toBe('file_not_found');
  });
});
