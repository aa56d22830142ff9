import { afterEach, beforeEach, describe, expect, test } from 'vitest';

import { loadModelVersion, listModelVersions } from '../../../src/main/db/modelVersions';
import { predictionsOfVersion } from '../../../src/main/db/predictions';
import * as model from '../../../src/main/model/service';
import { LEVELS, type Level } from '../../../src/shared/levels';
import { openTempDb, snapshot, type TempDb } from '../../helpers/db';
import { seedCorpus, type SeedPair, type SeedThesis, type SeedTheme } from '../../helpers/modelData';
import { collectEvents, expectValidProgress } from '../../helpers/progress';

const THEMES: SeedTheme[] = [
  { key: 'agua', name: 'Recursos hídricos', keywords: ['água', 'bacia hidrográfica', 'saneamento'] },
  { key: 'saude', name: 'Saúde pública', keywords: ['epidemiologia', 'atenção básica', 'vacinação'] },
  { key: 'energia', name: 'Energias renováveis', keywords: ['solar', 'eólica', 'biomassa'] },
];
const TOPICS: Record<string, string> = {
  agua: 'qualidade da água na bacia hidrográfica e saneamento urbano',
  saude: 'epidemiologia e vacinação na atenção básica',
  energia: 'geração solar e eólica com biomassa',
};

/** 36 theses, each mainly about one theme (ALTA), touching a second (MÉDIA), unrelated to the third (BAIXA); two unlabelled. */
function constructedCorpus(): { theses: SeedThesis[]; pairs: SeedPair[] } {
  const keys = THEMES.map((t) => t.key);
  const theses: SeedThesis[] = [];
  const pairs: SeedPair[] = [];
  for (let i = 0; i < 36; i++) {
    const main = keys[i % 3];
    const side = keys[(i + 1) % 3];
    theses.push({
      key: `t${i}`,
      title: `Estudo ${i} sobre ${TOPICS[main]}`,
      abstract: `Este trabalho analisa ${TOPICS[main]}. Também menciona ${TOPICS[side].split(' ').slice(0, 2).join(' ')} de passagem. Caso ${i}.`,
    });
    for (const key of keys) {
      let level: Level = 'BAIXA';
      if (key === main) level = 'ALTA';
      else if (key === side) level = 'MEDIA';
      pairs.push({ thesis: `t${i}`, theme: key, level: i >= 34 ? null : level });
    }
  }
  return { theses, pairs };
}

const FAST: model.TrainOptions = { folds: 3, maxEpochs: 60, seed: 7, loss: 'class_balanced' };

let temp: TempDb;
beforeEach(() => {
  temp = openTempDb();
  const { theses, pairs } = constructedCorpus();
  seedCorpus(temp.db, theses, THEMES, pairs);
});
afterEach(() => temp.cleanup());

