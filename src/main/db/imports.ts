// Imports repository: one row per import run with the file's identity (name, size, sha256), its
// kind, the row counts and every skipped row with its reason.

import { nowIso, type Db } from './connection';

/** A row that an import skipped, or the place of a fatal error: line, column and a reason code. */
export interface RowIssue {
  /** 1-based line of the file (the first line of the record for multi-line CSV records). */
  line: number | null;
  /** Column name as the file spells it, when one column is at fault. */
  column: string | null;
  /** Stable reason code, translated by the message catalogue under `import.reason.<code>`. */
  reason: string;
  /** Short English detail for logs and reports (the offending value, the parser message). */
  detail?: string;
}

export interface ImportStart {
  fileName: string;
  fileSize: number;
  sha256: string;
  kind: string;
  startedAt: string;
}

export interface ImportCounts {
  rowsRead: number;
  rowsImported: number;
  rowsSkipped: number;
  skipped: RowIssue[];
}

export interface ImportRow extends ImportStart, ImportCounts {
  id: number;
  finishedAt: string | null;
}

/** Inserts the import row; call inside the import's transaction so a failed import leaves no trace. */
export function insertImport(db: Db, start: ImportStart): number {
  const result = db
    .prepare('INSERT INTO imports (file_name, file_size, sha256, kind, started_at) VALUES (?, ?, ?, ?, ?)')
    .run(start.fileName, start.fileSize, start.sha256, start.kind, start.startedAt);
  return Number(result.lastInsertRowid);
}

/** Records the counts and the end time of an import. */
export function finishImport(db: Db, id: number, counts: ImportCounts, finishedAt: string = nowIso()): void {
  db.prepare(
    'UPDATE imports SET rows_read = ?, rows_imported = ?, rows_skipped = ?, skipped = ?, finished_at = ? WHERE id = ?',
  ).run(counts.rowsRead, counts.rowsImported, counts.rowsSkipped, JSON.stringify(counts.skipped), finishedAt, id);
}

interface ImportDbRow {
  id: number;
  file_name: string;
  file_size: number;
  sha256: string;
  kind: string;
  rows_read: number;
  rows_imported: number;
  rows_skipped: number;
  skipped: string;
  started_at: string;
  finished_at: string | null;
}

function toImportRow(row: ImportDbRow): ImportRow {
  return {
    id: row.id,
    fileName: row.file_name,
    fileSize: row.file_size,
    sha256: row.sha256,
    kind: row.kind,
    rowsRead: row.rows_read,
    rowsImported: row.rows_imported,
    rowsSkipped: row.rows_skipped,
    skipped: JSON.parse(row.skipped) as RowIssue[],
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

/** Returns every import, newest first. */
export function listImports(db: Db): ImportRow[] {
  return (db.prepare('SELECT * FROM imports ORDER BY id DESC').all() as ImportDbRow[]).map(toImportRow);
}

export function getImport(db: Db, id: number): ImportRow | null {
  const row = db.prepare('SELECT * FROM imports WHERE id = ?').get(id) as ImportDbRow | undefined;
  return row ? toImportRow(row) : null;
}

export function countImports(db: Db): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM imports').get() as { n: number }).n;
}
