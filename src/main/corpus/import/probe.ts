// First pass over a file. It computes the sha256 that the imports row keeps and tells the format
// from the magic bytes, so an XLSX renamed .csv still imports. For a text file it decides the
// encoding over the whole file, so a latin-1 byte on line 90,000 is not decoded as broken UTF-8.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isUtf8 } from 'node:buffer';

import { AppError } from '../../../shared/errors';

export type FileFormat = 'csv' | 'xlsx' | 'parquet';

/** utf-8 (with or without a byte-order mark) or windows-1252, the superset of ISO-8859-1 CAPES writes. */
export type TextEncoding = 'utf-8' | 'windows-1252';

export interface FileProbe {
  path: string;
  fileName: string;
  size: number;
  sha256: string;
  format: FileFormat;
  encoding: TextEncoding;
  hasBom: boolean;
  /** First bytes of the file, for separator and header sniffing. */
  head: Buffer;
}

const HEAD_BYTES = 64 * 1024;

/** Bytes that a UTF-8 text mistakenly saved again as latin-1 leaves behind ("Ã§" for "ç"). */
const DOUBLE_ENCODED = /\xC3[\x80-\xBF]/g;

function fileError(code: string, message: string, file: string, params: Record<string, string | number> = {}): AppError {
  return new AppError(code, message, { file, ...params });
}

function detectFormat(head: Buffer, file: string): FileFormat {
  if (head.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) return 'xlsx';
  if (head.subarray(0, 4).toString('latin1') === 'PAR1') return 'parquet';
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xlsx' || ext === '.parquet') {
    throw fileError('import_truncated_file', `${file} is not a valid ${ext} file (wrong signature)`, file, {
      format: ext.slice(1),
      reason: 'wrong file signature',
    });
  }
  return 'csv';
}

function checkText(head: Buffer, file: string): void {
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) {
    throw fileError('import_unsupported_encoding', `${file} is UTF-16; save it as UTF-8 or ISO-8859-1`, file, { encoding: 'UTF-16' });
  }
  const nul = head.indexOf(0);
  if (nul >= 0) {
    // UTF-16 without a byte-order mark has a zero in every other byte of Latin text.
    const zeros = head.subarray(0, 4096).filter((byte) => byte === 0).length;
    if (zeros > Math.min(head.length, 4096) / 3) {
      throw fileError('import_unsupported_encoding', `${file} looks like UTF-16; save it as UTF-8`, file, { encoding: 'UTF-16' });
    }
    throw fileError('import_binary_file', `${file} is a binary file, not a CSV (byte 0 at offset ${nul})`, file, { offset: nul });
  }
}

/** Line (1-based) of the first byte sequence that is not valid UTF-8 in `chunk`. */
function firstInvalidLine(chunk: Buffer, linesBefore: number): number {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(chunk);
  const at = text.indexOf('\uFFFD');
  const prefix = at >= 0 ? text.slice(0, at) : text;
  let lines = linesBefore + 1;
  for (let i = prefix.indexOf('\n'); i >= 0; i = prefix.indexOf('\n', i + 1)) lines += 1;
  return lines;
}

/** Reads the whole file once; rejects empty, binary and UTF-16 files and mixed encodings. */
export async function probeFile(file: string, signal?: AbortSignal): Promise<FileProbe> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file);
  } catch {
    throw fileError('file_not_found', `File not found: ${file}`, file);
  }
  if (!stat.isFile()) throw fileError('file_not_found', `Not a file: ${file}`, file);
  if (stat.size === 0) throw fileError('import_empty_file', `${file} is empty`, file);

  const hash = createHash('sha256');
  const headParts: Buffer[] = [];
  let headLength = 0;
  let format: FileFormat | null = null;
  let utf8 = true;
  let carry = Buffer.alloc(0);
  let lines = 0;
  let invalidLine: number | null = null;
  let doubleEncoded = 0;
  let highBytes = 0;

  for await (const raw of fs.createReadStream(file, { highWaterMark: 1024 * 1024, signal })) {
    const chunk = raw as Buffer;
    hash.update(chunk);
    if (format == null) {
      headParts.push(chunk.subarray(0, HEAD_BYTES - headLength));
      headLength += Math.min(chunk.length, HEAD_BYTES - headLength);
      if (headLength >= Math.min(HEAD_BYTES, stat.size)) {
        const head = Buffer.concat(headParts);
        format = detectFormat(head, file);
        if (format === 'csv') checkText(head, file);
      }
    }
    if (format !== 'csv') continue;

    // A multi-byte sequence can straddle two chunks: validate up to the last complete character.
    const data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    let end = data.length;
    for (let back = 1; back <= 3 && back <= data.length; back += 1) {
      const byte = data[data.length - back];
      if ((byte & 0xc0) === 0xc0) {
        end = data.length - back;
        break;
      }
      if ((byte & 0x80) === 0) break;
    }
    const complete = data.subarray(0, end);
    carry = Buffer.from(data.subarray(end));
    if (utf8 && !isUtf8(complete)) {
      utf8 = false;
      invalidLine = firstInvalidLine(complete, lines);
    }
    const latin1 = complete.toString('latin1');
    doubleEncoded += latin1.match(DOUBLE_ENCODED)?.length ?? 0;
    highBytes += latin1.match(/[\x80-\xFF]/g)?.length ?? 0;
    for (let i = complete.indexOf(10); i >= 0; i = complete.indexOf(10, i + 1)) lines += 1;
  }
  if (carry.length && utf8 && !isUtf8(carry)) {
    utf8 = false;
    invalidLine = lines + 1;
  }

  const head = Buffer.concat(headParts);
  format ??= detectFormat(head, file);
  if (format === 'csv' && head.toString('utf8').trim() === '') throw fileError('import_empty_file', `${file} is empty`, file);
  const hasBom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  // Real latin-1 CAPES files carry a few double-encoded words such as "MÃ¡QUINA". A file that is
  // partly UTF-8 has them in a large share of its accented letters.
  if (!utf8 && (hasBom || (doubleEncoded >= 5 && (2 * doubleEncoded) / highBytes > 0.2))) {
    throw fileError('import_mixed_encoding', `${file} mixes UTF-8 and latin-1 text (first invalid UTF-8 at line ${invalidLine})`, file, {
      line: invalidLine ?? 0,
    });
  }
  return {
    path: file,
    fileName: path.basename(file),
    size: stat.size,
    sha256: hash.digest('hex'),
    format,
    encoding: utf8 ? 'utf-8' : 'windows-1252',
    hasBom,
    head,
  };
}
