// Review keyboard flow: level keys, accepting the prediction, moving, undo and auto-advance, driven
// through an in-memory backend that keeps each pair's label history like the label_events table.

import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import type { LevelFilterValue } from '../../src/shared/filters';
import type { LabelSource, Level } from '../../src/shared/levels';
import type { LabelChange, QueueBatch, ReviewBackend, ReviewItem } from '../../src/renderer/screens/review/types';
import { ReviewView } from '../../src/renderer/screens/review/ReviewView';
import { renderWithProviders } from './render';

interface Event {
  pairId: number;
  level: Level | null;
  source: LabelSource;
}

class MemoryReviewBackend implements ReviewBackend {
  readonly events: Event[] = [];
  readonly items: ReviewItem[];

  constructor(count: number) {
    this.items = Array.from({ length: count }, (_, i) => ({
      pairId: 100 + i,
      title: `Tese ${i + 1}: educação ambiental na escola`,
      keywords: 'educação; meio ambiente',
      abstract: `Resumo da tese ${i + 1} sobre educação ambiental.`,
      year: 2023,
      institution: 'UFSM',
      programme: 'Educação',
      themeName: 'Educação ambiental',
      themeUf: 'RS',
      macroTheme: 'Educação',
      themeKeywords: ['educação ambiental'],
      level: null,
      levelSource: null,
      predictedLevel: 'ALTA',
      probabilities: { BAIXA: 0.1, MEDIA: 0.2, ALTA: 0.7 },
      matchedTerms: ['educação'],
      passage: null,
    }));
  }

  private current(pairId: number): LabelChange {
    const last = [...this.events].reverse().find((event) => event.pairId === pairId);
    return last ? { level: last.level, levelSource: last.level ? last.source : null } : { level: null, levelSource: null };
  }

  levelOf(pairId: number): Level | null {
    return this.current(pairId).level;
  }

  async loadQueue(): Promise<QueueBatch> {
    const counters: Record<LevelFilterValue, number> = { BAIXA: 0, MEDIA: 0, ALTA: 0, none: this.items.length };
    return { pairIds: this.items.map((item) => item.pairId), counters, complete: true };
  }

  async loadPair(pairId: number): Promise<ReviewItem> {
    const item = this.items.find((candidate) => candidate.pairId === pairId);
    if (!item) throw Object.assign(new Error('not found'), { code: 'not_found' });
    return { ...item, ...this.current(pairId) };
  }

  async setLabel(pairId: number, level: Level): Promise<LabelChange> {
    this.events.push({ pairId, level, source: 'curator' });
    return this.current(pairId);
  }

  async acceptPrediction(pairId: number): Promise<LabelChange> {
    this.events.push({ pairId, level: 'ALTA', source: 'accepted_prediction' });
    return this.current(pairId);
  }

  async undoLabel(pairId: number): Promise<LabelChange> {
    const own = this.events.filter((event) => event.pairId === pairId);
    const previous = own[own.length - 2];
    this.events.push({ pairId, level: previous?.level ?? null, source: previous?.source ?? 'curator' });
    return this.current(pairId);
  }
}

/** Serves the unlabelled pairs in batches, as the uncertain queue does once labelled pairs leave it. */
class BatchedReviewBackend extends MemoryReviewBackend {
  requests = 0;

  constructor(
    count: number,
    private readonly batchSize: number,
  ) {
    super(count);
  }

  override async loadQueue(): Promise<QueueBatch> {
    this.requests += 1;
    const unlabelled = this.items.filter((item) => this.levelOf(item.pairId) == null);
    const batch = unlabelled.slice(0, this.batchSize);
    const counters: Record<LevelFilterValue, number> = { BAIXA: 0, MEDIA: 0, ALTA: 0, none: unlabelled.length };
    return { pairIds: batch.map((item) => item.pairId), counters, complete: unlabelled.length <= this.batchSize };
  }
}

async function shownPairId(): Promise<number> {
  const element = await screen.findByTestId('review-pair');
  return Number(element.getAttribute('data-pair-id'));
}

async function expectShown(pairId: number): Promise<void> {
  await waitFor(() => expect(screen.getByTestId('review-pair').getAttribute('data-pair-id')).toBe(String(pairId)));
}

