// Long jobs behind the API: ids, state (queued → running → done / failed / cancelled) kept after
// they end so a reloaded window still lists them, progress fan-out to every listener, cancellation
// through AbortController, and lanes that run one job at a time (two imports never write at once,
// and a second "Retreinar" returns the training already queued or running).

import { CancelledError, isAppError } from '../../shared/errors';
import type { ApiError, ApiEvent, JobInfo, JobStarted } from '../../shared/api';
import type { Locale } from '../../shared/i18n';
import { newJobId, type JobEvent, type JobKind, type ProgressListener } from '../../shared/progress';
import { createLogger } from '../log';
import { errorFromUnknown } from './errors';

const log = createLogger('jobs');

export interface JobContext {
  jobId: string;
  signal: AbortSignal;
  /** Pass to the service; its events are forwarded under this job's id. */
  onProgress: ProgressListener;
}

export type JobResult = JobInfo['result'];

export interface StartOptions {
  /** Jobs of one lane run one after another; by default the lane is the job kind. */
  lane?: string;
  /** Return the job already queued or running in the lane instead of queueing another. */
  single?: boolean;
}

interface JobRecord {
  info: JobInfo;
  controller: AbortController;
  run: (context: JobContext) => Promise<JobResult | void>;
  lane: string;
  startForwarded: boolean;
}

/** Finished jobs kept for jobs.list; older ones are dropped first. */
const MAX_FINISHED_JOBS = 200;

