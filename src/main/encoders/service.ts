// The encoder functions the command line and the desktop app call: list and install models,
// download from the hub, activate one, encode texts into the embedding cache (streaming, one
// transaction per batch, resumable), read vectors back, and report execution providers.
// Modules that load onnxruntime-node are imported on first use, so callers that only read the
// cache (the encoder feature extractor inside the model's worker thread) never load the addon.

import { AppError, isAppError, throwIfAborted } from '../../shared/errors';
import { newJobId, ProgressReporter, type ProgressListener } from '../../shared/progress';
import type { Db } from '../db/connection';
import { getEmbeddings, missingHashes, putEmbeddings, textKey } from '../db/embeddings';
import { createLogger } from '../log';
import { modelsDir } from '../paths';
import { CATALOGUE, type CatalogueEntry } from './catalogue';
import type { TextRole } from './embedder';
import type { DownloadOptions } from './download';
import { DEFAULT_MAX_CHUNKS, type ChunkPooling } from './folder';
import type { InstallOptions } from './install';
import type { ModelRef } from './protocol';
import {
  cacheModelId,
  findInstalled,
  getActiveEncoder,
  listInstalled,
  parseModelRef,
  setActiveEncoder,
  type ActiveEncoder,
  type InstalledModel,
} from './registry';
import type { SessionInfo, SessionSettings } from './session';
import { EncoderWorker } from './worker-client';

const log = createLogger('encoders.service');

export const OPTIONS_SETTING = 'encoder.options';

/** Settings that shape how texts are encoded; stored as JSON under `encoder.options`. */
export interface EncoderOptions {
  maxLength?: number;
  chunkPooling: ChunkPooling;
  maxChunks: number;
  batchSize: number;
  session: SessionSettings;
}

export const DEFAULT_OPTIONS: EncoderOptions = { chunkPooling: 'mean', maxChunks: DEFAULT_MAX_CHUNKS, batchSize: 16, session: {} };

/** Texts per worker request and per cache transaction: bounds memory on any corpus size. */
export const WINDOW_SIZE = 128;

let sharedWorker: EncoderWorker | null = null;

/** Returns the process-wide encoder worker; its process starts on the first request. */
export function encoderWorker(): EncoderWorker {
  sharedWorker ??= new EncoderWorker({
    onCrash: (report) => log.error(`encoder worker crashed (code ${report.code ?? 'none'}, signal ${report.signal ?? 'none'}); it restarts on the next request`),
  });
  return sharedWorker;
}

/** Replaces the shared worker, for hosts that start it their own way (Electron's utilityProcess). */
export function setEncoderWorker(worker: EncoderWorker): void {
  sharedWorker = worker;
}

/** Stops the shared worker and releases its sessions. */
export async function disposeEncoders(): Promise<void> {
  const worker = sharedWorker;
  sharedWorker = null;
  await worker?.close();
}

export function getEncoderOptions(db: Db): EncoderOptions {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(OPTIONS_SETTING) as { value: string } | undefined;
  return row ? { ...DEFAULT_OPTIONS, ...(JSON.parse(row.value) as Partial<EncoderOptions>) } : DEFAULT_OPTIONS;
}

export function setEncoderOptions(db: Db, options: Partial<EncoderOptions>): EncoderOptions {
  const merged = { ...getEncoderOptions(db), ...options };
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(OPTIONS_SETTING, JSON.stringify(merged));
  return merged;
}

export interface ModelListing extends InstalledModel {
  active: boolean;
}

export function listModels(db: Db | null, root: string = modelsDir()): ModelListing[] {
  const active = db ? getActiveEncoder(db) : null;
  return listInstalled(root).map((model) => ({ ...model, active: active?.id === model.id }));
}

export function catalogue(): readonly CatalogueEntry[] {
  return CATALOGUE;
}

export async function installFromPath(from: string, options: InstallOptions = {}): Promise<InstalledModel> {
  const { installFromPath: install } = await import('./install');
  return install(from, options);
}

export async function download(repo: string, options: DownloadOptions = {}): Promise<InstalledModel> {
  const { downloadModel } = await import('./download');
  return downloadModel(repo, options);
}

/** Makes an installed model (and variant) the active encoder; "ID@quantized" picks the quantised graph. */
export function activate(db: Db, ref: string, root: string = modelsDir()): ActiveEncoder {
  const active = parseModelRef(ref);
  const model = findInstalled(active.id, root);
  if (!model.variants.includes(active.variant)) {
    throw new AppError('encoder_variant_missing', `Model ${active.id} has no ${active.variant} variant; it has ${model.variants.join(', ')}`, {
      id: active.id,
      variant: active.variant,
      known: model.variants.join(', '),
    });
  }
  setActiveEncoder(db, active);
  return active;
}

