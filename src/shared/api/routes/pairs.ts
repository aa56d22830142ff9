// Routes of the Pairs and Review screens: listing and reading pairs, setting labels, the review
// queue. The filter, sort and page schemas are the ones the command line and the export use.

import { z } from 'zod';

import {
  pairFilterSchema,
  pairQuerySchema,
  type LevelFilterValue,
  type PairFacets,
  type PairPageResult,
  type PairRow,
} from '../../filters';
import { LEVELS, type LabelSource, type Level } from '../../levels';
import { idSchema } from '../common';
import { defineRoute } from '../define';

export interface ThemeKeywords {
  themeId: number;
  sourceId: string | null;
  name: string;
  uf: string | null;
  macroTheme: string | null;
  keywords: string[];
}

export interface LabelHistoryEntry {
  eventId: number;
  level: Level | null;
  previousLevel: Level | null;
  source: LabelSource;
  curator: string | null;
  note: string | null;
  modelVersionId: number | null;
  createdAt: string;
}

export interface Prediction {
  modelVersionId: number;
  modelVersion: string;
  level: Level;
  probabilities: Record<Level, number>;
  /** Matched terms and the abstract passage that ties thesis and theme most strongly. */
  justification: { terms: string[]; passage: string | null } | null;
}

/** Everything the Review screen shows for one pair. */
export interface PairDetail {
  pair: PairRow;
  theme: ThemeKeywords;
  history: LabelHistoryEntry[];
  /** Prediction of the active model version; null without one. */
  prediction: Prediction | null;
}

/** A pair's current label after a change. */
export interface LabelState {
  pairId: number;
  level: Level | null;
  levelSource: LabelSource | null;
  eventId: number | null;
}

export const REVIEW_MODES = ['uncertain', 'minority', 'label_errors', 'random'] as const;
export type ReviewMode = (typeof REVIEW_MODES)[number];

export interface ReviewItem {
  pairId: number;
  predictedLevel: Level | null;
  /** Maximum probability of the active model's prediction. */
  confidence: number | null;
  /** The mode's ordering score (higher first), such as entropy or the label-error likelihood. */
  score: number;
}

export interface ReviewQueue {
  items: ReviewItem[];
  /** Pairs per current level in the queue's filter ('none' for unlabelled). */
  counters: Record<LevelFilterValue, number>;
  /** Pairs still in the queue after these items. */
  remaining: number;
  /** Unlabelled pairs outside the queue because the active version has not predicted them. */
  unpredicted: number;
}

const pairIdInput = z.object({ pairId: idSchema }).strict();

export const pairsRoutes = {
  'pairs.list': defineRoute<PairPageResult>()(pairQuerySchema),
  'pairs.count': defineRoute<{ count: number }>()(z.object({ filter: pairFilterSchema.default({}) }).strict()),
  'pairs.facets': defineRoute<PairFacets>()(z.object({ filter: pairFilterSchema.default({}) }).strict()),
  'pairs.get': defineRoute<PairDetail>()(pairIdInput),
  /** Sets or (with null) clears the level; recorded with the curator name from the settings. */
  'labels.set': defineRoute<LabelState>()(
    z
      .object({
        pairId: idSchema,
        level: z.enum(LEVELS).nullable(),
        note: z.string().trim().max(2000).optional(),
      })
      .strict(),
  ),
  /** Takes the active model's predicted level as the label. */
  'labels.accept': defineRoute<LabelState>()(pairIdInput),
  /** Restores the level the pair had before its newest label event, as a new event. */
  'labels.undo': defineRoute<LabelState>()(pairIdInput),
  'review.queue': defineRoute<ReviewQueue>()(
    z
      .object({
        mode: z.enum(REVIEW_MODES),
        filter: pairFilterSchema.default({}),
        limit: z.number().int().min(1).max(500).default(50),
        /** Last pair of the previous batch, to continue after it. */
        afterPairId: idSchema.optional(),
        /** Seed of the random audit sample, so the sample stays the same across batches. */
        seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
      })
      .strict(),
  ),
} as const;
