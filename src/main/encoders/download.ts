// Downloads a model from a Hugging Face repository id into the models folder. The file list and
// sizes come from the hub's tree API, each file from its resolve URL; an interrupted transfer
// resumes with an HTTP Range request, and LFS files are checked against the sha256 the hub
// publishes (lfs.oid). The staged folder is validated before it is moved into place, so a failed
// download installs nothing.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { AppError, CancelledError, throwIfAborted } from '../../shared/errors';
import { newJobId, ProgressReporter, type ProgressListener } from '../../shared/progress';
import { createLogger } from '../log';
import { modelsDir } from '../paths';
import type { ModelVariant } from './folder';
import { commitStaged, modelIdFrom, stagingDir } from './install';
import type { InstalledModel } from './registry';

const log = createLogger('encoders.download');

export const DEFAULT_HUB_URL = 'https://huggingface.co';

export interface DownloadOptions {
  revision?: string;
  /** Hub base URL; tests point it at a loopback server. */
  hubUrl?: string;
  variant?: ModelVariant;
  id?: string;
  replace?: boolean;
  modelsRoot?: string;
  /** Attempts per file before giving up, counting the first. */
  maxAttempts?: number;
  onProgress?: ProgressListener;
  signal?: AbortSignal;
}

export interface HubFile {
  path: string;
  size: number | null;
  /** sha256 of the content when the hub stores the file in LFS. */
  sha256: string | null;
}

/** Files a model folder needs besides the ONNX graph; missing optional ones are skipped. */
const REQUIRED_FILES = ['config.json', 'tokenizer.json'];
const OPTIONAL_FILES = ['tokenizer_config.json', 'special_tokens_map.json', 'modules.json', 'config_sentence_transformers.json', '1_Pooling/config.json', 'sentence_bert_config.json'];
const ONNX_CANDIDATES: Record<ModelVariant, string[]> = {
  default: ['onnx/model.onnx', 'model.onnx'],
  quantized: ['onnx/model_quantized.onnx', 'onnx/model_int8.onnx', 'model_quantized.onnx'],
};

const REPO_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*\/[A-Za-z0-9][A-Za-z0-9._-]*$/;

function hubError(repo: string, url: string, reason: string, cause?: unknown): AppError {
  return new AppError('encoder_download_failed', `Download of ${repo} failed at ${url}: ${reason}`, { repo, url, reason }, { cause });
}

/** Lists the repository's files with sizes and LFS checksums at a revision. */
export async function listHubFiles(repo: string, revision: string, hubUrl: string, signal?: AbortSignal): Promise<HubFile[]> {
  const url = `${hubUrl}/api/models/${repo}/tree/${encodeURIComponent(revision)}?recursive=true`;
  let response: Response;
  try {
    response = await fetch(url, { signal });
  } catch (error) {
    if (signal?.aborted) throw new CancelledError('download');
    throw hubError(repo, url, (error as Error).message, error);
  }
  if (response.status === 404 || response.status === 401) {
    throw new AppError('encoder_repo_not_found', `The hub has no model ${repo} at revision ${revision}`, { repo, revision });
  }
  if (!response.ok) throw hubError(repo, url, `HTTP ${response.status}`);
  const entries = (await response.json()) as { type?: string; path: string; size?: number; lfs?: { oid?: string; size?: number } }[];
  return entries
    .filter((entry) => entry.type !== 'directory')
    .map((entry) => ({
      path: entry.path,
      size: entry.lfs?.size ?? entry.size ?? null,
      sha256: entry.lfs?.oid && /^[0-9a-f]{64}$/.test(entry.lfs.oid) ? entry.lfs.oid : null,
    }));
}

