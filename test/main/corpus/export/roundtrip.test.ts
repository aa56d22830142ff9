// Export, re-import, compare: the real labelled pairs file goes in through the importer, out through
// each export format, and back into a fresh database, which must hold the same pairs with the same
// levels and the same texts, accents included.

import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { exportPairs, type ExportRequest } from '../../../../src/main/corpus/export/service';
import { importFile } from '../../../../src/main/corpus/service';
import type { Db } from '../../../../src/main/db/connection';
import { openTempDb, type TempDb } from '../../../helpers/db';
import { insertPair, insertThesis, insertTheme, SHARED_DATA } from '../../../helpers/pairs';

interface PairSnapshot {
  thesis: string;
  theme: string;
  level: string | null;
}

interface ThesisSnapshot {
  sourceId: string;
  title: string;
  abstract: string | null;
  keywords: string | null;
  programme: string | null;
}

function pairsOf(db: Db): PairSnapshot[] {
  return db
    .prepare(
      `SELECT t.source_id AS thesis, th.source_id AS theme, p.level AS level
         FROM pairs p JOIN theses t ON t.id = p.thesis_id JOIN themes th ON th.id = p.theme_id
        ORDER BY t.source_id, th.source_id`,
    )
    .all() as PairSnapshot[];
}

function thesesOf(db: Db): ThesisSnapshot[] {
  return db
    .prepare('SELECT source_id AS sourceId, title, abstract, keywords, programme FROM theses ORDER BY source_id')
    .all() as ThesisSnapshot[];
}

function themeNamesOf(db: Db): { sourceId: string; name: string }[] {
  return db.prepare('SELECT source_id AS sourceId, name FROM themes ORDER BY source_id').all() as { sourceId: string; name: string }[];
}

let source: TempDb;

beforeAll(async () => {
  source = openTempDb();
  const result = await importFile(source.db, path.join(SHARED_DATA, 'eval', 'pares_dev.csv'), { pair: false });
  expect(result.skipped).toBe(0);
});

afterAll(() => source.cleanup());

const variants: [string, Omit<ExportRequest, 'file'> & { name: string }][] = [
  ['XLSX', { name: 'pares.xlsx' }],
  ['Brazilian CSV', { name: 'pares-br.csv', csvVariant: 'br' }],
  ['international CSV', { name: 'pares-intl.csv', csvVariant: 'intl' }],
];

describe.each(variants)('round trip through %s', (_label, variant) => {
  let target: TempDb;

  beforeAll(async () => {
    const file = path.join(source.dir, variant.name);
    const exported = await exportPairs(source.db, { ...variant, file });
    expect(exported.rows).toBe(pairsOf(source.db).length);
    expect(exported.neutralisedCells).toBe(0);
    target = openTempDb();
    const reimported = await importFile(target.db, file, { pair: false });
    expect(reimported.skipped).toBe(0);
  });

  afterAll(() => target.cleanup());

  it('keeps every pair and level', () => {
    const before = pairsOf(source.db);
    expect(before.length).toBeGreaterThan(1000);
    expect(pairsOf(target.db)).toEqual(before);
  });

  it('keeps thesis texts with accents', () => {
    const before = thesesOf(source.db);
    const after = thesesOf(target.db);
    expect(after.length).toBe(before.length);
    for (let i = 0; i < before.length; i += 1) {
      expect(after[i], `thesis ${before[i].sourceId}`).toEqual(before[i]);
    }
    expect(after.some((thesis) => /[áéíóúâêôãõç]/i.test(thesis.abstract ?? ''))).toBe(true);
  });

  it('keeps theme ids and names', () => {
    expect(themeNamesOf(target.db)).toEqual(themeNamesOf(source.db));
  });
});

describe('round trip of formula-like texts', () => {
  it.each([['pares.xlsx'], ['pares.csv']])('restores neutralised cells from %s', async (name) => {
    const formulas = openTempDb();
    const target = openTempDb();
    try {
      const titles = ['=1+1 na escola', '+55 anos de pesquisa', '-ruido e sinal', '@perfil digital'];
      const theme = insertTheme(formulas.db, { sourceId: 'T1', uf: 'RS', name: 'Tema' });
      titles.forEach((title, index) => {
        const thesis = insertThesis(formulas.db, { sourceId: `F${index}`, sourceIdField: 'ID_PRODUCAO_INTELECTUAL', title, uf: 'RS' });
        insertPair(formulas.db, thesis, theme, { level: 'ALTA', source: 'curator' });
      });
      const file = path.join(formulas.dir, name);
      const exported = await exportPairs(formulas.db, { file });
      expect(exported.neutralisedCells).toBe(titles.length);

      await importFile(target.db, file, { pair: false });
      expect(thesesOf(target.db).map((thesis) => thesis.title)).toEqual(titles);
      expect(pairsOf(target.db).map((pair) => pair.level)).toEqual(['ALTA', 'ALTA', 'ALTA', 'ALTA']);
    } finally {
      formulas.cleanup();
      target.cleanup();
    }
  });
});
