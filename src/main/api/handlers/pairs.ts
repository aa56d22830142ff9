// Handlers of the Pairs and Review routes: list, count, facets, one pair's detail, labels and the
// review queue.

import type { LabelHistoryEntry, PairDetail, ParsedInput, Prediction, ReviewQueue } from '../../../shared/api';
import { LEVEL_FILTER_VALUES, type LevelFilterValue, type PairFilter } from '../../../shared/filters';
import { LEVELS, type Level } from '../../../shared/levels';
import { labelHistory } from '../../db/labels';
import type { Db } from '../../db/connection';
import { activeModel, countPairs, getPairRow, pairFacets, queryPairs } from '../../db/pairQuery';
import type { CompactQueue } from '../../model/review/order';
import { fullReviewQueue } from '../../model/service';
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
async function reviewQueueFor(backend: Backend, input: ParsedInput<'review.queue'>, cache: QueueCache): Promise<ReviewQueue> {
  let queue = await cache.ordered(input);
  let after = input.afterPairId == null ? -1 : queue.pairIds.indexOf(input.afterPairId);
  if (after + 1 >= queue.pairIds.length && queue.total > queue.pairIds.length) {
    // The curator got through the kept part of a longer queue: the next part comes from a new
    // build, which leaves out the pairs labelled meanwhile.
    // NOTE: the random mode keeps labelled pairs, so its new build starts the same order again.
    queue = await cache.ordered(input, { rebuild: true });
    after = -1;
  }
  // The queue keeps its order while curators label, so the unlabelled modes skip the pairs
  // labelled since it was built, in this window or in another one.
  const skipLabelled = input.mode === 'uncertain' || input.mode === 'minority';
  const items: ReviewQueue['items'] = [];
  let end = after + 1;
  while (items.length < input.limit && end < queue.pairIds.length) {
    const chunk = Array.from(queue.pairIds.subarray(end, Math.min(queue.pairIds.length, end + input.limit)));
    const labelled = skipLabelled ? labelledAmong(backend.db(), chunk) : new Set<number>();
    for (const pairId of chunk) {
      const i = end;
      end += 1;
      if (!labelled.has(pairId)) {
        items.push({ pairId, predictedLevel: LEVELS[queue.predicted[i]], confidence: queue.confidence[i], score: queue.scores[i] });
      }
      if (items.length === input.limit) break;
    }
  }
  return {
    items,
    counters: levelCounters(backend, input.filter),
    remaining: Math.max(0, queue.total - end),
    unpredicted: queue.unpredicted,
  };
}

function labelledAmong(db: Db, pairIds: readonly number[]): Set<number> {
  const rows = db.prepare('SELECT id FROM pairs WHERE level IS NOT NULL AND id IN (SELECT value FROM json_each(?))').all(JSON.stringify(pairIds)) as { id: number }[];
  return new Set(rows.map((row) => row.id));
}

/**
 * The ordered queue of the last mode, seed and filter requested. Ordering millions of predictions
 * takes seconds (13 s for 5.9 million on a 2-core machine), so it runs in the model worker.
 * The Review screen requests the queue again near the end of each 500-pair batch, so the order
 * is kept until an import, a model change, a theme edit or another database invalidates it.
 * NOTE: labels set during the session do not reorder the queue (the 'minority' mode's notion of
 * minority levels stays as it was when the queue was built); reopening the screen in another
 * mode, or retraining, rebuilds it.
 */
class QueueCache {
  private key: string | null = null;
  private queue: Promise<CompactQueue> | null = null;

  constructor(private readonly backend: Backend) {
    backend.onEvent((event) => {
      if (event.type === 'data.changed' && event.reason !== 'labels') this.invalidate();
    });
  }

  /** Returns the queue for the request, building it once for all the requests that share its key. */
  ordered(input: ParsedInput<'review.queue'>, options: { rebuild?: boolean } = {}): Promise<CompactQueue> {
    const key = JSON.stringify([this.backend.dbPath, input.mode, input.seed ?? null, input.filter]);
    if (key !== this.key || !this.queue || options.rebuild) {
      const mode = input.mode === 'label_errors' ? 'suspects' : input.mode;
      const built = fullReviewQueue(this.backend.db(), { mode, seed: input.seed, filter: input.filter });
      this.key = key;
      this.queue = built;
      // A failed build is not kept, so the next request tries again.
      built.catch(() => {
        if (this.queue === built) this.invalidate();
      });
    }
    return this.queue;
  }

  private invalidate(): void {
    this.key = null;
    this.queue = null;
  }
}

function levelCounters(backend: Backend, filter: PairFilter): Record<LevelFilterValue, number> {
  const counters = {} as Record<LevelFilterValue, number>;
  for (const level of LEVEL_FILTER_VALUES) counters[level] = countPairs(backend.db(), { ...filter, levels: [level] });
  return counters;
}
