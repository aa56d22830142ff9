// The corpus services the command line and the desktop app call: import a file of any supported
// kind, pair theses with themes, and count what the corpus holds.

import { AppError, CancelledError, isAppError } from '../../shared/errors';
import { newJobId, ProgressReporter, type ProgressListener } from '../../shared/progress';
import { nowIso, type Db } from '../db/connection';
import type { RowIssue } from '../db/imports';
import { countImports } from '../db/imports';
import {
  countPairsByLabelSource,
  countPairsByLevel,
  countPairsByState,
  countPairsByTheme,
  checkMaxNewPairs,
  DEFAULT_MAX_NEW_PAIRS,
  pairByState,
  type LevelCounts,
  type PairingResult,
  type StatePairCount,
  type ThemePairCount,
} from '../db/pairs';
import { countTheses, countThesesByState } from '../db/theses';
import { countThemes, countThemesByState } from '../db/themes';
import { createLogger } from '../log';
import { openCsvSource } from './import/csvSource';
import { FileDeduper } from './import/dedupe';
import { adaptColumnsToKind, detectLayout, mapColumns, type ColumnMap } from './import/fields';
import { detectKind, isImportKind, IMPORT_KINDS, type ImportKind } from './import/kinds';
import { openParquetSource } from './import/parquetSource';
import { probeFile, type FileFormat, type FileProbe } from './import/probe';
import { checkRequiredColumns, RowReader } from './import/records';
import type { TabularSource } from './import/sources';
import { Stage } from './import/stage';
import { writeStage, type ImportPairing, type OutcomeCounts } from './import/write';
import { openXlsxSource } from './import/xlsxSource';

export { IMPORT_KINDS, type ImportKind } from './import/kinds';
export type { ImportPairing, SkippedPairing } from './import/write';

const log = createLogger('corpus');

export interface ImportOptions {
  /** Forces the kind instead of detecting it from the columns. */
  kind?: ImportKind;
  /**
   * Pair the new theses and themes by state after the import. By default only files that bring
   * theses or themes without pairs do: a challenge, labels or spreadsheet file with theme columns
   * lists its pairs itself, and pairing it with every national theme would multiply them.
   */
  pair?: boolean;
  /**
   * Pairs the import's pairing may create (DEFAULT_MAX_NEW_PAIRS by default). Over it the import
   * still writes its rows but creates no pair by state, and `pairing.skipped` gives the count it
   * would have created.
   */
  maxNewPairs?: number;
  onProgress?: ProgressListener;
  signal?: AbortSignal;
}

export interface ImportResult {
  importId: number;
  file: string;
  kind: ImportKind;
  format: FileFormat;
  /** Text encoding of a CSV file; null for XLSX and parquet. */
  encoding: string | null;
  sha256: string;
  rowsRead: number;
  /** Rows read minus rows skipped. */
  imported: number;
  skipped: number;
  /** Every skipped row, in line order. */
  errors: RowIssue[];
  theses: OutcomeCounts;
  themes: OutcomeCounts;
  pairs: { created: number; existing: number };
  labels: { added: number; unchanged: number; kept: number };
  pairing: ImportPairing | null;
  /** Columns of the file that no field uses; they were ignored. */
  ignoredColumns: string[];
  durationMs: number;
}

async function openSource(probe: FileProbe, signal?: AbortSignal): Promise<TabularSource> {
  if (probe.format === 'xlsx') return openXlsxSource(probe, signal);
  if (probe.format === 'parquet') return openParquetSource(probe);
  return openCsvSource(probe, signal);
}

function encodingName(probe: FileProbe): string | null {
  if (probe.format !== 'csv') return null;
  if (probe.hasBom) return 'utf-8-bom';
  return probe.encoding === 'utf-8' ? 'utf-8' : 'iso-8859-1';
}

function checkOptions(file: unknown, options: ImportOptions): void {
  if (typeof file !== 'string' || file === '') throw new TypeError('importFile: file must be a non-empty string');
  if (options.kind != null && !isImportKind(options.kind)) {
    throw new AppError('import_invalid_kind', `Unknown import kind ${String(options.kind)}`, {
      kind: String(options.kind),
      kinds: IMPORT_KINDS.join(', '),
    });
  }
  checkMaxNewPairs(options.maxNewPairs, 'importFile');
}

