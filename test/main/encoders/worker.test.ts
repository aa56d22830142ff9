import { afterAll, describe, expect, it } from 'vitest';

import { Embedder } from '../../../src/main/encoders/embedder';
import { readModelFolder } from '../../../src/main/encoders/folder';
import { createEncoderSession } from '../../../src/main/encoders/session';
import { EncoderWorker, type CrashReport } from '../../../src/main/encoders/worker-client';
import { testEncoder } from '../../helpers/encoders';

const crashes: CrashReport[] = [];
const worker = new EncoderWorker({ onCrash: (report) => crashes.push(report) });
afterAll(() => worker.close());

const TEXTS = Array.from({ length: 40 }, (_, i) => `Tese ${i}: biodiversidade, saúde e educação no estado ${i % 7}.`);

describe('encoder worker', () => {
  it('returns the in-process vectors', async () => {
    const model = { dir: testEncoder().dir };
    const progress: number[] = [];
    const result = await worker.embed(model, TEXTS, { batchSize: 8, session: { providers: ['cpu'] }, onProgress: (done) => progress.push(done) });
    expect(worker.pid).not.toBe(process.pid);
    expect(result.vectors).toHaveLength(TEXTS.length);
    expect(result.info.provider).toBe('cpu');
    expect(progress.at(-1)).toBe(TEXTS.length);
    expect(progress.length).toBeGreaterThanOrEqual(5);

    const folder = readModelFolder(model.dir);
    const session = await createEncoderSession(folder.onnxPath, { providers: ['cpu'] });
    const local = await new Embedder(folder, session).embed(TEXTS, { batchSize: 8 });
    await session.session.release();
    for (let i = 0; i < TEXTS.length; i += 1) expect([...result.vectors[i]]).toEqual([...local[i]]);
  });

  it('cancels a running request', async () => {
    const controller = new AbortController();
    const texts = Array.from({ length: 400 }, (_, i) => `texto longo ${i} `.repeat(20));
    const pending = worker.embed({ dir: testEncoder().dir }, texts, { batchSize: 4, signal: controller.signal, onProgress: () => controller.abort() });
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    const after = await worker.embed({ dir: testEncoder().dir }, ['ainda funciona']);
    expect(after.vectors).toHaveLength(1);
  });

  it('reports a model error with its code', async () => {
    await expect(worker.embed({ dir: '/nonexistent/model' }, ['x'])).rejects.toMatchObject({ code: 'encoder_folder_not_found' });
  });

  it('survives a crashed worker and restarts', async () => {
    const texts = Array.from({ length: 400 }, (_, i) => `texto ${i} `.repeat(30));
    const firstPid = (await worker.embed({ dir: testEncoder().dir }, ['aquecimento'])).vectors && worker.pid;
    let killed = false;
    const pending = worker.embed({ dir: testEncoder().dir }, texts, {
      batchSize: 4,
      onProgress: () => {
        if (!killed && worker.pid) {
          killed = true;
          process.kill(worker.pid, 'SIGKILL');
        }
      },
    });
    await expect(pending).rejects.toMatchObject({ code: 'encoder_worker_crashed', params: { signal: 'SIGKILL' } });
    expect(crashes).toHaveLength(1);
    expect(crashes[0]).toMatchObject({ signal: 'SIGKILL', failedRequests: 1 });
    expect(worker.crashes).toBe(1);

    const again = await worker.embed({ dir: testEncoder().dir }, ['depois da falha']);
    expect(again.vectors).toHaveLength(1);
    expect(worker.pid).not.toBe(firstPid);
  });
});
