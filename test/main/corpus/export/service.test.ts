// The export service end to end: XLSX read back with exceljs, CSV checked byte by byte, progress
// events, cancellation and failures that must leave no file behind.

import fs from 'node:fs';
import path from 'node:path';

import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { exportPairs } from '../../../../src/main/corpus/export/service';
import { countPairs } from '../../../../src/main/db/pairQuery';
import { AppError, CancelledError } from '../../../../src/shared/errors';
import { openTempDb, type TempDb } from '../../../helpers/db';
import { insertModelVersion, insertPair, insertPrediction, insertThesis, insertTheme, seedRealTheses } from '../../../helpers/pairs';
import { collectEvents, expectValidProgress } from '../../../helpers/progress';

let temp: TempDb;
const ids: Record<string, number> = {};
const LONG_ABSTRACT = `${'Análise da educação pública. '.repeat(1200)}FIM`;

beforeEach(() => {
  temp = openTempDb();
  const { db } = temp;
  const formula = insertThesis(db, {
    sourceId: '=cmd|calc',
    sourceIdField: 'ID_PRODUCAO_INTELECTUAL',
    title: '=HYPERLINK("http://127.0.0.1/x","clique")',
    abstract: LONG_ABSTRACT,
    keywords: '-ruído; +sinal',
    programme: 'EDUCAÇÃO',
    uf: 'RS',
    year: 2023,
    defenceDate: '2023-03-10',
  });
  const plain = insertThesis(db, { sourceId: '42', title: 'Ação e reação: o "caso" Pará', uf: 'PA', year: 2021, defenceDate: '2021-12-01' });
  const rsTheme = insertTheme(db, { sourceId: '101', uf: 'RS', macroTheme: 'Educação', name: 'Educação básica e inclusão' });
  const paTheme = insertTheme(db, { sourceId: '202', uf: 'PA', macroTheme: 'Meio ambiente', name: 'Bioeconomia da Amazônia' });
  const model = insertModelVersion(db, 'modelo-2026-01');
  ids.labelled = insertPair(db, formula, rsTheme, { level: 'MEDIA', source: 'curator' });
  ids.predicted = insertPair(db, plain, paTheme);
  insertPrediction(db, ids.predicted, model, [0.125, 0.25, 0.625]);
});

afterEach(() => temp.cleanup());

function out(name: string): string {
  return path.join(temp.dir, name);
}

async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

function headerIndex(sheet: ExcelJS.Worksheet, name: string): number {
  const values = sheet.getRow(1).values as unknown[];
  const index = values.indexOf(name);
  expect(index, `column ${name}`).toBeGreaterThan(0);
  return index;
}