/** Finds the encoder `ref` names, or the active one, and raises an AppError when there is none. */
export function resolveEncoder(db: Db, ref?: string, root: string = modelsDir()): { active: ActiveEncoder; model: InstalledModel } {
  const active = ref ? parseModelRef(ref) : getActiveEncoder(db);
  if (!active) throw new AppError('encoder_none_active', 'No encoder is active; install one and run `aderencia models activate ID`', {});
  return { active, model: findInstalled(active.id, root) };
}

function modelRef(active: ActiveEncoder, model: InstalledModel): ModelRef {
  return { dir: model.dir, variant: active.variant, nameHint: model.nameHint };
}

/** Builds the settings part of every text hash, so changed encoding settings never reuse old vectors. */
export function settingsKey(options: EncoderOptions): string {
  return `len=${options.maxLength ?? 'model'};chunks=${options.maxChunks};pool=${options.chunkPooling}`;
}

export interface EmbedRequest {
  /** "ID" or "ID@quantized"; the active encoder when absent. */
  model?: string;
  role: TextRole;
  /** Any iterable, consumed once in windows, so callers can stream from the database. */
  texts: Iterable<string>;
  /** Number of texts, for progress; null when unknown. */
  total?: number | null;
}

export interface EmbedSummary {
  modelId: string;
  texts: number;
  encoded: number;
  cached: number;
  dimension: number | null;
  provider: SessionInfo | null;
  restarts: number;
}

export interface JobOptions {
  onProgress?: ProgressListener;
  signal?: AbortSignal;
  modelsRoot?: string;
  worker?: EncoderWorker;
}

/**
 * Encodes every text without a cached vector and stores the vectors, one transaction per window.
 * A crashed worker is restarted once per window and the window retried; a second crash fails the job.
 */
export async function embedTexts(db: Db, request: EmbedRequest, options: JobOptions = {}): Promise<EmbedSummary> {
  const { active, model } = resolveEncoder(db, request.model, options.modelsRoot);
  const encoderOptions = getEncoderOptions(db);
  const modelId = cacheModelId(active);
  const worker = options.worker ?? encoderWorker();
  const settings = settingsKey(encoderOptions);
  const reporter = new ProgressReporter(newJobId('embed'), 'embed', 'texts', request.total ?? null, options.onProgress);
  const summary: EmbedSummary = { modelId, texts: 0, encoded: 0, cached: 0, dimension: null, provider: null, restarts: 0 };

  const encodeWindow = async (window: string[]) => {
    const hashes = window.map((text) => textKey({ role: request.role, settings, text }));
    const missing = new Set(missingHashes(db, modelId, hashes));
    const toEncode: { hash: string; text: string }[] = [];
    const queued = new Set<string>();
    window.forEach((text, i) => {
      if (missing.has(hashes[i]) && !queued.has(hashes[i])) {
        queued.add(hashes[i]);
        toEncode.push({ hash: hashes[i], text });
      }
    });
    summary.cached += window.length - toEncode.length;
    const base = summary.texts;
    if (toEncode.length > 0) {
      for (let attempt = 1; ; attempt += 1) {
        try {
          const result = await worker.embed(modelRef(active, model), toEncode.map((entry) => entry.text), {
            role: request.role,
            chunkPooling: encoderOptions.chunkPooling,
            maxChunks: encoderOptions.maxChunks,
            maxLength: encoderOptions.maxLength,
            batchSize: encoderOptions.batchSize,
            session: encoderOptions.session,
            signal: options.signal,
            onProgress: (done) => reporter.update(base + Math.round((done / toEncode.length) * window.length)),
          });
          putEmbeddings(db, modelId, toEncode.map((entry, i) => ({ hash: entry.hash, vector: result.vectors[i] })));
          summary.dimension = result.dimension;
          summary.provider = result.info;
          break;
        } catch (error) {
          if (!isAppError(error) || error.code !== 'encoder_worker_crashed' || attempt > 1) throw error;
          summary.restarts += 1;
          reporter.update(base, { phase: 'worker-restarted' });
          log.warn(`retrying ${toEncode.length} texts with ${modelId} after a worker crash`);
        }
      }
    }
    summary.encoded += toEncode.length;
    summary.texts += window.length;
    reporter.update(summary.texts);
  };

  try {
    let window: string[] = [];
    for (const text of request.texts) {
      throwIfAborted(options.signal, 'embedding');
      window.push(text);
      if (window.length >= WINDOW_SIZE) {
        await encodeWindow(window);
        window = [];
      }
    }
    if (window.length > 0) await encodeWindow(window);
    if (request.total == null) reporter.setTotal(summary.texts);
    reporter.end('done');
    return summary;
  } catch (error) {
    const code = isAppError(error) ? error.code : 'internal';
    reporter.end(code === 'cancelled' ? 'cancelled' : 'failed', { code, message: (error as Error).message });
    throw error;
  }
}

