// Handlers of the Pairs and Review routes: list, count, facets, one pair's detail, labels and the
// review queue.

import type { LabelHistoryEntry, PairDetail, ParsedInput, Prediction, ReviewQueue } from '../../../shared/api';
import { isEmptyFilter, LEVEL_FILTER_VALUES, type LevelFilterValue, type PairFilter } from '../../../shared/filters';
import type { Level } from '../../../shared/levels';
import { labelHistory } from '../../db/labels';
import { activeModel, countPairs, getPairRow, iteratePairs, pairFacets, queryPairs } from '../../db/pairQuery';
import type { QueueItem } from '../../model/review/queue';
import { reviewQueue } from '../../model/service';
import { predictionFor } from '../../db/predictions';
import { getSetting } from '../../db/settings';
import { getThemeSummary } from '../../db/themeCatalogue';
import { acceptPrediction, setLabel, undoLabel } from '../../labels/service';
import type { Backend } from '../backend';
import type { Handlers } from '../router';
import { notFound } from './shared';

type PairRoutes = 'pairs.list' | 'pairs.count' | 'pairs.facets' | 'pairs.get' | 'labels.set' | 'labels.accept' | 'labels.undo' | 'review.queue';

export function pairsHandlers(backend: Backend): Pick<Handlers, PairRoutes> {
  const curator = () => getSetting(backend.db(), 'curatorName');
  const queueCache = new QueueCache(backend);
  const labelled = <T>(state: T): T => {
    backend.emit({ type: 'data.changed', reason: 'labels' });
    return state;
  };
  return {
    'pairs.list': (input) => queryPairs(backend.db(), input.filter, input.sort, input.page),
    'pairs.count': (input) => ({ count: countPairs(backend.db(), input.filter) }),
    'pairs.facets': (input) => pairFacets(backend.db(), input.filter),
    'pairs.get': (input) => pairDetail(backend, input.pairId),
    'labels.set': (input) =>
      labelled(setLabel(backend.db(), { pairId: input.pairId, level: input.level, note: input.note, curator: curator() })),
    'labels.accept': (input) => labelled(acceptPrediction(backend.db(), { pairId: input.pairId, curator: curator() })),
    'labels.undo': (input) => labelled(undoLabel(backend.db(), { pairId: input.pairId, curator: curator() })),
    'review.queue': (input) => reviewQueueFor(backend, input, queueCache),
  };
}

function pairDetail(backend: Backend, pairId: number): PairDetail {
  const db = backend.db();
  const pair = getPairRow(db, pairId);
  if (!pair) notFound('pair', pairId);
  const theme = getThemeSummary(db, pair.themeId);
  if (!theme) notFound('theme', pair.themeId);
  const history: LabelHistoryEntry[] = labelHistory(db, pairId).map((event) => ({
    eventId: event.id,
    level: event.level,
    previousLevel: event.previousLevel,
    source: event.source,
    curator: event.curator,
    note: event.note,
    modelVersionId: event.modelVersionId,
    createdAt: event.createdAt,
  }));
  return {
    pair,
    theme: {
      themeId: theme.id,
      sourceId: theme.sourceId,
      name: theme.name,
      uf: theme.uf,
      macroTheme: theme.macroTheme,
      keywords: theme.keywords,
    },
    history,
    prediction: activePrediction(backend, pairId),
  };
}

function activePrediction(backend: Backend, pairId: number): Prediction | null {
  const db = backend.db();
  const model = activeModel(db);
  const stored = model ? predictionFor(db, pairId, model.id) : null;
  if (!model || !stored) return null;
  const [BAIXA, MEDIA, ALTA] = stored.probs;
  const probabilities: Record<Level, number> = { BAIXA, MEDIA, ALTA };
  return {
    modelVersionId: model.id,
    modelVersion: model.name,
    level: stored.level,
    probabilities,
    justification: toJustification(stored.justification),
  };
}