describe('exportPairs to XLSX', () => {
  it('writes the four sheets in order', async () => {
    await exportPairs(temp.db, { file: out('pares.xlsx') });
    const workbook = await readWorkbook(out('pares.xlsx'));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Pares', 'Contagens', 'Filtros', 'Leia-me']);
  });

  it('freezes a bold header with AutoFilter', async () => {
    await exportPairs(temp.db, { file: out('pares.xlsx') });
    const sheet = (await readWorkbook(out('pares.xlsx'))).getWorksheet('Pares')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.autoFilter).toBeTruthy();
    const resumo = headerIndex(sheet, 'DS_RESUMO');
    expect(sheet.getColumn(resumo).width).toBeGreaterThanOrEqual(60);
    expect(sheet.getRow(2).getCell(resumo).alignment?.wrapText).toBe(true);
    expect(sheet.rowCount).toBe(3);
  });

  it('writes dates as real date cells', async () => {
    await exportPairs(temp.db, { file: out('pares.xlsx') });
    const sheet = (await readWorkbook(out('pares.xlsx'))).getWorksheet('Pares')!;
    const cell = sheet.getRow(2).getCell(headerIndex(sheet, 'DT_TITULACAO'));
    expect(cell.type).toBe(ExcelJS.ValueType.Date);
    expect((cell.value as Date).toISOString()).toBe('2023-03-10T00:00:00.000Z');
    expect(cell.numFmt).toBe('dd/mm/yyyy');
  });

  it('keeps numbers as numbers', async () => {
    await exportPairs(temp.db, { file: out('pares.xlsx') });
    const sheet = (await readWorkbook(out('pares.xlsx'))).getWorksheet('Pares')!;
    const predicted = sheet.getRow(3);
    expect(predicted.getCell(headerIndex(sheet, 'p_alta')).value).toBe(0.625);
    expect(predicted.getCell(headerIndex(sheet, 'AN_BASE')).value).toBe(2021);
    expect(predicted.getCell(headerIndex(sheet, 'nivel')).value).toBe('ALTA');
    expect(predicted.getCell(headerIndex(sheet, 'origem_nivel')).value).toBe('modelo');
    expect(predicted.getCell(headerIndex(sheet, 'versao_modelo')).value).toBe('modelo-2026-01');
  });

  it('neutralises formulas in text cells', async () => {
    const result = await exportPairs(temp.db, { file: out('pares.xlsx') });
    const sheet = (await readWorkbook(out('pares.xlsx'))).getWorksheet('Pares')!;
    const row = sheet.getRow(2);
    expect(row.getCell(headerIndex(sheet, 'NM_PRODUCAO')).value).toBe('\'=HYPERLINK("http://127.0.0.1/x","clique")');
    expect(row.getCell(headerIndex(sheet, 'ID_PRODUCAO_INTELECTUAL')).value).toBe("'=cmd|calc");
    expect(row.getCell(headerIndex(sheet, 'DS_PALAVRA_CHAVE')).value).toBe("'-ruído; +sinal");
    expect(row.getCell(headerIndex(sheet, 'NM_PRODUCAO')).formula).toBeUndefined();
    expect(result.neutralisedCells).toBe(3);
  });

  it('caps cells at 32,767 characters and lists them', async () => {
    const result = await exportPairs(temp.db, { file: out('pares.xlsx') });
    const workbook = await readWorkbook(out('pares.xlsx'));
    const sheet = workbook.getWorksheet('Pares')!;
    const abstract = sheet.getRow(2).getCell(headerIndex(sheet, 'DS_RESUMO')).value as string;
    expect(abstract).toHaveLength(32_767);
    expect(LONG_ABSTRACT.startsWith(abstract)).toBe(true);
    expect(result.truncatedCells).toBe(1);
    expect(result.truncated).toEqual([{ row: 2, column: 'DS_RESUMO', originalLength: LONG_ABSTRACT.length }]);
    const readme = workbook.getWorksheet('Leia-me')!.getColumn(1).values.join('\n');
    expect(readme).toContain(`Linha 2, coluna DS_RESUMO: ${LONG_ABSTRACT.length} caracteres`);
  });

  it('counts pairs per theme and level', async () => {
    await exportPairs(temp.db, { file: out('pares.xlsx') });
    const sheet = (await readWorkbook(out('pares.xlsx'))).getWorksheet('Contagens')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'tema_id', 'tema', 'BAIXA', 'MÉDIA', 'ALTA', 'sem nível', 'total']);
    expect(sheet.getRow(2).values).toEqual([undefined, '202', 'Bioeconomia da Amazônia', 0, 0, 0, 1, 1]);
    expect(sheet.getRow(3).values).toEqual([undefined, '101', 'Educação básica e inclusão', 0, 1, 0, 0, 1]);
    expect(sheet.getRow(4).values).toEqual([undefined, undefined, 'total', 0, 1, 0, 1, 2]);
  });

  it('records filter, date and model version', async () => {
    const before = Date.now();
    await exportPairs(temp.db, { file: out('pares.xlsx'), filter: { ufs: ['rs'], levels: ['MEDIA', 'none'], disagreement: false } });
    const sheet = (await readWorkbook(out('pares.xlsx'))).getWorksheet('Filtros')!;
    const lines = new Map<string, unknown>();
    sheet.eachRow((row) => lines.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(lines.get('Versão do modelo ativo')).toBe('modelo-2026-01');
    expect(lines.get('Linhas exportadas')).toBe(0);
    expect(lines.get('UF da instituição')).toBe('RS');
    expect(lines.get('Nível')).toBe('MÉDIA, sem nível');
    expect(lines.get('Divergência modelo × curadoria')).toBe('não');
    const exportedAt = lines.get('Data da exportação') as Date;
    expect(exportedAt).toBeInstanceOf(Date);
    expect(Math.abs(exportedAt.getTime() - before)).toBeLessThan(60_000);
  });

  it('writes English sheet text on request', async () => {
    await exportPairs(temp.db, { file: out('pares.xlsx'), locale: 'en' });
    const sheet = (await readWorkbook(out('pares.xlsx'))).getWorksheet('Filtros')!;
    expect(sheet.getRow(2).getCell(1).value).toBe('Export date');
  });
});

