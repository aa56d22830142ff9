// Import benchmark. It builds a large CAPES-layout file by repeating the real rows of the CAPES
// sample, giving each copy its own ID_PRODUCAO_INTELECTUAL. A child process imports the file, so
// rows/s and peak RSS are the import's alone, and pandas read_csv then reads the same file.
//
//   node --import tsx bench/import.ts [MB]      # default 500 MB; ADERENCIA_BENCH_IMPORT_MB also sets it
//
// Figures for docs/benchmarks.md come from this script.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';

const SAMPLE = process.env.ADERENCIA_BENCH_CAPES ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared/data/capes/capes_2021_2024_humanas_ia_resumos.csv');
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');

export interface ImportBenchFigures {
  fileBytes: number;
  rows: number;
  /** 1-minute load average when the benchmark started: other work on the machine inflates wall times. */
  loadAverage: number;
  node: { seconds: number; cpuSeconds: number; rowsPerSecond: number; peakRssMiB: number; imported: number; skipped: number };
  pandas: { seconds: number; cpuSeconds: number; rowsPerSecond: number; peakRssMiB: number; rows: number; version: string } | { error: string };
}

function quoteAll(values: string[]): string {
  return values.map((value) => `"${value.replace(/"/g, '""')}"`).join(';');
}

/** Writes a CAPES-layout file of at least `targetBytes`, repeating the sample's rows with fresh ids. */
export function buildLargeCapesFile(file: string, targetBytes: number): { bytes: number; rows: number } {
  const records = parse(iconv.decode(fs.readFileSync(SAMPLE), 'latin1'), { delimiter: ';', bom: true }) as string[][];
  const [headers, ...rows] = records;
  const idColumn = headers.indexOf('ID_PRODUCAO_INTELECTUAL');
  const fd = fs.openSync(file, 'w');
  let bytes = 0;
  let count = 0;
  const write = (line: string): void => {
    const buffer = iconv.encode(`${line}\r\n`, 'latin1');
    fs.writeSync(fd, buffer);
    bytes += buffer.length;
  };
  try {
    write(quoteAll(headers));
    for (let copy = 0; bytes < targetBytes; copy += 1) {
      const chunk: string[] = [];
      for (const row of rows) {
        const values = [...row];
        values[idColumn] = `${values[idColumn]}${String(copy).padStart(5, '0')}`;
        chunk.push(quoteAll(values));
        count += 1;
      }
      write(chunk.join('\r\n'));
    }
  } finally {
    fs.closeSync(fd);
  }
  return { bytes, rows: count };
}

/** Child-process side: import FILE into DB and print rows, seconds and peak RSS as JSON. */
async function runChild(file: string, dbFile: string): Promise<void> {
  const { openDatabase } = await import('../src/main/db/connection');
  const { importFile } = await import('../src/main/corpus/service');
  const db = openDatabase(dbFile);
  const started = performance.now();
  const result = await importFile(db, file);
  const seconds = (performance.now() - started) / 1000;
  db.close();
  process.stdout.write(
    `${JSON.stringify({
      rowsRead: result.rowsRead,
      imported: result.imported,
      skipped: result.skipped,
      seconds,
      // CPU time of the whole child, startup included; microseconds in resourceUsage().
      cpuSeconds: (process.resourceUsage().userCPUTime + process.resourceUsage().systemCPUTime) / 1e6,
      maxRssKiB: process.resourceUsage().maxRSS,
    })}\n`,
  );
}

function findPython(): string | null {
  for (const candidate of [process.env.PYTHON, '/usr/bin/python3', 'python3']) {
    if (!candidate) continue;
    const probe = spawnSync(candidate, ['-c', 'import pandas'], { encoding: 'utf8' });
    if (probe.status === 0) return candidate;
  }
  return null;
}

function lastJsonLine(text: string): Record<string, unknown> {
  const lines = text.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as Record<string, unknown>;
}

export async function benchImport(megabytes = Number(process.env.ADERENCIA_BENCH_IMPORT_MB ?? 500)): Promise<ImportBenchFigures> {
  const loadAverage = round(os.loadavg()[0]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aderencia-bench-import-'));
  try {
    const file = path.join(dir, `capes_${megabytes}mb.csv`);
    process.stderr.write(`building ${megabytes} MB CAPES-layout file in ${dir}\n`);
    const built = buildLargeCapesFile(file, megabytes * 1024 * 1024);

    process.stderr.write(`importing ${built.rows} rows\n`);
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', file, path.join(dir, 'bench.sqlite')], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
      env: { ...process.env, ADERENCIA_HOME: dir },
    });
    if (child.status !== 0) throw new Error(`import child failed: ${child.stderr}`);
    const node = lastJsonLine(child.stdout) as {
      rowsRead: number;
      imported: number;
      skipped: number;
      seconds: number;
      cpuSeconds: number;
      maxRssKiB: number;
    };

    let pandas: ImportBenchFigures['pandas'];
    const python = findPython();
    if (!python) pandas = { error: 'pandas not found (install python3-pandas)' };
    else {
      process.stderr.write(`reading with pandas (${python})\n`);
      const run = spawnSync(python, [path.join(HERE, 'import_pandas.py'), file], { encoding: 'utf8' });
      if (run.status !== 0) pandas = { error: run.stderr.trim().split('\n').pop() ?? 'failed' };
      else {
        const figures = lastJsonLine(run.stdout) as { rows: number; seconds: number; cpu_seconds: number; peak_rss_kib: number; pandas: string };
        pandas = {
          rows: figures.rows,
          seconds: round(figures.seconds),
          cpuSeconds: round(figures.cpu_seconds),
          rowsPerSecond: Math.round(figures.rows / figures.seconds),
          peakRssMiB: Math.round(figures.peak_rss_kib / 1024),
          version: figures.pandas,
        };
      }
    }
    return {
      fileBytes: built.bytes,
      rows: built.rows,
      loadAverage,
      node: {
        seconds: round(node.seconds),
        cpuSeconds: round(node.cpuSeconds),
        rowsPerSecond: Math.round(node.rowsRead / node.seconds),
        peakRssMiB: Math.round(node.maxRssKiB / 1024),
        imported: node.imported,
        skipped: node.skipped,
      },
      pandas,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  if (process.argv[2] === '--child') {
    await runChild(process.argv[3], process.argv[4]);
  } else {
    const megabytes = process.argv[2] ? Number(process.argv[2]) : undefined;
    const figures = await benchImport(megabytes);
    process.stdout.write(`${JSON.stringify({ machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, node: process.version, date: new Date().toISOString() }, figures }, null, 2)}\n`);
  }
}
