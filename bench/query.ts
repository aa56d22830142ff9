// Query benchmark on a synthetic corpus of 100,000 pairs in a real SQLite file. It times what the
// Pairs screen does on each filter change (count plus first page), free-text search, deep paging by
// cursor and by offset, facets, and theme × level counts. Target: a filter change under 200 ms.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { openDatabase } from '../src/main/db/connection';
import { countPairs, pairFacets, queryPairs, themeLevelCounts } from '../src/main/db/pairQuery';
import type { PairFilter, PairSort } from '../src/shared/filters';
import { seedSyntheticCorpus } from '../test/helpers/pairs';

const PAIRS = Number(process.env.BENCH_QUERY_PAIRS ?? 100_000);
const REPEATS = 15;

interface Timing {
  medianMs: number;
  p95Ms: number;
}

function time(work: () => unknown): Timing {
  work();
  const samples: number[] = [];
  for (let i = 0; i < REPEATS; i += 1) {
    const started = performance.now();
    work();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const round = (value: number): number => Number(value.toFixed(1));
  return { medianMs: round(samples[Math.floor(samples.length / 2)]), p95Ms: round(samples[Math.ceil(samples.length * 0.95) - 1]) };
}

export async function benchQuery(): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aderencia-bench-query-'));
  const db = openDatabase(path.join(dir, 'bench.sqlite'));
  try {
    const seedStarted = performance.now();
    const seeded = seedSyntheticCorpus(db, PAIRS);
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    const filterChanges: Record<string, PairFilter> = {
      none: {},
      uf: { ufs: ['RS'] },
      ufLevel: { ufs: ['RS', 'SP'], levels: ['ALTA', 'none'] },
      theme: { themeIds: [1, 2, 3] },
      unlabelledByModel: { sources: ['model'], predictedLevels: ['ALTA'] },
      lowConfidence: { confidence: { max: 0.45 } },
      disagreement: { disagreement: true },
      yearsProgramme: { years: { from: 2005, to: 2010 }, programmes: ['Programa 7', 'Programa 8'] },
      search: { search: 'biodiversidade' },
      searchTwoWords: { search: 'inovacao agua' },
      searchAndUf: { search: 'educação', ufs: ['RS'] },
    };
    const sorts: Record<string, PairSort> = {
      pair: { key: 'pair', direction: 'asc' },
      title: { key: 'title', direction: 'asc' },
      confidence: { key: 'confidence', direction: 'desc' },
    };

    const filterChange: Record<string, Timing & { total: number }> = {};
    for (const [name, filter] of Object.entries(filterChanges)) {
      const total = countPairs(db, filter);
      filterChange[name] = {
        ...time(() => {
          countPairs(db, filter);
          queryPairs(db, filter, sorts.pair, { limit: 100 });
        }),
        total,
      };
    }

    const sortedFirstPage: Record<string, Timing> = {};
    for (const [name, sort] of Object.entries(sorts)) {
      sortedFirstPage[name] = time(() => queryPairs(db, {}, sort, { limit: 100 }));
    }

    // Page 500 of 100 rows: by offset, and by the cursor of page 499.
    const deepOffset = 499 * 100;
    const cursorPage = queryPairs(db, {}, sorts.title, { limit: 100, offset: deepOffset - 100 });
    const deepPage = {
      offsetByTitle: time(() => queryPairs(db, {}, sorts.title, { limit: 100, offset: deepOffset })),
      cursorByTitle: time(() => queryPairs(db, {}, sorts.title, { limit: 100, after: cursorPage.nextCursor ?? undefined })),
      offsetByPair: time(() => queryPairs(db, {}, sorts.pair, { limit: 100, offset: deepOffset })),
    };

    return {
      pairs: seeded.pairs,
      theses: seeded.theses,
      themes: seeded.themes,
      seedSeconds: Number(seedSeconds.toFixed(1)),
      repeats: REPEATS,
      filterChange,
      sortedFirstPage,
      deepPage,
      facets: time(() => pairFacets(db)),
      themeLevelCounts: time(() => themeLevelCounts(db)),
    };
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
