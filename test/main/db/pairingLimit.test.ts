// countNewPairs against what pairByState then creates, and the maxNewPairs guard.

import { afterEach, describe, expect, it } from 'vitest';

import { AppError } from '../../../src/shared/errors';
import { insertImport } from '../../../src/main/db/imports';
import { countNewPairs, DEFAULT_MAX_NEW_PAIRS, ensurePair, pairByState } from '../../../src/main/db/pairs';
import { openTempDb, snapshot, type TempDb } from '../../helpers/db';

let temp: TempDb | undefined;
afterEach(() => temp?.cleanup());

function pairCount(t: TempDb): number {
  return (t.db.prepare('SELECT COUNT(*) AS n FROM pairs').get() as { n: number }).n;
}

function newImport(t: TempDb, fileName: string): number {
  return insertImport(t.db, { fileName, fileSize: 1, sha256: fileName, kind: 'capes', startedAt: '2026-01-01' });
}

/**
 * Seeds two imports. The first brings theses of RS and SP (one by the researcher's state), one
 * thesis without a state, and RS, SP, national and archived themes. The second adds theses and
 * themes of both kinds.
 */
function seed(t: TempDb): { first: number; second: number } {
  const first = newImport(t, 'a.csv');
  const second = newImport(t, 'b.csv');
  const thesis = t.db.prepare('INSERT INTO theses (source_id, content_hash, title, uf, researcher_uf, import_id) VALUES (?, ?, ?, ?, ?, ?)');
  thesis.run('T1', 'h1', 'Tese RS', 'RS', null, first);
  thesis.run('T2', 'h2', 'Tese RS 2', 'RS', null, first);
  thesis.run('T3', 'h3', 'Tese do pesquisador SP', null, 'SP', first);
  thesis.run('T4', 'h4', 'Tese sem UF', null, null, first);
  thesis.run('T5', 'h5', 'Tese SP nova', 'SP', null, second);
  thesis.run('T6', 'h6', 'Tese AM nova', 'AM', null, second);
  const theme = t.db.prepare('INSERT INTO themes (source_id, uf, name, import_id, archived_at) VALUES (?, ?, ?, ?, ?)');
  theme.run('10', 'RS', 'Tema RS', first, null);
  theme.run('11', 'RS', 'Tema RS 2', first, null);
  theme.run('20', 'SP', 'Tema SP', first, null);
  theme.run('30', null, 'Tema nacional', first, null);
  theme.run('40', 'RS', 'Arquivado', first, '2026-01-01');
  theme.run('41', null, 'Nacional arquivado', first, '2026-01-01');
  theme.run('50', 'RS', 'Tema RS novo', second, null);
  theme.run('60', null, 'Tema nacional novo', second, null);
  theme.run('70', 'MT', 'Tema MT sem teses', second, null);
  return { first, second };
}

describe('countNewPairs', () => {
  it('matches pairByState over the corpus', () => {
    temp = openTempDb();
    seed(temp);
    // RS: 2 theses × 3 themes, SP: 2 × 1, then 6 theses × 2 national themes.
    const count = countNewPairs(temp.db);
    expect(count).toEqual({ total: 20, stateThemePairs: 8, nationalThemePairs: 12, nationalThemes: 2 });
    expect(pairByState(temp.db).created).toBe(count.total);
    expect(countNewPairs(temp.db)).toEqual({ total: 0, stateThemePairs: 0, nationalThemePairs: 0, nationalThemes: 2 });
  });

  it('matches pairByState for one import', () => {
    temp = openTempDb();
    const { second } = seed(temp);
    // Theses T5 (SP) and T6 (AM) meet SP's theme and both national themes. Older RS theses meet
    // theme 50, and every older thesis meets national theme 60.
    const count = countNewPairs(temp.db, { importId: second });
    expect(count).toEqual({ total: 11, stateThemePairs: 3, nationalThemePairs: 8, nationalThemes: 2 });
    expect(pairByState(temp.db, { importId: second }).created).toBe(count.total);
    expect(countNewPairs(temp.db, { importId: second }).total).toBe(0);
  });

  it('subtracts pairs already stored', () => {
    temp = openTempDb();
    const { first } = seed(temp);
    const [t1, t4] = ['T1', 'T4'].map((id) => (temp!.db.prepare('SELECT id FROM theses WHERE source_id = ?').get(id) as { id: number }).id);
    const [rs, national, sp] = ['10', '30', '20'].map((id) => (temp!.db.prepare('SELECT id FROM themes WHERE source_id = ?').get(id) as { id: number }).id);
    ensurePair(temp.db, t1, rs);
    ensurePair(temp.db, t4, national);
    // Out of scope: a thesis of RS with a theme of SP, as a labels file can bring.
    ensurePair(temp.db, t1, sp);
    const whole = countNewPairs(temp.db);
    expect(whole).toMatchObject({ total: 18, stateThemePairs: 7, nationalThemePairs: 11 });
    const scoped = countNewPairs(temp.db, { importId: first });
    const before = pairCount(temp);
    expect(pairByState(temp.db, { importId: first }).created).toBe(scoped.total);
    expect(pairCount(temp)).toBe(before + scoped.total);
    const rest = countNewPairs(temp.db);
    expect(rest.total).toBeGreaterThan(0);
    expect(pairByState(temp.db).created).toBe(rest.total);
  });

  it('counts nothing for an empty corpus', () => {
    temp = openTempDb();
    expect(countNewPairs(temp.db)).toEqual({ total: 0, stateThemePairs: 0, nationalThemePairs: 0, nationalThemes: 0 });
  });
});

describe('pairByState maxNewPairs', () => {
  it('creates nothing over the limit', () => {
    temp = openTempDb();
    seed(temp);
    const before = snapshot(temp.db);
    let caught: unknown;
    try {
      pairByState(temp.db, { maxNewPairs: 19 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('pairing_too_many');
    expect((caught as AppError).params).toEqual({
      wouldCreate: 20,
      limit: 19,
      nationalThemes: 2,
      nationalThemePairs: 12,
      stateThemePairs: 8,
    });
    expect(snapshot(temp.db)).toEqual(before);
  });

  it('applies the limit to one import', () => {
    temp = openTempDb();
    const { second } = seed(temp);
    expect(() => pairByState(temp!.db, { importId: second, maxNewPairs: 10 })).toThrow(/would create 11 pairs/);
    expect(pairCount(temp)).toBe(0);
    expect(pairByState(temp.db, { importId: second, maxNewPairs: 11 }).created).toBe(11);
  });

  it('pairs as before at or under the limit', () => {
    temp = openTempDb();
    seed(temp);
    const result = pairByState(temp.db, { maxNewPairs: 20 });
    expect(result.created).toBe(20);
    expect(result.byState.find((s) => s.uf === 'RS')?.created).toBe(2 * 3 + 2 * 2);
    expect(pairCount(temp)).toBe(20);
  });

  it('rejects an invalid limit', () => {
    temp = openTempDb();
    expect(() => pairByState(temp!.db, { maxNewPairs: -1 })).toThrow(RangeError);
    expect(() => pairByState(temp!.db, { maxNewPairs: 1.5 })).toThrow(RangeError);
    expect(() => pairByState(temp!.db, { maxNewPairs: Number.NaN })).toThrow(RangeError);
  });

  it('default limit fits state pairing', () => {
    expect(DEFAULT_MAX_NEW_PAIRS).toBeGreaterThanOrEqual(100_000 * 17);
  });
});