function setup(count = 5) {
  const backend = new MemoryReviewBackend(count);
  const user = userEvent.setup();
  renderWithProviders(
    <>
      <input aria-label="nota" />
      <ReviewView backend={backend} />
    </>,
  );
  return { backend, user };
}

describe('review queue continuation', () => {
  it('asks for more pairs near the end', async () => {
    const backend = new BatchedReviewBackend(12, 5);
    const user = userEvent.setup();
    renderWithProviders(<ReviewView backend={backend} />);
    expect(await shownPairId()).toBe(100);

    for (const next of [101, 102, 103, 104, 105, 106]) {
      await user.keyboard('1');
      await expectShown(next);
    }
    expect(backend.requests).toBeGreaterThan(1);
    for (let pairId = 100; pairId <= 105; pairId += 1) expect(backend.levelOf(pairId)).toBe('BAIXA');
  });

  it('stops when a request brings nothing new', async () => {
    const backend = new BatchedReviewBackend(3, 3);
    const user = userEvent.setup();
    renderWithProviders(<ReviewView backend={backend} />);
    await shownPairId();

    await user.keyboard('1');
    await expectShown(101);
    await user.keyboard('1');
    await expectShown(102);
    expect(backend.requests).toBe(1);
  });
});

describe('review without a model', () => {
  it('points to the Models screen', async () => {
    const backend = new MemoryReviewBackend(3);
    backend.loadQueue = () => Promise.reject(Object.assign(new Error('no active version'), { code: 'model_no_active_version' }));
    renderWithProviders(<ReviewView backend={backend} />);

    const message = await screen.findByText(/Abra Modelos e clique em Retreinar/);
    expect(message.textContent).not.toContain('aderencia train');
    expect(screen.queryByText(/Importe pares/)).toBeNull();
    expect(screen.queryByTestId('review-pair')).toBeNull();
  });
});

describe('review unpredicted pairs', () => {
  it('says how many are left out', async () => {
    const backend = new MemoryReviewBackend(3);
    backend.loadQueue = async () => ({ pairIds: [100, 101, 102], counters: { BAIXA: 0, MEDIA: 0, ALTA: 0, none: 65_471 }, complete: true, unpredicted: 65_468 });
    renderWithProviders(<ReviewView backend={backend} />);
    await shownPairId();

    const message = screen.getByTestId('review-unpredicted').textContent;
    expect(message).toContain('65.468 pares sem rótulo ainda não têm previsão');
    expect(message).toContain('Retreinar');
  });

  it('stays hidden when all are predicted', async () => {
    const { backend } = setup(3);
    await shownPairId();

    expect(backend.items).toHaveLength(3);
    expect(screen.queryByTestId('review-unpredicted')).toBeNull();
  });
});

describe('review counters', () => {
  it('group thousands in pt-BR', async () => {
    const backend = new MemoryReviewBackend(3);
    backend.loadQueue = async () => ({ pairIds: [100, 101, 102], counters: { BAIXA: 1206, MEDIA: 324, ALTA: 244, none: 332_902 }, complete: true });
    renderWithProviders(<ReviewView backend={backend} />);
    await shownPairId();

    expect(screen.getByTestId('count-none').textContent).toBe('sem rótulo: 332.902');
    expect(screen.getByTestId('count-BAIXA').textContent).toBe('BAIXA: 1.206');
  });

  it('count the whole queue in the position', async () => {
    const backend = new MemoryReviewBackend(3);
    // Each request brings the next three pairs of a 65,000-pair queue, as the server does.
    let served = 0;
    backend.loadQueue = async () => {
      const pairIds = [100 + served, 101 + served, 102 + served];
      served += 3;
      return { pairIds, counters: { BAIXA: 0, MEDIA: 0, ALTA: 0, none: 65_000 }, complete: false, remaining: 65_000 - served };
    };
    renderWithProviders(<ReviewView backend={backend} />);
    await shownPairId();

    await waitFor(() => expect(screen.getByTestId('review-position').textContent).toBe('Par 1 de 65.000'));
  });
});

