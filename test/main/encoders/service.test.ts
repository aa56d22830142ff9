import fs from 'node:fs';
import path from 'node:path';

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { countEmbeddings } from '../../../src/main/db/embeddings';
import { getActiveEncoder } from '../../../src/main/encoders/registry';
import { activate, embedCorpus, embedTexts, getVectors, installFromPath, listModels, providersInfo, setEncoderOptions } from '../../../src/main/encoders/service';
import { EncoderWorker } from '../../../src/main/encoders/worker-client';
import { openTempDb, snapshot, tempDir, type TempDb } from '../../helpers/db';
import { testEncoder } from '../../helpers/encoders';
import { collectEvents, expectValidProgress } from '../../helpers/progress';

let modelsRoot: string;
const worker = new EncoderWorker();
let temp: TempDb | undefined;

beforeAll(async () => {
  modelsRoot = tempDir();
  await installFromPath(testEncoder().dir, { id: 'tiny', modelsRoot });
});
afterAll(async () => {
  await worker.close();
  fs.rmSync(modelsRoot, { recursive: true, force: true });
});
afterEach(() => temp?.cleanup());

const texts = (n: number, prefix = 'tese') => Array.from({ length: n }, (_, i) => `${prefix} ${i} sobre bioeconomia e inovação`);

describe('encoder service', () => {
  it('activates an installed model', () => {
    temp = openTempDb();
    expect(activate(temp.db, 'tiny', modelsRoot)).toEqual({ id: 'tiny', variant: 'default' });
    expect(getActiveEncoder(temp.db)).toEqual({ id: 'tiny', variant: 'default' });
    expect(listModels(temp.db, modelsRoot).map((m) => [m.id, m.active])).toEqual([['tiny', true]]);
    expect(() => activate(temp!.db, 'tiny@quantized', modelsRoot)).toThrow(expect.objectContaining({ code: 'encoder_variant_missing' }));
    expect(() => activate(temp!.db, 'nope', modelsRoot)).toThrow(expect.objectContaining({ code: 'encoder_not_installed' }));
  });

  it('fails clearly with no active encoder', async () => {
    temp = openTempDb();
    const before = snapshot(temp.db);
    await expect(embedTexts(temp.db, { role: 'passage', texts: ['x'] }, { modelsRoot, worker })).rejects.toMatchObject({ code: 'encoder_none_active' });
    expect(snapshot(temp.db)).toEqual(before);
  });

  it('encodes once and reuses the cache', async () => {
    temp = openTempDb();
    activate(temp.db, 'tiny', modelsRoot);
    const { events, listener } = collectEvents();
    const first = await embedTexts(temp.db, { role: 'passage', texts: texts(300), total: 300 }, { modelsRoot, worker, onProgress: listener });
    expectValidProgress(events, 'done');
    expect(first).toMatchObject({ texts: 300, encoded: 300, cached: 0, dimension: 32 });
    expect(countEmbeddings(temp.db, 'tiny')).toBe(300);

    const second = await embedTexts(temp.db, { role: 'passage', texts: texts(300) }, { modelsRoot, worker });
    expect(second).toMatchObject({ texts: 300, encoded: 0, cached: 300 });

    const asQueries = await embedTexts(temp.db, { role: 'query', texts: texts(2) }, { modelsRoot, worker });
    expect(asQueries.encoded).toBe(2);
  });

  it('resumes an interrupted run', async () => {
    temp = openTempDb();
    activate(temp.db, 'tiny', modelsRoot);
    const controller = new AbortController();
    const { events, listener } = collectEvents();
    // The run stops while reading its input, as when the app closes mid-run.
    function* interrupted(): Generator<string> {
      for (const [i, text] of texts(400, 'resumo').entries()) {
        if (i === 200) controller.abort();
        yield text;
      }
    }
    const run = embedTexts(temp.db, { role: 'passage', texts: interrupted(), total: 400 }, { modelsRoot, worker, signal: controller.signal, onProgress: listener });
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    expectValidProgress(events, 'cancelled');
    const kept = countEmbeddings(temp.db, 'tiny');
    expect(kept).toBe(128);

    const resumed = await embedTexts(temp.db, { role: 'passage', texts: texts(400, 'resumo') }, { modelsRoot, worker });
    expect(resumed.cached).toBe(kept);
    expect(resumed.encoded).toBe(400 - kept);
  });

  it('retries a window after a worker crash', async () => {
    temp = openTempDb();
    activate(temp.db, 'tiny', modelsRoot);
    const local = new EncoderWorker();
    let killed = false;
    const { events, listener } = collectEvents();
    const summary = await embedTexts(temp.db, { role: 'passage', texts: texts(200, 'falha'), total: 200 }, {
      modelsRoot,
      worker: local,
      onProgress: (event) => {
        listener(event);
        if (!killed && event.type === 'progress' && local.pid) {
          killed = true;
          process.kill(local.pid, 'SIGKILL');
        }
      },
    });
    await local.close();
    expectValidProgress(events, 'done');
    expect(summary.restarts).toBe(1);
    expect(summary.encoded).toBe(200);
    expect(countEmbeddings(temp.db, 'tiny')).toBe(200);
  });

  it('keys the cache on encoding settings', async () => {
    temp = openTempDb();
    activate(temp.db, 'tiny', modelsRoot);
    const [before] = await getVectors(temp.db, { role: 'passage', texts: ['palavra '.repeat(200)] }, { modelsRoot, worker });
    setEncoderOptions(temp.db, { maxLength: 16, maxChunks: 1 });
    const [after] = await getVectors(temp.db, { role: 'passage', texts: ['palavra '.repeat(200)] }, { modelsRoot, worker });
    expect([...after]).not.toEqual([...before]);
    expect(countEmbeddings(temp.db, 'tiny')).toBe(2);
  });

  it('encodes the whole corpus', async () => {
    temp = openTempDb();
    activate(temp.db, 'tiny', modelsRoot);
    const insert = temp.db.prepare('INSERT INTO theses (content_hash, title, abstract, keywords) VALUES (?, ?, ?, ?)');
    for (let i = 0; i < 1200; i += 1) insert.run(`h${i}`, `Tese ${i}`, `Resumo ${i % 900}`, 'clima; água');
    temp.db.prepare("INSERT INTO themes (name, keywords) VALUES ('Bioeconomia', '[\"floresta\",\"cadeias produtivas\"]')").run();
    temp.db.prepare("INSERT INTO themes (name, keywords, archived_at) VALUES ('Antigo', '[]', '2026-01-01')").run();
    const result = await embedCorpus(temp.db, { modelsRoot, worker });
    expect(result.theses).toMatchObject({ texts: 1200, encoded: 1200 });
    expect(result.themes).toMatchObject({ texts: 1, encoded: 1 });
  });

  it('reports providers and placement', async () => {
    temp = openTempDb();
    activate(temp.db, 'tiny', modelsRoot);
    setEncoderOptions(temp.db, { session: { providers: ['cpu'] } });
    const info = await providersInfo(temp.db, { modelsRoot, worker });
    expect(info.supported).toContain('cpu');
    expect(info.order.at(-1)).toBe('cpu');
    expect(info.active?.provider).toBe('cpu');
    expect(Object.keys(info.active?.placement ?? {})).toEqual(['CPUExecutionProvider']);
  });

  it('lists nothing in an empty models folder', () => {
    expect(listModels(null, path.join(modelsRoot, 'absent'))).toEqual([]);
  });
});
