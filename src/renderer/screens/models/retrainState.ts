// The visible state of "Retreinar": queued (requested, not yet started) → training (progress, time
// left) → evaluating → ready, or failed / cancelled. It is derived from the job's events, and after a
// reload from the job's record (useRetrain), so the panel shows what the worker reports.

import type { JobEvent } from '../../../shared/progress';

export type RetrainState =
  | { status: 'idle' }
  | { status: 'queued'; jobId: string | null }
  | {
      status: 'training';
      jobId: string;
      done: number;
      total: number | null;
      /** The job's own phase name (features, cross-validation, final, predict), shown translated. */
      phase: string | null;
      etaSeconds: number | null;
      metrics: Record<string, number>;
    }
  | { status: 'evaluating'; jobId: string }
  | { status: 'ready'; jobId: string; versionName: string | null }
  | { status: 'failed'; jobId: string | null; errorCode: string; errorMessage: string | null }
  | { status: 'cancelled'; jobId: string | null };

export type RetrainAction =
  | { type: 'requested' }
  | { type: 'accepted'; jobId: string }
  | { type: 'rejected'; errorCode: string; errorMessage?: string }
  | { type: 'event'; event: JobEvent }
  | { type: 'versionCreated'; versionName: string };

export const RETRAIN_IDLE: RetrainState = { status: 'idle' };

/** True while a training job is queued or running. A second "Retreinar" then shows that job. */
export function isRetrainActive(state: RetrainState): boolean {
  return state.status === 'queued' || state.status === 'training' || state.status === 'evaluating';
}

function currentJobId(state: RetrainState): string | null {
  return 'jobId' in state ? state.jobId : null;
}

const EVALUATION_PHASES = new Set(['evaluate', 'evaluating', 'evaluation']);

function reduceEvent(state: RetrainState, event: JobEvent): RetrainState {
  const jobId = currentJobId(state);
  // Events of other jobs (an import, an export) share the stream and are ignored here, except an
  // evaluation job that the training job started.
  if (event.type === 'start') {
    if (event.kind === 'train' && (state.status === 'queued' || jobId === event.jobId)) {
      return { status: 'training', jobId: event.jobId, done: 0, total: event.total, phase: null, etaSeconds: null, metrics: {} };
    }
    if (event.kind === 'evaluate' && state.status === 'training') return { status: 'evaluating', jobId: state.jobId };
    return state;
  }
  if (event.jobId !== jobId) return state;
  if (event.type === 'progress') {
    if (event.phase && EVALUATION_PHASES.has(event.phase)) return { status: 'evaluating', jobId: event.jobId };
    if (state.status !== 'training' && state.status !== 'queued') return state;
    const previous = state.status === 'training' ? state : null;
    // A later phase may report its own counts in metrics with no total, so the step count stays.
    return {
      status: 'training',
      jobId: event.jobId,
      done: Math.max(event.done, previous?.done ?? 0),
      total: event.total ?? previous?.total ?? null,
      phase: event.phase ?? previous?.phase ?? null,
      etaSeconds: event.etaSeconds ?? null,
      metrics: { ...(previous?.metrics ?? {}), ...(event.metrics ?? {}) },
    };
  }
  // The end can arrive twice (the job's own event and the job record's final state).
  if (state.status === 'ready' || state.status === 'failed' || state.status === 'cancelled') return state;
  if (event.status === 'done') return { status: 'ready', jobId: event.jobId, versionName: null };
  if (event.status === 'cancelled') return { status: 'cancelled', jobId: event.jobId };
  return { status: 'failed', jobId: event.jobId, errorCode: event.errorCode ?? 'internal', errorMessage: event.errorMessage ?? null };
}

export function retrainReducer(state: RetrainState, action: RetrainAction): RetrainState {
  switch (action.type) {
    case 'requested':
      return isRetrainActive(state) ? state : { status: 'queued', jobId: null };
    case 'accepted':
      return state.status === 'queued' ? { status: 'queued', jobId: action.jobId } : state;
    case 'rejected':
      return { status: 'failed', jobId: null, errorCode: action.errorCode, errorMessage: action.errorMessage ?? null };
    case 'event':
      return reduceEvent(state, action.event);
    case 'versionCreated':
      return state.status === 'ready' ? { ...state, versionName: action.versionName } : state;
    default:
      return state;
  }
}

/** Formats seconds left as m:ss or h:mm:ss. */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}
