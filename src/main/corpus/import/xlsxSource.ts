// Streaming XLSX reader on exceljs's WorkbookReader: rows arrive one at a time, so a sheet of a
// hundred thousand theses never sits in memory as a whole workbook.

import fs from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

import ExcelJS from 'exceljs';
import yauzl from 'yauzl';

import { AppError } from '../../../shared/errors';
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
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
}

const baseReader = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as ReaderInternals;

/**
 * exceljs 4.4.0's streaming reader decodes every inflated zip chunk on its own, so an accented
 * letter that straddles two 16 KiB chunks turns into two U+FFFD characters. This reader hands the
 * shared strings and the worksheets to exceljs already decoded, as strings, which exceljs passes
 * through unchanged.
 * NOTE: it overrides two private methods of exceljs; the type check below fails loudly if a new
 * exceljs version renames them.
 */
class Utf8SafeWorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown> {
    const decoded = entry.pipe(new PassThrough());
    decoded.setEncoding('utf8');
    return baseReader._parseSharedStrings.call(this, decoded);
  }

  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown> {
    return baseReader._parseWorksheet.call(this, decodeUtf8(iterator), sheetNo);
  }
}

if (typeof baseReader._parseSharedStrings !== 'function' || typeof baseReader._parseWorksheet !== 'function') {
  throw new Error('exceljs WorkbookReader no longer has _parseSharedStrings/_parseWorksheet; review Utf8SafeWorkbookReader');
}

/** Checks the zip's central directory up front: a truncated XLSX has none, and the streaming reader would fail late or hang. */
async function checkZip(probe: FileProbe): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    yauzl.open(probe.path, { lazyEntries: true, autoClose: true }, (error, zip) => {
      if (error || !zip) {
        reject(
          new AppError('import_truncated_file', `${probe.fileName} is not a readable XLSX file: ${error?.message ?? 'no zip'}`, {
            file: probe.fileName,
            format: 'xlsx',
            reason: error?.message ?? '',
          }),
        );
        return;
      }
      zip.close();
      resolve();
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
  await checkZip(probe);
  let bytesRead = 0;
  const input = fs.createReadStream(probe.path, { signal });
  input.on('data', (chunk) => {
    bytesRead += chunk.length;
  });
  const reader = new Utf8SafeWorkbookReader(input, {
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
    position: () => bytesRead,
    rows: rows(),
    issues: [],
    close: () => input.destroy(),
  };
}
