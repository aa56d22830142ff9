import fs from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { useTestBackend } from '../../helpers/api';
import { expectValidProgress } from '../../helpers/progress';

const DATA = path.resolve(import.meta.dirname, '../../../../shared/data');

const api = useTestBackend('flow.sqlite');
const { call, waitForJob } = api;

describe('API flow on real data', () => {
  it('imports labelled pairs', async () => {
    const pairs = api.backend.files.register(path.join(DATA, 'eval/pares_dev.csv'), 'file');
    // Pairing by state adds the unlabelled pairs the review queue serves.
    const started = await call('corpus.import', { handle: pairs.handle, pair: true });
    const job = await waitForJob(started);
    expect(job.error).toBeNull();
    expect(job.state).toBe('done');
    expect(job.result?.rowsImported).toBeGreaterThan(0);
    expectValidProgress(api.progressOf(started.jobId), 'done');

    const status = await call('corpus.status', {});
    expect(status.empty).toBe(false);
    expect(status.pairs).toBeGreaterThan(0);
    const imports = await call('imports.list', {});
    expect(imports).toHaveLength(1);
  });

  it('lists, counts and reads pairs', async () => {
    const count = await call('pairs.count', { filter: { levels: ['ALTA'] } });
    const page = await call('pairs.list', { filter: { levels: ['ALTA'] }, page: { limit: 5 } });
    expect(count.count).toBeGreaterThan(0);
    expect(page.rows.length).toBe(Math.min(5, count.count));
    expect(page.rows.every((row) => row.level === 'ALTA')).toBe(true);
    const detail = await call('pairs.get', { pairId: page.rows[0].pairId });
    expect(detail.pair.pairId).toBe(page.rows[0].pairId);
    expect(detail.history[0].source).toBe('imported');
  });

  it('trains once while a training runs', async () => {
    const first = await call('model.train', { config: { seed: 7 } });
    const second = await call('model.train', {});
    expect(second).toEqual({ jobId: first.jobId, alreadyRunning: true });
    const job = await waitForJob(first);
    expect(job.error).toBeNull();
    expect(job.state).toBe('done');
    expectValidProgress(api.progressOf(first.jobId), 'done');

    const versions = await call('model.versions', {});
    expect(versions).toHaveLength(1);
    expect(versions[0].active).toBe(true);
    expect(versions[0].metrics.macroF1).toBeGreaterThan(0);
    expect(versions[0].metrics.confusion).toHaveLength(3);
    expect(versions[0].metrics.perTheme.length).toBeGreaterThan(0);
  }, 300_000);

  it('reviews with the active model', async () => {
    const started = performance.now();
    const queue = await call('review.queue', { mode: 'uncertain', limit: 3 });
    expect(queue.items).toHaveLength(3);
    expect(queue.counters.ALTA).toBeGreaterThan(0);
    const next = await call('review.queue', { mode: 'uncertain', limit: 3, afterPairId: queue.items[0].pairId });
    expect(next.items[0].pairId).toBe(queue.items[1].pairId);
    console.log(`review.queue: ${((performance.now() - started) / 2).toFixed(0)} ms per call on ${(await call('corpus.status', {})).pairs} pairs`);

    const pairId = queue.items[0].pairId;
    const detail = await call('pairs.get', { pairId });
    expect(detail.prediction?.level).toBe(queue.items[0].predictedLevel);
    const accepted = await call('labels.accept', { pairId });
    expect(accepted.level).toBe(queue.items[0].predictedLevel);
    expect(accepted.levelSource).toBe('accepted_prediction');
    // A window opened again leaves out the pair just labelled, although the cached order still has it.
    const reopened = await call('review.queue', { mode: 'uncertain', limit: 3 });
    expect(reopened.items.map((item) => item.pairId)).toEqual([queue.items[1].pairId, queue.items[2].pairId, reopened.items[2].pairId]);
    expect(reopened.items[2].pairId).not.toBe(pairId);
    const undone = await call('labels.undo', { pairId });
    expect(undone.level).toBe(detail.pair.level);
    expect((await call('review.queue', { mode: 'uncertain', limit: 1 })).items[0].pairId).toBe(pairId);
  });

  it('exports the filtered pairs to XLSX', async () => {
    const count = await call('pairs.count', { filter: { levels: ['MEDIA'] } });
    const started = await call('export.run', { filter: { levels: ['MEDIA'] }, format: 'xlsx' });
    const job = await waitForJob(started);
    expect(job.error).toBeNull();
    expect(job.result?.rows).toBe(count.count);
    const file = String(job.result?.file);
    expect(file.startsWith(api.backend.exportsDir)).toBe(true);
    expect(fs.statSync(file).size).toBeGreaterThan(1000);
    expectValidProgress(api.progressOf(started.jobId), 'done');
  });
});
