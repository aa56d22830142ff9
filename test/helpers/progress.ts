// Collects job events and checks the invariants every long job must keep (see src/shared/progress.ts).

import { expect } from 'vitest';

import type { JobEvent, JobStatus, ProgressListener } from '../../src/shared/progress';

export function collectEvents(): { events: JobEvent[]; listener: ProgressListener } {
  const events: JobEvent[] = [];
  return { events, listener: (event) => events.push(event) };
}

/** Asserts the progress invariants for the events of one job and returns its final status. */
export function expectValidProgress(events: JobEvent[], expectedStatus?: JobStatus): JobStatus {
  expect(events.length).toBeGreaterThanOrEqual(2);
  const first = events[0];
  const last = events[events.length - 1];
  expect(first.type).toBe('start');
  expect(last.type).toBe('end');
  expect(events.filter((e) => e.type === 'start')).toHaveLength(1);
  expect(events.filter((e) => e.type === 'end')).toHaveLength(1);

  const jobIds = new Set(events.map((e) => e.jobId));
  expect(jobIds.size).toBe(1);

  let done = -Infinity;
  let total: number | null = first.type === 'start' ? first.total : null;
  for (const event of events) {
    if (event.type !== 'progress') continue;
    expect(event.done).toBeGreaterThanOrEqual(done);
    done = event.done;
    if (event.total != null) {
      if (total != null) expect(event.total).toBe(total);
      total = event.total;
      expect(event.done).toBeLessThanOrEqual(event.total);
    }
  }
  const status = last.type === 'end' ? last.status : 'failed';
  if (status === 'done' && total != null) expect(done).toBe(total);
  if (expectedStatus) expect(status).toBe(expectedStatus);
  return status;
}
