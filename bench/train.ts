// Adherence-model benchmark. Quality: cross-validated macro-F1 and per-level F1 on the real labelled
// pairs, for every loss and both head shapes, beside scikit-learn TF-IDF + logistic-regression
// baselines trained on the exact same thesis-grouped folds (written to a CSV both sides read).
// Speed: training on 40,000 and predicting 100,000 pairs resampled from the real ones, and
// scikit-learn's LogisticRegression on the same lexical features in the same run.
//
//   npm run bench -- train       (PYTHON=/path/to/python3 to pick the interpreter)

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { importFile } from '../src/main/corpus/service';
import { openDatabase, type Db } from '../src/main/db/connection';
import { loadModelInputs, type ModelInputRow } from '../src/main/db/modelInputs';
import { LexicalExtractor } from '../src/main/model/features/lexical';
import { DEFAULT_HEAD, predictHead, trainHead } from '../src/main/model/head/adapter';
import { MatrixEngine } from '../src/main/model/head/matrix';
import { createRandom } from '../src/main/model/random';
import { startResourceMeter } from '../src/main/model/resources';
import { DEFAULT_TRAIN_REQUEST, extractFeatures, loadModel, runTrainingPipeline, type LossFigures, type TrainRequest } from '../src/main/model/train';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PARES_DEV = process.env.ADERENCIA_PARES_DEV ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared/data/eval/pares_dev.csv');
const SEED = 42;
const FOLDS = 5;
/** Thesis ids of resampled copies start here, far above any real id, so no copy reads a real thesis's pairs. */
const SYNTHETIC_THESIS_BASE = 1_000_000_000;

function findPython(): string | null {
  for (const candidate of [process.env.PYTHON, '/usr/bin/python3', 'python3']) {
    if (!candidate) continue;
    if (spawnSync(candidate, ['-c', 'import sklearn'], { encoding: 'utf8' }).status === 0) return candidate;
  }
  return null;
}

