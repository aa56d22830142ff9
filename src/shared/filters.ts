// The pair filter: which (thesis, theme) pairs a list, a count, a facet or an export covers. One
// schema for the command line, the export service and the desktop app's Pairs screen, so the three
// select the same rows for the same filter. Inputs that cross a process boundary are parsed with
// these zod schemas; the types are inferred from them. Also declares the row, page and facet shapes
// that src/main/db/pairQuery.ts returns, because the renderer may import only from src/shared.

import { z } from 'zod';

import { LEVELS, type Level, type LabelSource } from './levels';
import type { ThesisFields } from './thesis';

/** Level filter values: the three levels plus 'none' for pairs without a current label. */
export const LEVEL_FILTER_VALUES = [...LEVELS, 'none'] as const;
export type LevelFilterValue = (typeof LEVEL_FILTER_VALUES)[number];

/**
 * Origin of the level shown for a pair: the source of its current label (imported, curator,
 * accepted_prediction), 'model' for an unlabelled pair with a prediction of the active model, or
 * 'none' for an unlabelled pair without one.
 */
export const LEVEL_ORIGINS = ['imported', 'curator', 'accepted_prediction', 'model', 'none'] as const;
export type LevelOrigin = (typeof LEVEL_ORIGINS)[number];

/** Upper bound on list sizes in a filter, so a malformed request cannot build a huge SQL statement. */
export const MAX_FILTER_LIST = 5000;

const ufSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/, 'expected a two-letter state (UF) such as RS')
  .transform((value) => value.toUpperCase());

const textList = z.array(z.string().trim().min(1).max(500)).max(MAX_FILTER_LIST);

const yearSchema = z.number().int().min(1900).max(2200);

/** Closed range. Either end may be left out. */
const yearRangeSchema = z
  .object({ from: yearSchema.optional(), to: yearSchema.optional() })
  .refine((range) => range.from == null || range.to == null || range.from <= range.to, {
    message: 'year range: from must not be after to',
  });

const probabilitySchema = z.number().min(0).max(1);

/**
 * Range of the active model's confidence in its predicted level, that is the maximum of its three
 * probabilities. Pairs without a prediction of the active model never match a confidence range.
 */
const confidenceRangeSchema = z
  .object({ min: probabilitySchema.optional(), max: probabilitySchema.optional() })
  .refine((range) => range.min == null || range.max == null || range.min <= range.max, {
    message: 'confidence range: min must not be above max',
  });

export const pairFilterSchema = z
  .object({
    /** Thesis state, two letters: the institution's, else the researcher's, as pairing uses. */
    ufs: z.array(ufSchema).max(MAX_FILTER_LIST).optional(),
    /** Database ids of themes (themes.id, not the imported tema_id). */
    themeIds: z.array(z.number().int().positive()).max(MAX_FILTER_LIST).optional(),
    macroThemes: textList.optional(),
    /** Current level. The value 'none' selects unlabelled pairs. */
    levels: z.array(z.enum(LEVEL_FILTER_VALUES)).max(LEVEL_FILTER_VALUES.length).optional(),
    sources: z.array(z.enum(LEVEL_ORIGINS)).max(LEVEL_ORIGINS.length).optional(),
    /** Level predicted by the active model version. */
    predictedLevels: z.array(z.enum(LEVELS)).max(LEVELS.length).optional(),
    confidence: confidenceRangeSchema.optional(),
    /**
     * true: only pairs whose current label differs from the active model's prediction. false: only
     * pairs where both exist and agree. Pairs lacking either never match when this is set.
     */
    disagreement: z.boolean().optional(),
    /** Programme names (theses.programme), exact match. */
    programmes: textList.optional(),
    /** Knowledge areas (theses.area, nome_area_conhecimento), exact match. */
    areas: textList.optional(),
    years: yearRangeSchema.optional(),
    /**
     * Free text matched against title, abstract and keywords (Portuguese and English), ignoring case
     * and accents. Every word must occur, and a word matches as a prefix ("educ" finds "educação").
     */
    search: z.string().trim().max(500).optional(),
    /** Include pairs of archived themes (hidden by default, as the app hides archived themes). */
    includeArchivedThemes: z.boolean().optional(),
  })
  .strict();

export type PairFilter = z.infer<typeof pairFilterSchema>;

