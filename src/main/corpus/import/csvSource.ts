// Streaming CSV reader: decodes UTF-8 or ISO-8859-1, guesses the separator from the header line,
// and skips records broken by a stray quote (reporting their lines) instead of stopping.

import fs from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';

import { parse, type CsvError } from 'csv-parse';
import iconv from 'iconv-lite';

import { AppError } from '../../../shared/errors';
import type { RowIssue } from '../../db/imports';
import type { FileProbe } from './probe';
import type { SourceRow, TabularSource } from './sources';

/** A record may hold a few long abstracts, but a runaway quote must not read the whole file into memory. */
const MAX_RECORD_CHARS = 32 * 1024 * 1024;

const SEPARATORS = [';', ',', '\t', '|'] as const;

/** Picks the separator that occurs most often, outside quotes, on the header line. */
export function detectSeparator(firstLine: string): string {
  let best: string = ',';
  let bestCount = 0;
  for (const separator of SEPARATORS) {
    let count = 0;
    let quoted = false;
    for (const char of firstLine) {
      if (char === '"') quoted = !quoted;
      else if (char === separator && !quoted) count += 1;
    }
    if (count > bestCount) {
      best = separator;
      bestCount = count;
    }
  }
  return best;
}

/** Turns CRLF (and lone CR) line ends into LF, so the parser's line count matches what editors show. */
class LineEndNormaliser extends Transform {
  private pendingCr = false;

  constructor() {
    super({ decodeStrings: false, encoding: 'utf8' });
  }

  override _transform(chunk: string, _encoding: BufferEncoding, callback: TransformCallback): void {
    let text = (this.pendingCr ? '\r' : '') + chunk;
    this.pendingCr = text.endsWith('\r');
    if (this.pendingCr) text = text.slice(0, -1);
    callback(null, text.replace(/\r\n?/g, '\n'));
  }

  override _flush(callback: TransformCallback): void {
    callback(null, this.pendingCr ? '\n' : '');
  }
}

const QUOTE_ERRORS = new Set(['CSV_INVALID_CLOSING_QUOTE', 'CSV_QUOTE_NOT_CLOSED', 'CSV_INVALID_OPENING_QUOTE']);

/** Maps a csv-parse error code to the skip reason the message catalogue translates. */
function skipReason(code: string): string {
  if (QUOTE_ERRORS.has(code)) return 'broken_quote';
  if (code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH') return 'column_count';
  return 'unparseable';
}

function countNewlines(cells: string[]): number {
  let count = 0;
  for (const cell of cells) for (let i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) count += 1;
  return count;
}

/** Opens a CSV file for streaming. The probe decides the encoding; the header decides the separator. */
export async function openCsvSource(probe: FileProbe, signal?: AbortSignal): Promise<TabularSource> {
  const headText = iconv.decode(probe.head, probe.encoding).replace(/^\uFEFF/, '');
  const firstLine = headText.split(/\r?\n|\r/, 1)[0] ?? '';
  const delimiter = detectSeparator(firstLine);

  let bytesRead = 0;
  const input = fs.createReadStream(probe.path, { highWaterMark: 256 * 1024, signal });
  input.on('data', (chunk) => {
    bytesRead += chunk.length;
  });
  const parser = parse({
    delimiter,
    bom: true,
    info: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  const issues: RowIssue[] = [];
  let headers: string[] | null = null;
  let fatal: AppError | null = null;

  // Skips can fire before the header reaches the iterator (the parser reads ahead), so the column
  // index is kept and turned into a name once the header is known.
  const skipColumns: Array<number | null> = [];
  parser.on('skip', (error: CsvError & { index?: number; lines?: number }) => {
    if (error.code === 'CSV_MAX_RECORD_SIZE') {
      fatal = new AppError('import_record_too_large', `${probe.fileName}: record at line ${error.lines} exceeds ${MAX_RECORD_CHARS} characters`, {
        file: probe.fileName,
        line: error.lines ?? null,
        limit: MAX_RECORD_CHARS,
      });
      parser.destroy(fatal);
      input.destroy();
      return;
    }
    const line = error.lines ?? null;
    // After a broken quote the parser resumes mid-record; the leftover of the same line is not another row.
    if (line != null && issues.length > 0 && issues[issues.length - 1].line === line) return;
    const reason = skipReason(error.code);
    issues.push({ line, column: null, reason, detail: error.message });
    skipColumns.push(reason === 'broken_quote' && error.index != null ? error.index : null);
  });
  const nameSkipColumns = (): void => {
    issues.forEach((issue, i) => {
      const index = skipColumns[i];
      if (issue.column == null && index != null && headers) issue.column = headers[index] ?? null;
    });
  };

  const decoded = input.pipe(iconv.decodeStream(probe.encoding, { stripBOM: true })).pipe(new LineEndNormaliser());
  decoded.on('error', (error) => parser.destroy(error));
  input.on('error', (error) => parser.destroy(error));
  decoded.pipe(parser);

  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: { lines: number } }>;
  const first = await iterator.next();
  if (fatal) throw fatal;
  if (first.done) {
    throw new AppError('import_empty_file', `${probe.fileName} has no header line`, { file: probe.fileName });
  }
  headers = first.value.record.map((header) => header.trim());

  async function* rows(): AsyncGenerator<SourceRow> {
    try {
      for (;;) {
        const next = await iterator.next();
        if (fatal) throw fatal;
        if (next.done) break;
        const { record, info } = next.value;
        yield { line: info.lines - countNewlines(record), cells: record };
      }
      if (fatal) throw fatal;
      nameSkipColumns();
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
    issues,
    close: () => input.destroy(),
  };
}