/** Reads the stored justification, tolerating older shapes: terms and a passage, either optional. */
function toJustification(raw: unknown): Prediction['justification'] {
  if (raw == null || typeof raw !== 'object') return null;
  const record = raw as Record<string, unknown>;
  const terms = Array.isArray(record.terms) ? record.terms.filter((term): term is string => typeof term === 'string') : [];
  const passage = typeof record.passage === 'string' ? record.passage : null;
  return { terms, passage };
}

/**
 * Returns a batch of the review queue in the model's order for a mode, restricted to the filter,
 * continuing after `afterPairId` when it is in the queue. 'label_errors' is the model service's
 * 'suspects' mode.
 */
function reviewQueueFor(backend: Backend, input: ParsedInput<'review.queue'>, cache: QueueCache): ReviewQueue {
  const { items: ordered, unpredicted } = cache.ordered(input);
  let items = ordered;
  if (input.afterPairId != null) {
    const index = items.findIndex((item) => item.pairId === input.afterPairId);
    items = index >= 0 ? items.slice(index + 1) : items.filter((item) => item.pairId !== input.afterPairId);
  }
  const page = items.slice(0, input.limit);
  return {
    items: page.map((item) => ({
      pairId: item.pairId,
      predictedLevel: item.predicted,
      confidence: Math.max(...item.probs),
      score: item.score,
    })),
    counters: levelCounters(backend, input.filter),
    remaining: items.length - page.length,
    unpredicted,
  };
}

/**
 * The ordered queue of the last mode, seed and filter asked for. Ordering 100,000+ predictions
 * takes seconds, and the Review screen requests the next batch after every 50 pairs, so the order
 * is kept until an import, a model change, a theme edit or another database invalidates it.
 * NOTE: the ordering runs on the main process, so building a queue blocks it (about 3 s at 178,000
 * pairs on a 2-core machine); moving it to the model's worker thread is still to do.
 * NOTE: labels set during the session do not reorder the queue (the 'minority' mode's notion of
 * minority levels stays as it was when the queue was built); reopening the screen in another
 * mode, or retraining, rebuilds it.
 */
class QueueCache {
  private key: string | null = null;
  private items: QueueItem[] = [];
  private unpredicted = 0;

  constructor(private readonly backend: Backend) {
    backend.onEvent((event) => {
      if (event.type === 'data.changed' && event.reason !== 'labels') this.key = null;
    });
  }

  ordered(input: ParsedInput<'review.queue'>): { items: QueueItem[]; unpredicted: number } {
    const key = JSON.stringify([this.backend.dbPath, input.mode, input.seed ?? null, input.filter]);
    if (key === this.key) return { items: this.items, unpredicted: this.unpredicted };
    const mode = input.mode === 'label_errors' ? 'suspects' : input.mode;
    const queue = reviewQueue(this.backend.db(), { mode, limit: 1_000_000, seed: input.seed });
    let items = queue.items;
    if (!isEmptyFilter(input.filter)) {
      const allowed = pairIdsMatching(this.backend, input.filter);
      items = items.filter((item) => allowed.has(item.pairId));
    }
    this.key = key;
    this.items = items;
    // NOTE: counted over the whole corpus, not only the pairs the filter selects.
    this.unpredicted = queue.unpredicted;
    return { items, unpredicted: this.unpredicted };
  }
}

// NOTE: reads every matching pair row to collect ids. That is quick for the filters the Review
// screen uses (a state, a theme) but slow for a filter that keeps most of a 100,000-pair corpus.
function pairIdsMatching(backend: Backend, filter: PairFilter): Set<number> {
  const ids = new Set<number>();
  for (const rows of iteratePairs(backend.db(), filter)) for (const row of rows) ids.add(row.pairId);
  return ids;
}

function levelCounters(backend: Backend, filter: PairFilter): Record<LevelFilterValue, number> {
  const counters = {} as Record<LevelFilterValue, number>;
  for (const level of LEVEL_FILTER_VALUES) counters[level] = countPairs(backend.db(), { ...filter, levels: [level] });
  return counters;
}
