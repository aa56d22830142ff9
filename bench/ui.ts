// UI benchmark: the real renderer in Debian's Chromium, served by the loopback web host over a
// temporary database of 100,000 pairs. The pairs repeat the real theses against the real themes;
// a third carry labels and all carry one active model's predictions. Times are taken inside the
// page, so they include the API round trip but not the test driver's own latency:
// - first screen: navigation start to the Pairs table showing its first rows (target 2 s);
// - filter change: a click on a level filter to the new count and first rows shown (target 200 ms);
// - key press to next pair: a J key press on Review to the next pair rendered (target 50 ms).

import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';

import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';

import { openDatabase, type Db } from '../src/main/db/connection';
import { chromiumAvailable, launchBrowser } from '../test/helpers/browser';
import buildRenderer from '../test/helpers/buildRenderer';
import { tempDir } from '../test/helpers/db';
import { insertModelVersion, insertTheme, insertThesis, SHARED_DATA } from '../test/helpers/pairs';
import { startTestWebHost } from '../test/helpers/webhost';

const PAIRS = Number(process.env.BENCH_UI_PAIRS ?? 100_000);
const FILTER_REPEATS = 10;
const KEY_REPEATS = 30;

interface ThesisRecord {
  source: string;
  source_id: string;
  title: string;
  abstract: string;
  keywords: string;
  institution: string;
  uf: string;
  programme: string;
  area: string;
  year: string;
}

/** Real theses × real themes until PAIRS pairs exist; labels and predictions by plain SQL. */
function seed(db: Db): { theses: number; themes: number; pairs: number } {
  const theses = parse(fs.readFileSync(path.join(SHARED_DATA, 'theses.csv')), { columns: true }) as ThesisRecord[];
  const themes = parse(fs.readFileSync(path.join(SHARED_DATA, 'themes.tsv')), { columns: true, delimiter: '\t', quote: false }) as { tema_id: string; tema: string }[];
  const perThesis = Math.ceil(PAIRS / theses.length);
  db.transaction(() => {
    const modelId = insertModelVersion(db, 'bench-ui-v1');
    const themeIds = themes.map((theme, i) => insertTheme(db, { sourceId: theme.tema_id, macroTheme: `Macrotema ${i % 20}`, name: theme.tema }));
    const insertPair = db.prepare("INSERT INTO pairs (thesis_id, theme_id, created_at) VALUES (?, ?, '2026-01-01T00:00:00Z')");
    let pairs = 0;
    theses.forEach((record, index) => {
      if (pairs >= PAIRS) return;
      const thesisId = insertThesis(db, {
        sourceId: `${record.source}:${record.source_id}`,
        sourceIdField: 'hash_id',
        title: record.title,
        abstract: record.abstract || null,
        keywords: record.keywords || null,
        institution: record.institution || null,
        programme: record.programme || null,
        uf: record.uf || null,
        area: record.area || null,
        year: record.year ? Number(record.year) : null,
      });
      for (let k = 0; k < perThesis && pairs < PAIRS; k += 1) {
        insertPair.run(thesisId, themeIds[(index * 7 + k * 13) % themeIds.length]);
        pairs += 1;
      }
    });
    db.exec(`
      INSERT INTO label_events (pair_id, level, source, created_at)
        SELECT id, CASE id % 9 WHEN 0 THEN 'BAIXA' WHEN 3 THEN 'MEDIA' ELSE 'ALTA' END, 'imported', '2026-01-01T00:00:00Z'
          FROM pairs WHERE id % 3 = 0;
      INSERT INTO predictions (pair_id, model_version_id, level, p_baixa, p_media, p_alta, created_at)
        SELECT id, ${modelId}, CASE id % 3 WHEN 0 THEN 'BAIXA' WHEN 1 THEN 'MEDIA' ELSE 'ALTA' END,
               CASE id % 3 WHEN 0 THEN 0.6 ELSE 0.2 END, CASE id % 3 WHEN 1 THEN 0.6 ELSE 0.2 END, CASE id % 3 WHEN 2 THEN 0.6 ELSE 0.2 END,
               '2026-01-01T00:00:00Z'
          FROM pairs;
    `);
  })();
  return { theses: Math.min(theses.length, Math.ceil(PAIRS / perThesis)), themes: themes.length, pairs: PAIRS };
}

