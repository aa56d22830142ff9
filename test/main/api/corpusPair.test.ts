// corpus.pair and the skipped pairing of corpus.import, through the router as the window calls them.

import path from 'node:path';

import { describe, expect, it } from 'vitest';

import type { ApiResult } from '../../../src/shared/api';
import { APP_SENDER, useTestBackend } from '../../helpers/api';
import { SHARED_DATA } from '../../helpers/data';
import { expectValidProgress } from '../../helpers/progress';

/** themes.tsv's 458 themes are national, and the CAPES file has 400 theses. */
const WOULD_CREATE = 458 * 400;

const api = useTestBackend('pair.sqlite');
const { call, waitForJob } = api;

describe('corpus.pair', () => {
  it('reports a skipped import pairing', async () => {
    const themes = api.backend.files.register(path.join(SHARED_DATA, 'themes.tsv'), 'file');
    expect((await waitForJob(await call('corpus.import', { handle: themes.handle }))).state).toBe('done');
    const capes = api.backend.files.register(path.join(SHARED_DATA, 'capes/capes_2021_2024_humanas_ia_resumos.csv'), 'file');
    const job = await waitForJob(await call('corpus.import', { handle: capes.handle, maxNewPairs: 1000 }));
    expect(job.state).toBe('done');
    expect(job.result).toMatchObject({ rowsImported: 400, pairsCreated: 0, pairsWouldCreate: WOULD_CREATE, pairingLimit: 1000, nationalThemes: 458 });
    expect((await call('corpus.status', {})).pairs).toBe(0);
  });

  it('fails over the limit and creates nothing', async () => {
    const started = await call('corpus.pair', { maxNewPairs: 10 });
    const job = await waitForJob(started);
    expect(job.state).toBe('failed');
    expect(job.error?.code).toBe('pairing_too_many');
    expect(job.error?.params).toMatchObject({ wouldCreate: WOULD_CREATE, limit: 10, nationalThemes: 458 });
    expect(job.error?.message).toContain('O pareamento por UF criaria 183.200 pares');
    expectValidProgress(api.progressOf(started.jobId), 'failed');
    expect((await call('corpus.status', {})).pairs).toBe(0);
  });

  it('creates the pairs with the limit raised', async () => {
    const started = await call('corpus.pair', { maxNewPairs: WOULD_CREATE });
    const job = await waitForJob(started);
    expect(job.error).toBeNull();
    expect(job.state).toBe('done');
    expect(job.kind).toBe('pairing');
    expect(job.result).toEqual({ pairsCreated: WOULD_CREATE });
    expectValidProgress(api.progressOf(started.jobId), 'done');
    expect(api.events).toContainEqual({ type: 'data.changed', reason: 'pairing' });
    expect((await call('corpus.status', {})).pairs).toBe(WOULD_CREATE);
  });

  it('rejects an invalid maxNewPairs', async () => {
    for (const maxNewPairs of [-1, 1.5, '100']) {
      const result = (await api.router.handle(APP_SENDER, 'corpus.pair', { maxNewPairs })) as ApiResult<unknown>;
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('invalid_input');
        expect(result.error.params?.field).toBe('maxNewPairs');
      }
    }
    const importResult = (await api.router.handle(APP_SENDER, 'corpus.import', { handle: 'fh_x', maxNewPairs: -3 })) as ApiResult<unknown>;
    expect(importResult.ok).toBe(false);
    if (!importResult.ok) expect(String(importResult.error.params?.fields)).toContain('maxNewPairs');
  });
});
