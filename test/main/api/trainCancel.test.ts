// Cancelling "Retreinar" after the new version is stored, while it predicts every pair: the job
// ends cancelled and the model versions go back to how they were before the click.

import fs from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Backend } from '../../../src/main/api/backend';
import type { Router } from '../../../src/main/api/router';
import { electronSenderPolicy, type Sender } from '../../../src/main/api/senders';
import type { ApiEvent } from '../../../src/shared/api';
import { apiCaller } from '../../helpers/api';
import { tempDir } from '../../helpers/db';

const DATA = path.resolve(import.meta.dirname, '../../../../shared/data');
const sender: Sender = { transport: 'electron', frameUrl: 'app://aderencia/index.html' };

let dir: string;
let backend: Backend;
let router: Router;
const events: ApiEvent[] = [];

const { call, waitForJob } = apiCaller(() => router, sender);

beforeAll(async () => {
  dir = tempDir();
  backend = new Backend({ dbPath: path.join(dir, 'cancel.sqlite'), version: 'test', dataDir: dir });
  router = backend.router(electronSenderPolicy(['app://aderencia']));
  backend.onEvent((event) => events.push(event));
  const file = backend.files.register(path.join(DATA, 'eval/pares_dev.csv'), 'file');
  // Pairing by state gives the predict phase many unlabelled pairs, so a cancel lands inside it.
  await waitForJob(await call('corpus.import', { handle: file.handle, pair: true }));
  const first = await waitForJob(await call('model.train', { config: {} }));
  expect(first.state).toBe('done');
});

afterAll(async () => {
  await backend.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('retrain cancelled while predicting', () => {
  it('restores the previous versions', async () => {
    const before = await call('model.versions', {});
    expect(before.filter((version) => version.active).map((version) => version.name)).toEqual(['v1']);

    const started = await call('model.train', { config: {} });
    backend.onEvent((event) => {
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