/** Picks the files to fetch: tokenizer and configs, one ONNX variant and its external data file. */
export function selectFiles(repo: string, files: HubFile[], variant: ModelVariant): HubFile[] {
  const byPath = new Map(files.map((file) => [file.path, file]));
  for (const required of REQUIRED_FILES) {
    if (!byPath.has(required)) {
      throw new AppError('encoder_repo_incomplete', `The hub model ${repo} has no ${required}`, { repo, file: required });
    }
  }
  const onnx = ONNX_CANDIDATES[variant].find((candidate) => byPath.has(candidate));
  if (!onnx) {
    throw new AppError('encoder_repo_no_onnx', `The hub model ${repo} has no ONNX file for the ${variant} variant`, {
      repo,
      file: ONNX_CANDIDATES[variant].join(', '),
    });
  }
  const wanted = [...REQUIRED_FILES, ...OPTIONAL_FILES, onnx, `${onnx}_data`, `${onnx}.data`];
  return wanted.filter((name) => byPath.has(name)).map((name) => byPath.get(name)!);
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Fetches one file to `target`, resuming from the bytes already in `target.part` after a dropped
 * connection. `onBytes` receives each chunk's length.
 */
async function downloadFile(url: string, target: string, file: HubFile, repo: string, options: { maxAttempts: number; signal?: AbortSignal; onBytes: (n: number) => void }): Promise<void> {
  const partial = `${target}.part`;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  let lastError: unknown = null;
  for (let attempt = 1; attempt <= options.maxAttempts; attempt += 1) {
    throwIfAborted(options.signal, 'download');
    const have = fs.existsSync(partial) ? fs.statSync(partial).size : 0;
    if (file.size != null && have === file.size) break;
    try {
      const response = await fetch(url, { signal: options.signal, headers: have > 0 ? { Range: `bytes=${have}-` } : {} });
      if (response.status === 404) throw new AppError('encoder_repo_incomplete', `The hub model ${repo} has no ${file.path}`, { repo, file: file.path });
      if (!response.ok || !response.body) throw hubError(repo, url, `HTTP ${response.status}`);
      // A server that ignores Range answers 200 with the whole file, so start the file over.
      const append = have > 0 && response.status === 206;
      if (have > 0 && !append) options.onBytes(-have);
      const out = fs.createWriteStream(partial, { flags: append ? 'a' : 'w' });
      try {
        for await (const chunk of response.body) {
          const buffer = chunk as Uint8Array;
          if (!out.write(buffer)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
          options.onBytes(buffer.length);
        }
      } finally {
        await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
      }
      if (file.size == null || fs.statSync(partial).size === file.size) break;
      throw new Error(`received ${fs.statSync(partial).size} of ${file.size} bytes`);
    } catch (error) {
      if (options.signal?.aborted) throw new CancelledError('download');
      if (error instanceof AppError) throw error;
      lastError = error;
      log.warn(`download of ${file.path} from ${repo} interrupted (attempt ${attempt} of ${options.maxAttempts}): ${(error as Error).message}`);
    }
  }
  const size = fs.existsSync(partial) ? fs.statSync(partial).size : 0;
  if (file.size != null && size !== file.size) {
    throw hubError(repo, url, `only ${size} of ${file.size} bytes after ${options.maxAttempts} attempts (${(lastError as Error | null)?.message ?? 'no error'})`, lastError);
  }
  if (file.sha256) {
    const actual = await sha256File(partial);
    if (actual !== file.sha256) {
      fs.rmSync(partial, { force: true });
      throw new AppError('encoder_checksum_mismatch', `${file.path} from ${repo} has sha256 ${actual}, the hub lists ${file.sha256}`, {
        repo,
        file: file.path,
        expected: file.sha256,
        found: actual,
      });
    }
  }
  fs.renameSync(partial, target);
}

/** Downloads, validates and installs a hub model; returns the installed model. */
export async function downloadModel(repo: string, options: DownloadOptions = {}): Promise<InstalledModel> {
  if (!REPO_PATTERN.test(repo)) {
    throw new AppError('invalid_input', `"${repo}" is not a repository id`, { field: 'repo', reason: 'write it as owner/name, such as intfloat/multilingual-e5-small' });
  }
  const revision = options.revision ?? 'main';
  const hubUrl = (options.hubUrl ?? process.env.ADERENCIA_HUB_URL ?? DEFAULT_HUB_URL).replace(/\/+$/, '');
  const variant = options.variant ?? 'default';
  const id = options.id ?? modelIdFrom(repo);
  const root = options.modelsRoot ?? modelsDir();
  const reporter = new ProgressReporter(newJobId('download'), 'download', 'bytes', null, options.onProgress);
  const staged = stagingDir(root);
  try {
    const files = selectFiles(repo, await listHubFiles(repo, revision, hubUrl, options.signal), variant);
    const total = files.every((file) => file.size != null) ? files.reduce((sum, file) => sum + (file.size ?? 0), 0) : null;
    if (total != null) reporter.setTotal(total);
    let done = 0;
    for (const file of files) {
      const url = `${hubUrl}/${repo}/resolve/${encodeURIComponent(revision)}/${file.path.split('/').map(encodeURIComponent).join('/')}`;
      await downloadFile(url, path.join(staged, file.path), file, repo, {
        maxAttempts: options.maxAttempts ?? 5,
        signal: options.signal,
        onBytes: (n) => {
          done += n;
          reporter.update(done, { phase: file.path });
        },
      });
    }
    const installed = await commitStaged(staged, id, { kind: 'hub', location: hubUrl, repo, revision }, { ...options, nameHint: repo });
    reporter.end('done');
    return installed;
  } catch (error) {
    fs.rmSync(staged, { recursive: true, force: true });
    const appError = error instanceof AppError ? error : null;
    reporter.end(appError?.code === 'cancelled' ? 'cancelled' : 'failed', { code: appError?.code ?? 'internal', message: (error as Error).message });
    throw error;
  }
}
