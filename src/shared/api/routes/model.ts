// Routes of the Models screen: training, versions and their figures, activation, comparison.

import { z } from 'zod';

import type { Level } from '../../levels';
import { idSchema, noInput } from '../common';
import { defineRoute } from '../define';
import type { JobStarted } from './jobs';

export interface LevelMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ModelMetrics {
  accuracy: number | null;
  macroF1: number | null;
  perLevel: Partial<Record<Level, LevelMetrics>>;
  /** Macro-F1 of the binary task ALTA against BAIXA and MÉDIA together. */
  altaVsRestF1: number | null;
  /** Rows are true levels, columns predicted levels, both in the order BAIXA, MEDIA, ALTA. */
  confusion: number[][] | null;
  perTheme: { themeId: number; name: string; f1: number; support: number }[];
  /** Pairs the figures were computed on (held-out pairs, never training pairs). */
  evaluatedOn: number | null;
}

export interface ModelResources {
  trainSeconds: number | null;
  peakMemoryBytes: number | null;
  energyKwh: number | null;
  co2Grams: number | null;
  /** Method of the energy estimate (power assumed, grid intensity), for the tooltip. */
  energyMethod: string | null;
}

export interface ModelVersionSummary {
  id: number;
  name: string;
  createdAt: string;
  active: boolean;
  encoderId: string | null;
  metrics: ModelMetrics;
  resources: ModelResources;
  labelCounts: Partial<Record<Level, number>>;
}

export interface ModelComparison {
  a: ModelVersionSummary;
  b: ModelVersionSummary;
  /** Pairs both versions predicted, and how many of them they predict differently. */
  predictedByBoth: number;
  changed: number;
  /** Counts of changed pairs by (level of a → level of b). */
  transitions: { from: Level; to: Level; count: number }[];
}

export const trainConfigSchema = z
  .object({
    /** Encoder id, or null for the lexical features only; default: the active encoder. */
    encoderId: z.string().min(1).max(200).nullable().optional(),
    epochs: z.number().int().min(1).max(1000).optional(),
    /** Weight the loss by inverse level frequency, the setting that moves macro-F1 most. */
    classWeighted: z.boolean().optional(),
    /** Share of labelled pairs held out for evaluation. */
    holdout: z.number().min(0.05).max(0.5).optional(),
    seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
    /** Make the new version active when it finishes. */
    activate: z.boolean().optional(),
  })
  .strict();
export type TrainConfig = z.infer<typeof trainConfigSchema>;

const versionIdInput = z.object({ versionId: idSchema }).strict();

export const modelRoutes = {
  /** Starts training, or returns the running training job (only one trains at a time). */
  'model.train': defineRoute<JobStarted>()(z.object({ config: trainConfigSchema.default({}) }).strict()),
  'model.versions': defineRoute<ModelVersionSummary[]>()(noInput),
  'model.activate': defineRoute<ModelVersionSummary>()(versionIdInput),
  'model.compare': defineRoute<ModelComparison>()(
    z
      .object({ a: idSchema, b: idSchema })
      .strict()
      .refine((input) => input.a !== input.b, { message: 'choose two different versions', path: ['b'] }),
  ),
} as const;
