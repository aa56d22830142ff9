// Exports the pairs a filter selects to .xlsx or .csv: the one entry point the desktop app and the
// command line call. Rows are read in keyset chunks and streamed to a temporary file next to the
// target. The temporary file replaces the target only when complete, so a failed or cancelled
// export leaves no partial file and keeps an earlier export of the same name intact.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';

import { ZodError } from 'zod';

import { AppError, CancelledError, throwIfAborted } from '../../../shared/errors';
import { parsePairFilter, type PairFilter, type PairSort } from '../../../shared/filters';
import { DEFAULT_LOCALE, translator, type Locale, type Translate } from '../../../shared/i18n';
import { LEVEL_LABEL } from '../../../shared/levels';
import { newJobId, ProgressReporter, type ProgressListener } from '../../../shared/progress';
import type { Db } from '../../db/connection';
import { activeModel, countPairs, iteratePairs, themeLevelCounts } from '../../db/pairQuery';
import { createLogger } from '../../log';
import { selectColumns, type ExportColumnOptions } from './columns';
import { CSV_VARIANTS, CsvPairWriter, type CsvVariant } from './csv';
import { XlsxPairWriter, type TruncatedCell } from './xlsx';

const log = createLogger('export');

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;

/** Rows of one sheet in Excel and LibreOffice (1,048,576), less the header row. */
export const XLSX_MAX_PAIRS = 1_048_575;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportRequest {
  file: string;
  /** Taken from the file extension when left out. */
  format?: ExportFormat;
  /** CSV only; 'br' (Excel in a Brazilian locale) by default. */
  csvVariant?: CsvVariant;
  /** Parsed with pairFilterSchema, so untrusted input may be passed as is. */
  filter?: unknown;
  sort?: PairSort;
  /** Language of the Filtros and Leia-me sheets; pt-BR by default. Column headers never change. */
  locale?: Locale;
  /** Optional column groups; see DEFAULT_COLUMN_OPTIONS. */
  columns?: ExportColumnOptions;
  /** XLSX only: write the Contagens sheet of pairs per theme and level (default true). */
  summarySheet?: boolean;
}

export interface ExportOptions {
  onProgress?: ProgressListener;
  signal?: AbortSignal;
  jobId?: string;
  /** Pairs read per query. */
  chunkSize?: number;
}

export interface ExportResult {
  file: string;
  format: ExportFormat;
  csvVariant: CsvVariant | null;
  rows: number;
  /** Cells cut at Excel's 32,767-character limit (XLSX only; CSV keeps full text). */
  truncatedCells: number;
  /** The first truncated cells, as listed on the Leia-me sheet. */
  truncated: TruncatedCell[];
  /** Text cells given a leading apostrophe because they would read as formulas. */
  neutralisedCells: number;
  modelVersion: string | null;
  /** ISO 8601. */
  exportedAt: string;
  filter: PairFilter;
}

/** XLSX backlog, in bytes, above which the export waits for the file to catch up. */
const MAX_PENDING_BYTES = 8 * 1024 * 1024;

/** Resolves the output format from the request or the file extension. */
export function resolveFormat(file: string, format: string | undefined): ExportFormat {
  const candidate = (format ?? path.extname(file).slice(1)).toLowerCase();
  if ((EXPORT_FORMATS as readonly string[]).includes(candidate)) return candidate as ExportFormat;
  throw new AppError('export_unknown_format', `Unknown export format for ${file}: ${candidate || '(none)'}`, {
    file,
    format: candidate || '(none)',
  });
}

function parseFilter(input: unknown): PairFilter {
  try {
    return parsePairFilter(input);
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    const issue = error.issues[0];
    const field = issue?.path.join('.') || 'filter';
    throw new AppError('invalid_filter', `Invalid filter in ${field}: ${issue?.message}`, { field, reason: issue?.message }, { cause: error });
  }
}

function checkTarget(file: string): void {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(file);
  } catch {
    stat = undefined;
  }
  if (stat?.isDirectory()) throw new AppError('export_target_is_directory', `${file} is a directory`, { file });
}

function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

function writeFailed(file: string, error: unknown): AppError {
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new AppError('export_write_failed', `Could not write ${file}: ${(error as Error).message}`, { file, reason }, { cause: error });
}

/** Renders the filter as label/value lines for the Filtros sheet. */
export function describeFilter(db: Db, filter: PairFilter, t: Translate): [string, string][] {
  const lines: [string, string][] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (value == null || (Array.isArray(value) && value.length === 0) || value === '') continue;
    lines.push([t(`export.filter.${key}`, { defaultValue: key }), describeValue(db, key, value, t)]);
  }
  return lines;
}

