// Follows one long job (import, export, encoder install or download) by id: its latest progress
// and, once it ends, its final record with the result or the error.

import { useEffect, useState } from 'react';

import type { JobInfo } from '../../shared/api';
import type { JobProgressEvent } from '../../shared/progress';
import { callApi, useApi } from '../app/ApiContext';

export interface JobView {
  progress: Pick<JobProgressEvent, 'done' | 'total' | 'etaSeconds' | 'phase'> | null;
  /** The job's record once it reached done, failed or cancelled. */
  final: JobInfo | null;
}

const FINAL_STATES = new Set(['done', 'failed', 'cancelled']);

export function useJob(jobId: string | null): JobView {
  const client = useApi();
  const [view, setView] = useState<JobView>({ progress: null, final: null });

  useEffect(() => {
    setView({ progress: null, final: null });
    if (!jobId) return undefined;
    const unsubscribe = client.onJobEvent((event) => {
      if (event.type === 'job.progress' && event.event.jobId === jobId && event.event.type === 'progress') {
        const { done, total, etaSeconds, phase } = event.event;
        setView((previous) => (previous.final ? previous : { ...previous, progress: { done, total, etaSeconds, phase } }));
      }
      if (event.type === 'job.state' && event.job.jobId === jobId && FINAL_STATES.has(event.job.state)) {
        setView((previous) => ({ ...previous, final: event.job }));
      }
    });
    // The job may have finished before the subscription started (a small file imports at once).
    void callApi(client, 'jobs.get', { jobId })
      .then((job) => {
        if (FINAL_STATES.has(job.state)) setView((previous) => ({ ...previous, final: previous.final ?? job }));
      })
      .catch(() => undefined);
    return unsubscribe;
  }, [client, jobId]);

  return view;
}
