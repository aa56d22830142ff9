// Handlers of the job routes: list, one job, cancel.

import type { Backend } from '../backend';
import type { Handlers } from '../router';
import { notFound } from './shared';

export function jobsHandlers(backend: Backend): Pick<Handlers, 'jobs.list' | 'jobs.get' | 'jobs.cancel'> {
  return {
    'jobs.list': () => backend.jobs.list(),
    'jobs.get': (input) => backend.jobs.get(input.jobId) ?? notFound('job', input.jobId),
    'jobs.cancel': (input) => {
      if (!backend.jobs.get(input.jobId)) notFound('job', input.jobId);
      return { cancelled: backend.jobs.cancel(input.jobId) };
    },
  };
}
