// Shared shape of the three readers (CSV, XLSX, parquet): a header row, then data rows with their
// line numbers, read lazily so memory stays bounded whatever the file size.

import type { RowIssue } from '../../db/imports';

export interface SourceRow {
  /** 1-based line (CSV: the record's first physical line; XLSX: the sheet row; parquet: the row number plus one for the header). */
  line: number;
  cells: unknown[];
}

export interface TabularSource {
  headers: string[];
  /** Unit and total of the progress this reader can report. */
  unit: 'bytes' | 'rows';
  total: number;
  /** Progress done so far, in `unit`. */
  position(): number;
  /** Data rows, after the header. Rows the reader itself cannot parse go to `issues` instead. */
  rows: AsyncIterable<SourceRow>;
  /** Unparseable rows (broken quotes, wrong field count), filled while `rows` is consumed. */
  issues: RowIssue[];
  close(): void;
}

/** Longest text accepted in one cell. Excel caps cells at 32,767 characters; a longer value is a runaway quote or a broken file. */
export const MAX_FIELD_CHARS = 1_000_000;
