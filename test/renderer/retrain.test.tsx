// Retrain state display: queued → training with progress, time left and cancel → evaluating →
// ready, plus failure, cancellation and a second click while a job runs. The in-memory backend
// emits the same JobEvent objects the worker's ProgressReporter sends.

import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import type { JobInfo, JobStarted } from '../../src/shared/api/routes/jobs';
import type { JobEvent } from '../../src/shared/progress';
import { RetrainSection } from '../../src/renderer/screens/models/RetrainSection';
import type { RetrainBackend } from '../../src/renderer/screens/models/useRetrain';
import { retrainReducer, RETRAIN_IDLE } from '../../src/renderer/screens/models/retrainState';
import { renderWithProviders } from './render';

class MemoryTrainBackend implements RetrainBackend {
  readonly listeners = new Set<(event: JobEvent) => void>();
  readonly cancelled: string[] = [];
  starts = 0;
  running: JobInfo | null = null;
  release: (() => void) | null = null;
  failStart: { code: string } | null = null;

  async start(): Promise<JobStarted> {
    this.starts += 1;
    if (this.failStart) throw Object.assign(new Error('no labels'), this.failStart);
    // The response waits until the test releases it, so the queued state can be observed.
    await new Promise<void>((resolve) => {
      this.release = resolve;
    });
    return { jobId: 'train-abc-1', alreadyRunning: false };
  }

  async cancel(jobId: string): Promise<void> {
    this.cancelled.push(jobId);
  }