function runPython(python: string | null, args: string[]): Record<string, unknown> {
  if (!python) return { error: 'scikit-learn not found (install python3-sklearn or set PYTHON)' };
  const run = spawnSync(python, [path.join(HERE, 'baseline_sklearn.py'), ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (run.status !== 0) return { error: run.stderr.trim().split('\n').slice(-3).join(' ') };
  return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
}

function csvField(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

function thesisText(row: ModelInputRow): string {
  return [row.title, row.keywords, row.abstract, row.programme, row.researchLine, row.project, row.concentrationArea].filter(Boolean).join(' \n ');
}

/** Resamples whole theses (with all their pairs) until `target` pairs; each copy is a new thesis. */
function resample(rows: ModelInputRow[], target: number, seed: number): ModelInputRow[] {
  const byThesis = new Map<number, ModelInputRow[]>();
  for (const row of rows) byThesis.set(row.thesisId, [...(byThesis.get(row.thesisId) ?? []), row]);
  const groups = [...byThesis.values()];
  const random = createRandom(seed);
  const out: ModelInputRow[] = [];
  let copy = 0;
  while (out.length < target) {
    copy += 1;
    const group = groups[Math.floor(random() * groups.length)];
    for (const row of group) {
      if (out.length >= target) break;
      out.push({ ...row, pairId: out.length + 1, thesisId: SYNTHETIC_THESIS_BASE + copy });
    }
  }
  return out;
}

/** CPU seconds (user + system, all threads) of every timed step, by step name; steadier than wall time on a busy machine. */
const cpuSeconds: Record<string, number> = {};

async function seconds<T>(work: () => Promise<T>, name?: string): Promise<[T, number]> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await work();
  if (name) {
    const used = process.cpuUsage(cpu);
    cpuSeconds[name] = (used.user + used.system) / 1e6;
  }
  return [result, (performance.now() - started) / 1000];
}

async function quality(db: Db, rows: ModelInputRow[], dir: string, python: string | null): Promise<Record<string, unknown>> {
  const heads: Record<string, unknown> = {};
  let foldsWritten = false;
  for (const hidden of [16, 0]) {
    process.stderr.write(`cross-validating every loss, hidden ${hidden}\n`);
    const request: TrainRequest = { ...DEFAULT_TRAIN_REQUEST, seed: SEED, folds: FOLDS, head: { ...DEFAULT_HEAD, hidden }, fitFinal: false };
    const [outcome, time] = await seconds(() => runTrainingPipeline(db, rows, request));
    heads[`hidden${hidden}`] = {
      chosenLoss: outcome.chosenLoss,
      seconds: time,
      losses: outcome.losses as Record<string, LossFigures>,
      chosen: outcome.crossValidation,
    };
    if (!foldsWritten) {
      const foldOf = new Map(outcome.cvPredictions.map((p) => [p.pairId, p.fold]));
      const lines = ['pair_id,fold,label,thesis_text,theme_text'];
      for (const row of rows) {
        lines.push([row.pairId, foldOf.get(row.pairId), row.label, csvField(thesisText(row)), csvField([row.themeName, ...row.themeKeywords].join(' ; '))].join(','));
      }
      fs.writeFileSync(path.join(dir, 'folds.csv'), `${lines.join('\n')}\n`);
      foldsWritten = true;
    }
  }
  process.stderr.write('running the scikit-learn baselines on the same folds\n');
  return { pairs: rows.length, folds: FOLDS, seed: SEED, heads, baseline: runPython(python, ['quality', path.join(dir, 'folds.csv')]) };
}

async function speed(db: Db, rows: ModelInputRow[], dir: string, python: string | null): Promise<Record<string, unknown>> {
  const meter = startResourceMeter();
  const train40k = resample(rows, 40_000, 7);
  process.stderr.write('training on 40,000 resampled pairs\n');
  const finalOnly: TrainRequest = { ...DEFAULT_TRAIN_REQUEST, loss: 'class_balanced', folds: 0, head: { ...DEFAULT_HEAD, hidden: 16 } };
  const [trained, trainSeconds] = await seconds(() => runTrainingPipeline(db, train40k, finalOnly), 'train40k');
  meter.sample();
  const [, trainCvSeconds] = await seconds(() => runTrainingPipeline(db, train40k, { ...finalOnly, folds: FOLDS }), 'train40kWith5FoldCv');
  meter.sample();

  process.stderr.write('head only, on cached features, and scikit-learn on the same features\n');
  const lexical = new LexicalExtractor();
  const labels = Int32Array.from(train40k, (r) => r.label);
  const [, fitSeconds] = await seconds(() => lexical.fit(db, train40k, Array.from(labels)));
  const [{ features, width }, extractSeconds] = await seconds(() => extractFeatures(db, [lexical], train40k), 'extract40k');
  const engine = await MatrixEngine.create({ threads: 1 });
  const allRows = Int32Array.from(train40k, (_, i) => i);
  const headSeconds: Record<string, number> = {};
  for (const hidden of [0, 16]) {
    const [, time] = await seconds(() =>
      trainHead(
        { features, width, labels, trainRows: allRows, validationRows: new Int32Array(0) },
        { loss: { kind: 'class_balanced', beta: 0.999, gamma: 2, tau: 1 }, head: { ...DEFAULT_HEAD, hidden, maxEpochs: 100 }, seed: 1, engine },
      ),
    );
    headSeconds[`hidden${hidden}_100epochs`] = time;
  }
  fs.writeFileSync(path.join(dir, 'features.f32'), Buffer.from(features.buffer, features.byteOffset, features.byteLength));
  fs.writeFileSync(path.join(dir, 'labels.i32'), Buffer.from(labels.buffer));
  const sklearn = runPython(python, ['speed', path.join(dir, 'features.f32'), path.join(dir, 'labels.i32'), String(train40k.length), String(width)]);
  meter.sample();

  process.stderr.write('predicting 100,000 resampled pairs\n');
  const predict100k = resample(rows, 100_000, 11);
  const model = loadModel(trained.parameters!);
  const [cached, predictExtractSeconds] = await seconds(() => extractFeatures(db, model.extractors, predict100k), 'extract100k');
  meter.sample();
  const [, predictSeconds] = await seconds(() => predictHead(engine, model.head, cached.features, predict100k.length), 'predictHead100k');
  await engine.dispose();
  const resources = meter.finish({ wattsPerCore: 10, gridKgCo2PerKwh: 0.0385 });
  return {
    train40k: { pairs: train40k.length, seconds: trainSeconds, secondsWith5FoldCv: trainCvSeconds, bestEpoch: trained.finalFit?.bestEpoch },
    cachedFeatures40k: { width, lexicalFitSeconds: fitSeconds, extractSeconds, headSeconds, sklearnLogisticRegression: sklearn },
    predict100k: { pairs: predict100k.length, featureSeconds: predictExtractSeconds, headSecondsOnCachedFeatures: predictSeconds },
    cpuSeconds,
    peakRssMiB: Math.round(resources.peakRssBytes / 2 ** 20),
    maxRssMiB: Math.round((process.resourceUsage().maxRSS * 1024) / 2 ** 20),
  };
}

export async function benchTrain(): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aderencia-bench-train-'));
  const db = openDatabase(path.join(dir, 'bench.sqlite'));
  try {
    process.stderr.write(`importing ${PARES_DEV}\n`);
    await importFile(db, PARES_DEV, { pair: false });
    const rows = loadModelInputs(db, { labelledOnly: true });
    const python = findPython();
    const qualityFigures = await quality(db, rows, dir, python);
    const speedFigures = await speed(db, rows, dir, python);
    // Other processes on the machine slow every timing, so the figures carry the load average.
    return { quality: qualityFigures, speed: speedFigures, cpus: os.cpus().length, loadAverage: os.loadavg(), node: process.version };
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  process.stdout.write(`${JSON.stringify(await benchTrain(), null, 2)}\n`);
}
