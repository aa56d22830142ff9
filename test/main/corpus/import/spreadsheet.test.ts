import fs from 'node:fs';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { importFile } from '../../../../src/main/corpus/service';
import { appendLabel } from '../../../../src/main/db/labels';
import { openTempDb, type TempDb } from '../../../helpers/db';
import { collectEvents, expectValidProgress } from '../../../helpers/progress';
import { CAPES_CSV, CAPES_XLSX, HISTORY_CSV, writeCsv, writeXlsx } from './files';

let temp: TempDb | undefined;
afterEach(() => temp?.cleanup());

const EXPORT_HEADERS = ['ID_PRODUCAO_INTELECTUAL', 'campo_id', 'NM_PRODUCAO', 'DS_RESUMO', 'SG_UF_IES', 'DT_TITULACAO', 'tema_id', 'tema', 'uf_tema', 'nivel', 'origem_nivel', 'p_alta'];

describe('spreadsheet import', () => {
  it('reads the real XLSX twin to the same theses', async () => {
    temp = openTempDb();
    const { events, listener } = collectEvents();
    const result = await importFile(temp.db, CAPES_XLSX, { onProgress: listener });
    expectValidProgress(events, 'done');
    expect(result.kind).toBe('spreadsheet');
    expect(result.format).toBe('xlsx');
    expect(result.rowsRead).toBe(400);
    expect(result.theses.inserted).toBe(400);
    const again = await importFile(temp.db, CAPES_CSV);
    expect(again.theses.inserted).toBe(0);
    expect(temp.db.prepare('SELECT COUNT(*) AS n FROM theses').get()).toEqual({ n: 400 });
    const row = temp.db.prepare("SELECT uf, defence_date, year FROM theses WHERE source_id = '13950696'").get();
    expect(row).toEqual({ uf: 'SP', defence_date: '2023-08-25', year: 2023 });
  });

  it('maps the Sucupira-style headers', async () => {
    temp = openTempDb();
    const result = await importFile(temp.db, HISTORY_CSV);
    expect(result.kind).toBe('spreadsheet');
    expect(result.rowsRead).toBe(420);
    expect(result.imported).toBe(420);
    expect(result.ignoredColumns).toEqual(['idioma', 'confianca', 'origem', 'justificativa', 'lote']);
    const row = temp.db.prepare("SELECT source_id_field, institution, programme, uf, year, subtype, degree FROM theses WHERE source_id = '6'").get();
    expect(row).toEqual({
      source_id_field: 'id',
      institution: 'UNIVERSIDADE DE SÃO PAULO',
      programme: 'DIREITO',
      uf: 'SP',
      year: 1999,
      subtype: 'Tese',
      degree: 'Doutorado',
    });
  });

  it('maps English headers', async () => {
    temp = openTempDb();
    const file = writeCsv(path.join(temp.dir, 'english.csv'), ['Title', 'Abstract', 'University', 'State', 'Year', 'Keywords'], [
      ['Machine learning for soy', 'We study soy yields.', 'UFG', 'Goiás', '2022', 'soy; ml'],
    ]);
    await importFile(temp.db, file);
    const row = temp.db.prepare('SELECT title, abstract, institution, uf, year, keywords FROM theses').get();
    expect(row).toEqual({
      title: 'Machine learning for soy',
      abstract: 'We study soy yields.',
      institution: 'UFG',
      uf: 'GO',
      year: 2022,
      keywords: 'soy; ml',
    });
  });

  it('reads export headers, not predictions', async () => {
    temp = openTempDb();
    const file = await writeXlsx(path.join(temp.dir, 'export.xlsx'), EXPORT_HEADERS, [
      ['LMicol:1', 'hash_id', 'Título com acentuação', 'Resumo', 'RS', new Date(Date.UTC(2023, 7, 25)), '10', 'Tema RS', 'RS', 'ALTA', 'curador', 0.7],
      ['LMicol:1', 'hash_id', 'Título com acentuação', 'Resumo', 'RS', new Date(Date.UTC(2023, 7, 25)), '11', 'Tema nacional', '', 'MEDIA', 'modelo', 0.2],
      ['LMicol:1', 'hash_id', 'Título com acentuação', 'Resumo', 'RS', new Date(Date.UTC(2023, 7, 25)), '12', 'Outro', '', '', '', null],
      ["'=SOMA", 'hash_id', "'=SOMA(A1)", 'Resumo', 'RS', null, '10', 'Tema RS', 'RS', 'BAIXA', 'importado', null],
    ]);
    const result = await importFile(temp.db, file, { pair: false });
    expect(result.skipped).toBe(0);
    expect(result.pairs.created).toBe(4);
    expect(result.labels.added).toBe(2);
    const pairs = temp.db
      .prepare('SELECT t.source_id AS thesis, th.source_id AS theme, p.level FROM pairs p JOIN theses t ON t.id = p.thesis_id JOIN themes th ON th.id = p.theme_id ORDER BY 1, 2')
      .all();
    expect(pairs).toEqual([
      { thesis: '=SOMA', theme: '10', level: 'BAIXA' },
      { thesis: 'LMicol:1', theme: '10', level: 'ALTA' },
      { thesis: 'LMicol:1', theme: '11', level: null },
      { thesis: 'LMicol:1', theme: '12', level: null },
    ]);
    const thesis = temp.db.prepare("SELECT source_id_field, defence_date, title FROM theses WHERE source_id = 'LMicol:1'").get();
    expect(thesis).toEqual({ source_id_field: 'hash_id', defence_date: '2023-08-25', title: 'Título com acentuação' });
    expect(temp.db.prepare("SELECT title FROM theses WHERE source_id = '=SOMA'").get()).toEqual({ title: '=SOMA(A1)' });
  });

  it('keeps curator level on re-import', async () => {
    temp = openTempDb();
    const file = await writeXlsx(path.join(temp.dir, 'labels.xlsx'), EXPORT_HEADERS, [
      ['T1', 'id', 'Tese', 'Resumo', 'RS', null, '10', 'Tema', 'RS', 'BAIXA', 'importado', null],
    ]);
    await importFile(temp.db, file);
    const pair = temp.db.prepare('SELECT id FROM pairs').get() as { id: number };
    appendLabel(temp.db, { pairId: pair.id, level: 'ALTA', source: 'curator', curator: 'ana' });
    const again = await importFile(temp.db, file);
    expect(again.labels).toEqual({ added: 0, unchanged: 0, kept: 1 });
    expect(temp.db.prepare('SELECT level, level_source FROM pairs').get()).toEqual({ level: 'ALTA', level_source: 'curator' });
  });

  it('passes over a leading sheet without known headers', async () => {
    temp = openTempDb();
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Capa').addRow(['Relatório da agência', 'versão 2']);
    const data = workbook.addWorksheet('Teses');
    data.addRow(['titulo', 'resumo', 'uf']);
    data.addRow(['Tese na segunda aba', 'Resumo', 'AM']);
    const file = path.join(temp.dir, 'two-sheets.xlsx');
    await workbook.xlsx.writeFile(file);
    const result = await importFile(temp.db, file);
    expect(result.theses.inserted).toBe(1);
    expect(temp.db.prepare('SELECT title, uf FROM theses').get()).toEqual({ title: 'Tese na segunda aba', uf: 'AM' });
  });

  it('reads a zip with workbook parts last', async () => {
    temp = openTempDb();
    const ExcelJS = (await import('exceljs')).default;
    const JSZip = (await import('jszip')).default;
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Capa').addRow(['Relatório da agência']);
    const data = workbook.addWorksheet('Teses');
    data.addRow(['titulo', 'resumo', 'uf']);
    data.addRow(['Tese da segunda aba', 'Resumo', 'PA']);
    const original = await JSZip.loadAsync(Buffer.from(await workbook.xlsx.writeBuffer()));
    // Worksheets first, the second before the first, and the workbook and its relations at the end,
    // as exceljs's streaming writer sometimes orders them.
    const names = Object.keys(original.files).filter((name) => !original.files[name].dir);
    const last = ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels'];
    const order = [
      'xl/worksheets/sheet2.xml',
      'xl/worksheets/sheet1.xml',
      ...names.filter((name) => !name.startsWith('xl/worksheets/sheet') && !last.includes(name)),
      ...last,
    ];
    const reordered = new JSZip();
    for (const name of order) reordered.file(name, await original.file(name)!.async('uint8array'));
    const file = path.join(temp.dir, 'reordenado.xlsx');
    fs.writeFileSync(file, await reordered.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));

    const result = await importFile(temp.db, file);
    expect(result.theses.inserted).toBe(1);
    expect(temp.db.prepare('SELECT title, uf FROM theses').get()).toEqual({ title: 'Tese da segunda aba', uf: 'PA' });
  });

  it('keeps accents across zip chunk boundaries', async () => {
    temp = openTempDb();
    // Long accented texts make the inflated shared strings span many 16 KiB chunks.
    const abstract = 'Educação, ação e informação na região. '.repeat(3000);
    const rows = Array.from({ length: 5 }, (_, i) => [`T${i}`, `Tese número ${i}`, `${i} ${abstract}`]);
    const file = await writeXlsx(path.join(temp.dir, 'longo.xlsx'), ['id', 'titulo', 'resumo'], rows);
    await importFile(temp.db, file);
    const stored = temp.db.prepare('SELECT abstract FROM theses ORDER BY source_id').all() as { abstract: string }[];
    expect(stored).toHaveLength(5);
    for (const [i, row] of stored.entries()) {
      expect(row.abstract).not.toContain('\uFFFD');
      expect(row.abstract).toBe(`${i} ${abstract}`.trim());
    }
  });

  it('reads error cells and date serials', async () => {
    temp = openTempDb();
    const file = await writeXlsx(path.join(temp.dir, 'celulas.xlsx'), ['id', 'titulo', 'resumo', 'DT_TITULACAO'], [
      ['E1', 'Tese com erro no resumo', { error: '#N/A' }, 44927],
      ['E2', { error: '#REF!' }, 'Resumo sem título', '01/02/2021'],
      ['E3', 'Tese com fórmula', { formula: 'CONCAT("a";"b")', result: 'ab' }, 2021],
    ]);
    const result = await importFile(temp.db, file);
    expect(result.theses.inserted).toBe(2);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].line).toBe(3);
    const rows = temp.db.prepare('SELECT source_id, title, abstract, defence_date FROM theses ORDER BY source_id').all();
    expect(rows).toEqual([
      { source_id: 'E1', title: 'Tese com erro no resumo', abstract: null, defence_date: '2023-01-01' },
      { source_id: 'E3', title: 'Tese com fórmula', abstract: 'ab', defence_date: null },
    ]);
  });
});
