// Export benchmark: 100,000 pairs of a synthetic corpus (abstracts of about 1,500 characters) to
// XLSX and to both CSV variants, with rows per second and the peak resident memory sampled during
// each export. A run at a quarter of the size shows whether memory stays bounded as rows grow.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { exportPairs, type ExportRequest } from '../src/main/corpus/export/service';
import { openDatabase } from '../src/main/db/connection';
import { seedSyntheticCorpus } from '../test/helpers/pairs';

const PAIRS = Number(process.env.BENCH_EXPORT_PAIRS ?? 100_000);
const MiB = 2 ** 20;

interface ExportFigures {
  rows: number;
  seconds: number;
  /** CPU time of the whole process (all threads), less sensitive than wall time to a busy machine. */
  cpuSeconds: number;
  rowsPerSecond: number;
  fileMiB: number;
  rssBeforeMiB: number;
  peakRssMiB: number;
}

/** Runs one export while sampling RSS every 20 ms; the export yields between chunks, so samples land. */
async function measure(request: ExportRequest, db: ReturnType<typeof openDatabase>): Promise<ExportFigures> {
  globalThis.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  try {
    const result = await exportPairs(db, request);
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    peak = Math.max(peak, process.memoryUsage().rss);
    return {
      rows: result.rows,
      seconds: Number(seconds.toFixed(2)),
      cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
      rowsPerSecond: Math.round(result.rows / seconds),
      fileMiB: Number((fs.statSync(request.file).size / MiB).toFixed(1)),
      rssBeforeMiB: Math.round(rssBefore / MiB),
      peakRssMiB: Math.round(peak / MiB),
    };
  } finally {
    clearInterval(sampler);
  }
}

async function runAtSize(pairCount: number, dir: string): Promise<Record<string, ExportFigures>> {
  const dbFile = path.join(dir, `bench-${pairCount}.sqlite`);
  const db = openDatabase(dbFile);
  try {
    seedSyntheticCorpus(db, pairCount);
    return {
      xlsx: await measure({ file: path.join(dir, `pairs-${pairCount}.xlsx`) }, db),
      csvBr: await measure({ file: path.join(dir, `pairs-${pairCount}.csv`), csvVariant: 'br' }, db),
      csvIntl: await measure({ file: path.join(dir, `pairs-${pairCount}-intl.csv`), csvVariant: 'intl' }, db),
    };
  } finally {
    db.close();
  }
}

export async function benchExport(): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aderencia-bench-export-'));
  try {
    const quarter = await runAtSize(Math.round(PAIRS / 4), dir);
    const full = await runAtSize(PAIRS, dir);
    return { [`pairs${Math.round(PAIRS / 4)}`]: quarter, [`pairs${PAIRS}`]: full };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
