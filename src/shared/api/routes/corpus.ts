// Routes of the corpus: importing files and reading what each import did.

import { z } from 'zod';

import { fileHandleSchema, idSchema, noInput } from '../common';
import { defineRoute } from '../define';
import type { CorpusCounts } from './app';
import type { JobStarted } from './jobs';

/**
 * What a file contains. Left out, the importer detects it from the file name, the format and the
 * header row.
 */
export const IMPORT_KINDS = ['capes', 'challenge', 'spreadsheet', 'themes', 'labels'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface SkippedRow {
  /** 1-based line (CSV) or row (spreadsheet) number; null when the issue concerns the whole file. */
  line: number | null;
  column: string | null;
  /** Stable reason code, such as `unclosed_quote`. */
  reason: string;
  /** The reason translated for the request's locale. */
  message: string;
  /** The offending value or the parser's message, in English. */
  detail: string | null;
}

export interface ImportSummary {
  importId: number;
  fileName: string;
  fileSize: number;
  kind: string;
  rowsRead: number;
  rowsImported: number;
  rowsSkipped: number;
  startedAt: string;
  finishedAt: string | null;
}

export interface ImportReport extends ImportSummary {
  /** Skipped rows in file order, at most `limit` of them from `offset`. */
  skipped: SkippedRow[];
}

export const corpusRoutes = {
  'corpus.import': defineRoute<JobStarted>()(
    z
      .object({
        handle: fileHandleSchema,
        kind: z.enum(IMPORT_KINDS).optional(),
        /** Pair by state after the import; left out, the importer decides by kind (see importFile). */
        pair: z.boolean().optional(),
      })
      .strict(),
  ),
  /** Counts that decide between the first-run guide and the Pairs screen. */
  'corpus.status': defineRoute<CorpusCounts & { empty: boolean }>()(noInput),
  'imports.list': defineRoute<ImportSummary[]>()(noInput),
  'imports.report': defineRoute<ImportReport>()(
    z
      .object({
        importId: idSchema,
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(10_000).default(1000),
      })
      .strict(),
  ),
} as const;
