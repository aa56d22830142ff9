// Imports whose pairing by state would go over maxNewPairs: the rows are written, no pair is, and
// a later pairCorpus with the limit raised creates them.

import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { importFileInWorker, pairCorpusInWorker } from '../../../src/main/corpus/jobs';
import { importFile, pairCorpus } from '../../../src/main/corpus/service';
import { countNewPairs } from '../../../src/main/db/pairs';
import { AppError } from '../../../src/shared/errors';
import { openTempDb, snapshot, type TempDb } from '../../helpers/db';
import { collectEvents, expectValidProgress } from '../../helpers/progress';
import { CAPES_CSV, CAPES_NO_ABSTRACT_CSV, THEMES_TSV, writeText } from './import/files';

let temp: TempDb | undefined;
afterEach(() => temp?.cleanup());

/** themes.tsv has no state column, so its 458 themes are national and pair with every thesis. */
const NATIONAL_THEMES = 458;

function pairCount(t: TempDb): number {
  return (t.db.prepare('SELECT COUNT(*) AS n FROM pairs').get() as { n: number }).n;
}

describe('import over the pairing limit', () => {
  it('skips pairing at the default limit', async () => {
    temp = openTempDb();
    await importFile(temp.db, THEMES_TSV);
    const { events, listener } = collectEvents();
    const result = await importFile(temp.db, CAPES_NO_ABSTRACT_CSV, { onProgress: listener });
    expectValidProgress(events, 'done');

    expect(result.rowsRead).toBe(12_995);
    expect(result.theses.inserted).toBe(12_993);
    expect((temp.db.prepare('SELECT COUNT(*) AS n FROM theses').get() as { n: number }).n).toBe(12_993);
    const wouldCreate = 12_993 * NATIONAL_THEMES;
    expect(result.pairing).toEqual({
      created: 0,
      byState: [],
      skipped: { wouldCreate, limit: 2_000_000, nationalThemes: NATIONAL_THEMES, nationalThemePairs: wouldCreate },
    });
    expect(pairCount(temp)).toBe(0);
    expect(countNewPairs(temp.db, { importId: result.importId }).total).toBe(wouldCreate);
  });

  it('skips with a low limit and pairs once raised', async () => {
    temp = openTempDb();
    await importFile(temp.db, THEMES_TSV);
    const result = await importFile(temp.db, CAPES_CSV, { maxNewPairs: 1000 });
    const wouldCreate = 400 * NATIONAL_THEMES;
    expect(result.imported).toBe(400);
    expect(result.pairing?.skipped).toEqual({ wouldCreate, limit: 1000, nationalThemes: NATIONAL_THEMES, nationalThemePairs: wouldCreate });
    expect(pairCount(temp)).toBe(0);

    const before = snapshot(temp.db);
    const { events, listener } = collectEvents();
    let caught: unknown;
    try {
      pairCorpus(temp.db, { maxNewPairs: wouldCreate - 1, onProgress: listener });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('pairing_too_many');
    expect((caught as AppError).params).toMatchObject({ wouldCreate, limit: wouldCreate - 1, nationalThemes: NATIONAL_THEMES });
    expectValidProgress(events, 'failed');
    expect(snapshot(temp.db)).toEqual(before);

    expect(pairCorpus(temp.db, { maxNewPairs: wouldCreate }).created).toBe(wouldCreate);
    expect(pairCount(temp)).toBe(wouldCreate);
  });

  it('pairs state themes under the limit as before', async () => {
    temp = openTempDb();
    const themes = writeText(path.join(temp.dir, 'temas.csv'), 'tema_id;uf;tema\n1;SP;Tema paulista\n2;RS;Tema gaúcho\n');
    await importFile(temp.db, themes);
    const result = await importFile(temp.db, CAPES_CSV, { maxNewPairs: 1000 });
    expect(result.pairing?.skipped).toBeNull();
    expect(result.pairing?.created).toBeGreaterThan(0);
    expect(pairCount(temp)).toBe(result.pairing?.created);
  });

  it('reports the skip through the worker thread', async () => {
    temp = openTempDb();
    await importFileInWorker(temp.db, THEMES_TSV);
    const result = await importFileInWorker(temp.db, CAPES_CSV, { maxNewPairs: 10 });
    expect(result.pairing?.skipped).toMatchObject({ wouldCreate: 400 * NATIONAL_THEMES, limit: 10 });
    expect(pairCount(temp)).toBe(0);

    await expect(pairCorpusInWorker(temp.db, { maxNewPairs: 10 })).rejects.toMatchObject({ code: 'pairing_too_many', params: { limit: 10 } });
    expect(pairCount(temp)).toBe(0);
    const paired = await pairCorpusInWorker(temp.db, { maxNewPairs: 400 * NATIONAL_THEMES });
    expect(paired.created).toBe(400 * NATIONAL_THEMES);
  });

  it('rejects an invalid maxNewPairs before reading', async () => {
    temp = openTempDb();
    await expect(importFile(temp.db, CAPES_CSV, { maxNewPairs: -5 })).rejects.toThrow(RangeError);
    expect((temp.db.prepare('SELECT COUNT(*) AS n FROM imports').get() as { n: number }).n).toBe(0);
  });
});
