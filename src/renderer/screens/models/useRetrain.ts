// Connects the "Retreinar" button to the training job: starts it, follows its progress events,
// cancels it, and on mount picks up a job that is already running (a reloaded window).

import { useCallback, useEffect, useReducer } from 'react';

import type { JobInfo, JobStarted } from '../../../shared/api/routes/jobs';
import type { JobEvent } from '../../../shared/progress';
import { RETRAIN_IDLE, retrainReducer, type RetrainState } from './retrainState';

export interface RetrainBackend {
  start(): Promise<JobStarted>;
  cancel(jobId: string): Promise<void>;
  /** Subscribes to every job's progress events; returns the unsubscribe function. */
  onJobEvent(listener: (event: JobEvent) => void): () => void;
  /** The training job that is queued or running, if any. */
  runningJob(): Promise<JobInfo | null>;
  /** Name of the version a finished training job created. */
  versionOfJob(jobId: string): Promise<string | null>;
}

function errorCode(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return 'internal';
}

export function useRetrain(backend: RetrainBackend, onReady?: () => void): {
  state: RetrainState;
  retrain(): void;
  cancel(): void;
} {
  const [state, dispatch] = useReducer(retrainReducer, RETRAIN_IDLE);

  useEffect(() => backend.onJobEvent((event) => dispatch({ type: 'event', event })), [backend]);

  useEffect(() => {
    let live = true;
    void backend.runningJob().then((job) => {
      if (!live || !job) return;
      dispatch({ type: 'requested' });
      dispatch({ type: 'accepted', jobId: job.jobId });
      if (job.state === 'running') {
        dispatch({ type: 'event', event: { type: 'start', jobId: job.jobId, kind: 'train', unit: job.progress?.unit ?? 'epochs', total: job.progress?.total ?? null } });
      }
    });
    return () => {
      live = false;
    };
  }, [backend]);

  const readyJob = state.status === 'ready' ? state.jobId : null;
  useEffect(() => {
    if (!readyJob) return;
    onReady?.();
    void backend.versionOfJob(readyJob).then((name) => name && dispatch({ type: 'versionCreated', versionName: name }));
    // onReady is a callback of the parent; a new identity must not fetch the version again.
  }, [backend, readyJob]);

  const retrain = useCallback(() => {
    dispatch({ type: 'requested' });
    backend
      .start()
      .then((started) => dispatch({ type: 'accepted', jobId: started.jobId }))
      .catch((caught: unknown) => dispatch({ type: 'rejected', errorCode: errorCode(caught), errorMessage: caught instanceof Error ? caught.message : undefined }));
  }, [backend]);

  const jobId = 'jobId' in state ? state.jobId : null;
  const cancel = useCallback(() => {
    if (jobId) void backend.cancel(jobId);
  }, [backend, jobId]);

  return { state, retrain, cancel };
}