describe('model service', () => {
  test('train stores an active version with figures', async () => {
    const { events, listener } = collectEvents();
    const summary = await model.train(temp.db, FAST, { onProgress: listener });
    expectValidProgress(events, 'done');
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress.some((e) => e.type === 'progress' && e.metrics?.epoch !== undefined && e.metrics?.loss !== undefined)).toBe(true);

    const versions = listModelVersions(temp.db);
    expect(versions).toHaveLength(1);
    expect(versions[0].active).toBe(true);
    expect(versions[0].labelCounts).toEqual({ BAIXA: 34, MEDIA: 34, ALTA: 34 });
    expect(summary.crossValidation?.macroF1).toBeGreaterThan(0.8);
    expect(summary.resources.cpuSeconds).toBeGreaterThan(0);
    expect(summary.resources.co2Grams).toBeCloseTo((summary.resources.cpuSeconds * 10) / 3.6e6 * 0.0385 * 1000, 12);
    const cv = temp.db.prepare('SELECT COUNT(*) AS n FROM cv_predictions WHERE model_version_id = ?').get(summary.versionId) as { n: number };
    expect(cv.n).toBe(102);
    const leaks = temp.db
      .prepare(
        `SELECT p.thesis_id FROM cv_predictions c JOIN pairs p ON p.id = c.pair_id
          WHERE c.model_version_id = ? GROUP BY p.thesis_id HAVING COUNT(DISTINCT c.fold) > 1`,
      )
      .all(summary.versionId);
    expect(leaks).toEqual([]);
  });

  test('same seed gives the same model', async () => {
    const first = await model.train(temp.db, FAST);
    const second = await model.train(temp.db, { ...FAST, activate: false });
    expect(loadModelVersion(temp.db, second.versionId).parameters).toEqual(loadModelVersion(temp.db, first.versionId).parameters);
    expect(second.name).toBe('v2');
    expect(listModelVersions(temp.db).find((v) => v.active)?.name).toBe('v1');
  });

  test('cancellation leaves no version behind', async () => {
    const before = snapshot(temp.db);
    const controller = new AbortController();
    const { events, listener } = collectEvents();
    const run = model.train(temp.db, { ...FAST, loss: 'auto', maxEpochs: 400 }, {
      signal: controller.signal,
      onProgress: (event) => {
        listener(event);
        if (event.type === 'progress') controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    expectValidProgress(events, 'cancelled');
    expect(snapshot(temp.db)).toEqual(before);
  });

  test('cancelled prediction stores all or nothing', async () => {
    const trained = await model.train(temp.db, FAST);
    const controller = new AbortController();
    const { events, listener } = collectEvents();
    // The one batch reports progress just before the write, so the cancel lands at the last moment.
    const outcome = await model
      .predict(temp.db, {}, {
        signal: controller.signal,
        onProgress: (event) => {
          listener(event);
          if (event.type === 'progress') controller.abort();
        },
      })
      .then(
        (summary) => ({ stored: summary.predicted }),
        (error: unknown) => ({ error }),
      );

    const rows = predictionsOfVersion(temp.db, trained.versionId).length;
    if ('error' in outcome) {
      expect(outcome.error).toMatchObject({ code: 'cancelled' });
      expectValidProgress(events, 'cancelled');
      expect(rows).toBe(0);
    } else {
      expectValidProgress(events, 'done');
      expect(outcome.stored).toBe(108);
      expect(rows).toBe(108);
    }
  });

  test('predictions record their version across a rollback', async () => {
    const v1 = await model.train(temp.db, FAST);
    const predicted = await model.predict(temp.db);
    expect(predicted.predicted).toBe(108);
    const v2 = await model.train(temp.db, { ...FAST, seed: 8 });
    await model.predict(temp.db);
    model.activateVersion(temp.db, 'v1');
    expect(listModelVersions(temp.db).find((v) => v.active)?.id).toBe(v1.versionId);
    expect(predictionsOfVersion(temp.db, v1.versionId)).toHaveLength(108);
    expect(predictionsOfVersion(temp.db, v2.versionId)).toHaveLength(108);
    const stored = predictionsOfVersion(temp.db, v1.versionId)[0];
    expect(stored.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(stored.justification).toMatchObject({ terms: expect.any(Array) });
  });

  test('unknown version is an AppError', () => {
    expect(() => model.activateVersion(temp.db, 'v9')).toThrow(expect.objectContaining({ code: 'model_version_not_found' }));
  });

  test('queue, suspects and justification read the active version', async () => {
    await model.train(temp.db, FAST);
    await model.predict(temp.db);
    const queue = model.reviewQueue(temp.db, { mode: 'uncertain', limit: 10 });
    // Only the six pairs of the two unlabelled theses are candidates.
    expect(queue.items.map((i) => i.level)).toEqual(new Array(6).fill(null));
    const report = model.suspects(temp.db);
    expect(report.perLevel.ALTA.labelled).toBe(34);
    const pairId = queue.items[0].pairId;
    expect(model.justification(temp.db, pairId)).toMatchObject({ terms: expect.any(Array) });
  });

  test('queue counts pairs never predicted', async () => {
    await model.train(temp.db, FAST);
    await model.predict(temp.db);
    expect(model.reviewQueue(temp.db, { limit: 10 }).unpredicted).toBe(0);

    // A pair added after the prediction run, as an import does, has no prediction of v1.
    const thesis = temp.db.prepare("INSERT INTO theses (source_id, content_hash, title) VALUES ('late', 'hash:late', 'Tese importada depois')").run().lastInsertRowid;
    const theme = temp.db.prepare('SELECT id FROM themes ORDER BY id LIMIT 1').get() as { id: number };
    temp.db.prepare("INSERT INTO pairs (thesis_id, theme_id, created_at) VALUES (?, ?, '2026-01-02T00:00:00Z')").run(thesis, theme.id);
    const queue = model.reviewQueue(temp.db, { limit: 10 });

    expect(queue.unpredicted).toBe(1);
    expect(queue.items).toHaveLength(6);
  });

  test('full queue built in the worker', async () => {
    await model.train(temp.db, FAST);
    await model.predict(temp.db);
    const ordered = model.reviewQueue(temp.db, { mode: 'uncertain', limit: 1000, seed: 3 }).items;
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 1);
    try {
      const full = await model.fullReviewQueue(temp.db, { mode: 'uncertain', seed: 3, filter: {} });
      // An in-process build is synchronous, so only a build in another thread lets the timer run.
      expect(ticks).toBeGreaterThan(0);
      expect(Array.from(full.pairIds)).toEqual(ordered.map((item) => item.pairId));
      expect(Array.from(full.scores)).toEqual(ordered.map((item) => item.score));
      expect(Array.from(full.confidence)).toEqual(ordered.map((item) => Math.max(...item.probs)));
      expect(Array.from(full.predicted, (index) => LEVELS[index])).toEqual(ordered.map((item) => item.predicted));
      expect(full.unpredicted).toBe(0);

      const theme = temp.db.prepare('SELECT id FROM themes ORDER BY id LIMIT 1').get() as { id: number };
      const filtered = await model.fullReviewQueue(temp.db, { mode: 'uncertain', seed: 3, filter: { themeIds: [theme.id] } });
      const ofTheme = new Set(ordered.filter((item) => item.themeId === theme.id).map((item) => item.pairId));
      expect(Array.from(filtered.pairIds)).toEqual(ordered.map((item) => item.pairId).filter((id) => ofTheme.has(id)));
      await expect(model.fullReviewQueue(temp.db, { mode: 'sideways' as never, filter: {} })).rejects.toMatchObject({ code: 'invalid_input' });
    } finally {
      clearInterval(timer);
    }
  });

  test('evaluate stores nothing', async () => {
    const before = snapshot(temp.db);
    const summary = await model.evaluate(temp.db, FAST);
    expect(summary.crossValidation.pairs).toBe(102);
    expect(snapshot(temp.db)).toEqual(before);
  });

  test('too few labels is an AppError with a code', async () => {
    const { db, cleanup } = openTempDb();
    try {
      seedCorpus(db, [{ key: 'a', title: 'Água' }], THEMES, [{ thesis: 'a', theme: 'agua', level: 'ALTA' }]);
      await expect(model.train(db, FAST)).rejects.toMatchObject({ code: 'model_too_few_labels' });
      expect(listModelVersions(db)).toHaveLength(0);
    } finally {
      cleanup();
    }
  });
});
