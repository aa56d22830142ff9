// Encoder benchmark: abstracts per second at 256 and 512 tokens with a generated encoder of
// multilingual-e5-small's dimensions (12 layers, hidden 384, BERTimbau WordPiece vocabulary).
// Ours runs in process and through the worker process, side by side with transformers.js's
// feature-extraction pipeline on the same folder, texts, batch size and thread count. Also the
// share of our embed() time spent outside session.run, peak memory, and a 100,000-text run of the
// embedding cache with the tiny test encoder to show memory stays bounded.
//
//   npm run bench -- embed
//
// NOTE: @huggingface/transformers 4.3 bundles its own onnxruntime-node (1.30.0) while the app uses
// 1.31.1, so the two columns also differ by ORT version, and transformers.js runs in a child process
// because two ORT builds cannot be loaded into one process.

import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { parse } from 'csv-parse/sync';

import { generateEncoder } from '../scripts/generate-test-encoder';
import { openDatabase } from '../src/main/db/connection';
import { countEmbeddings } from '../src/main/db/embeddings';
import { Embedder } from '../src/main/encoders/embedder';
import { readModelFolder } from '../src/main/encoders/folder';
import { installFromPath } from '../src/main/encoders/install';
import { activate, embedTexts } from '../src/main/encoders/service';
import { createEncoderSession } from '../src/main/encoders/session';
import { EncoderWorker } from '../src/main/encoders/worker-client';

const THESES_CSV = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared/data/theses.csv');
const BATCH_SIZE = 8;
const TEXTS_PER_LENGTH: Record<number, number> = { 256: 32, 512: 16 };
const CACHE_TEXTS = 100_000;
/** Timed runs per configuration; the fastest counts, which damps noise from other load on the machine. */
const REPEATS = 2;

interface LengthFigures {
  tokens: number;
  texts: number;
  oursPerSecond: number;
  oursWorkerPerSecond: number;
  transformersJsPerSecond: number;
  /** Share of embed() wall time spent outside session.run, in percent. */
  oursOverheadPercent: number;
  maxAbsDifferenceVsTransformersJs: number;
}

function mib(bytes: number): number {
  return Math.round(bytes / 2 ** 20);
}

/** Peak resident set size of this process so far, in MiB (getrusage ru_maxrss). */
function peakRssMiB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** Real abstracts from the shared corpus, joined and cut so each text has exactly `tokens` tokens with the special tokens. */
export function abstractsOf(embedder: Embedder, tokens: number, count: number): string[] {
  const rows = parse(fs.readFileSync(THESES_CSV), { columns: true, skip_empty_lines: true }) as { abstract: string }[];
  const words = rows.map((r) => r.abstract).filter((a) => a && a.length > 200).join(' ').split(/\s+/).filter(Boolean);
  const room = tokens - embedder.tokenizer.prefix.length - embedder.tokenizer.suffix.length;
  const texts: string[] = [];
  let cursor = 0;
  while (texts.length < count) {
    // WordPiece splits on whitespace first, so per-word counts add up; the final check makes it exact.
    const taken: string[] = [];
    let used = 0;
    while (cursor < words.length) {
      const length = embedder.tokenizer.encode(words[cursor]).length;
      if (used + length > room) break;
      taken.push(words[cursor]);
      used += length;
      cursor += 1;
    }
    const text = taken.join(' ');
    const actual = embedder.tokenizer.encode(text).length;
    if (actual === room) texts.push(text);
    if (cursor >= words.length - room) cursor = texts.length;
    else cursor += 1;
  }
  return texts;
}

async function timeIt<T>(body: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const started = performance.now();
  const value = await body();
  return { seconds: (performance.now() - started) / 1000, value };
}

