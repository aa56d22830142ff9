// Reads the pairs the adherence model trains on and predicts: the thesis and theme text of each
// pair joined into PairText rows, with the current level. Theses and themes are read once and
// shared by all their pairs, so 100,000 pairs do not hold 100,000 copies of an abstract.

import { LEVEL_INDEX, type Level } from '../../shared/levels';
import type { PairText } from '../model/features/extractor';
import type { Db } from './connection';

export interface ModelInputRow extends PairText {
  /** Current level index (0 BAIXA, 1 MÉDIA, 2 ALTA), or -1 for an unlabelled pair. */
  label: number;
}

export interface ModelInputFilter {
  /** Only pairs with a current label. */
  labelledOnly?: boolean;
  /** Only these pairs. */
  pairIds?: readonly number[];
}

interface ThesisRow {
  id: number;
  title: string;
  abstract: string | null;
  keywords: string | null;
  programme: string | null;
  research_line: string | null;
  project: string | null;
  concentration_area: string | null;
  grande_area: string | null;
  area: string | null;
}

interface ThemeRow {
  id: number;
  name: string;
  keywords: string;
  macro_theme: string | null;
  uf: string | null;
}

function parseKeywords(json: string): string[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? value.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

interface PairRow {
  id: number;
  thesisId: number;
  themeId: number;
  level: Level | null;
}

type ThemeText = ThemeRow & { parsedKeywords: string[] };

function selection(filter: ModelInputFilter): { where: string; params: Record<string, string> } {
  const where: string[] = [];
  if (filter.labelledOnly) where.push('p.level IS NOT NULL');
  if (filter.pairIds) where.push('p.id IN (SELECT value FROM json_each(@ids))');
  return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', params: filter.pairIds ? { ids: JSON.stringify(filter.pairIds) } : {} };
}

/** Loads pairs ordered by thesis, then pair id, so each thesis's pairs are contiguous. */
export function loadModelInputs(db: Db, filter: ModelInputFilter = {}): ModelInputRow[] {
  const { where, params } = selection(filter);
  const pairs = db.prepare(`SELECT p.id, p.thesis_id AS thesisId, p.theme_id AS themeId, p.level FROM pairs p ${where} ORDER BY p.thesis_id, p.id`).all(params) as PairRow[];
  return withTexts(db, pairs, new Map());
}

/** The pairs a filter selects, read batch by batch. */
export interface ModelInputSelection {
  /** Pairs selected. */
  total: number;
  /**
   * Yields the pairs in the order of loadModelInputs, in batches of whole theses of about
   * `batchPairs` pairs, a thesis with more pairs making a batch of its own.
   */
  batches(batchPairs?: number): Generator<ModelInputRow[], void, void>;
}

/**
 * Selects the pairs a filter keeps for batch reading. Only their pair and thesis ids are held, so
 * memory does not grow with the corpus, and texts are read batch by batch.
 */
export function selectModelInputs(db: Db, filter: ModelInputFilter = {}): ModelInputSelection {
  const { where, params } = selection(filter);
  const counted = (db.prepare(`SELECT COUNT(*) AS n FROM pairs p ${where}`).get(params) as { n: number }).n;
  const pairIds = new Int32Array(counted);
  const thesisIds = new Int32Array(counted);
  let total = 0;
  for (const [pairId, thesisId] of db.prepare(`SELECT p.id, p.thesis_id FROM pairs p ${where} ORDER BY p.thesis_id, p.id`).raw().iterate(params) as Iterable<[number, number]>) {
    // Pairs added by another connection after the count are left for the next run.
    if (total === counted) break;
    pairIds[total] = pairId;
    thesisIds[total] = thesisId;
    total += 1;
  }

  function* batches(batchPairs = 4096): Generator<ModelInputRow[], void, void> {
    const statement = db.prepare(
      'SELECT p.id, p.thesis_id AS thesisId, p.theme_id AS themeId, p.level FROM pairs p WHERE p.id IN (SELECT value FROM json_each(?)) ORDER BY p.thesis_id, p.id',
    );
    const themes = new Map<number, ThemeText>();
    let start = 0;
    while (start < total) {
      let end = Math.min(total, start + batchPairs);
      // Extends the batch to the end of its last thesis, so relative features see whole theses.
      while (end < total && thesisIds[end] === thesisIds[end - 1]) end += 1;
      const pairs = statement.all(JSON.stringify(Array.from(pairIds.subarray(start, end)))) as PairRow[];
      if (pairs.length > 0) yield withTexts(db, pairs, themes);
      start = end;
    }
  }
  return { total, batches };
}

/** Joins thesis and theme text to pair rows; `themes` caches theme rows across calls. */
function withTexts(db: Db, pairs: readonly PairRow[], themes: Map<number, ThemeText>): ModelInputRow[] {
  if (pairs.length === 0) return [];
  const theses = new Map<number, ThesisRow>();
  const thesisStatement = db.prepare(
    `SELECT id, title, abstract, keywords, programme, research_line, project, concentration_area, grande_area, area
       FROM theses WHERE id IN (SELECT value FROM json_each(?))`,
  );
  const themeStatement = db.prepare('SELECT id, name, keywords, macro_theme, uf FROM themes WHERE id IN (SELECT value FROM json_each(?))');
  const thesisIds = [...new Set(pairs.map((p) => p.thesisId))];
  const themeIds = [...new Set(pairs.map((p) => p.themeId))].filter((id) => !themes.has(id));
  for (let i = 0; i < thesisIds.length; i += 5000) {
    for (const row of thesisStatement.all(JSON.stringify(thesisIds.slice(i, i + 5000))) as ThesisRow[]) theses.set(row.id, row);
  }
  for (let i = 0; i < themeIds.length; i += 5000) {
    for (const row of themeStatement.all(JSON.stringify(themeIds.slice(i, i + 5000))) as ThemeRow[]) {
      themes.set(row.id, { ...row, parsedKeywords: parseKeywords(row.keywords) });
    }
  }

  return pairs.map((pair) => {
    const thesis = theses.get(pair.thesisId)!;
    const theme = themes.get(pair.themeId)!;
    return {
      pairId: pair.id,
      thesisId: pair.thesisId,
      themeId: pair.themeId,
      title: thesis.title,
      abstract: thesis.abstract,
      keywords: thesis.keywords,
      programme: thesis.programme,
      researchLine: thesis.research_line,
      project: thesis.project,
      concentrationArea: thesis.concentration_area,
      grandeArea: thesis.grande_area,
      area: thesis.area,
      themeName: theme.name,
      themeKeywords: theme.parsedKeywords,
      macroTheme: theme.macro_theme,
      themeUf: theme.uf,
      label: pair.level ? LEVEL_INDEX[pair.level] : -1,
    };
  });
}

/** Labelled pairs per level. */
export function labelCounts(db: Db): Record<Level, number> {
  const counts: Record<Level, number> = { BAIXA: 0, MEDIA: 0, ALTA: 0 };
  for (const row of db.prepare('SELECT level, COUNT(*) AS n FROM pairs WHERE level IS NOT NULL GROUP BY level').all() as { level: Level; n: number }[]) {
    counts[row.level] = row.n;
  }
  return counts;
}

export interface SiblingTheme {
  themeId: number;
  name: string;
  keywords: string[];
}

/**
 * Returns every theme each thesis is paired with, labelled or not, by thesis id. The lexical
 * extractor ranks a pair among all of its thesis's themes, so training on the labelled pairs and
 * predicting all pairs see the same ranking.
 */
export function themesPairedWith(db: Db, thesisIds: readonly number[]): Map<number, SiblingTheme[]> {
  const out = new Map<number, SiblingTheme[]>();
  if (thesisIds.length === 0) return out;
  const rows = db
    .prepare(
      `SELECT p.thesis_id AS thesisId, th.id AS themeId, th.name, th.keywords
         FROM pairs p JOIN themes th ON th.id = p.theme_id
        WHERE p.thesis_id IN (SELECT value FROM json_each(?))
        ORDER BY p.thesis_id, th.id`,
    )
    .all(JSON.stringify(thesisIds)) as { thesisId: number; themeId: number; name: string; keywords: string }[];
  for (const row of rows) {
    const list = out.get(row.thesisId) ?? [];
    list.push({ themeId: row.themeId, name: row.name, keywords: parseKeywords(row.keywords) });
    out.set(row.thesisId, list);
  }
  return out;
}
