// Routes of the Themes screen: the catalogue per state, keyword editing, archive and merge.

import { z } from 'zod';

import { idSchema } from '../common';
import { defineRoute } from '../define';

export interface ThemeSummary {
  id: number;
  sourceId: string | null;
  uf: string | null;
  macroTheme: string | null;
  name: string;
  keywords: string[];
  /** ISO timestamp; null for an active theme. */
  archivedAt: string | null;
  /** Theme this one was merged into, if any. */
  mergedInto: number | null;
  pairs: number;
  labelledPairs: number;
}

export interface MergePreview {
  source: ThemeSummary;
  target: ThemeSummary;
  /** Pairs of the source theme that move to the target theme. */
  pairsMoved: number;
  /**
   * Pairs whose thesis is already paired with the target theme. They stay on the archived source
   * theme so their label history is kept; the target pair keeps its own label.
   */
  pairsConflicting: number;
  /** Label events that move with the pairs. */
  labelEventsMoved: number;
  /** Up to 20 moved pairs, for the preview table. */
  sample: { pairId: number; title: string; level: string | null }[];
}

export interface MergeResult {
  pairsMoved: number;
  pairsConflicting: number;
  target: ThemeSummary;
}

export const keywordsSchema = z.array(z.string().trim().min(1).max(200)).max(500);

const themeIdInput = z.object({ themeId: idSchema }).strict();

const mergeInput = z
  .object({ sourceThemeId: idSchema, targetThemeId: idSchema })
  .strict()
  .refine((input) => input.sourceThemeId !== input.targetThemeId, {
    message: 'choose two different themes',
    path: ['targetThemeId'],
  });

export const themesRoutes = {
  'themes.list': defineRoute<ThemeSummary[]>()(
    z
      .object({
        uf: z
          .string()
          .regex(/^[A-Za-z]{2}$/, 'expected a two-letter state (UF) such as RS')
          .transform((value) => value.toUpperCase())
          .optional(),
        includeArchived: z.boolean().default(false),
      })
      .strict()
      .default({ includeArchived: false }),
  ),
  'themes.updateKeywords': defineRoute<ThemeSummary>()(
    z.object({ themeId: idSchema, keywords: keywordsSchema }).strict(),
  ),
  'themes.archive': defineRoute<ThemeSummary>()(themeIdInput),
  'themes.unarchive': defineRoute<ThemeSummary>()(themeIdInput),
  'themes.mergePreview': defineRoute<MergePreview>()(mergeInput),
  'themes.merge': defineRoute<MergeResult>()(mergeInput),
} as const;
