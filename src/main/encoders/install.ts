// Installs a model into the user-data models folder from a folder or a .zip the user picked.
// Files go to a staging folder inside the models folder first, the staged copy is validated, and
// only then renamed into place, so a failed install leaves no half-written model behind.

import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

import yauzl from 'yauzl';

import { AppError, CancelledError, throwIfAborted } from '../../shared/errors';
import { newJobId, ProgressReporter, type ProgressListener } from '../../shared/progress';
import { createLogger } from '../log';
import { modelsDir } from '../paths';
import { validateModel } from './validate';
import { writeManifest, type InstalledModel, type ModelSource } from './registry';

const log = createLogger('encoders.install');

export interface InstallOptions {
  /** Model id to install under; derived from the folder, zip or repository name when absent. */
  id?: string;
  /** Replace an installed model with the same id. */
  replace?: boolean;
  modelsRoot?: string;
  onProgress?: ProgressListener;
  signal?: AbortSignal;
}

/** Turns a folder name or repository id into a model id: letters, digits, dot, dash, underscore. */
export function modelIdFrom(name: string): string {
  const id = name.replace(/\.zip$/i, '').replace(/\//g, '--').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '');
  if (!id) throw new AppError('invalid_input', `Cannot derive a model id from "${name}"`, { field: 'id', reason: `"${name}" has no usable characters` });
  return id;
}

export function stagingDir(root: string): string {
  fs.mkdirSync(root, { recursive: true });
  return fs.mkdtempSync(path.join(root, '.staging-'));
}

/** Copies a folder tree; symbolic links are rejected because they could point outside it. */
function copyTree(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isSymbolicLink()) {
      throw new AppError('encoder_link_rejected', `The model folder contains a symbolic link: ${source}`, { file: source });
    }
    if (entry.isDirectory()) copyTree(source, target);
    else if (entry.isFile()) fs.copyFileSync(source, target);
  }
}

/**
 * Rejects zip entry names that would write outside the target folder (zip slip): absolute paths,
 * drive letters, backslashes that Windows treats as separators, and any `..` segment.
 */
export function safeEntryPath(root: string, name: string): string {
  const unsafe = name.startsWith('/') || name.includes('\\') || /^[A-Za-z]:/.test(name) || name.split('/').some((segment) => segment === '..') || name.includes('\0');
  const target = path.resolve(root, name);
  if (unsafe || (target !== root && !target.startsWith(root + path.sep))) {
    throw new AppError('encoder_zip_unsafe', `The zip entry "${name}" points outside the model folder; the file was not installed`, { file: name });
  }
  return target;
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true }, (error, zip) => {
      if (error || !zip) reject(new AppError('encoder_zip_invalid', `${file} is not a readable zip file: ${error?.message ?? 'unknown error'}`, { file, reason: error?.message ?? 'unknown error' }, { cause: error }));
      else resolve(zip);
    });
  });
}

/**
 * Compression ratio above which a large entry is taken for a zip bomb. ONNX weights barely
 * compress and tokenizer files shrink about 5 times, so real model files stay far below it.
 */
const ZIP_BOMB_RATIO = 100;
/** Entries smaller than this are extracted whatever their ratio (a padded config compresses well). */
const ZIP_BOMB_MIN_BYTES = 64 * 1024 ** 2;

/** Rejects an entry that would expand far beyond its compressed size, before any byte is written. */
function rejectZipBomb(name: string, entry: yauzl.Entry): void {
  const size = entry.uncompressedSize;
  if (size < ZIP_BOMB_MIN_BYTES || size <= ZIP_BOMB_RATIO * Math.max(entry.compressedSize, 1)) return;
  throw new AppError('encoder_zip_bomb', `The zip entry "${name}" expands from ${entry.compressedSize} to ${size} bytes`, {
    file: name,
    size,
    compressed: entry.compressedSize,
  });
}

/** Extracts every entry under `dest`, checking each name before writing; returns bytes written. */
export async function extractZip(file: string, dest: string, signal?: AbortSignal): Promise<number> {
  const zip = await openZip(file);
  let written = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (error: Error) => reject(new AppError('encoder_zip_invalid', `${file} is damaged: ${error.message}`, { file, reason: error.message }, { cause: error })));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        const raw = entry.fileName as unknown as Buffer;
        // Bit 11 of the general-purpose flags marks UTF-8 names; older tools wrote CP437, read here as Latin-1.
        const name = (entry.generalPurposeBitFlag & 0x800) !== 0 ? raw.toString('utf8') : raw.toString('latin1');
        void (async () => {
          throwIfAborted(signal, 'installation');
          const target = safeEntryPath(dest, name);
          const mode = (entry.externalFileAttributes >>> 16) & 0o170000;
          if (mode === 0o120000) throw new AppError('encoder_link_rejected', `The zip entry "${name}" is a symbolic link`, { file: name });
          rejectZipBomb(name, entry);
          if (name.endsWith('/')) {
            fs.mkdirSync(target, { recursive: true });
          } else {
            fs.mkdirSync(path.dirname(target), { recursive: true });
            const stream = await new Promise<NodeJS.ReadableStream>((ok, fail) => zip.openReadStream(entry, (error, s) => (error || !s ? fail(error) : ok(s))));
            await pipeline(stream, fs.createWriteStream(target));
            written += entry.uncompressedSize;
          }
          zip.readEntry();
        })().catch(reject);
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  return written;
}

