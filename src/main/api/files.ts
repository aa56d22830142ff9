// Opaque file handles. The renderer never sends a path: it gets a handle for a file the user
// picked in a dialog, dropped on the window or uploaded to the web host, and main resolves the
// handle back to that path. Handles live only in memory, so they die with the process.

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { AppError } from '../../shared/errors';
import type { FileHandleInfo } from '../../shared/api';
import { createLogger } from '../log';

const log = createLogger('files');

interface Entry {
  path: string;
  info: FileHandleInfo;
}

export type FileHandleKind = FileHandleInfo['kind'];

export class FileRegistry {
  private readonly entries = new Map<string, Entry>();

  /**
   * Issues a handle for a path the user chose. Existing files and folders are checked now;
   * a 'new-file' (a save dialog's result) must have an existing parent folder.
   */
  register(filePath: string, kind: FileHandleKind): FileHandleInfo {
    const absolute = path.resolve(filePath);
    const size = checkPath(absolute, kind);
    const handle = `fh_${randomBytes(18).toString('base64url')}`;
    const info: FileHandleInfo = { handle, name: path.basename(absolute), size, kind };
    this.entries.set(handle, { path: absolute, info });
    log.info(`issued ${kind} handle ${handle.slice(0, 8)}…`);
    return info;
  }

  /** Resolves a handle to its path; raises file_handle_unknown for a handle this process did not issue. */
  resolve(handle: string, expected?: FileHandleKind | readonly FileHandleKind[]): string {
    const entry = this.entries.get(handle);
    if (!entry) {
      log.warn(`rejected unknown file handle ${handle.slice(0, 8)}…`);
      throw new AppError('file_handle_unknown', 'The file reference is unknown or expired; choose the file again.', {});
    }
    const kinds = expected == null ? null : Array.isArray(expected) ? expected : [expected];
    if (kinds && !kinds.includes(entry.info.kind)) {
      throw new AppError('file_handle_kind', `Expected a ${kinds.join(' or ')} but the handle refers to a ${entry.info.kind}`, {
        expected: kinds.join(', '),
        found: entry.info.kind,
      });
    }
    if (entry.info.kind !== 'new-file' && !fs.existsSync(entry.path)) {
      throw new AppError('file_not_found', `File not found: ${entry.path}`, { file: entry.info.name });
    }
    return entry.path;
  }

  info(handle: string): FileHandleInfo | null {
    return this.entries.get(handle)?.info ?? null;
  }

  /** Forgets every handle (another database was opened, or the app is closing). */
  clear(): void {
    this.entries.clear();
  }
}

function checkPath(absolute: string, kind: FileHandleKind): number | null {
  if (kind === 'new-file') {
    const parent = path.dirname(absolute);
    if (!fs.existsSync(parent) || !fs.statSync(parent).isDirectory()) {
      throw new AppError('file_not_found', `Folder not found: ${parent}`, { file: parent });
    }
    return null;
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absolute);
  } catch {
    throw new AppError('file_not_found', `File not found: ${absolute}`, { file: path.basename(absolute) });
  }
  if (kind === 'folder') {
    if (!stat.isDirectory()) throw new AppError('file_not_folder', `${absolute} is not a folder`, { file: path.basename(absolute) });
    return null;
  }
  if (!stat.isFile()) throw new AppError('file_not_regular', `${absolute} is not a regular file`, { file: path.basename(absolute) });
  return stat.size;
}
