// Routes and shapes of long jobs (import, training, export, encoder install and download). A job
// starts through its own route, which returns the job id at once; progress then arrives as events
// and the job's state stays listed, so a reloaded window finds a running job again.

import { z } from 'zod';

import type { JobEvent, JobKind } from '../../progress';
import { noInput } from '../common';
import { defineRoute } from '../define';
import type { ApiError } from '../result';

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface JobInfo {
  jobId: string;
  kind: JobKind;
  state: JobState;
  /** ISO 8601 timestamps. */
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Latest progress, from the job's 'start' and 'progress' events. */
  progress: {
    unit: string;
    done: number;
    total: number | null;
    phase: string | null;
    etaSeconds: number | null;
    metrics: Record<string, number> | null;
  } | null;
  /** Set when state is 'failed'. */
  error: ApiError | null;
  /**
   * What the job produced, such as { importId } for an import, { versionId, name } for training or
   * { fileName, rows } for an export.
   */
  result: Record<string, string | number | boolean | null> | null;
}

/** A job that was started, or the one already running when only one of its kind may run. */
export interface JobStarted {
  jobId: string;
  /** True when no new job started because one of the same kind was running (a second "Retreinar"). */
  alreadyRunning: boolean;
}

export const jobIdSchema = z.string().regex(/^[a-z]+-[a-z0-9]+-\d+$/, 'expected a job id returned when the job started');

export const jobsRoutes = {
  'jobs.list': defineRoute<JobInfo[]>()(noInput),
  'jobs.get': defineRoute<JobInfo>()(z.object({ jobId: jobIdSchema }).strict()),
  /** Asks a job to stop; `cancelled` is false when it had already finished. */
  'jobs.cancel': defineRoute<{ cancelled: boolean }>()(z.object({ jobId: jobIdSchema }).strict()),
} as const;

export type { JobEvent };
