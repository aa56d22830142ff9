// Streaming XLSX reader on exceljs's WorkbookReader: rows arrive one at a time, so a sheet of a
// hundred thousand theses never sits in memory as a whole workbook. The zip is read through yauzl's
// central directory, workbook parts first, so the order of entries inside the file does not matter.

import { PassThrough, Transform, type Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

import ExcelJS from 'exceljs';
import yauzl from 'yauzl';

import { AppError, CancelledError } from '../../../shared/errors';
import { headerKey, mapColumns } from './fields';
import type { FileProbe } from './probe';
import type { SourceRow, TabularSource } from './sources';

/** Decodes chunks as one UTF-8 stream, so a character split across two chunks stays whole. */
async function* decodeUtf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

interface ReaderInternals {
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
  workbookRels?: { Id: string; Target: string }[];
  model?: { sheets?: { rId: string }[] };
}

const baseReader = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as ReaderInternals;

const WORKSHEET_PATH = /^xl\/worksheets\/sheet(\d+)\.xml$/;

/**
 * Two fixes over exceljs 4.4.0's streaming reader, both through its private parse methods:
 * - It decodes every inflated zip chunk on its own, so an accented letter that straddles two 16 KiB
 *   chunks turns into two U+FFFD characters. Shared strings and worksheets go to exceljs already
 *   decoded, as strings, which exceljs passes through unchanged.
 * - It walks the zip from front to back with unzipper and parks worksheets that come before
 *   xl/workbook.xml in temporary files. Now and then it ended without parsing xl/workbook.xml and
 *   failed reading `model.sheets` (seen about once in 30 reads of a freshly written file under
 *   load). `parse` here reads the workbook parts first through the central directory, then streams
 *   each worksheet in workbook order.
 * NOTE: it relies on five private methods of exceljs; the check below fails loudly if a new exceljs
 * version renames them.
 */
class ZipOrderedWorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {
  constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>,
    private readonly progress: ZipProgress,
    options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>,
  ) {
    super(new PassThrough(), options);
  }

  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown> {
    const decoded = entry.pipe(new PassThrough());
    decoded.setEncoding('utf8');
    return baseReader._parseSharedStrings.call(this, decoded);
  }

  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown> {
    return baseReader._parseWorksheet.call(this, decodeUtf8(iterator), sheetNo);
  }

  override async *parse(): AsyncGenerator<unknown> {
    const self = this as unknown as ReaderInternals;
    const rels = this.entries.get('xl/_rels/workbook.xml.rels');
    if (rels) await self._parseRels(await this.open(rels));
    const workbook = this.entries.get('xl/workbook.xml');
    if (workbook) await self._parseWorkbook(await this.open(workbook));
    const styles = this.entries.get('xl/styles.xml');
    if (styles) await self._parseStyles(await this.open(styles));
    const sharedStrings = this.entries.get('xl/sharedStrings.xml');
    if (sharedStrings) {
      // With sharedStrings: 'cache' the generator fills this.sharedStrings and yields nothing.
      for await (const _ of this._parseSharedStrings(await this.open(sharedStrings)));
    }
    for (const [sheetNo, entry] of this.worksheetsInOrder(self)) {
      yield* this._parseWorksheet(await this.open(entry), sheetNo);
    }
  }

  /** Worksheets in the workbook's sheet order, then any the workbook does not list, by number. */
  private worksheetsInOrder(self: ReaderInternals): [string, yauzl.Entry][] {
    const byNumber = new Map<string, yauzl.Entry>();
    for (const [name, entry] of this.entries) {
      const match = WORKSHEET_PATH.exec(name);
      if (match) byNumber.set(match[1], entry);
    }
    const ordered: string[] = [];
    for (const sheet of self.model?.sheets ?? []) {
      const target = self.workbookRels?.find((rel) => rel.Id === sheet.rId)?.Target ?? '';
      const match = /worksheets\/sheet(\d+)\.xml$/.exec(target);
      if (match && byNumber.has(match[1]) && !ordered.includes(match[1])) ordered.push(match[1]);
    }
    const rest = [...byNumber.keys()].filter((n) => !ordered.includes(n)).sort((a, b) => Number(a) - Number(b));
    return [...ordered, ...rest].map((n) => [n, byNumber.get(n)!]);
  }

  private open(entry: yauzl.Entry): Promise<Readable> {
    return new Promise((resolve, reject) => {
      this.zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) reject(error ?? new Error(`cannot open ${entry.fileName}`));
        else resolve(stream.pipe(this.progress.counter(entry)));
      });
    });
  }
}

for (const method of ['_parseRels', '_parseWorkbook', '_parseStyles', '_parseSharedStrings', '_parseWorksheet'] as const) {
  if (typeof baseReader[method] !== 'function') {
    throw new Error(`exceljs WorkbookReader no longer has ${method}; review ZipOrderedWorkbookReader`);
  }
}

