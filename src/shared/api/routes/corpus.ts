// Routes of the corpus: importing files, pairing theses with themes, and reading what each import
// did.

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

/** A pair count limit. Number.MAX_SAFE_INTEGER keeps it exact in SQLite and JavaScript. */
const maxNewPairsSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const corpusRoutes = {
  'corpus.import': defineRoute<JobStarted>()(
    z
      .object({
        handle: fileHandleSchema,
        kind: z.enum(IMPORT_KINDS).optional(),
        /** Pair by state after the import; left out, the importer decides by kind (see importFile). */
        pair: z.boolean().optional(),
        /**
         * Pairs the import's pairing may create (2,000,000 by default). Over it the rows are still
         * imported, and the job's result sets pairsWouldCreate instead of creating pairs.
         */
        maxNewPairs: maxNewPairsSchema.optional(),
      })
      .strict(),
  ),
  /**
   * Creates the missing pairs of the whole corpus by state, as a job in the imports' lane. Over
   * `maxNewPairs` (2,000,000 by default) the job fails with `pairing_too_many` and creates none.
   */
  'corpus.pair': defineRoute<JobStarted>()(z.object({ maxNewPairs: maxNewPairsSchema.optional() }).strict()),
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
