// The transformers.js side of bench/embed.ts, run as its own process: @huggingface/transformers
// loads its own onnxruntime-node build, which cannot share a process with the app's (the second
// binding would bind to the already loaded libonnxruntime.so.1 and fail its symbol versions).
//
//   node --import tsx bench/embed-transformers-js.ts REQUEST.json REPLY.json

import fs from 'node:fs';
import path from 'node:path';

const BATCH_SIZE = Number(process.env.BENCH_BATCH_SIZE ?? 8);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 2);

interface Reply {
  lengths: { tokens: number; perSecond: number; vectors: number[][] }[];
  peakRssMiB: number;
}

async function timeIt<T>(body: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const started = performance.now();
  const value = await body();
  return { seconds: (performance.now() - started) / 1000, value };
}

/** Runs transformers.js's feature-extraction pipeline on the same folder and texts, in a child process. */
async function runTransformersJs(requestFile: string, replyFile: string): Promise<void> {
  const { dir, threads, inputs } = JSON.parse(fs.readFileSync(requestFile, 'utf8')) as { dir: string; threads: number; inputs: { tokens: number; texts: string[] }[] };
  const transformers = await import('@huggingface/transformers');
  transformers.env.allowRemoteModels = false;
  transformers.env.allowLocalModels = true;
  transformers.env.localModelPath = path.dirname(dir);
  const extractor = await transformers.pipeline('feature-extraction', path.basename(dir), {
    dtype: 'fp32',
    device: 'cpu',
    session_options: { intraOpNumThreads: threads, interOpNumThreads: 1 },
  });
  const lengths: Reply['lengths'] = [];
  for (const { tokens, texts } of inputs) {
    await extractor(texts.slice(0, BATCH_SIZE), { pooling: 'mean', normalize: true });
    let best: { seconds: number; value: number[][] } | null = null;
    for (let repeat = 0; repeat < REPEATS; repeat += 1) {
      const run = await timeIt(async () => {
        const out: number[][] = [];
        for (let start = 0; start < texts.length; start += BATCH_SIZE) {
          const tensor = await extractor(texts.slice(start, start + BATCH_SIZE), { pooling: 'mean', normalize: true });
          out.push(...(tensor.tolist() as number[][]));
        }
        return out;
      });
      if (!best || run.seconds < best.seconds) best = run;
    }
    const run = best!;
    lengths.push({ tokens, perSecond: texts.length / run.seconds, vectors: run.value });
  }
  await extractor.dispose();
  fs.writeFileSync(replyFile, JSON.stringify({ lengths, peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }));
}


void runTransformersJs(process.argv[2], process.argv[3]);
