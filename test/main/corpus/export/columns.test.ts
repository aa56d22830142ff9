// Optional column groups of an export: abstracts, prediction, label author, justification, and the
// Contagens sheet, each switched on and off through the service.

import fs from 'node:fs';
import path from 'node:path';

import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { exportPairs } from '../../../../src/main/corpus/export/service';
import { appendLabel } from '../../../../src/main/db/labels';
import { openTempDb, type TempDb } from '../../../helpers/db';
import { insertModelVersion, insertPair, insertPrediction, insertThesis, insertTheme } from '../../../helpers/pairs';

let temp: TempDb;

beforeEach(() => {
  temp = openTempDb();
  const { db } = temp;
  const thesis = insertThesis(db, { sourceId: '7', title: 'Água e saúde no semiárido', abstract: 'Estudo da água. Outro trecho.', uf: 'CE' });
  const theme = insertTheme(db, { sourceId: '30', uf: 'CE', name: 'Recursos hídricos' });
  const labelled = insertPair(db, thesis, theme);
  appendLabel(db, { pairId: labelled, level: 'ALTA', source: 'curator', curator: 'Ana' });
  const model = insertModelVersion(db, 'v1');
  insertPrediction(db, labelled, model, [0.1, 0.2, 0.7]);
  db.prepare('UPDATE predictions SET justification = ? WHERE pair_id = ?').run(
    JSON.stringify({ terms: [{ word: 'água', term: 'agu', weight: 2 }], passage: 'Estudo da água.' }),
    labelled,
  );
});

afterEach(() => temp.cleanup());

async function headersOf(options: Parameters<typeof exportPairs>[1]): Promise<{ headers: string[]; row: Record<string, unknown>; sheets: string[] }> {
  await exportPairs(temp.db, options);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(options.file);
  const sheet = workbook.getWorksheet('Pares')!;
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const values = (sheet.getRow(2).values as unknown[]).slice(1);
  const row = Object.fromEntries(headers.map((header, i) => [header, values[i]]));
  return { headers, row, sheets: workbook.worksheets.map((s) => s.name) };
}

describe('export column options', () => {
  it('writes who set the label by default', async () => {
    const { headers, row } = await headersOf({ file: path.join(temp.dir, 'a.xlsx') });
    expect(headers).toContain('DS_RESUMO');
    expect(headers).toContain('p_alta');
    expect(headers).not.toContain('justificativa');
    expect(row.curador).toBe('Ana');
    expect(row.data_nivel).toBeInstanceOf(Date);
  });

  it('leaves out abstracts and prediction', async () => {
    const { headers } = await headersOf({
      file: path.join(temp.dir, 'b.xlsx'),
      columns: { includeAbstract: false, includePrediction: false, includeLabelAuthor: false },
    });
    for (const header of ['DS_RESUMO', 'DS_ABSTRACT', 'versao_modelo', 'nivel_previsto', 'p_baixa', 'p_media', 'p_alta', 'curador', 'data_nivel']) {
      expect(headers).not.toContain(header);
    }
    expect(headers).toContain('NM_PRODUCAO');
    expect(headers).toContain('nivel');
  });

  it('adds the justification as words', async () => {
    const { row } = await headersOf({ file: path.join(temp.dir, 'c.xlsx'), columns: { includeJustification: true } });
    expect(row.justificativa).toBe('termos: água; trecho: Estudo da água.');
  });

  it('leaves out the Contagens sheet', async () => {
    const { sheets } = await headersOf({ file: path.join(temp.dir, 'd.xlsx'), summarySheet: false });
    expect(sheets).toEqual(['Pares', 'Filtros', 'Leia-me']);
  });

  it('applies the options to CSV', async () => {
    const file = path.join(temp.dir, 'e.csv');
    await exportPairs(temp.db, { file, csvVariant: 'intl', columns: { includeAbstract: false } });
    const header = fs.readFileSync(file, 'utf8').split('\n')[0];
    expect(header).not.toContain('DS_RESUMO');
    expect(header).toContain('curador');
  });
});
