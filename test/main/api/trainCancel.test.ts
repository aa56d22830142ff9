// Cancelling "Retreinar" after the new version is stored, while it predicts every pair: the job
// ends cancelled and the model versions go back to how they were before the click.

import path from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { useTestBackend } from '../../helpers/api';

const DATA = path.resolve(import.meta.dirname, '../../../../shared/data');

const api = useTestBackend('cancel.sqlite');
const { call, waitForJob } = api;

beforeAll(async () => {
  const file = api.backend.files.register(path.join(DATA, 'eval/pares_dev.csv'), 'file');
  // Pairing by state gives the predict phase many unlabelled pairs, so a cancel lands inside it.
  await waitForJob(await call('corpus.import', { handle: file.handle, pair: true }));
  const first = await waitForJob(await call('model.train', { config: {} }));
  expect(first.state).toBe('done');
});

describe('retrain cancelled while predicting', () => {
  it('restores the previous versions', async () => {
    const before = await call('model.versions', {});
    expect(before.filter((version) => version.active).map((version) => version.name)).toEqual(['v1']);

    const started = await call('model.train', { config: {} });
    api.backend.onEvent((event) => {
      if (event.type === 'job.progress' && event.event.jobId === started.jobId && event.event.type === 'progress' && event.event.phase === 'predict') {
        void call('jobs.cancel', { jobId: started.jobId });
      }
    });
    const job = await waitForJob(started);

    expect(job.state).toBe('cancelled');
    const after = await call('model.versions', {});
    expect(after.map((version) => version.name)).toEqual(before.map((version) => version.name));
    expect(after.filter((version) => version.active).map((version) => version.name)).toEqual(['v1']);
  });
});