describe('exportPairs to CSV', () => {
  it('writes the Brazilian Excel variant', async () => {
    const result = await exportPairs(temp.db, { file: out('pares.csv'), filter: { ufs: ['PA'] } });
    expect(result.csvVariant).toBe('br');
    const bytes = fs.readFileSync(out('pares.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.startsWith('"ID_PRODUCAO_INTELECTUAL";"campo_id";"NM_PRODUCAO";')).toBe(true);
    expect(text).not.toMatch(/^sep=/);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const [header, row] = text.split('\r\n');
    const columns = header.split(';');
    const cells = row.split(';');
    expect(cells).toHaveLength(columns.length);
    const cell = (name: string): string => cells[columns.indexOf(`"${name}"`)];
    expect(cell('NM_PRODUCAO')).toBe('"Ação e reação: o ""caso"" Pará"');
    expect(cell('DT_TITULACAO')).toBe('01/12/2021');
    expect(cell('AN_BASE')).toBe('2021');
    expect(cell('p_baixa')).toBe('0,125');
    expect(cell('p_alta')).toBe('0,625');
    expect(cell('DS_RESUMO')).toBe('""');
    expect(cell('tema')).toBe('"Bioeconomia da Amazônia"');
  });

  it('neutralises formulas but keeps full text', async () => {
    await exportPairs(temp.db, { file: out('pares.csv'), filter: { ufs: ['RS'] } });
    const text = fs.readFileSync(out('pares.csv'), 'utf8');
    expect(text).toContain('"\'=HYPERLINK(""http://127.0.0.1/x"",""clique"")"');
    expect(text).toContain('"\'-ruído; +sinal"');
    expect(text).toContain(LONG_ABSTRACT);
  });

  it('writes the international variant', async () => {
    await exportPairs(temp.db, { file: out('pares.csv'), csvVariant: 'intl', filter: { ufs: ['PA'] } });
    const bytes = fs.readFileSync(out('pares.csv'));
    expect(bytes[0]).toBe('I'.charCodeAt(0));
    const [header, row] = bytes.toString('utf8').split('\r\n');
    expect(header.startsWith('ID_PRODUCAO_INTELECTUAL,campo_id,NM_PRODUCAO,')).toBe(true);
    expect(row).toContain(',"Ação e reação: o ""caso"" Pará",');
    expect(row).toContain(',2021-12-01,2021,');
    expect(row.endsWith(',0.125,0.25,0.625')).toBe(true);
  });
});

describe('exportPairs jobs', () => {
  it('reports valid progress and the row count', async () => {
    const seeded = openTempDb();
    try {
      seedRealTheses(seeded.db, 300);
      const { events, listener } = collectEvents();
      const filter = { ufs: ['RS', 'SP'] };
      const result = await exportPairs(seeded.db, { file: out('real.xlsx'), filter }, { onProgress: listener, chunkSize: 50 });
      expectValidProgress(events, 'done');
      expect(events[0]).toMatchObject({ type: 'start', kind: 'export', total: countPairs(seeded.db, filter) });
      expect(result.rows).toBe(countPairs(seeded.db, filter));
      expect(result.rows).toBeGreaterThan(100);
    } finally {
      seeded.cleanup();
    }
  });

  it('removes the partial file on cancel', async () => {
    const seeded = openTempDb();
    try {
      seedRealTheses(seeded.db, 300);
      fs.writeFileSync(out('anterior.xlsx'), 'exportação anterior');
      const controller = new AbortController();
      const { events, listener } = collectEvents();
      const onProgress: typeof listener = (event) => {
        listener(event);
        if (event.type === 'progress') controller.abort();
      };
      await expect(
        exportPairs(seeded.db, { file: out('anterior.xlsx') }, { onProgress, signal: controller.signal, chunkSize: 20 }),
      ).rejects.toBeInstanceOf(CancelledError);
      expectValidProgress(events, 'cancelled');
      expect(fs.readFileSync(out('anterior.xlsx'), 'utf8')).toBe('exportação anterior');
      expect(fs.readdirSync(temp.dir).filter((name) => name.includes('partial'))).toEqual([]);
    } finally {
      seeded.cleanup();
    }
  });

  it('fails cleanly on a missing folder', async () => {
    const file = path.join(temp.dir, 'nao-existe', 'pares.xlsx');
    const { events, listener } = collectEvents();
    const error = await exportPairs(temp.db, { file }, { onProgress: listener }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('export_write_failed');
    expect((error as AppError).params.file).toBe(file);
    expectValidProgress(events, 'failed');
    expect(fs.existsSync(path.dirname(file))).toBe(false);
  });

  it('fails cleanly under a file', async () => {
    const parent = out('nota.txt');
    fs.writeFileSync(parent, 'not a folder');
    const file = path.join(parent, 'pares.csv');
    await expect(exportPairs(temp.db, { file })).rejects.toMatchObject({ code: 'export_write_failed', params: { file } });
    expect(fs.readFileSync(parent, 'utf8')).toBe('not a folder');
  });

  it('rejects more pairs than one XLSX sheet', async () => {
    // 1,025 theses × 1,023 themes, plus the two pairs of the fixture: 1,048,577 pairs, two over the limit.
    const { db } = temp;
    db.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1025)
      INSERT INTO theses (source_id, content_hash, title) SELECT 'big' || i, 'hash:big' || i, 'Tese ' || i FROM n`);
    db.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1023)
      INSERT INTO themes (source_id, name) SELECT 'big' || i, 'Tema ' || i FROM n`);
    db.exec(`INSERT INTO pairs (thesis_id, theme_id, created_at)
      SELECT t.id, th.id, '2026-01-01' FROM theses t CROSS JOIN themes th WHERE t.source_id LIKE 'big%' AND th.source_id LIKE 'big%'`);
    expect(countPairs(db, {})).toBe(1_048_577);

    const file = out('todos.xlsx');
    await expect(exportPairs(db, { file })).rejects.toMatchObject({ code: 'export_too_many_rows', params: { file, pairs: 1_048_577, limit: 1_048_575 } });
    expect(fs.readdirSync(temp.dir).filter((name) => name.includes('todos'))).toEqual([]);
    // A filter that fits goes through.
    const result = await exportPairs(db, { file, filter: { ufs: ['RS'] } });
    expect(result.rows).toBe(1);
  });

  it('rejects a folder as target', async () => {
    await expect(exportPairs(temp.db, { file: temp.dir, format: 'csv' })).rejects.toMatchObject({ code: 'export_target_is_directory' });
  });

  it('rejects an unknown format', async () => {
    await expect(exportPairs(temp.db, { file: out('pares.ods') })).rejects.toMatchObject({ code: 'export_unknown_format', params: { format: 'ods' } });
  });

  it('rejects an invalid filter', async () => {
    await expect(exportPairs(temp.db, { file: out('pares.csv'), filter: { ufs: ['Rio Grande'] } })).rejects.toMatchObject({
      code: 'invalid_filter',
      params: { field: 'ufs.0' },
    });
    expect(fs.existsSync(out('pares.csv'))).toBe(false);
  });
});
