import { describe, expect, it } from 'vitest';

import { JobManager } from '../../../src/main/api/jobs';
import { AppError, CancelledError, throwIfAborted } from '../../../src/shared/errors';
import type { ApiEvent, JobInfo } from '../../../src/shared/api';
import { ProgressReporter, type JobEvent } from '../../../src/shared/progress';
import { expectValidProgress } from '../../helpers/progress';

function managerWithEvents(): { manager: JobManager; events: ApiEvent[] } {
  const events: ApiEvent[] = [];
  return { manager: new JobManager((event) => events.push(event), () => 'pt-BR'), events };
}

function progressOf(events: ApiEvent[], jobId: string): JobEvent[] {
  return events.flatMap((event) => (event.type === 'job.progress' && event.event.jobId === jobId ? [event.event] : []));
}

function statesOf(events: ApiEvent[], jobId: string): JobInfo['state'][] {
  return events.flatMap((event) => (event.type === 'job.state' && event.job.jobId === jobId ? [event.job.state] : []));
}

async function settled(manager: JobManager, jobId: string): Promise<JobInfo> {
  for (;;) {
    const job = manager.get(jobId)!;
    if (job.state !== 'queued' && job.state !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Creates a job that waits until released, then reports progress through a real ProgressReporter. */
function gatedJob(steps = 4) {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const run = async ({ onProgress, signal }: { onProgress: (event: JobEvent) => void; signal: AbortSignal }) => {
    const reporter = new ProgressReporter('inner-id', 'train', 'epochs', steps, onProgress, 0);
    await Promise.race([gate, new Promise((resolve) => signal.addEventListener('abort', resolve))]);
    for (let step = 1; step <= steps; step += 1) {
      throwIfAborted(signal, 'training');
      reporter.update(step);
    }
    reporter.end('done');
    return { versionId: 1 };
  };
  return { run, release: () => release() };
}

describe('job manager', () => {
  it('fans out progress under its own id', async () => {
    const { manager, events } = managerWithEvents();
    const job = gatedJob();
    const started = manager.start('train', job.run);
    job.release();
    const info = await settled(manager, started.jobId);
    expect(info.state).toBe('done');
    expect(info.result).toEqual({ versionId: 1 });
    expect(info.progress).toMatchObject({ unit: 'epochs', done: 4, total: 4 });
    const progress = progressOf(events, started.jobId);
    expectValidProgress(progress, 'done');
    expect(progressOf(events, 'inner-id')).toEqual([]);
    expect(statesOf(events, started.jobId)).toEqual(['queued', 'running', 'done']);
  });

  it('returns the running training on a second start', async () => {
    const { manager } = managerWithEvents();
    const job = gatedJob();
    const first = manager.start('train', job.run, { lane: 'train', single: true });
    const second = manager.start('train', job.run, { lane: 'train', single: true });
    expect(second).toEqual({ jobId: first.jobId, alreadyRunning: true });
    expect(manager.list()).toHaveLength(1);
    job.release();
    await settled(manager, first.jobId);
    const third = manager.start('train', gatedJob().run, { lane: 'train', single: true });
    expect(third.alreadyRunning).toBe(false);
    manager.cancel(third.jobId);
  });

  it('cancels a running job', async () => {
    const { manager, events } = managerWithEvents();
    const job = gatedJob();
    const started = manager.start('train', job.run);
    expect(manager.cancel(started.jobId)).toBe(true);
    const info = await settled(manager, started.jobId);
    expect(info.state).toBe('cancelled');
    expectValidProgress(progressOf(events, started.jobId), 'cancelled');
    expect(manager.cancel(started.jobId)).toBe(false);
  });

  it('queues jobs of one lane', async () => {
    const { manager, events } = managerWithEvents();
    const first = gatedJob();
    const second = gatedJob();
    const a = manager.start('import', first.run);
    const b = manager.start('import', second.run);
    expect(manager.get(b.jobId)!.state).toBe('queued');
    first.release();
    second.release();
    await settled(manager, b.jobId);
    expect(statesOf(events, b.jobId)).toEqual(['queued', 'running', 'done']);
    expect(manager.get(a.jobId)!.finishedAt! <= manager.get(b.jobId)!.startedAt!).toBe(true);
  });

  it('cancels a queued job without running it', async () => {
    const { manager, events } = managerWithEvents();
    const first = gatedJob();
    let ran = false;
    manager.start('import', first.run);
    const queued = manager.start('import', async () => {
      ran = true;
    });
    manager.cancel(queued.jobId);
    first.release();
    expect((await settled(manager, queued.jobId)).state).toBe('cancelled');
    expect(ran).toBe(false);
    expectValidProgress(progressOf(events, queued.jobId), 'cancelled');
  });

  it('records a failure with its translated message', async () => {
    const { manager, events } = managerWithEvents();
    const started = manager.start('import', async () => {
      throw new AppError('file_not_found', 'File not found: x.csv', { file: 'x.csv' });
    });
    const info = await settled(manager, started.jobId);
    expect(info.state).toBe('failed');
    expect(info.error).toEqual({
      code: 'file_not_found',
      message: 'Arquivo não encontrado: x.csv. Confira o caminho e tente de novo.',
      params: { file: 'x.csv' },
    });
    const end = progressOf(events, started.jobId).at(-1);
    expect(end).toMatchObject({ type: 'end', status: 'failed', errorCode: 'file_not_found' });
  });

  it('treats CancelledError as cancelled', async () => {
    const { manager } = managerWithEvents();
    const started = manager.start('export', async () => {
      throw new CancelledError('export');
    });
    expect((await settled(manager, started.jobId)).state).toBe('cancelled');
  });

  it('stops every job on shutdown', async () => {
    const { manager } = managerWithEvents();
    const a = manager.start('train', gatedJob().run);
    const b = manager.start('export', gatedJob().run);
    await manager.shutdown();
    expect(manager.get(a.jobId)!.state).toBe('cancelled');
    expect(manager.get(b.jobId)!.state).toBe('cancelled');
  });
});