  onJobEvent(listener: (event: JobEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async runningJob(): Promise<JobInfo | null> {
    return this.running;
  }

  async versionOfJob(): Promise<string | null> {
    return 'v3';
  }

  emit(event: JobEvent): void {
    act(() => {
      for (const listener of this.listeners) listener(event);
    });
  }
}

function status(): string | null {
  return screen.getByTestId('retrain-status').getAttribute('data-status');
}

describe('retrain state display', () => {
  it('shows queued, training, evaluating, ready', async () => {
    const backend = new MemoryTrainBackend();
    const user = userEvent.setup();
    renderWithProviders(<RetrainSection backend={backend} />);

    await user.click(screen.getByRole('button', { name: 'Retreinar' }));
    expect(status()).toBe('queued');
    expect(screen.getByText('Na fila: o treinamento vai começar.')).toBeTruthy();
    await act(async () => backend.release?.());

    backend.emit({ type: 'start', jobId: 'train-abc-1', kind: 'train', unit: 'epochs', total: 10 });
    backend.emit({
      type: 'progress',
      jobId: 'train-abc-1',
      done: 4,
      total: 10,
      etaSeconds: 75,
      metrics: { epoch: 12, loss: 0.5123, validationMacroF1: 0.6049, etaSeconds: 75 },
    });
    expect(status()).toBe('training');
    expect(screen.getByText(/Treinando: 40%/).textContent).toContain('faltam 1:15');
    const figures = screen.getByText(/perda: 0,512/).textContent;
    expect(figures).toBe('época: 12 · perda: 0,512 · F1 macro na validação: 0,605');
    expect(figures).not.toContain('etaSeconds');

    backend.emit({ type: 'progress', jobId: 'train-abc-1', done: 0, total: null, phase: 'predict', metrics: { predicted: 500, toPredict: 2000 } });
    expect(status()).toBe('training');
    expect(screen.getByText(/Treinando: 40%/)).toBeTruthy();
    expect(screen.getByTestId('retrain-phase').textContent).toContain('Prevendo o nível de todos os pares');
    expect(screen.getByTestId('retrain-phase').textContent).toContain('500 de 2.000');
    expect(screen.getByRole('button', { name: 'Cancelar treinamento' })).toBeTruthy();

    backend.emit({ type: 'progress', jobId: 'train-abc-1', done: 10, total: 10, phase: 'evaluate' });
    expect(status()).toBe('evaluating');
    expect(screen.queryByRole('button', { name: 'Cancelar treinamento' })).toBeNull();

    backend.emit({ type: 'end', jobId: 'train-abc-1', status: 'done' });
    expect(status()).toBe('ready');
    await waitFor(() => expect(screen.getByText('Pronto: versão v3 criada.')).toBeTruthy());
  });

  it('cancel button cancels the running job', async () => {
    const backend = new MemoryTrainBackend();
    const user = userEvent.setup();
    renderWithProviders(<RetrainSection backend={backend} />);

    await user.click(screen.getByRole('button', { name: 'Retreinar' }));
    await act(async () => backend.release?.());
    backend.emit({ type: 'start', jobId: 'train-abc-1', kind: 'train', unit: 'epochs', total: 10 });
    await user.click(screen.getByRole('button', { name: 'Cancelar treinamento' }));
    expect(backend.cancelled).toEqual(['train-abc-1']);

    backend.emit({ type: 'end', jobId: 'train-abc-1', status: 'cancelled', errorCode: 'cancelled' });
    expect(status()).toBe('cancelled');
    expect(screen.getByText(/Treinamento cancelado/)).toBeTruthy();
  });

  it('second click shows the running job', async () => {
    const backend = new MemoryTrainBackend();
    const user = userEvent.setup();
    renderWithProviders(<RetrainSection backend={backend} />);

    await user.click(screen.getByRole('button', { name: 'Retreinar' }));
    await act(async () => backend.release?.());
    backend.emit({ type: 'start', jobId: 'train-abc-1', kind: 'train', unit: 'epochs', total: 10 });
    await user.click(screen.getByRole('button', { name: 'Retreinar' }));

    expect(backend.starts).toBe(1);
    expect(screen.getByText(/Já há um treinamento em andamento/)).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByTestId('retrain-status'));
  });

  it('shows a failed job with its message', async () => {
    const backend = new MemoryTrainBackend();
    const user = userEvent.setup();
    renderWithProviders(<RetrainSection backend={backend} />);

    await user.click(screen.getByRole('button', { name: 'Retreinar' }));
    await act(async () => backend.release?.());
    backend.emit({ type: 'start', jobId: 'train-abc-1', kind: 'train', unit: 'epochs', total: 10 });
    backend.emit({ type: 'end', jobId: 'train-abc-1', status: 'failed', errorCode: 'cancelled' });

    expect(status()).toBe('failed');
    expect(screen.getByRole('alert').textContent).toContain('O treinamento falhou. A operação foi cancelada.');
  });

  it('shows a rejected start', async () => {
    const backend = new MemoryTrainBackend();
    backend.failStart = { code: 'made_up_code' };
    const user = userEvent.setup();
    renderWithProviders(<RetrainSection backend={backend} />);

    await user.click(screen.getByRole('button', { name: 'Retreinar' }));

    await waitFor(() => expect(status()).toBe('failed'));
    expect(screen.getByRole('alert').textContent).toContain('no labels');
  });

  it('picks up a job already running', async () => {
    const backend = new MemoryTrainBackend();
    backend.running = {
      jobId: 'train-abc-9',
      kind: 'train',
      state: 'running',
      createdAt: '2026-01-01T00:00:00Z',
      startedAt: '2026-01-01T00:00:01Z',
      finishedAt: null,
      progress: { unit: 'epochs', done: 2, total: 8, phase: null, etaSeconds: null, metrics: null },
      error: null,
      result: null,
    };
    renderWithProviders(<RetrainSection backend={backend} />);

    await waitFor(() => expect(status()).toBe('training'));
    backend.emit({ type: 'progress', jobId: 'train-abc-9', done: 6, total: 8 });
    expect(screen.getByText(/Treinando: 75%/)).toBeTruthy();
  });

  it('ignores events of other jobs', () => {
    const queued = retrainReducer(RETRAIN_IDLE, { type: 'requested' });
    const training = retrainReducer(retrainReducer(queued, { type: 'accepted', jobId: 'train-a-1' }), {
      type: 'event',
      event: { type: 'start', jobId: 'train-a-1', kind: 'train', unit: 'epochs', total: 5 },
    });
    const afterExport = retrainReducer(training, { type: 'event', event: { type: 'end', jobId: 'export-b-2', status: 'failed' } });

    expect(afterExport).toBe(training);
  });
});
