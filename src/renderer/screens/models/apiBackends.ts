// The Models screen's backends built on the API client: training follows both the job's progress
// events and its state record, because a job that fails before it starts sends only the record.

import type { ApiClient } from '../../../shared/api';
import type { JobEvent } from '../../../shared/progress';
import { callApi } from '../../app/ApiContext';
import type { RetrainBackend } from './useRetrain';

export function apiRetrainBackend(client: ApiClient): RetrainBackend {
  return {
    start: () => callApi(client, 'model.train', { config: {} }),
    cancel: async (jobId) => {
      await callApi(client, 'jobs.cancel', { jobId });
    },
    onJobEvent: (listener: (event: JobEvent) => void) =>
      client.onJobEvent((event) => {
        if (event.type === 'job.progress') listener(event.event);
        else if (event.job.kind === 'train' && (event.job.state === 'done' || event.job.state === 'failed' || event.job.state === 'cancelled')) {
          listener({
            type: 'end',
            jobId: event.job.jobId,
            status: event.job.state,
            errorCode: event.job.error?.code,
            errorMessage: event.job.error?.message,
          });
        }
      }),
    runningJob: async () => {
      const jobs = await callApi(client, 'jobs.list', {});
      return jobs.find((job) => job.kind === 'train' && (job.state === 'queued' || job.state === 'running')) ?? null;
    },
    versionOfJob: async (jobId) => {
      const job = await callApi(client, 'jobs.get', { jobId });
      const name = job.result?.name;
      return typeof name === 'string' ? name : null;
    },
  };
}
