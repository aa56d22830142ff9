import { afterEach, describe, expect, it } from 'vitest';

import { countThesesByState, thesisContentHash, upsertThesis, type ThesisInput } from '../../../src/main/db/theses';
import { openTempDb, type TempDb } from '../../helpers/db';

let temp: TempDb | undefined;
afterEach(() => temp?.cleanup());

function thesis(overrides: Partial<ThesisInput> = {}): ThesisInput {
  return {
    sourceId: null,
    sourceIdField: null,
    title: 'Inteligência artificial na educação',
    abstract: 'Um estudo sobre o uso de IA em escolas públicas.',
    abstractEn: null,
    keywords: null,
    keywordsEn: null,
    programme: null,
    programmeCode: null,
    institution: null,
    institutionAcronym: null,
    uf: 'RS',
    researcherUf: null,
    region: null,
    grandeArea: null,
    area: null,
    subarea: null,
    especialidade: null,
    areaAvaliacao: null,
    degree: null,
    subtype: null,
    defenceDate: null,
    year: 2023,
    concentrationArea: null,
    researchLine: null,
    project: null,
    ...overrides,
  };
}

describe('theses repository', () => {
  it('hashes content ignoring case, accents and spacing', () => {
    expect(thesisContentHash('INTELIGÊNCIA  Artificial', 'Resumo.')).toBe(thesisContentHash('inteligencia artificial', 'resumo'));
    expect(thesisContentHash('Título A', null)).not.toBe(thesisContentHash('Título B', null));
  });

  it('dedupes by source id and merges missing fields', () => {
    temp = openTempDb();
    const first = upsertThesis(temp.db, thesis({ sourceId: '123', sourceIdField: 'ID_PRODUCAO_INTELECTUAL', abstract: null }), null);
    expect(first.outcome).toBe('inserted');
    const again = upsertThesis(temp.db, thesis({ sourceId: '123', sourceIdField: 'ID_PRODUCAO_INTELECTUAL', uf: null }), null);
    expect(again).toEqual({ id: first.id, outcome: 'updated' });
    const row = temp.db.prepare('SELECT uf, abstract FROM theses WHERE id = ?').get(first.id) as { uf: string; abstract: string };
    expect(row.uf).toBe('RS');
    expect(row.abstract).toContain('escolas públicas');
    expect(upsertThesis(temp.db, thesis({ sourceId: '123', sourceIdField: 'ID_PRODUCAO_INTELECTUAL' }), null).outcome).toBe('unchanged');
  });

  it('dedupes by content hash without source id', () => {
    temp = openTempDb();
    const first = upsertThesis(temp.db, thesis(), null);
    const second = upsertThesis(temp.db, thesis({ title: 'INTELIGENCIA ARTIFICIAL NA EDUCACAO' }), null);
    expect(second.id).toBe(first.id);
    expect(temp.db.prepare('SELECT COUNT(*) AS n FROM theses').get()).toEqual({ n: 1 });
  });

  it('gives an id to a thesis first imported without one', () => {
    temp = openTempDb();
    const first = upsertThesis(temp.db, thesis(), null);
    const second = upsertThesis(temp.db, thesis({ sourceId: '999', sourceIdField: 'id' }), null);
    expect(second).toEqual({ id: first.id, outcome: 'updated' });
    expect(temp.db.prepare('SELECT source_id FROM theses').get()).toEqual({ source_id: '999' });
  });

  it('reports a conflict for an id reused by another source', () => {
    temp = openTempDb();
    upsertThesis(temp.db, thesis({ sourceId: '1', sourceIdField: 'id' }), null);
    const other = upsertThesis(temp.db, thesis({ sourceId: '1', sourceIdField: 'ID_PRODUCAO_INTELECTUAL', title: 'Outro trabalho' }), null);
    expect(other.outcome).toBe('conflict');
    expect(temp.db.prepare('SELECT title FROM theses').get()).toEqual({ title: 'Inteligência artificial na educação' });
  });

  it('counts theses per effective state', () => {
    temp = openTempDb();
    upsertThesis(temp.db, thesis({ sourceId: 'a' }), null);
    upsertThesis(temp.db, thesis({ sourceId: 'b', title: 'B', uf: null, researcherUf: 'SP' }), null);
    upsertThesis(temp.db, thesis({ sourceId: 'c', title: 'C', uf: null }), null);
    expect(countThesesByState(temp.db)).toEqual([
      { uf: null, theses: 1 },
      { uf: 'RS', theses: 1 },
      { uf: 'SP', theses: 1 },
    ]);
  });
});