export const PAIR_SORT_KEYS = [
  'pair',
  'title',
  'year',
  'defenceDate',
  'uf',
  'theme',
  'level',
  'predictedLevel',
  'confidence',
] as const;
export type PairSortKey = (typeof PAIR_SORT_KEYS)[number];

export const pairSortSchema = z
  .object({
    key: z.enum(PAIR_SORT_KEYS).default('pair'),
    direction: z.enum(['asc', 'desc']).default('asc'),
  })
  .strict();
export type PairSort = z.infer<typeof pairSortSchema>;

export const MAX_PAGE_SIZE = 1000;

/**
 * A page: `offset` for jumping to a position (a scrollbar), or `after`, the opaque cursor of the
 * previous page's last row, for reading on without the cost of skipping rows. Not both.
 */
export const pairPageSchema = z
  .object({
    limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(100),
    offset: z.number().int().min(0).optional(),
    after: z.string().min(1).max(2000).optional(),
  })
  .strict()
  .refine((page) => page.offset == null || page.after == null, {
    message: 'page: give either offset or after, not both',
  });
export type PairPage = z.infer<typeof pairPageSchema>;

export const pairQuerySchema = z
  .object({
    filter: pairFilterSchema.default({}),
    sort: pairSortSchema.default({ key: 'pair', direction: 'asc' }),
    page: pairPageSchema.default({ limit: 100 }),
  })
  .strict();
export type PairQuery = z.infer<typeof pairQuerySchema>;
export type PairQueryInput = z.input<typeof pairQuerySchema>;

/** One pair as the list, the command line and the export show it. */
export interface PairRow extends ThesisFields {
  pairId: number;
  thesisId: number;
  /** Thesis id exactly as imported (hash_id, ID_PRODUCAO_INTELECTUAL…); null when the file had none. */
  thesisSourceId: string | null;
  /** Column or file kind the thesis id came from. */
  thesisSourceIdField: string | null;
  themeId: number;
  /** tema_id exactly as imported; null for a theme created in the app. */
  themeSourceId: string | null;
  themeName: string;
  themeUf: string | null;
  macroTheme: string | null;
  /** Current label; null when unlabelled. */
  level: Level | null;
  levelSource: LabelSource | null;
  /** Origin of the shown level (see LEVEL_ORIGINS). */
  origin: LevelOrigin;
  /** Active model version's name, when it predicted this pair. */
  modelVersion: string | null;
  predictedLevel: Level | null;
  pBaixa: number | null;
  pMedia: number | null;
  pAlta: number | null;
  /** Curator named on the event that set the current label, when a curator set it. */
  labelCurator: string | null;
  /** ISO time of the event that set the current label. */
  labelledAt: string | null;
  /** The active prediction's justification as stored: JSON of { terms: [{ word }], passage }. */
  justification: string | null;
}

export interface PairPageResult {
  rows: PairRow[];
  /** Cursor of the last row, to pass as page.after; null when this was the last page. */
  nextCursor: string | null;
}

export interface FacetValue<T> {
  value: T;
  count: number;
}

/** Distinct values with their pair counts, for the filter drop-downs. */
export interface PairFacets {
  ufs: FacetValue<string>[];
  themes: (FacetValue<number> & { name: string; sourceId: string | null; uf: string | null; macroTheme: string | null })[];
  macroThemes: FacetValue<string>[];
  programmes: FacetValue<string>[];
  areas: FacetValue<string>[];
  years: FacetValue<number>[];
}

/** Pairs per theme and current level ('none' for unlabelled). */
export interface ThemeLevelCount {
  themeId: number;
  themeSourceId: string | null;
  themeName: string;
  counts: Record<LevelFilterValue, number>;
  total: number;
}

/** Parses an untrusted filter (IPC, JSON file); throws a ZodError listing each invalid field. */
export function parsePairFilter(input: unknown): PairFilter {
  return pairFilterSchema.parse(input ?? {});
}

/** Parses an untrusted query; defaults fill a missing sort and page. */
export function parsePairQuery(input: unknown): PairQuery {
  return pairQuerySchema.parse(input ?? {});
}

/** True when the filter selects every pair (nothing to show in a "filters applied" summary). */
export function isEmptyFilter(filter: PairFilter): boolean {
  return Object.entries(filter).every(([key, value]) => {
    if (value == null || value === '' || (key === 'includeArchivedThemes' && value === false)) return true;
    if (Array.isArray(value)) return value.length === 0;
    if (typeof value === 'object') return Object.values(value).every((end) => end == null);
    return false;
  });
}
