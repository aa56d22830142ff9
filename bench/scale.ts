// Corpus-scale benchmark: the 458 themes of themes.tsv have no state, so they are national and pair
// with every thesis of the 12,995-row CAPES catalogue, about 5.95 million pairs. After training on
// the dev set, it times prediction of every pair and the review queue over all the predictions,
// through the same services and worker threads the app uses, with the peak RSS of each step.
//
//   npm run bench -- scale       (about 5 minutes and 1.3 GB of temp disk on a 2-core machine)

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { importFile } from '../src/main/corpus/service';
import { openDatabase } from '../src/main/db/connection';
import * as model from '../src/main/model/service';
import { SHARED_DATA } from '../test/helpers/pairs';

const THEMES = path.join(SHARED_DATA, 'themes.tsv');
const CAPES = path.join(SHARED_DATA, 'capes/capes_2021_2024_ia_sem_resumo.csv');
const PARES_DEV = path.join(SHARED_DATA, 'eval/pares_dev.csv');

const mib = (bytes: number): number => Math.round(bytes / 2 ** 20);

/** Runs one step and returns its wall seconds and the highest RSS sampled while it ran, in MiB. */
async function step<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; peakRssMiB: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  const started = performance.now();
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, seconds: Number(((performance.now() - started) / 1000).toFixed(1)), peakRssMiB: mib(peak) };
  } finally {
    clearInterval(timer);
  }
}

export async function benchScale(): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aderencia-bench-scale-'));
  const file = path.join(dir, 'scale.sqlite');
  const db = openDatabase(file);
  try {
    process.stderr.write('importing the national themes and the CAPES catalogue\n');
    await importFile(db, THEMES);
    const pairing = await step(() => importFile(db, CAPES, { maxNewPairs: Number.MAX_SAFE_INTEGER }));
    await importFile(db, PARES_DEV);
    process.stderr.write('training on the dev set\n');
    const trained = await step(() => model.train(db));
    process.stderr.write('predicting every pair\n');
    const predicted = await step(() => model.predict(db));
    process.stderr.write('ordering the review queue\n');
    const uncertain = await step(() => model.fullReviewQueue(db, { mode: 'uncertain', filter: {} }));
    const random = await step(() => model.fullReviewQueue(db, { mode: 'random', seed: 2, filter: {} }));
    const firstThree = await step(async () => model.reviewQueue(db, { mode: 'uncertain', limit: 3 }));
    return {
      pairsCreatedByImport: pairing.result.pairing?.created ?? 0,
      importWithPairing: { seconds: pairing.seconds, peakRssMiB: pairing.peakRssMiB },
      train: { seconds: trained.seconds, macroF1: trained.result.crossValidation?.macroF1 },
      predict: { pairs: predicted.result.predicted, seconds: predicted.seconds, peakRssMiB: predicted.peakRssMiB },
      queueUncertain: { kept: uncertain.result.pairIds.length, total: uncertain.result.total, seconds: uncertain.seconds, peakRssMiB: uncertain.peakRssMiB },
      queueRandom: { kept: random.result.pairIds.length, seconds: random.seconds, peakRssMiB: random.peakRssMiB },
      queueFirstThree: { seconds: firstThree.seconds, peakRssMiB: firstThree.peakRssMiB },
      databaseMiB: mib(fs.statSync(file).size),
      maxRssMiB: mib(process.resourceUsage().maxRSS * 1024),
      loadAverage: os.loadavg(),
    };
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
