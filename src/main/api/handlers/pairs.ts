// Handlers of the Pairs and Review routes: list, count, facets, one pair's detail, labels and the
// review queue.

import type { LabelHistoryEntry, PairDetail, Prediction } from '../../../shared/api';
import type { Level } from '../../../shared/levels';
import { labelHistory } from '../../db/labels';
import { activeModel, countPairs, getPairRow, pairFacets, queryPairs } from '../../db/pairQuery';
import { predictionFor } from '../../db/predictions';
import { getSetting } from '../../db/settings';
import { getThemeSummary } from '../../db/themeCatalogue';
import { acceptPrediction, setLabel, undoLabel } from '../../labels/service';
import type { Backend } from '../backend';
import type { Handlers } from '../router';
import { notFound, unavailable } from './shared';

type PairRoutes = 'pairs.list' | 'pairs.count' | 'pairs.facets' | 'pairs.get' | 'labels.set' | 'labels.accept' | 'labels.undo' | 'review.queue';

export function pairsHandlers(backend: Backend): Pick<Handlers, PairRoutes> {
  const curator = () => getSetting(backend.db(), 'curatorName');
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
    'review.queue': () => unavailable('review.queue'),
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
