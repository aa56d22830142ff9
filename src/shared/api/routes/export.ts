// Routes of the Export screen: a spreadsheet of the pairs the current filter selects.

import { z } from 'zod';

import { pairFilterSchema, pairSortSchema } from '../../filters';
import { fileHandleSchema } from '../common';
import { defineRoute } from '../define';
import { jobIdSchema, type JobStarted } from './jobs';

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CSV_VARIANTS = ['br', 'intl'] as const;

/** Column options of the Export screen: which optional column groups and sheets the file gets. */
export const exportOptionsSchema = z
  .object({
    includeAbstract: z.boolean().default(true),
    /** The active model's level and its three probabilities. */
    includePrediction: z.boolean().default(true),
    includeJustification: z.boolean().default(false),
    /** Curator and date of the newest label event. */
    includeLabelAuthor: z.boolean().default(true),
    /** XLSX only: a summary sheet of pairs per theme and level. */
    summarySheet: z.boolean().default(true),
  })
  .strict();
export type ExportOptions = z.infer<typeof exportOptionsSchema>;

export const exportRunSchema = z
  .object({
    filter: pairFilterSchema.default({}),
    sort: pairSortSchema.default({ key: 'pair', direction: 'asc' }),
    format: z.enum(EXPORT_FORMATS),
    /** CSV only: 'br' (`;`, decimal comma, BOM, dd/mm/aaaa) for Excel in pt-BR, 'intl' (`,`, decimal point). */
    csvVariant: z.enum(CSV_VARIANTS).default('br'),
    options: exportOptionsSchema.default({
      includeAbstract: true,
      includePrediction: true,
      includeJustification: false,
      includeLabelAuthor: true,
      summarySheet: true,
    }),
    /** A save-as handle from files.pick({ purpose: 'exportFile' }); left out, the app's exports folder. */
    destination: fileHandleSchema.optional(),
  })
  .strict();

export const exportRoutes = {
  /** Starts the export; the finished job's result has { file, fileName, rows, format }. */
  'export.run': defineRoute<JobStarted>()(exportRunSchema),
  /** Shows the finished export's file in the system file manager. */
  'export.openFolder': defineRoute<{ opened: boolean }>()(z.object({ jobId: jobIdSchema }).strict(), {
    transports: ['electron'],
  }),
} as const;