function summary(samples: number[]): { medianMs: number; p95Ms: number; maxMs: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (value: number): number => Number(value.toFixed(1));
  return {
    medianMs: round(sorted[Math.floor(sorted.length / 2)]),
    p95Ms: round(sorted[Math.ceil(sorted.length * 0.95) - 1]),
    maxMs: round(sorted[sorted.length - 1]),
  };
}

// The timed steps run inside the page as plain JavaScript (this file is type-checked without the DOM
// library). Each returns the milliseconds from the input event to the next painted frame after the
// expected change.
const FILTER_CHANGE_SCRIPT = `async (testId) => {
  const table = document.querySelector('[data-testid="pairs-table"]');
  const button = document.querySelector('[data-testid="' + testId + '"]');
  const started = performance.now();
  await new Promise((resolve) => {
    let sawBusy = false;
    const observer = new MutationObserver(() => {
      if (table.dataset.ready === 'false') sawBusy = true;
      if (sawBusy && table.dataset.ready === 'true' && table.querySelector('[role="row"][data-pair-id]')) {
        observer.disconnect();
        resolve();
      }
    });
    observer.observe(table, { attributes: true, subtree: true, childList: true });
    button.click();
  });
  await new Promise((resolve) => requestAnimationFrame(resolve));
  return performance.now() - started;
}`;

const NEXT_PAIR_SCRIPT = `async () => {
  const before = document.querySelector('[data-testid="review-pair"]').dataset.pairId;
  const started = performance.now();
  await new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      const current = document.querySelector('[data-testid="review-pair"]');
      if (current && current.dataset.pairId !== before) {
        observer.disconnect();
        resolve();
      }
    });
    observer.observe(document.body, { attributes: true, subtree: true, childList: true });
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true }));
  });
  await new Promise((resolve) => requestAnimationFrame(resolve));
  return performance.now() - started;
}`;

/** Clicks a level filter and waits until the table shows the new first rows. */
async function timeFilterChange(page: Page, level: string): Promise<number> {
  return (await page.evaluate(`(${FILTER_CHANGE_SCRIPT})('filter-level-${level}')`)) as number;
}

/** Presses J on Review and waits until the next pair is rendered. */
async function timeNextPair(page: Page): Promise<number> {
  return (await page.evaluate(`(${NEXT_PAIR_SCRIPT})()`)) as number;
}

export async function benchUi(): Promise<Record<string, unknown>> {
  if (!chromiumAvailable()) throw new Error('Chromium is missing at /usr/bin/chromium (apt-get install chromium) or CHROMIUM_PATH');
  await buildRenderer();
  const dir = tempDir('aderencia-bench-ui-');
  const dbPath = path.join(dir, 'bench.sqlite');
  const seedStarted = performance.now();
  const db = openDatabase(dbPath);
  const seeded = seed(db);
  db.close();
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  const host = await startTestWebHost({ dbPath });
  const browser = await launchBrowser({ viewport: { width: 1366, height: 900 } });
  try {
    const page = await browser.open(`${host.url}#/pairs`);
    await page.waitForSelector('[data-testid="pairs-table"][data-ready="true"] [role="row"][data-pair-id]', { timeout: 60_000 });
    const firstScreenMs = (await page.evaluate('performance.now()')) as number;

    const filterSamples: number[] = [];
    for (let i = 0; i < FILTER_REPEATS; i += 1) {
      // Toggling ALTA on and off alternates between two filters, each a fresh query.
      filterSamples.push(await timeFilterChange(page, 'ALTA'));
    }

    // The web host serves the backend from this process, so its event-loop delay is the main
    // process's: the longest stall while the first review queue is ordered.
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const reviewStarted = performance.now();
    await page.click('[data-testid="nav-review"]');
    await page.waitForSelector('[data-testid="review-pair"]', { timeout: 60_000 });
    const reviewOpenMs = performance.now() - reviewStarted;
    delay.disable();
    const keySamples: number[] = [];
    for (let i = 0; i < KEY_REPEATS; i += 1) keySamples.push(await timeNextPair(page));

    return {
      pairs: seeded.pairs,
      theses: seeded.theses,
      themes: seeded.themes,
      seedSeconds: Number(seedSeconds.toFixed(1)),
      firstScreenMs: Number(firstScreenMs.toFixed(0)),
      filterChange: summary(filterSamples),
      keyToNextPair: summary(keySamples),
      reviewOpenMs: Number(reviewOpenMs.toFixed(0)),
      reviewLongestStallMs: Number((delay.max / 1e6).toFixed(0)),
      problems: browser.problems,
    };
  } finally {
    await browser.close();
    await host.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
