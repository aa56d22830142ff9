// Calls the API router as the Electron window does, for tests that drive whole flows (import, train,
// review) through the same routes the screens use.

import type { Router } from '../../src/main/api/router';
import type { Sender } from '../../src/main/api/senders';
import type { ApiResult, JobInfo, JobStarted, RouteInput, RouteName, RouteOutput } from '../../src/shared/api';

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