async function benchLengths(dir: string, threads: number): Promise<{ lengths: LengthFigures[]; peakRssOursMiB: number; peakRssTransformersJsMiB: number }> {
  const folder = readModelFolder(dir);
  const session = await createEncoderSession(folder.onnxPath, { providers: ['cpu'], intraOpThreads: threads });
  const embedder = new Embedder(folder, session);
  const inputs = Object.entries(TEXTS_PER_LENGTH).map(([tokens, count]) => ({ tokens: Number(tokens), texts: abstractsOf(embedder, Number(tokens), count) }));

  // Each configuration runs alone: ORT's idle intra-op threads keep spinning for a while after a
  // run, so a live in-process session would slow the worker process on the same cores.
  const ours = new Map<number, { perSecond: number; workerPerSecond: number; overhead: number; vectors: Float32Array[] }>();
  for (const { tokens, texts } of inputs) {
    await embedder.embed(texts.slice(0, BATCH_SIZE), { batchSize: BATCH_SIZE, maxChunks: 1 });
    let best = Infinity;
    let overhead = 0;
    let vectors: Float32Array[] = [];
    for (let repeat = 0; repeat < REPEATS; repeat += 1) {
      const run = await timeIt(() => embedder.embed(texts, { batchSize: BATCH_SIZE, maxChunks: 1 }));
      if (run.seconds < best) {
        best = run.seconds;
        const timings = embedder.lastTimings;
        overhead = (100 * (timings.totalMs - timings.runMs)) / timings.totalMs;
        vectors = run.value;
      }
    }
    ours.set(tokens, { perSecond: texts.length / best, workerPerSecond: 0, overhead, vectors });
  }
  await session.session.release();

  const worker = new EncoderWorker();
  const options = { batchSize: BATCH_SIZE, maxChunks: 1, session: { providers: ['cpu' as const], intraOpThreads: threads } };
  for (const { tokens, texts } of inputs) {
    await worker.embed({ dir }, texts.slice(0, BATCH_SIZE), options);
    let best = Infinity;
    for (let repeat = 0; repeat < REPEATS; repeat += 1) best = Math.min(best, (await timeIt(() => worker.embed({ dir }, texts, options))).seconds);
    ours.get(tokens)!.workerPerSecond = texts.length / best;
  }
  await worker.close();
  const peakRssOursMiB = peakRssMiB();

  // transformers.js loads its own onnxruntime-node build, which cannot share a process with ours.
  const request = path.join(path.dirname(dir), 'transformers-js-request.json');
  const reply = path.join(path.dirname(dir), 'transformers-js-reply.json');
  fs.writeFileSync(request, JSON.stringify({ dir, threads, inputs }));
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./embed-transformers-js.ts', import.meta.url)), request, reply], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, BENCH_BATCH_SIZE: String(BATCH_SIZE), BENCH_REPEATS: String(REPEATS) } });
  if (child.status !== 0) throw new Error(`transformers.js run failed with exit code ${child.status ?? 'none'}`);
  const theirs = JSON.parse(fs.readFileSync(reply, 'utf8')) as TransformersJsReply;

  const lengths: LengthFigures[] = inputs.map(({ tokens, texts }) => {
    const mine = ours.get(tokens)!;
    const other = theirs.lengths.find((l) => l.tokens === tokens)!;
    let maxDiff = 0;
    other.vectors.forEach((vector, i) => vector.forEach((x, d) => (maxDiff = Math.max(maxDiff, Math.abs(x - mine.vectors[i][d])))));
    return {
      tokens,
      texts: texts.length,
      oursPerSecond: Number(mine.perSecond.toFixed(2)),
      oursWorkerPerSecond: Number(mine.workerPerSecond.toFixed(2)),
      transformersJsPerSecond: Number(other.perSecond.toFixed(2)),
      oursOverheadPercent: Number(mine.overhead.toFixed(2)),
      maxAbsDifferenceVsTransformersJs: Number(maxDiff.toExponential(2)),
    };
  });
  return { lengths, peakRssOursMiB, peakRssTransformersJsMiB: theirs.peakRssMiB };
}

interface TransformersJsReply {
  lengths: { tokens: number; perSecond: number; vectors: number[][] }[];
  peakRssMiB: number;
}

/** Streams 100,000 distinct texts through the cache with the tiny encoder, sampling memory. */
async function benchCache(work: string): Promise<Record<string, number>> {
  const tiny = generateEncoder(path.join(work, 'tiny-source'), { size: 'tiny' });
  const modelsRoot = path.join(work, 'models');
  await installFromPath(tiny.dir, { id: 'tiny', modelsRoot });
  const db = openDatabase(path.join(work, 'cache.sqlite'));
  activate(db, 'tiny', modelsRoot);
  const worker = new EncoderWorker();
  function* texts(): Generator<string> {
    for (let i = 0; i < CACHE_TEXTS; i += 1) yield `Tese ${i}: políticas públicas de ${i % 97} e inovação em ${i % 13}`;
  }
  let peakHeap = 0;
  let peakRss = 0;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peakHeap = Math.max(peakHeap, usage.heapUsed);
    peakRss = Math.max(peakRss, usage.rss);
  }, 100);
  try {
    const started = performance.now();
    const summary = await embedTexts(db, { role: 'passage', texts: texts(), total: CACHE_TEXTS }, { modelsRoot, worker });
    const seconds = (performance.now() - started) / 1000;
    const rerun = await timeIt(() => embedTexts(db, { role: 'passage', texts: texts(), total: CACHE_TEXTS }, { modelsRoot, worker }));
    return {
      texts: summary.texts,
      encodedPerSecond: Math.round(summary.encoded / seconds),
      cachedRerunSeconds: Number(rerun.seconds.toFixed(1)),
      cachedRerunEncoded: rerun.value.encoded,
      rows: countEmbeddings(db, 'tiny'),
      peakHeapMiB: mib(peakHeap),
      peakRssMiB: mib(peakRss),
    };
  } finally {
    clearInterval(sampler);
    await worker.close();
    db.close();
  }
}

export async function benchEmbed(): Promise<unknown> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'aderencia-bench-embed-'));
  try {
    const threads = os.availableParallelism();
    const dir = path.join(work, 'e5-small-generated');
    generateEncoder(dir, { size: 'e5-small', pooling: 'mean' });
    const model = await benchLengths(dir, threads);
    const cache = await benchCache(work);
    return {
      model: 'generated, e5-small dimensions (12 layers, hidden 384, 12 heads, BERTimbau vocabulary 29,794), fp32',
      provider: 'cpu',
      threads,
      batchSize: BATCH_SIZE,
      ...model,
      cache,
      gpu: 'not measured: no GPU machine was available',
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void benchEmbed().then((figures) => process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`));
}
