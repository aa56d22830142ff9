// Progress of long jobs (import, export, embedding, training, model download). Every job emits the
// same typed events so the command line, the desktop app and the tests read them one way.
//
// Invariants, checked by test/helpers/progress.ts for every job kind:
// - exactly one 'start' first and exactly one 'end' last;
// - 'done' never decreases and never exceeds 'total' when a total is known;
// - 'total' never changes once a 'progress' event has reported it;
// - a job that ends with status 'done' and a known total reports done === total before its end.

export type JobKind = 'import' | 'export' | 'pairing' | 'embed' | 'train' | 'predict' | 'evaluate' | 'download' | 'install';

export type JobStatus = 'done' | 'failed' | 'cancelled';

export interface JobStartEvent {
  type: 'start';
  jobId: string;
  kind: JobKind;
  /** Units the job counts in: rows, bytes, pairs, texts, epochs. */
  unit: string;
  total: number | null;
}

export interface JobProgressEvent {
  type: 'progress';
  jobId: string;
  done: number;
  total: number | null;
  /** Short phase name in English (for logs); the UI translates the phase key. */
  phase?: string;
  /** Estimated seconds left, when the job can tell. */
  etaSeconds?: number;
  /** Job-specific figures, such as training loss or validation macro-F1 per epoch. */
  metrics?: Record<string, number>;
}

export interface JobEndEvent {
  type: 'end';
  jobId: string;
  status: JobStatus;
  /** Stable error code when status is 'failed'. */
  errorCode?: string;
  errorMessage?: string;
}

export type JobEvent = JobStartEvent | JobProgressEvent | JobEndEvent;

export type ProgressListener = (event: JobEvent) => void;

/**
 * Emits well-formed events for one job and throttles 'progress' to at most one per interval, so a
 * million-row import does not flood the IPC channel. The last progress update always goes out, and
 * so does the first update of each phase, because a short phase can start and end within one interval.
 */
export class ProgressReporter {
  private done = 0;
  private total: number | null;
  private lastEmit = 0;
  private pending: JobProgressEvent | null = null;
  private phase: string | undefined;
  private ended = false;

  constructor(
    readonly jobId: string,
    readonly kind: JobKind,
    readonly unit: string,
    total: number | null,
    private readonly listener: ProgressListener | undefined,
    private readonly intervalMs = 100,
  ) {
    this.total = total;
    listener?.({ type: 'start', jobId, kind, unit, total });
  }

  /** Reports absolute progress; values lower than the last one are raised to it. */
  update(done: number, extra: Omit<JobProgressEvent, 'type' | 'jobId' | 'done' | 'total'> = {}): void {
    if (this.ended) return;
    this.done = Math.max(this.done, this.total == null ? done : Math.min(done, this.total));
    this.pending = { type: 'progress', jobId: this.jobId, done: this.done, total: this.total, ...extra };
    const phaseChanged = extra.phase !== undefined && extra.phase !== this.phase;
    if (extra.phase !== undefined) this.phase = extra.phase;
    const now = Date.now();
    if (phaseChanged || now - this.lastEmit >= this.intervalMs) this.flush(now);
  }

  /** Sets the total once it becomes known (a file whose row count is known only after a pass). */
  setTotal(total: number): void {
    if (this.total != null) return;
    this.total = total;
  }

  end(status: JobStatus, error?: { code: string; message: string }): void {
    if (this.ended) return;
    if (status === 'done' && this.total != null && this.done < this.total) {
      this.update(this.total);
    }
    this.flush(Date.now());
    this.ended = true;
    this.listener?.({ type: 'end', jobId: this.jobId, status, errorCode: error?.code, errorMessage: error?.message });
  }

  private flush(now: number): void {
    if (!this.pending) return;
    this.listener?.(this.pending);
    this.pending = null;
    this.lastEmit = now;
  }
}

let jobCounter = 0;

/** Creates a process-unique job id. */
export function newJobId(kind: JobKind): string {
  jobCounter += 1;
  return `${kind}-${Date.now().toString(36)}-${jobCounter}`;
}