function describeValue(db: Db, key: string, value: unknown, t: Translate): string {
  if (key === 'themeIds' && Array.isArray(value)) {
    const names = db.prepare('SELECT id, source_id AS sourceId, name FROM themes WHERE id IN (SELECT value FROM json_each(?))');
    const rows = names.all(JSON.stringify(value)) as { id: number; sourceId: string | null; name: string }[];
    return rows.map((row) => `${row.sourceId ?? `#${row.id}`} ${row.name}`).join('; ');
  }
  if ((key === 'levels' || key === 'predictedLevels') && Array.isArray(value)) {
    return value.map((level: string) => (level === 'none' ? t('export.sheet.unlabelled') : (LEVEL_LABEL as Record<string, string>)[level] ?? level)).join(', ');
  }
  if (key === 'sources' && Array.isArray(value)) {
    return value.map((source: string) => (source === 'none' ? t('export.sheet.unlabelled') : t(`source.${source}`))).join(', ');
  }
  if (typeof value === 'boolean') return t(value ? 'export.sheet.yes' : 'export.sheet.no');
  if (Array.isArray(value)) return value.join('; ');
  if (typeof value === 'object' && value !== null) {
    const range = value as Record<string, number | undefined>;
    const low = range.from ?? range.min;
    const high = range.to ?? range.max;
    return `${low ?? '…'} – ${high ?? '…'}`;
  }
  return String(value);
}

/**
 * Writes every pair the filter selects to `request.file` and returns what was written. Emits
 * 'export' progress in pairs, stops with CancelledError when `signal` fires, and raises AppError
 * for an invalid filter or an unwritable file. In every failure the target is left as it was.
 */
export async function exportPairs(db: Db, request: ExportRequest, options: ExportOptions = {}): Promise<ExportResult> {
  const file = path.resolve(request.file);
  const format = resolveFormat(file, request.format);
  const csvVariant = format === 'csv' ? (request.csvVariant ?? 'br') : null;
  if (csvVariant && !CSV_VARIANTS.includes(csvVariant)) {
    throw new AppError('invalid_input', `Unknown CSV variant ${String(csvVariant)}`, { field: 'csvVariant', reason: 'use br or intl' });
  }
  const filter = parseFilter(request.filter);
  const sort = request.sort ?? { key: 'pair', direction: 'asc' };
  checkTarget(file);

  const t = translator(request.locale ?? DEFAULT_LOCALE);
  const total = countPairs(db, filter);
  if (format === 'xlsx' && total > XLSX_MAX_PAIRS) {
    throw new AppError('export_too_many_rows', `${total} pairs do not fit in one XLSX sheet of ${XLSX_MAX_PAIRS} rows; filter them or export CSV`, {
      file,
      pairs: total,
      limit: XLSX_MAX_PAIRS,
    });
  }
  const model = activeModel(db);
  const exportedAt = new Date();
  const reporter = new ProgressReporter(options.jobId ?? newJobId('export'), 'export', 'pairs', total, options.onProgress);
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${crypto.randomBytes(4).toString('hex')}.partial`);
  log.info(`export started: ${total} pairs, ${format}${csvVariant ? `/${csvVariant}` : ''}`);

  let writer: XlsxPairWriter | CsvPairWriter | undefined;
  try {
    try {
      // Opening the file synchronously turns a missing folder or a denied permission into an
      // immediate error instead of a stream 'error' event after work has started.
      fs.closeSync(fs.openSync(temp, 'w'));
    } catch (error) {
      throw writeFailed(file, error);
    }
    const columns = selectColumns(request.columns);
    writer = format === 'xlsx' ? new XlsxPairWriter(temp, columns, t) : new CsvPairWriter(temp, columns, csvVariant ?? 'br');
    await writer.writeHeader();

    let done = 0;
    for (const rows of iteratePairs(db, filter, sort, options.chunkSize ?? 1000)) {
      throwIfAborted(options.signal, 'export');
      await writer.writeRows(rows);
      done += rows.length;
      reporter.update(done);
      if (writer instanceof XlsxPairWriter) await writer.waitForBacklog(MAX_PENDING_BYTES);
      // Lets the file stream drain and a cancel request arrive between chunks.
      await nextTurn();
    }
    throwIfAborted(options.signal, 'export');

    if (writer instanceof XlsxPairWriter) {
      await writer.finish({
        exportedAt,
        rows: done,
        modelVersion: model?.name ?? null,
        filterLines: describeFilter(db, filter, t),
        counts: request.summarySheet === false ? null : themeLevelCounts(db, filter),
      });
    } else {
      await writer.close();
    }
    throwIfAborted(options.signal, 'export');
    fs.renameSync(temp, file);

    const result: ExportResult = {
      file,
      format,
      csvVariant,
      rows: done,
      truncatedCells: writer instanceof XlsxPairWriter ? writer.truncatedCells : 0,
      truncated: writer instanceof XlsxPairWriter ? writer.truncated : [],
      neutralisedCells: writer.neutralisedCells,
      modelVersion: model?.name ?? null,
      exportedAt: exportedAt.toISOString(),
      filter,
    };
    reporter.end('done');
    log.info(`export finished: ${done} pairs, ${result.truncatedCells} truncated cells`);
    return result;
  } catch (error) {
    await writer?.destroy().catch(() => undefined);
    removePartialFile(temp);
    if (error instanceof CancelledError) {
      reporter.end('cancelled');
      log.info('export cancelled; partial file removed');
      throw error;
    }
    const failure = error instanceof AppError ? error : isFileSystemError(error) ? writeFailed(file, error) : (error as Error);
    const code = failure instanceof AppError ? failure.code : 'internal';
    reporter.end('failed', { code, message: failure.message });
    log.warn(`export failed (${code}): ${failure.message}`);
    throw failure;
  }
}

/**
 * Removes the hidden partial file. Under a missing folder or a path whose parent is a file the
 * removal fails too, and its error must not hide the write error that the caller reports.
 */
function removePartialFile(temp: string): void {
  try {
    fs.rmSync(temp, { force: true });
  } catch (error) {
    log.warn(`could not remove the partial export ${temp}: ${(error as Error).message}`);
  }
}
