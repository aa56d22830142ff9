import { afterEach, beforeEach, describe, expect, test } from 'vitest';

import { loadModelInputs, selectModelInputs } from '../../../src/main/db/modelInputs';
import { PredictionStage } from '../../../src/main/db/predictions';
import { insertModelVersion, insertPair, insertTheme } from '../../helpers/pairs';
import { openTempDb, type TempDb } from '../../helpers/db';
import { seedParesDev } from '../../helpers/modelData';

let temp: TempDb;
beforeEach(() => {
  temp = openTempDb();
  seedParesDev(temp.db);
});
afterEach(() => temp.cleanup());

describe('model input batches', () => {
  test('same rows as one load', () => {
    const all = loadModelInputs(temp.db);
    const batches = [...selectModelInputs(temp.db).batches(100)];
    expect(batches.flat()).toEqual(all);
    expect(selectModelInputs(temp.db).total).toBe(all.length);
    expect(batches.length).toBeGreaterThan(all.length / 200);
  });

  test('batches end at thesis boundaries', () => {
    const batches = [...selectModelInputs(temp.db).batches(7)];
    for (let b = 1; b < batches.length; b++) {
      expect(batches[b][0].thesisId).not.toBe(batches[b - 1].at(-1)!.thesisId);
    }
    // A batch only outgrows its size to finish the thesis of its seventh row.
    for (const batch of batches) {
      const tail = new Set(batch.slice(6).map((row) => row.thesisId));
      expect(tail.size).toBeLessThanOrEqual(1);
    }
  });

  test('keeps only the requested pairs', () => {
    const all = loadModelInputs(temp.db);
    const requested = all.filter((_, i) => i % 3 === 0).map((row) => row.pairId);
    const batches = [...selectModelInputs(temp.db, { pairIds: requested }).batches(50)];
    expect(batches.flat().map((row) => row.pairId)).toEqual(requested);
    expect(selectModelInputs(temp.db, { pairIds: requested }).total).toBe(requested.length);
    expect([...selectModelInputs(temp.db, { pairIds: [] }).batches()]).toEqual([]);
  });
});

describe('prediction stage', () => {
  const storedCount = (versionId: number): number =>
    (temp.db.prepare('SELECT COUNT(*) AS n FROM predictions WHERE model_version_id = ?').get(versionId) as { n: number }).n;

  test('stores every batch at commit', () => {
    const versionId = insertModelVersion(temp.db, 'v1');
    const rows = loadModelInputs(temp.db).slice(0, 10);
    const stage = new PredictionStage(temp.db);
    stage.add(rows.slice(0, 4).map((row) => ({ pairId: row.pairId, level: 'ALTA' as const, probs: [0.1, 0.2, 0.7] as [number, number, number], justification: { terms: ['agua'] } })));
    stage.add(rows.slice(4).map((row) => ({ pairId: row.pairId, level: 'BAIXA' as const, probs: [0.8, 0.1, 0.1] as [number, number, number], justification: null })));
    expect(storedCount(versionId)).toBe(0);

    expect(stage.commit(versionId)).toBe(10);
    expect(storedCount(versionId)).toBe(10);
    const first = temp.db.prepare('SELECT level, p_alta, justification FROM predictions WHERE pair_id = ? AND model_version_id = ?').get(rows[0].pairId, versionId);
    expect(first).toEqual({ level: 'ALTA', p_alta: 0.7, justification: '{"terms":["agua"]}' });
  });

  test('stores nothing without commit', () => {
    const versionId = insertModelVersion(temp.db, 'v1');
    const [row] = loadModelInputs(temp.db);
    const stage = new PredictionStage(temp.db);
    stage.add([{ pairId: row.pairId, level: 'MEDIA', probs: [0.2, 0.6, 0.2], justification: null }]);
    stage.dispose();
    expect(storedCount(versionId)).toBe(0);
    expect(temp.db.prepare("SELECT COUNT(*) AS n FROM temp.sqlite_master WHERE name = 'staged_predictions'").get()).toEqual({ n: 0 });
  });

  test('drops pairs deleted before commit', () => {
    const versionId = insertModelVersion(temp.db, 'v1');
    const rows = loadModelInputs(temp.db);
    // Labelled pairs cannot be deleted, so the pair that goes is a new unlabelled one.
    const late = insertPair(temp.db, rows[0].thesisId, insertTheme(temp.db, { sourceId: 'late', uf: null, macroTheme: null, name: 'Tema tardio' }));
    const stage = new PredictionStage(temp.db);
    stage.add([late, rows[0].pairId, rows[1].pairId].map((pairId) => ({ pairId, level: 'BAIXA' as const, probs: [0.8, 0.1, 0.1] as [number, number, number], justification: null })));
    temp.db.prepare('DELETE FROM pairs WHERE id = ?').run(late);
    expect(stage.commit(versionId)).toBe(2);
    expect(storedCount(versionId)).toBe(2);
  });
});
