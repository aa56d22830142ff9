// Pair queries: each filter field, sorting, offset and keyset paging, facets and theme × level
// counts, on a small hand-built corpus in a real SQLite file.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { countPairs, ftsQuery, iteratePairs, pairFacets, queryPairs, themeLevelCounts } from '../../../src/main/db/pairQuery';
import type { PairFilter } from '../../../src/shared/filters';
import { openTempDb, type TempDb } from '../../helpers/db';
import { insertModelVersion, insertPair, insertPrediction, insertThesis, insertTheme, seedSyntheticCorpus } from '../../helpers/pairs';

let temp: TempDb;
const ids: Record<string, number> = {};

beforeEach(() => {
  temp = openTempDb();
  const { db } = temp;
  const t1 = insertThesis(db, {
    sourceId: 'A1',
    title: 'EDUCAÇÃO AMBIENTAL NA AMAZÔNIA',
    abstract: 'Políticas públicas de água',
    programme: 'Educação',
    uf: 'AM',
    area: 'EDUCAÇÃO',
    year: 2021,
    defenceDate: '2021-03-10',
  });
  const t2 = insertThesis(db, {
    sourceId: 'R1',
    title: 'direito penal e história',
    keywords: 'penal; direito',
    programme: 'Direito',
    uf: 'RS',
    area: 'DIREITO',
    year: 2023,
  });
  const t3 = insertThesis(db, { sourceId: 'R2', title: 'energia solar no campo', programme: 'Engenharia', researcherUf: 'RS', area: 'ENGENHARIAS', year: 2019 });
  const amazonia = insertTheme(db, { sourceId: '10', uf: 'AM', macroTheme: 'Meio ambiente', name: 'Bioeconomia da Amazônia' });
  const national = insertTheme(db, { sourceId: '20', macroTheme: 'Sociedade', name: 'Educação básica' });
  const archived = insertTheme(db, { sourceId: '30', uf: 'RS', macroTheme: 'Sociedade', name: 'Tema antigo', archived: true });
  const energia = insertTheme(db, { sourceId: '40', uf: 'RS', macroTheme: 'Energia', name: 'Energias renováveis' });
  ids.amazonia = amazonia;
  ids.national = national;

  const model = insertModelVersion(db, 'v1');
  const old = insertModelVersion(db, 'v0', false);
  ids.p1 = insertPair(db, t1, amazonia, { level: 'ALTA', source: 'imported' });
  ids.p2 = insertPair(db, t1, national, { level: 'MEDIA', source: 'curator' });
  ids.p3 = insertPair(db, t2, national);
  ids.p4 = insertPair(db, t2, archived, { level: 'BAIXA', source: 'imported' });
  ids.p5 = insertPair(db, t3, energia);
  ids.p6 = insertPair(db, t3, national, { level: 'BAIXA', source: 'accepted_prediction' });
  insertPrediction(db, ids.p1, model, [0.1, 0.2, 0.7]); // agrees (ALTA)
  insertPrediction(db, ids.p2, model, [0.6, 0.3, 0.1]); // disagrees (BAIXA vs MEDIA)
  insertPrediction(db, ids.p3, model, [0.2, 0.5, 0.3]); // model only (MEDIA)
  insertPrediction(db, ids.p5, old, [0.9, 0.05, 0.05]); // inactive model: ignored
});

afterEach(() => temp.cleanup());

function pairIds(filter: PairFilter): number[] {
  return queryPairs(temp.db, filter, { key: 'pair', direction: 'asc' }, { limit: 100 }).rows.map((row) => row.pairId);
}