/** Counts progress in compressed bytes, scaling each entry's inflated bytes by its compression ratio. */
class ZipProgress {
  bytes = 0;

  constructor(private readonly signal: AbortSignal | undefined) {}

  counter(entry: yauzl.Entry): Transform {
    const ratio = entry.uncompressedSize > 0 ? entry.compressedSize / entry.uncompressedSize : 0;
    const signal = this.signal;
    return new Transform({
      transform: (chunk: Buffer, _encoding, callback) => {
        if (signal?.aborted) {
          callback(new CancelledError('import'));
          return;
        }
        this.bytes += chunk.length * ratio;
        callback(null, chunk);
      },
    });
  }
}

/** Opens the zip and reads its central directory; a truncated XLSX has none and is reported here. */
async function openZip(probe: FileProbe): Promise<{ zip: yauzl.ZipFile; entries: Map<string, yauzl.Entry> }> {
  const fail = (error: Error | null): AppError =>
    new AppError('import_truncated_file', `${probe.fileName} is not a readable XLSX file: ${error?.message ?? 'no zip'}`, {
      file: probe.fileName,
      format: 'xlsx',
      reason: error?.message ?? '',
    });
  return new Promise((resolve, reject) => {
    yauzl.open(probe.path, { lazyEntries: true, autoClose: false }, (error, zip) => {
      if (error || !zip) {
        reject(fail(error));
        return;
      }
      const entries = new Map<string, yauzl.Entry>();
      zip.on('entry', (entry: yauzl.Entry) => {
        entries.set(entry.fileName, entry);
        zip.readEntry();
      });
      zip.once('end', () => resolve({ zip, entries }));
      zip.once('error', (zipError: Error) => {
        zip.close();
        reject(fail(zipError));
      });
      zip.readEntry();
    });
  });
}

function cellsOf(row: ExcelJS.Row, width: number): unknown[] {
  const values = row.values as unknown[];
  const cells: unknown[] = new Array(width);
  for (let i = 0; i < width; i += 1) cells[i] = values[i + 1] ?? null;
  return cells;
}

function truncated(probe: FileProbe, error: unknown): AppError {
  if (error instanceof AppError) return error;
  const reason = (error as Error).message;
  return new AppError('import_truncated_file', `${probe.fileName} could not be read as XLSX: ${reason}`, {
    file: probe.fileName,
    format: 'xlsx',
    reason,
  });
}

/**
 * Opens the first worksheet whose first row has known column headers (an export's "Leia-me" or
 * counts sheet is passed over). Progress counts compressed bytes read from the file.
 */
export async function openXlsxSource(probe: FileProbe, signal?: AbortSignal): Promise<TabularSource> {
  const { zip, entries } = await openZip(probe);
  const progress = new ZipProgress(signal);
  const input = { destroy: () => zip.close() };
  const reader = new ZipOrderedWorkbookReader(zip, entries, progress, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'emit',
  });

  const sheets = reader[Symbol.asyncIterator]();
  let headers: string[] | null = null;
  let rowIterator: AsyncIterator<ExcelJS.Row> | null = null;
  try {
    for (;;) {
      const sheet = await sheets.next();
      if (sheet.done) break;
      const rows = (sheet.value as AsyncIterable<ExcelJS.Row>)[Symbol.asyncIterator]();
      const first = await rows.next();
      if (first.done) continue;
      const values = (first.value.values as unknown[]).slice(1).map((value) => (value == null ? '' : String(value).trim()));
      while (values.length && values[values.length - 1] === '') values.pop();
      const mapped = mapColumns(values);
      if (Object.keys(mapped.index).length === 0 && values.some((v) => headerKey(v) !== '')) {
        // Drain the sheet so the reader moves to the next one.
        for (let next = await rows.next(); !next.done; next = await rows.next());
        continue;
      }
      headers = values;
      rowIterator = rows;
      break;
    }
  } catch (error) {
    input.destroy();
    throw truncated(probe, error);
  }
  if (!headers || !rowIterator) {
    input.destroy();
    throw new AppError('import_empty_file', `${probe.fileName} has no worksheet with a header row`, { file: probe.fileName });
  }
  const width = headers.length;
  const iterator = rowIterator;

  async function* rows(): AsyncGenerator<SourceRow> {
    try {
      for (;;) {
        let next: IteratorResult<ExcelJS.Row>;
        try {
          next = await iterator.next();
        } catch (error) {
          throw truncated(probe, error);
        }
        if (next.done) break;
        const cells = cellsOf(next.value, width);
        if (cells.every((cell) => cell == null || cell === '')) continue;
        yield { line: next.value.number, cells };
      }
    } finally {
      input.destroy();
    }
  }

  return {
    headers,
    unit: 'bytes',
    total: probe.size,
    position: () => Math.round(progress.bytes),
    rows: rows(),
    issues: [],
    close: () => input.destroy(),
  };
}