export class JobManager {
  private readonly jobs = new Map<string, JobRecord>();
  private readonly lanes = new Map<string, JobRecord[]>();
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly emit: (event: ApiEvent) => void,
    private readonly locale: () => Locale,
  ) {}

  /** Queues a job and returns its id at once; it runs when its lane is free. */
  start(kind: JobKind, run: JobRecord['run'], options: StartOptions = {}): JobStarted {
    const lane = options.lane ?? kind;
    const queue = this.lanes.get(lane) ?? [];
    if (options.single && queue.length > 0) {
      log.info(`job ${queue[0].info.jobId} already in lane ${lane}; not starting another`);
      return { jobId: queue[0].info.jobId, alreadyRunning: true };
    }

    const jobId = newJobId(kind);
    const record: JobRecord = {
      info: {
        jobId,
        kind,
        state: 'queued',
        createdAt: new Date().toISOString(),
        startedAt: null,
        finishedAt: null,
        progress: null,
        error: null,
        result: null,
      },
      controller: new AbortController(),
      run,
      lane,
      startForwarded: false,
    };
    this.jobs.set(jobId, record);
    queue.push(record);
    this.lanes.set(lane, queue);
    log.info(`job ${jobId} queued in lane ${lane}`);
    this.emitState(record);
    if (queue.length === 1) this.runLane(lane);
    return { jobId, alreadyRunning: false };
  }

  list(): JobInfo[] {
    return [...this.jobs.values()].map((record) => structuredClone(record.info));
  }

  get(jobId: string): JobInfo | null {
    const record = this.jobs.get(jobId);
    return record ? structuredClone(record.info) : null;
  }

  /** Requests cancellation; false when the job is unknown or already finished. */
  cancel(jobId: string): boolean {
    const record = this.jobs.get(jobId);
    if (!record || isFinished(record.info)) return false;
    log.info(`job ${jobId} cancel requested (state ${record.info.state})`);
    record.controller.abort(new CancelledError(record.info.kind));
    if (record.info.state === 'queued') {
      this.removeFromLane(record);
      this.finish(record, 'cancelled', null, null);
    }
    return true;
  }

  /** Cancels every job and waits for the running ones to stop (clean shutdown). */
  async shutdown(): Promise<void> {
    for (const record of this.jobs.values()) {
      if (!isFinished(record.info)) this.cancel(record.info.jobId);
    }
    await Promise.allSettled([...this.running.values()]);
  }

  private runLane(lane: string): void {
    const record = this.lanes.get(lane)?.[0];
    if (!record) return;
    const promise = this.execute(record).finally(() => {
      this.running.delete(record.info.jobId);
      this.removeFromLane(record);
      this.runLane(lane);
    });
    this.running.set(record.info.jobId, promise);
  }

  private async execute(record: JobRecord): Promise<void> {
    const { info, controller } = record;
    info.state = 'running';
    info.startedAt = new Date().toISOString();
    log.info(`job ${info.jobId} running`);
    this.emitState(record);
    try {
      if (controller.signal.aborted) throw new CancelledError(info.kind);
      const result = await record.run({
        jobId: info.jobId,
        signal: controller.signal,
        onProgress: (event) => this.forward(record, event),
      });
      if (controller.signal.aborted) throw new CancelledError(info.kind);
      this.finish(record, 'done', result ?? null, null);
    } catch (error) {
      const cancelled = error instanceof CancelledError || (controller.signal.aborted && !isAppError(error));
      if (cancelled) {
        this.finish(record, 'cancelled', null, null);
        return;
      }
      const apiError = errorFromUnknown(error, this.locale());
      if (apiError.code === 'internal') log.error(`job ${info.jobId} failed`, error);
      else log.warn(`job ${info.jobId} failed with ${apiError.code}`);
      this.finish(record, 'failed', null, apiError);
    }
  }

  /**
   * Forwards a service event under this job's id. A service may run sub-jobs with their own
   * reporters, so only the first 'start' goes out and the job's one 'end' comes from finish().
   */
  private forward(record: JobRecord, event: JobEvent): void {
    if (isFinished(record.info)) return;
    const { info } = record;
    if (event.type === 'end') return;
    if (event.type === 'start') {
      if (record.startForwarded) return;
      record.startForwarded = true;
      info.progress = { unit: event.unit, done: 0, total: event.total, phase: null, etaSeconds: null, metrics: null };
      this.emit({ type: 'job.progress', event: { ...event, jobId: info.jobId, kind: info.kind } });
      return;
    }
    this.ensureStart(record, event.total);
    const previous = info.progress!;
    // NOTE: a sub-job with another total would break "total never changes"; the first total wins.
    const total = previous.total ?? event.total;
    const done = Math.max(previous.done, total == null ? event.done : Math.min(event.done, total));
    info.progress = {
      unit: previous.unit,
      done,
      total,
      phase: event.phase ?? previous.phase,
      etaSeconds: event.etaSeconds ?? null,
      metrics: event.metrics ?? previous.metrics,
    };
    this.emit({
      type: 'job.progress',
      event: { ...event, jobId: info.jobId, done, total },
    });
  }

  private ensureStart(record: JobRecord, total: number | null): void {
    if (record.startForwarded) return;
    record.startForwarded = true;
    record.info.progress = { unit: '', done: 0, total, phase: null, etaSeconds: null, metrics: null };
    this.emit({ type: 'job.progress', event: { type: 'start', jobId: record.info.jobId, kind: record.info.kind, unit: '', total } });
  }

  private finish(record: JobRecord, state: 'done' | 'failed' | 'cancelled', result: JobResult, error: ApiError | null): void {
    const { info } = record;
    if (isFinished(info)) return;
    this.ensureStart(record, null);
    if (state === 'done' && info.progress && info.progress.total != null && info.progress.done < info.progress.total) {
      info.progress.done = info.progress.total;
      this.emit({ type: 'job.progress', event: { type: 'progress', jobId: info.jobId, done: info.progress.total, total: info.progress.total } });
    }
    info.state = state;
    info.finishedAt = new Date().toISOString();
    info.result = result;
    info.error = error;
    this.emit({
      type: 'job.progress',
      event: { type: 'end', jobId: info.jobId, status: state, errorCode: error?.code, errorMessage: error?.message },
    });
    log.info(`job ${info.jobId} ${state}`);
    this.emitState(record);
    this.pruneFinished();
  }

  private emitState(record: JobRecord): void {
    this.emit({ type: 'job.state', job: structuredClone(record.info) });
  }

  private removeFromLane(record: JobRecord): void {
    const queue = this.lanes.get(record.lane);
    if (!queue) return;
    const index = queue.indexOf(record);
    if (index >= 0) queue.splice(index, 1);
    if (queue.length === 0) this.lanes.delete(record.lane);
  }

  private pruneFinished(): void {
    const finished = [...this.jobs.values()].filter((record) => isFinished(record.info));
    for (const record of finished.slice(0, Math.max(0, finished.length - MAX_FINISHED_JOBS))) {
      this.jobs.delete(record.info.jobId);
    }
  }
}

function isFinished(info: JobInfo): boolean {
  return info.state === 'done' || info.state === 'failed' || info.state === 'cancelled';
}
