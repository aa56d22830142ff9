// `npm run bench`: runs every benchmark (or those named on the command line) one after another and
// prints their figures as JSON. Each benchmark module exports one async function returning its
// figures; the figures recorded in docs/benchmarks.md come from these runs.
//
//   npm run bench                 # all
//   npm run bench -- import train # some

import os from 'node:os';

interface BenchModule {
  name: string;
  load: () => Promise<() => Promise<unknown>>;
}

const BENCHMARKS: BenchModule[] = [
  { name: 'import', load: async () => (await import('./import')).benchImport },
  { name: 'query', load: async () => (await import('./query')).benchQuery },
  { name: 'export', load: async () => (await import('./export')).benchExport },
  { name: 'train', load: async () => (await import('./train')).benchTrain },
  { name: 'embed', load: async () => (await import('./embed')).benchEmbed },
  { name: 'ui', load: async () => (await import('./ui')).benchUi },
  { name: 'scale', load: async () => (await import('./scale')).benchScale },
];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !BENCHMARKS.some((b) => b.name === name));
  if (unknown.length) {
    process.stderr.write(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${BENCHMARKS.map((b) => b.name).join(', ')}\n`);
    process.exitCode = 2;
    return;
  }
  const machine = {
    date: new Date().toISOString(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
  process.stdout.write(`${JSON.stringify({ machine })}\n`);
  for (const bench of BENCHMARKS) {
    if (wanted.length && !wanted.includes(bench.name)) continue;
    process.stderr.write(`== ${bench.name}\n`);
    const run = await bench.load();
    const started = performance.now();
    const figures = await run();
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(`${JSON.stringify({ bench: bench.name, seconds: Number(seconds.toFixed(1)), figures })}\n`);
  }
}

await main();