describe('queryPairs filters', () => {
  it('hides archived themes unless asked', () => {
    expect(pairIds({})).toEqual([ids.p1, ids.p2, ids.p3, ids.p5, ids.p6]);
    expect(pairIds({ includeArchivedThemes: true })).toHaveLength(6);
  });

  it('filters by state, theme and macro-theme', () => {
    expect(pairIds({ ufs: ['RS'] })).toEqual([ids.p3, ids.p5, ids.p6]);
    expect(pairIds({ ufs: ['RS'], programmes: ['Engenharia'] })).toEqual([ids.p5, ids.p6]);
    expect(pairIds({ themeIds: [ids.amazonia] })).toEqual([ids.p1]);
    expect(pairIds({ macroThemes: ['Sociedade'] })).toEqual([ids.p2, ids.p3, ids.p6]);
  });

  it('filters by level including unlabelled', () => {
    expect(pairIds({ levels: ['BAIXA'] })).toEqual([ids.p6]);
    expect(pairIds({ levels: ['none'] })).toEqual([ids.p3, ids.p5]);
    expect(pairIds({ levels: ['ALTA', 'none'] })).toEqual([ids.p1, ids.p3, ids.p5]);
  });

  it('filters by level origin', () => {
    expect(pairIds({ sources: ['imported'] })).toEqual([ids.p1]);
    expect(pairIds({ sources: ['curator', 'accepted_prediction'] })).toEqual([ids.p2, ids.p6]);
    expect(pairIds({ sources: ['model'] })).toEqual([ids.p3]);
    expect(pairIds({ sources: ['none'] })).toEqual([ids.p5]);
  });

  it('filters by prediction and confidence', () => {
    expect(pairIds({ predictedLevels: ['MEDIA'] })).toEqual([ids.p3]);
    expect(pairIds({ confidence: { min: 0.55 } })).toEqual([ids.p1, ids.p2]);
    expect(pairIds({ confidence: { max: 0.55 } })).toEqual([ids.p3]);
  });

  it('filters by model–curator disagreement', () => {
    expect(pairIds({ disagreement: true })).toEqual([ids.p2]);
    expect(pairIds({ disagreement: false })).toEqual([ids.p1]);
  });

  it('filters by programme, area and years', () => {
    expect(pairIds({ programmes: ['Direito'] })).toEqual([ids.p3]);
    expect(pairIds({ areas: ['ENGENHARIAS'] })).toEqual([ids.p5, ids.p6]);
    expect(pairIds({ years: { from: 2020 } })).toEqual([ids.p1, ids.p2, ids.p3]);
    expect(pairIds({ years: { from: 2020, to: 2022 } })).toEqual([ids.p1, ids.p2]);
  });

  it('searches ignoring accents and case', () => {
    expect(pairIds({ search: 'educacao amazonia' })).toEqual([ids.p1, ids.p2]);
    expect(pairIds({ search: 'HISTÓRIA' })).toEqual([ids.p3]);
    expect(pairIds({ search: 'agua' })).toEqual([ids.p1, ids.p2]);
    expect(pairIds({ search: 'penal' })).toEqual([ids.p3]);
    expect(pairIds({ search: 'ener' })).toEqual([ids.p5, ids.p6]);
  });

  it('treats search operators as plain words', () => {
    expect(ftsQuery('"educ" OR NEAR(x')).toBe('"educ"* "OR"* "NEAR"* "x"*');
    expect(ftsQuery('  ;; ')).toBeNull();
    expect(pairIds({ search: 'direito OR energia' })).toEqual([]);
    expect(pairIds({ search: '*' })).toHaveLength(5);
  });

  it('counts the same pairs it lists', () => {
    const filters: PairFilter[] = [{}, { ufs: ['RS'] }, { sources: ['model', 'none'] }, { search: 'educação' }, { disagreement: true }];
    for (const filter of filters) expect(countPairs(temp.db, filter)).toBe(pairIds(filter).length);
  });
});