/** Vectors for the texts from the cache, encoding the missing ones first; in input order. */
export async function getVectors(db: Db, request: Omit<EmbedRequest, 'texts' | 'total'> & { texts: readonly string[] }, options: JobOptions = {}): Promise<Float32Array[]> {
  const { active } = resolveEncoder(db, request.model, options.modelsRoot);
  await embedTexts(db, { ...request, texts: request.texts, total: request.texts.length }, options);
  const settings = settingsKey(getEncoderOptions(db));
  const hashes = request.texts.map((text) => textKey({ role: request.role, settings, text }));
  const found = getEmbeddings(db, cacheModelId(active), hashes);
  return hashes.map((hash) => {
    const vector = found.get(hash);
    if (!vector) throw new Error(`embedding cache lost the vector for hash ${hash}`);
    return vector;
  });
}

/** Builds the text a thesis is encoded from: title, keywords and abstract. */
export function thesisText(thesis: { title: string; keywords: string | null; abstract: string | null }): string {
  return [thesis.title, thesis.keywords, thesis.abstract].filter((part): part is string => Boolean(part && part.trim())).join('. ');
}

/** Builds the text a theme is encoded from: name and keywords. */
export function themeText(theme: { name: string; keywords: readonly string[] }): string {
  return theme.keywords.length > 0 ? `${theme.name}. ${theme.keywords.join(', ')}` : theme.name;
}

function parseKeywords(raw: string | null): string[] {
  if (!raw) return [];
  try {
    const value = JSON.parse(raw) as unknown;
    return Array.isArray(value) ? value.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

function* thesisTexts(db: Db): Generator<string> {
  // Paging by id keeps one page in memory, so a 100,000-thesis corpus never loads at once.
  const page = db.prepare('SELECT id, title, keywords, abstract FROM theses WHERE id > ? ORDER BY id LIMIT 500');
  let last = 0;
  for (;;) {
    const rows = page.all(last) as { id: number; title: string; keywords: string | null; abstract: string | null }[];
    if (rows.length === 0) return;
    for (const row of rows) yield thesisText(row);
    last = rows[rows.length - 1].id;
  }
}

function* themeTexts(db: Db): Generator<string> {
  const rows = db.prepare('SELECT name, keywords FROM themes WHERE archived_at IS NULL ORDER BY id').all() as { name: string; keywords: string | null }[];
  for (const row of rows) yield themeText({ name: row.name, keywords: parseKeywords(row.keywords) });
}

/** Encodes every thesis (as passages) and every active theme (as queries) into the cache. */
export async function embedCorpus(db: Db, options: JobOptions & { model?: string } = {}): Promise<{ theses: EmbedSummary; themes: EmbedSummary }> {
  const thesisCount = (db.prepare('SELECT COUNT(*) AS n FROM theses').get() as { n: number }).n;
  const themeCount = (db.prepare('SELECT COUNT(*) AS n FROM themes WHERE archived_at IS NULL').get() as { n: number }).n;
  const theses = await embedTexts(db, { model: options.model, role: 'passage', texts: thesisTexts(db), total: thesisCount }, options);
  const themes = await embedTexts(db, { model: options.model, role: 'query', texts: themeTexts(db), total: themeCount }, options);
  return { theses, themes };
}

export interface ProvidersInfo {
  platform: string;
  /** Backends the installed onnxruntime-node binding reports. */
  supported: string[];
  /** Order the app tries them in. */
  order: string[];
  intraOpThreads: number;
  /** Provider and node placement of the active model's session; null without an active encoder. */
  active: SessionInfo | null;
}

export async function providersInfo(db: Db | null, options: { modelsRoot?: string; worker?: EncoderWorker } = {}): Promise<ProvidersInfo> {
  const { defaultIntraOpThreads, defaultProviders, supportedBackends } = await import('./session');
  let active: SessionInfo | null = null;
  const encoder = db ? getActiveEncoder(db) : null;
  if (db && encoder) {
    const model = findInstalled(encoder.id, options.modelsRoot);
    const session = { ...getEncoderOptions(db).session, placement: 'always' as const };
    active = (await (options.worker ?? encoderWorker()).info(modelRef(encoder, model), session)).info;
  }
  return {
    platform: `${process.platform}/${process.arch}`,
    supported: supportedBackends(),
    order: defaultProviders(),
    intraOpThreads: defaultIntraOpThreads(),
    active,
  };
}