/** The folder inside an extracted archive that holds config.json: the root or its only subfolder. */
function modelRoot(dir: string): string {
  if (fs.existsSync(path.join(dir, 'config.json'))) return dir;
  const entries = fs.readdirSync(dir, { withFileTypes: true }).filter((e) => !e.name.startsWith('__MACOSX'));
  if (entries.length === 1 && entries[0].isDirectory()) return path.join(dir, entries[0].name);
  return dir;
}

/**
 * Validates a staged folder and moves it to modelsRoot/<id>, writing the manifest. Removes the
 * staging folder on any failure.
 */
export async function commitStaged(staged: string, id: string, source: ModelSource, options: InstallOptions & { nameHint?: string }): Promise<InstalledModel> {
  const root = options.modelsRoot ?? modelsDir();
  const target = path.join(root, id);
  try {
    const folder = modelRoot(staged);
    const report = await validateModel(folder, { nameHint: options.nameHint ?? id });
    if (fs.existsSync(target)) {
      if (!options.replace) {
        throw new AppError('encoder_already_installed', `A model with id ${id} is already installed in ${target}`, { id, dir: target });
      }
      fs.rmSync(target, { recursive: true, force: true });
    }
    const manifest = writeManifest(folder, {
      id,
      source,
      nameHint: options.nameHint ?? id,
      installedAt: new Date().toISOString(),
      sizeBytes: report.sizeBytes,
      dimension: report.dimension,
      variants: report.variants,
      maxLength: report.folder.maxLength,
      pooling: report.folder.pooling,
    });
    fs.renameSync(folder, target);
    log.info(`installed model ${id} from ${source.kind} into ${target}`);
    return { ...manifest, dir: target };
  } finally {
    fs.rmSync(staged, { recursive: true, force: true });
  }
}

/** Installs from a model folder or a .zip of one. */
export async function installFromPath(from: string, options: InstallOptions = {}): Promise<InstalledModel> {
  const absolute = path.resolve(from);
  if (!fs.existsSync(absolute)) throw new AppError('file_not_found', `Not found: ${absolute}`, { file: absolute });
  const id = options.id ?? modelIdFrom(path.basename(absolute));
  const root = options.modelsRoot ?? modelsDir();
  const isZip = fs.statSync(absolute).isFile();
  const reporter = new ProgressReporter(newJobId('install'), 'install', 'bytes', isZip ? fs.statSync(absolute).size : null, options.onProgress);
  const staged = stagingDir(root);
  try {
    if (isZip) {
      await extractZip(absolute, staged, options.signal);
      reporter.update(fs.statSync(absolute).size, { phase: 'validate' });
    } else {
      copyTree(absolute, path.join(staged, 'model'));
      reporter.update(0, { phase: 'validate' });
    }
    const installed = await commitStaged(staged, id, { kind: isZip ? 'zip' : 'folder', location: absolute }, options);
    reporter.end('done');
    return installed;
  } catch (caught) {
    fs.rmSync(staged, { recursive: true, force: true });
    const error = caught instanceof AppError && !(caught instanceof CancelledError) ? namePickedPath(caught, isZip ? staged : path.join(staged, 'model'), absolute) : caught;
    const appError = error instanceof AppError ? error : null;
    reporter.end(appError?.code === 'cancelled' ? 'cancelled' : 'failed', { code: appError?.code ?? 'internal', message: (error as Error).message });
    throw error;
  }
}

/**
 * Rewrites the staging folder in an error's message and parameters to the folder or zip the user
 * picked, because the staging copy is deleted and its name would only confuse.
 */
function namePickedPath(error: AppError, stagedModel: string, picked: string): AppError {
  const replace = (text: string): string => text.split(stagedModel).join(picked);
  const params = Object.fromEntries(Object.entries(error.params).map(([key, value]) => [key, typeof value === 'string' ? replace(value) : value]));
  return new AppError(error.code, replace(error.message), params, { cause: error.cause ?? error });
}
