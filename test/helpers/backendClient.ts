// A real Backend on a temp database with an ApiClient on its router, for renderer tests that render
// screens against the real services. Renderer tests load it with a computed import path, because
// the web TypeScript project (DOM types, no Node types) must not type-check this Node code.

import fs from 'node:fs';
import path from 'node:path';

import { Backend } from '../../src/main/api/backend';
import { electronSenderPolicy } from '../../src/main/api/senders';
import type { ApiClient, ApiResult, JobInfo, RouteOutput } from '../../src/shared/api';
import { APP_SENDER, apiCaller } from './api';
import { SHARED_DATA } from './data';
import { tempDir } from './db';

export interface BackendClient {
  client: ApiClient;
  /** Imports a file under the shared data folder through corpus.import and waits for the job. */
  importFile(relativePath: string, maxNewPairs?: number): Promise<JobInfo>;
  pairCount(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Opens a backend on a temp database. `registerFile` maps a File's name to the file of that name
 * under the shared data folder, standing in for the preload's File-to-path step.
 */
export function openBackendClient(dataFiles: string[]): BackendClient {
  const dir = tempDir('aderencia-renderer-');
  const backend = new Backend({ dbPath: path.join(dir, 'ui.sqlite'), version: 'test', dataDir: dir });
  const router = backend.router(electronSenderPolicy(['app://aderencia']));
  const { call, waitForJob } = apiCaller(() => router);
  const byName = new Map(dataFiles.map((file) => [path.basename(file), path.join(SHARED_DATA, file)]));

  const client: ApiClient = {
    transport: 'electron',
    call: (route, input) => router.handle(APP_SENDER, route, input) as Promise<ApiResult<RouteOutput<typeof route>>>,
    onEvent: (listener) => backend.onEvent(listener),
    onJobEvent: (listener) =>
      backend.onEvent((event) => {
        if (event.type === 'job.progress' || event.type === 'job.state') listener(event);
      }),
    registerFile: async (file) => ({ ok: true, data: backend.files.register(byName.get(file.name) ?? file.name, 'file') }),
  };

  return {
    client,
    async importFile(relativePath, maxNewPairs) {
      const handle = backend.files.register(path.join(SHARED_DATA, relativePath), 'file').handle;
      return waitForJob(await call('corpus.import', { handle, maxNewPairs }));
    },
    async pairCount() {
      return (await call('corpus.status', {})).pairs;
    },
    async close() {
      await backend.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
