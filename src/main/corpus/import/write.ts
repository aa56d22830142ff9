// Writes a fully read and checked stage into the corpus in one synchronous transaction: the
// imports row, theses, themes, pairs, imported labels, then the pairing of what is new unless it
// would create more pairs than the import's limit.

import type { Db } from '../../db/connection';
import { finishImport, insertImport, type ImportStart, type RowIssue } from '../../db/imports';
import { applyImportedLabel, countNewPairs, ensurePair, pairByState, type PairingResult } from '../../db/pairs';
import { findThesisIdByContentHash, findThesisIdBySourceId, upsertThesis, type UpsertOutcome } from '../../db/theses';
import { findThemeIdBySourceId, upsertTheme } from '../../db/themes';
import type { ColumnMap } from './fields';
import type { StagedRecord } from './records';
import type { Stage } from './stage';

export type OutcomeCounts = Record<Exclude<UpsertOutcome, 'conflict'>, number>;

/** An import's pairing that did not run because it would have created more pairs than the limit. */
export interface SkippedPairing {
  wouldCreate: number;
  limit: number;
  /** National themes in the pairing's scope; each pairs with every thesis. */
  nationalThemes: number;
  /** Pairs of `wouldCreate` that are with national themes. */
  nationalThemePairs: number;
}

/** An import's pairing: what it created, or, with `skipped` set, why it created nothing. */
export interface ImportPairing extends PairingResult {
  skipped: SkippedPairing | null;
}

export interface WriteCounts {
  importId: number;
  theses: OutcomeCounts;
  themes: OutcomeCounts;
  pairs: { created: number; existing: number };
  labels: { added: number; unchanged: number; kept: number };
  /** Rows that could not be written (a label for an unknown thesis, an id taken by another thesis). */
  skipped: RowIssue[];
  pairing: ImportPairing | null;
}

export interface WriteInput {
  start: ImportStart;
  rowsRead: number;
  /** Rows skipped while reading, before the write. */
  readSkips: RowIssue[];
  columns: ColumnMap;
  pair: boolean;
  /** Pairs the import's pairing may create; over it the pairing is skipped and the rest is written. */
  maxNewPairs: number;
}

function emptyCounts(): OutcomeCounts {
  return { inserted: 0, updated: 0, unchanged: 0 };
}

class Writer {
  readonly thesisIds = new Map<string, number>();
  readonly themeIds = new Map<string, number>();
  readonly counts: Omit<WriteCounts, 'importId' | 'pairing'> = {
    theses: emptyCounts(),
    themes: emptyCounts(),
    pairs: { created: 0, existing: 0 },
    labels: { added: 0, unchanged: 0, kept: 0 },
    skipped: [],
  };

  constructor(
    private readonly db: Db,
    private readonly importId: number,
    private readonly columns: ColumnMap,
  ) {}

  private thesisId(record: StagedRecord): number | null {
    const key = record.thesisKey;
    if (key == null) return null;
    const known = this.thesisIds.get(key);
    if (known != null) return known;
    const id = key.startsWith('id:') ? findThesisIdBySourceId(this.db, key.slice(3)) : findThesisIdByContentHash(this.db, key.slice(5));
    if (id != null) this.thesisIds.set(key, id);
    return id;
  }

  private themeId(record: StagedRecord): number | null {
    const key = record.themeKey;
    if (key == null) return null;
    const known = this.themeIds.get(key);
    if (known != null) return known;
    const id = key.startsWith('id:') ? findThemeIdBySourceId(this.db, key.slice(3)) : null;
    if (id != null) this.themeIds.set(key, id);
    return id;
  }

  private skip(record: StagedRecord, column: string | undefined, reason: string, detail?: string): void {
    this.counts.skipped.push({ line: record.line, column: column ?? null, reason, detail });
  }

  write(record: StagedRecord): void {
    if (record.thesis && record.thesisKey) {
      const { id, outcome } = upsertThesis(this.db, record.thesis, this.importId);
      if (outcome === 'conflict') {
        this.skip(record, this.columns.header.sourceId, 'source_id_conflict', record.thesis.sourceId ?? undefined);
        return;
      }
      this.counts.theses[outcome] += 1;
      this.thesisIds.set(record.thesisKey, id);
    }
    if (record.theme && record.themeKey) {
      const { id, outcome } = upsertTheme(this.db, record.theme, this.importId);
      this.counts.themes[outcome === 'conflict' ? 'unchanged' : outcome] += 1;
      this.themeIds.set(record.themeKey, id);
    }
    if (record.thesisKey == null || record.themeKey == null) return;

    const thesisId = this.thesisId(record);
    if (thesisId == null) {
      this.skip(record, this.columns.header.sourceId, 'unknown_thesis', record.thesisKey.replace(/^id:/, ''));
      return;
    }
    const themeId = this.themeId(record);
    if (themeId == null) {
      this.skip(record, this.columns.header.themeId, 'unknown_theme', record.themeKey.replace(/^id:/, ''));
      return;
    }
    const pair = ensurePair(this.db, thesisId, themeId);
    if (pair.created) this.counts.pairs.created += 1;
    else this.counts.pairs.existing += 1;
    if (record.level != null) {
      this.counts.labels[applyImportedLabel(this.db, pair.id, record.level, record.note, this.importId)] += 1;
    }
  }
}

/**
 * Page cache for the import's transaction, in KiB (SQLite's negative cache_size). The default 2 MB
 * makes a 100,000-thesis transaction spill and re-read index pages; 64 MiB keeps memory bounded.
 */
const IMPORT_CACHE_KIB = 64 * 1024;

/** Writes the stage in one transaction. Any exception rolls everything back, the imports row included. */
export function writeStage(db: Db, stage: Stage, input: WriteInput): WriteCounts {
  stage.flush();
  const previousCache = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = -${IMPORT_CACHE_KIB}`);
  try {
    return writeInTransaction(db, stage, input);
  } finally {
    db.pragma(`cache_size = ${previousCache}`);
  }
}

// Counts before pairing, so an import over the limit writes no pair at all and keeps its rows.
function pairImport(db: Db, importId: number, maxNewPairs: number): ImportPairing {
  const count = countNewPairs(db, { importId });
  if (count.total > maxNewPairs) {
    const skipped = { wouldCreate: count.total, limit: maxNewPairs, nationalThemes: count.nationalThemes, nationalThemePairs: count.nationalThemePairs };
    return { created: 0, byState: [], skipped };
  }
  return { ...pairByState(db, { importId }), skipped: null };
}

function writeInTransaction(db: Db, stage: Stage, input: WriteInput): WriteCounts {
  const transaction = db.transaction((): WriteCounts => {
    const importId = insertImport(db, input.start);
    const writer = new Writer(db, importId, input.columns);
    for (const record of stage.records()) writer.write(record);
    const skipped = [...input.readSkips, ...writer.counts.skipped].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    finishImport(db, importId, {
      rowsRead: input.rowsRead,
      rowsImported: input.rowsRead - skipped.length,
      rowsSkipped: skipped.length,
      skipped,
    });
    const pairing = input.pair ? pairImport(db, importId, input.maxNewPairs) : null;
    return { ...writer.counts, importId, pairing };
  });
  return transaction.immediate();
}
