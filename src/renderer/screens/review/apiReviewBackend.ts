// The Review screen's backend on the API client: the queue from `review.queue`, each pair's detail
// from `pairs.get`, and labels through `labels.set`, `labels.accept` and `labels.undo`.

import type { ApiClient, LabelState, PairDetail } from '../../../shared/api';
import type { PairFilter } from '../../../shared/filters';
import { callApi } from '../../app/ApiContext';
import type { LabelChange, ReviewBackend, ReviewItem } from './types';

/**
 * Pairs per queue request. Near the end of a batch the session requests the queue again. Labelled
 * pairs have left the uncertain and minority queues by then, so the next request brings new pairs.
 */
const QUEUE_LIMIT = 500;

/** Fixed seed, so the audit sample stays the same while the person works through it. */
const AUDIT_SEED = 20_250_901;

function toItem(detail: PairDetail): ReviewItem {
  const { pair, theme, prediction } = detail;
  return {
    pairId: pair.pairId,
    title: pair.title,
    keywords: pair.keywords,
    abstract: pair.abstract,
    year: pair.year,
    institution: pair.institutionAcronym ?? pair.institution,
    programme: pair.programme,
    themeName: theme.name,
    themeUf: theme.uf,
    macroTheme: theme.macroTheme,
    themeKeywords: theme.keywords,
    level: pair.level,
    levelSource: pair.levelSource,
    predictedLevel: prediction?.level ?? null,
    probabilities: prediction?.probabilities ?? null,
    matchedTerms: prediction?.justification?.terms ?? [],
    passage: prediction?.justification?.passage ?? null,
  };
}

function toChange(state: LabelState): LabelChange {
  return { level: state.level, levelSource: state.levelSource };
}

export function apiReviewBackend(client: ApiClient, filter: PairFilter): ReviewBackend {
  return {
    loadQueue: async (mode) => {
      const queue = await callApi(client, 'review.queue', { mode, filter, limit: QUEUE_LIMIT, seed: mode === 'random' ? AUDIT_SEED : undefined });
      return {
        pairIds: queue.items.map((item) => item.pairId),
        counters: queue.counters,
        complete: queue.items.length < QUEUE_LIMIT,
        unpredicted: queue.unpredicted,
        remaining: queue.remaining,
      };
    },
    loadPair: async (pairId) => toItem(await callApi(client, 'pairs.get', { pairId })),
    setLabel: async (pairId, level) => toChange(await callApi(client, 'labels.set', { pairId, level })),
    acceptPrediction: async (pairId) => toChange(await callApi(client, 'labels.accept', { pairId })),
    undoLabel: async (pairId) => toChange(await callApi(client, 'labels.undo', { pairId })),
  };
}