describe('review keyboard flow', () => {
  it('digit keys label and advance', async () => {
    const { backend, user } = setup();
    expect(await shownPairId()).toBe(100);

    await user.keyboard('1');
    await expectShown(101);
    await user.keyboard('2');
    await expectShown(102);
    await user.keyboard('3');
    await expectShown(103);

    expect(backend.levelOf(100)).toBe('BAIXA');
    expect(backend.levelOf(101)).toBe('MEDIA');
    expect(backend.levelOf(102)).toBe('ALTA');
    expect(screen.getByTestId('count-BAIXA').textContent).toContain('1');
    expect(screen.getByTestId('count-none').textContent).toContain('2');
  });

  it('letter keys B, M and A label', async () => {
    const { backend, user } = setup();
    await shownPairId();

    await user.keyboard('b');
    await expectShown(101);
    await user.keyboard('M');
    await expectShown(102);
    await user.keyboard('a');
    await expectShown(103);

    expect(backend.events.map((event) => event.level)).toEqual(['BAIXA', 'MEDIA', 'ALTA']);
  });

  it('Enter accepts the prediction', async () => {
    const { backend, user } = setup();
    await shownPairId();

    await user.keyboard('{Enter}');
    await expectShown(101);

    expect(backend.events).toEqual([{ pairId: 100, level: 'ALTA', source: 'accepted_prediction' }]);
  });

  it('J, K and arrows move without labelling', async () => {
    const { backend, user } = setup();
    await shownPairId();

    await user.keyboard('j');
    await expectShown(101);
    await user.keyboard('{ArrowRight}');
    await expectShown(102);
    await user.keyboard('k');
    await expectShown(101);
    await user.keyboard('{ArrowLeft}');
    await expectShown(100);
    await user.keyboard('{ArrowLeft}');
    await expectShown(100);

    expect(backend.events).toHaveLength(0);
  });

  it('Ctrl+Z undoes and returns to the pair', async () => {
    const { backend, user } = setup();
    await shownPairId();

    await user.keyboard('3');
    await expectShown(101);
    await user.keyboard('{Control>}z{/Control}');
    await expectShown(100);

    expect(backend.levelOf(100)).toBeNull();
    expect(screen.getByTestId('count-ALTA').textContent).toContain('0');
    expect(screen.getByTestId('count-none').textContent).toContain('5');
  });

  it('undo restores an earlier level', async () => {
    const { backend, user } = setup();
    await shownPairId();

    await user.keyboard('1');
    await expectShown(101);
    await user.keyboard('k');
    await expectShown(100);
    await user.keyboard('3');
    await expectShown(101);
    await user.keyboard('{Control>}z{/Control}');
    await expectShown(100);

    expect(backend.levelOf(100)).toBe('BAIXA');
  });

  it('auto-advance off keeps the pair', async () => {
    const { backend, user } = setup();
    await shownPairId();

    await user.click(screen.getByRole('switch', { name: 'Avançar automaticamente' }));
    await user.keyboard('2');
    await waitFor(() => expect(backend.levelOf(100)).toBe('MEDIA'));

    expect(await shownPairId()).toBe(100);
  });

  it('keys typed in a text field do nothing', async () => {
    const { backend, user } = setup();
    await shownPairId();

    await user.click(screen.getByRole('textbox', { name: 'nota' }));
    await user.keyboard('1bma3{Enter}jk{ArrowRight}');

    expect(backend.events).toHaveLength(0);
    expect(await shownPairId()).toBe(100);
    expect((screen.getByRole('textbox', { name: 'nota' }) as HTMLInputElement).value).toBe('1bma3jk');
  });

  it('hotkeys work after clicking a button', async () => {
    const { backend, user } = setup();
    await shownPairId();

    await user.click(screen.getByRole('button', { name: /MÉDIA/ }));
    await expectShown(101);
    await user.keyboard('1');
    await expectShown(102);

    expect(backend.events.map((event) => event.level)).toEqual(['MEDIA', 'BAIXA']);
  });

  it('Enter on a keyboard-focused button acts once', async () => {
    const { backend, user } = setup();
    await shownPairId();

    screen.getByRole('button', { name: /BAIXA/ }).focus();
    await user.keyboard('{Enter}');
    await expectShown(101);

    expect(backend.events).toEqual([{ pairId: 100, level: 'BAIXA', source: 'curator' }]);
  });

  it('highlights the theme terms in the thesis', async () => {
    setup();
    await shownPairId();

    const marks = [...screen.getByTestId('review-title').querySelectorAll('mark')].map((mark) => mark.textContent);
    expect(marks).toContain('educação ambiental');
  });
});
