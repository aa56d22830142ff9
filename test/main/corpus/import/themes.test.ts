import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { importFile } from '../../../../src/main/corpus/service';
import { openTempDb, type TempDb } from '../../../helpers/db';
import { THEMES_TSV, writeCsv, writeText, writeXlsx } from './files';

let temp: TempDb | undefined;
afterEach(() => temp?.cleanup());

describe('theme catalogue and labelled pairs import', () => {
  it('imports themes.tsv as national themes', async () => {
    temp = openTempDb();
    const result = await importFile(temp.db, THEMES_TSV);
    expect(result.kind).toBe('themes');
    expect(result.rowsRead).toBe(458);
    expect(result.themes.inserted).toBe(458);
    expect(temp.db.prepare('SELECT COUNT(*) AS n FROM themes WHERE uf IS NULL').get()).toEqual({ n: 458 });
    expect(temp.db.prepare("SELECT name FROM themes WHERE source_id = '3'").get()).toEqual({ name: 'Biodiversidade e Biotecnologia' });
    const again = await importFile(temp.db, THEMES_TSV);
    expect(again.themes.unchanged).toBe(458);
  });

  it('imports an XLSX catalogue with states written in full', async () => {
    temp = openTempDb();
    const file = await writeXlsx(path.join(temp.dir, 'temas.xlsx'), ['UF', 'Macrotema', 'Tema', 'Palavras-chave'], [
      ['RIO GRANDE DO SUL', 'Agro', 'Soja e clima', 'soja; clima; safra'],
      ['São Paulo', 'Saúde', 'Saúde digital', 'telemedicina'],
      ['Nacional', 'Educação', 'Educação básica', ''],
    ]);
    const result = await importFile(temp.db, file);
    expect(result.kind).toBe('themes');
    const rows = temp.db.prepare('SELECT uf, macro_theme, name, keywords FROM themes ORDER BY id').all();
    expect(rows).toEqual([
      { uf: 'RS', macro_theme: 'Agro', name: 'Soja e clima', keywords: '["soja","clima","safra"]' },
      { uf: 'SP', macro_theme: 'Saúde', name: 'Saúde digital', keywords: '["telemedicina"]' },
      { uf: null, macro_theme: 'Educação', name: 'Educação básica', keywords: '[]' },
    ]);
  });

  it('applies labelled pairs to known theses and themes', async () => {
    temp = openTempDb();
    writeText(path.join(temp.dir, 'teses.csv'), 'id,titulo,uf\nT1,Primeira,RS\nT2,Segunda,RS\n');
    await importFile(temp.db, path.join(temp.dir, 'teses.csv'));
    await importFile(temp.db, writeText(path.join(temp.dir, 'temas.csv'), 'tema_id,tema,uf_tema\n10,Agro,RS\n'));
    const labels = writeCsv(path.join(temp.dir, 'rotulos.csv'), ['id_tese', 'tema_id', 'nivel'], [
      ['T1', '10', 'ALTA'],
      ['T2', '10', 'média'],
      ['T9', '10', 'BAIXA'],
      ['T1', '99', 'BAIXA'],
      ['T2', '10', ''],
    ]);
    const result = await importFile(temp.db, labels);
    expect(result.kind).toBe('labels');
    expect(result.labels.added).toBe(2);
    expect(result.errors.map((e) => [e.line, e.reason])).toEqual([
      [4, 'unknown_thesis'],
      [5, 'unknown_theme'],
      [6, 'missing_level'],
    ]);
    const levels = temp.db
      .prepare('SELECT t.source_id AS thesis, p.level FROM pairs p JOIN theses t ON t.id = p.thesis_id ORDER BY 1')
      .all();
    expect(levels).toEqual([
      { thesis: 'T1', level: 'ALTA' },
      { thesis: 'T2', level: 'MEDIA' },
    ]);
  });
});
