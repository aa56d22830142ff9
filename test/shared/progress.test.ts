// The progress reporter's throttle: at most one event per interval, except the first update of a
// new phase and the last update, which always go out.

import { describe, expect, it } from 'vitest';

import { ProgressReporter, type JobEvent } from '../../src/shared/progress';

function reporter(intervalMs: number): { events: JobEvent[]; progress: ProgressReporter } {
  const events: JobEvent[] = [];
  return { events, progress: new ProgressReporter('job-1', 'train', 'epochs', 100, (event) => events.push(event), intervalMs) };
}

const phasesOf = (events: JobEvent[]): (string | undefined)[] => events.flatMap((event) => (event.type === 'progress' ? [event.phase] : []));

describe('ProgressReporter throttle', () => {
  it('drops updates within the interval', () => {
    const { events, progress } = reporter(60_000);
    for (let done = 1; done <= 10; done++) progress.update(done, { phase: 'read' });

    expect(phasesOf(events)).toEqual(['read']);
  });

  it('emits each new phase at once', () => {
    const { events, progress } = reporter(60_000);
    progress.update(1, { phase: 'features' });
    progress.update(2, { phase: 'cross-validation', metrics: { epoch: 1, loss: 0.9 } });
    progress.update(3, { phase: 'cross-validation', metrics: { epoch: 2, loss: 0.8 } });
    progress.update(4, { phase: 'final' });

    expect(phasesOf(events)).toEqual(['features', 'cross-validation', 'final']);
    const epochs = events.flatMap((event) => (event.type === 'progress' && event.metrics ? [event.metrics.epoch] : []));
    expect(epochs).toEqual([1]);
  });

  it('sends the last update at the end', () => {
    const { events, progress } = reporter(60_000);
    progress.update(1, { phase: 'read' });
    progress.update(50, { phase: 'read' });
    progress.end('done');

    const dones = events.flatMap((event) => (event.type === 'progress' ? [event.done] : []));
    expect(dones).toEqual([1, 100]);
    expect(events.at(-1)).toMatchObject({ type: 'end', status: 'done' });
  });
});