/**
 * Imports one file (CSV, XLSX or parquet) into the corpus. The file is read and checked in full
 * first, then written in one transaction: on any error the database is exactly as it was.
 * Re-importing the same file changes nothing but adds an imports row.
 */
export async function importFile(db: Db, file: string, options: ImportOptions = {}): Promise<ImportResult> {
  checkOptions(file, options);
  const started = Date.now();
  const startedAt = nowIso();
  const jobId = newJobId('import');
  let reporter: ProgressReporter | null = null;
  let source: TabularSource | null = null;
  const stage = new Stage();
  log.info(`import of ${file} started (kind ${options.kind ?? 'auto'})`);
  try {
    const probe = await probeFile(file, options.signal);
    source = await openSource(probe, options.signal);
    reporter = new ProgressReporter(jobId, 'import', source.unit, source.total, options.onProgress);

    const layout = detectLayout(source.headers);
    const mapped = mapColumns(source.headers, layout);
    const kind = options.kind ?? detectKind(probe.fileName, probe.format, source.headers, mapped);
    const columns = adaptColumnsToKind(mapped, kind);
    checkRequiredColumns(kind, probe.fileName, source.headers, columns);
    const reader = new RowReader(kind, probe.fileName, columns);
    const deduper = new FileDeduper(kind, probe.fileName, columns);
    const readSkips: RowIssue[] = [];
    let rowsRead = 0;

    for await (const row of source.rows) {
      if (options.signal?.aborted) throw new CancelledError('import');
      rowsRead += 1;
      const read = reader.read(row, source.headers);
      const outcome = 'record' in read ? deduper.check(read.record) : read;
      if ('skip' in outcome) readSkips.push(outcome.skip);
      else stage.add(outcome.record);
      if ((rowsRead & 255) === 0) reporter.update(source.position(), { phase: 'read' });
    }
    if (options.signal?.aborted) throw new CancelledError('import');
    rowsRead += source.issues.length;
    readSkips.push(...source.issues);
    // The reporter emits a new phase at once, so a caller on another thread shows the write phase while it runs.
    reporter.update(source.total, { phase: 'write' });

    // NOTE: the write is one synchronous transaction, so it blocks this thread's event loop: about
    // 70 s of CPU (an estimate from a profile) for a 500 MB CAPES file on the benchmark machine.
    // The desktop app therefore calls importFileInWorker (./jobs), which runs this function in a
    // worker thread. The command line still runs it in process.
    const written = writeStage(db, stage, {
      start: { fileName: probe.fileName, fileSize: probe.size, sha256: probe.sha256, kind, startedAt },
      rowsRead,
      readSkips,
      columns,
      pair: options.pair ?? pairsByDefault(kind, columns),
      maxNewPairs: options.maxNewPairs ?? DEFAULT_MAX_NEW_PAIRS,
    });
    if (written.pairing?.skipped) {
      const { wouldCreate, limit, nationalThemes } = written.pairing.skipped;
      log.warn(`import ${written.importId}: pairing skipped, it would create ${wouldCreate} pairs (limit ${limit}, ${nationalThemes} national themes)`);
    }
    const errors = [...readSkips, ...written.skipped].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    reporter.end('done');
    const result: ImportResult = {
      importId: written.importId,
      file: probe.path,
      kind,
      format: probe.format,
      encoding: encodingName(probe),
      sha256: probe.sha256,
      rowsRead,
      imported: rowsRead - errors.length,
      skipped: errors.length,
      errors,
      theses: written.theses,
      themes: written.themes,
      pairs: written.pairs,
      labels: written.labels,
      pairing: written.pairing,
      ignoredColumns: columns.unmapped,
      durationMs: Date.now() - started,
    };
    log.info(
      `import ${result.importId} of ${probe.fileName} (${kind}): ${rowsRead} rows read, ${result.imported} imported, ${result.skipped} skipped in ${result.durationMs} ms`,
    );
    return result;
  } catch (caught) {
    let error = options.signal?.aborted && !(caught instanceof CancelledError) ? new CancelledError('import') : caught;
    if (isDatabaseBusy(error)) {
      error = new AppError('import_database_busy', `${db.name} is locked by another writer`, { file: db.name }, { cause: error });
    }
    reporter ??= new ProgressReporter(jobId, 'import', 'bytes', null, options.onProgress);
    const cancelled = error instanceof CancelledError;
    reporter.end(cancelled ? 'cancelled' : 'failed', isAppError(error) ? { code: error.code, message: error.message } : undefined);
    log.warn(`import of ${file} failed: ${(error as Error).message}`);
    throw error;
  } finally {
    source?.close();
    stage.dispose();
  }
}

