// Calls the API router as the Electron window does, for tests that drive whole flows (import, train,
// review) through the same routes the screens use.

import fs from 'node:fs';
import path from 'node:path';

import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

import { Backend } from '../../src/main/api/backend';
import type { Router } from '../../src/main/api/router';
import { electronSenderPolicy, type Sender } from '../../src/main/api/senders';
import type { ApiEvent, ApiResult, JobInfo, JobStarted, RouteInput, RouteName, RouteOutput } from '../../src/shared/api';
import type { JobEvent } from '../../src/shared/progress';
import { tempDir } from './db';

export const APP_SENDER: Sender = { transport: 'electron', frameUrl: 'app://aderencia/index.html' };

export interface ApiCaller {
  /** Calls a route and returns its data; a failed result throws with its code and message. */
  call<N extends RouteName>(route: N, input: RouteInput<N>): Promise<RouteOutput<N>>;
  /** Polls jobs.get until the job has left the queued and running states. */
  waitForJob(started: JobStarted): Promise<JobInfo>;
}

export function apiCaller(router: () => Router, sender: Sender = APP_SENDER): ApiCaller {
  async function call<N extends RouteName>(route: N, input: RouteInput<N>): Promise<RouteOutput<N>> {
    const result = (await router().handle(sender, route, input)) as ApiResult<RouteOutput<N>>;
    if (!result.ok) throw new Error(`${route}: ${result.error.code} ${result.error.message}`);
    return result.data;
  }
  async function waitForJob(started: JobStarted): Promise<JobInfo> {
    for (;;) {
      const job = await call('jobs.get', { jobId: started.jobId });
      if (job.state !== 'queued' && job.state !== 'running') return job;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return { call, waitForJob };
}

export interface TestBackend extends ApiCaller {
  readonly backend: Backend;
  readonly router: Router;
  /** Every event the backend emitted, in order. */
  readonly events: ApiEvent[];
  /** The progress events of one job. */
  progressOf(jobId: string): JobEvent[];
}

/**
 * Opens a Backend on a database file in a temp folder before the test file's tests and closes it
 * after them, recording its events. With `perTest`, each test gets a fresh one. Call it at the top
 * level of a test file.
 */
export function useTestBackend(databaseName: string, options: { perTest?: boolean } = {}): TestBackend {
  let dir = '';
  let backend: Backend | undefined;
  let router: Router | undefined;
  const events: ApiEvent[] = [];

  const open = (): void => {
    dir = tempDir();
    events.length = 0;
    backend = new Backend({ dbPath: path.join(dir, databaseName), version: 'test', dataDir: dir });
    router = backend.router(electronSenderPolicy(['app://aderencia']));
    backend.onEvent((event) => events.push(event));
  };
  const close = async (): Promise<void> => {
    await backend?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  if (options.perTest) {
    beforeEach(open);
    afterEach(close);
  } else {
    beforeAll(open);
    afterAll(close);
  }

  const current = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useTestBackend: backend not open yet; use it inside a test or a hook, after beforeAll');
    return value;
  };
  return {
    ...apiCaller(() => current(router)),
    get backend() {
      return current(backend);
    },
    get router() {
      return current(router);
    },
    events,
    progressOf: (jobId) => events.flatMap((event) => (event.type === 'job.progress' && event.event.jobId === jobId ? [event.event] : [])),
  };
}