describe('queryPairs rows', () => {
  it('returns thesis, theme, label and prediction', () => {
    const [row] = queryPairs(temp.db, { themeIds: [ids.amazonia] }).rows;
    expect(row.thesisSourceId).toBe('A1');
    expect(row.themeSourceId).toBe('10');
    expect(row.themeName).toBe('Bioeconomia da Amazônia');
    expect(row.level).toBe('ALTA');
    expect(row.origin).toBe('imported');
    expect(row.modelVersion).toBe('v1');
    expect(row.predictedLevel).toBe('ALTA');
    expect(row.pAlta).toBeCloseTo(0.7);
    expect(row.defenceDate).toBe('2021-03-10');
  });

  it('ignores predictions of inactive models', () => {
    const [row] = queryPairs(temp.db, { programmes: ['Engenharia'], areas: ['ENGENHARIAS'], ufs: ['RS'], levels: ['none'] }).rows;
    expect(row.pairId).toBe(ids.p5);
    expect(row.predictedLevel).toBeNull();
    expect(row.modelVersion).toBeNull();
    expect(row.origin).toBe('none');
  });
});

describe('queryPairs paging', () => {
  it('sorts by title and confidence', () => {
    const byTitle = queryPairs(temp.db, {}, { key: 'title', direction: 'asc' }).rows.map((row) => row.title);
    expect(byTitle).toEqual([
      'direito penal e história',
      'EDUCAÇÃO AMBIENTAL NA AMAZÔNIA',
      'EDUCAÇÃO AMBIENTAL NA AMAZÔNIA',
      'energia solar no campo',
      'energia solar no campo',
    ]);
    const byConfidence = queryPairs(temp.db, {}, { key: 'confidence', direction: 'desc' }).rows.map((row) => row.pairId);
    expect(byConfidence.slice(0, 3)).toEqual([ids.p1, ids.p2, ids.p3]);
  });

  it('pages by offset and by cursor alike', () => {
    const seeded = openTempDb();
    try {
      seedSyntheticCorpus(seeded.db, 500);
      for (const key of ['pair', 'title', 'year', 'level', 'confidence', 'theme'] as const) {
        for (const direction of ['asc', 'desc'] as const) {
          const all = queryPairs(seeded.db, { ufs: ['RS', 'SP'] }, { key, direction }, { limit: 1000 }).rows.map((row) => row.pairId);
          const byCursor = [...iteratePairs(seeded.db, { ufs: ['RS', 'SP'] }, { key, direction }, 7)].flat().map((row) => row.pairId);
          const byOffset = [0, 30, 60, 90].flatMap((offset) =>
            queryPairs(seeded.db, { ufs: ['RS', 'SP'] }, { key, direction }, { limit: 30, offset }).rows.map((row) => row.pairId),
          );
          expect(all).toHaveLength(100);
          expect(byCursor).toEqual(all);
          expect(byOffset).toEqual(all.slice(0, 120));
        }
      }
    } finally {
      seeded.cleanup();
    }
  });

  it('rejects a malformed cursor', () => {
    expect(() => queryPairs(temp.db, {}, { key: 'pair', direction: 'asc' }, { limit: 10, after: 'not-a-cursor' })).toThrow(/cursor/);
  });
});

describe('facets and counts', () => {
  it('lists distinct values with counts', () => {
    const facets = pairFacets(temp.db);
    expect(facets.ufs).toEqual([
      { value: 'AM', count: 2 },
      { value: 'RS', count: 3 },
    ]);
    expect(facets.years.map((year) => year.value)).toEqual([2019, 2021, 2023]);
    expect(facets.themes.map((theme) => theme.name)).toEqual(['Bioeconomia da Amazônia', 'Educação básica', 'Energias renováveis']);
    expect(facets.macroThemes).toContainEqual({ value: 'Sociedade', count: 3 });
    expect(facets.programmes).toHaveLength(3);
    expect(facets.areas).toHaveLength(3);
  });

  it('counts pairs per theme and level', () => {
    const counts = themeLevelCounts(temp.db);
    const national = counts.find((entry) => entry.themeId === ids.national);
    expect(national?.counts).toEqual({ BAIXA: 1, MEDIA: 1, ALTA: 0, none: 1 });
    expect(national?.total).toBe(3);
    expect(counts.reduce((sum, entry) => sum + entry.total, 0)).toBe(5);
  });
});