/** Whether SQLite gave up waiting for another connection's write lock (busy_timeout ran out). */
function isDatabaseBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** Returns whether an import of this kind pairs by state when the caller leaves `pair` unset. */
export function pairsByDefault(kind: ImportKind, columns: ColumnMap): boolean {
  if (kind === 'challenge' || kind === 'labels') return false;
  // A CAPES catalogue with theme columns added by an agency lists its pairs just as a spreadsheet does.
  if (kind === 'spreadsheet' || kind === 'capes') return columns.index.themeId == null && columns.index.themeName == null;
  return true;
}

export interface PairCorpusOptions {
  /**
   * Pairs the run may create (DEFAULT_MAX_NEW_PAIRS by default). Over it the run creates none and
   * throws AppError('pairing_too_many').
   */
  maxNewPairs?: number;
  onProgress?: ProgressListener;
}

/** Pairs every thesis with the themes of its state and the national themes. Running it again creates nothing new. */
export function pairCorpus(db: Db, options: PairCorpusOptions = {}): PairingResult {
  const reporter = new ProgressReporter(newJobId('pairing'), 'pairing', 'states', null, options.onProgress);
  try {
    const maxNewPairs = options.maxNewPairs ?? DEFAULT_MAX_NEW_PAIRS;
    const result = db.transaction(() => pairByState(db, { maxNewPairs }))();
    reporter.end('done');
    log.info(`pairing created ${result.created} pairs`);
    return result;
  } catch (error) {
    reporter.end('failed', isAppError(error) ? { code: error.code, message: error.message } : undefined);
    log.warn(`pairing failed: ${(error as Error).message}`);
    throw error;
  }
}

export interface CorpusStatus {
  theses: number;
  themes: number;
  pairs: number;
  imports: number;
  byLevel: LevelCounts;
  /** Labelled pairs per source of their current level. */
  bySource: Record<string, number>;
  byState: Array<StatePairCount & { theses: number; themes: number }>;
  byTheme: ThemePairCount[];
}

/** Counts theses, themes and pairs per state, theme, level and label source. */
export function corpusStatus(db: Db): CorpusStatus {
  const levels = countPairsByLevel(db);
  const pairsByState = new Map(countPairsByState(db).map((row) => [row.uf, row]));
  const thesesByState = new Map(countThesesByState(db).map((row) => [row.uf, row.theses]));
  const themesByState = new Map(countThemesByState(db).map((row) => [row.uf, row.themes]));
  const states = [...new Set([...thesesByState.keys(), ...themesByState.keys(), ...pairsByState.keys()])].sort((a, b) =>
    (a ?? '').localeCompare(b ?? ''),
  );
  const byState = states.map((uf) => {
    const pairs = pairsByState.get(uf);
    return {
      uf,
      theses: thesesByState.get(uf) ?? 0,
      themes: themesByState.get(uf) ?? 0,
      pairs: pairs?.pairs ?? 0,
      BAIXA: pairs?.BAIXA ?? 0,
      MEDIA: pairs?.MEDIA ?? 0,
      ALTA: pairs?.ALTA ?? 0,
      unlabelled: pairs?.unlabelled ?? 0,
    };
  });
  return {
    theses: countTheses(db),
    themes: countThemes(db),
    pairs: levels.pairs,
    imports: countImports(db),
    byLevel: { BAIXA: levels.BAIXA, MEDIA: levels.MEDIA, ALTA: levels.ALTA, unlabelled: levels.unlabelled },
    bySource: countPairsByLabelSource(db),
    byState,
    byTheme: countPairsByTheme(db),
  };
}
