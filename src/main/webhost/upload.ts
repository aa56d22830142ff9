// The upload endpoint of the web host. A browser page has no file paths, so a file the user drops
// or chooses is streamed into the app's uploads folder and registered as a file handle. That is
// the same kind of handle a native dialog returns in the desktop app.

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';

import { AppError } from '../../shared/errors';
import type { FileHandleInfo } from '../../shared/api';
import type { FileRegistry } from '../api/files';

/** Upload size limit: a year of the CAPES catalogue is 400–500 MB, so 2 GiB leaves room. */
export const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

/**
 * Makes a client-supplied name safe as a file name: the last path segment only, without control
 * characters or characters Windows forbids, at most 200 characters.
 */
export function safeFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  // Control characters are the point of this pattern: they must never reach a file name.
  const cleaned = base
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 200);
  return cleaned || 'upload';
}

/** Streams the request body into a fresh folder under `uploadsDir` and registers the file. */
export async function receiveUpload(
  request: IncomingMessage,
  uploadsDir: string,
  files: FileRegistry,
  maxBytes = MAX_UPLOAD_BYTES,
): Promise<FileHandleInfo> {
  const header = request.headers['x-file-name'];
  const rawName = Array.isArray(header) ? header[0] : header;
  if (!rawName) throw new AppError('upload_name_missing', 'The upload has no X-File-Name header', {});
  let name: string;
  try {
    name = safeFileName(decodeURIComponent(rawName));
  } catch {
    name = safeFileName(rawName);
  }

  const declared = Number(request.headers['content-length'] ?? NaN);
  const limitMb = Math.round(maxBytes / 1024 ** 2);
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new AppError('upload_too_large', `Upload of ${declared} bytes exceeds ${maxBytes}`, { limitMb });
  }

  const folder = path.join(uploadsDir, randomBytes(8).toString('hex'));
  fs.mkdirSync(folder, { recursive: true });
  const target = path.join(folder, name);
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      if (received > maxBytes) callback(new AppError('upload_too_large', `Upload exceeds ${maxBytes} bytes`, { limitMb }));
      else callback(null, chunk);
    },
  });
  try {
    await pipeline(request, counter, fs.createWriteStream(target));
  } catch (error) {
    fs.rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  if (received === 0) {
    fs.rmSync(folder, { recursive: true, force: true });
    throw new AppError('upload_empty', 'The uploaded file is empty', {});
  }
  return files.register(target, 'file');
}
