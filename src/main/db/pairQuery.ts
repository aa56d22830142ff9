// Read-only queries over pairs for the Pairs screen, the command line and the export: a page of
// rows, the count for a filter, facet values and counts per theme × level. Every query is built
// from one PairFilter by filterSql(), so a list, its count and an export of it always agree.
//
// Speed at 100,000+ pairs rests on four things. List filters travel as one JSON parameter
// (json_each) instead of thousands of placeholders. Free text goes through the FTS5 index
// thesis_search. The indexes of migrations 0001 and 0003 serve the other filters. Keyset paging
// (`after`) reads on without re-sorting skipped rows. bench/query.ts measures it.

import { AppError } from '../../shared/errors';
import {
  LEVEL_FILTER_VALUES,
  type LevelFilterValue,
  type PairFacets,
  type PairFilter,
  type PairPageResult,
  type PairRow,
  type PairSort,
  type PairSortKey,
  type ThemeLevelCount,
} from '../../shared/filters';
import type { Level } from '../../shared/levels';
import type { Db } from './connection';

export interface ActiveModel {
  id: number;
  name: string;
}

/** Returns the active model version, or null when none is active. */
export function activeModel(db: Db): ActiveModel | null {
  const row = db.prepare('SELECT id, name FROM model_versions WHERE active = 1').get() as ActiveModel | undefined;
  return row ?? null;
}

interface FilterSql {
  /** JOIN clauses beyond `pairs p JOIN themes th`. */
  joins: string;
  where: string;
  params: Record<string, unknown>;
}

interface SqlNeeds {
  theses: boolean;
  predictions: boolean;
}

/**
 * Turns free text into an FTS5 query: every word must occur, each as a prefix. Only letters and
 * digits survive, so quotes and FTS5 operators in user input can never change the query's meaning.
 * Returns null when no word is left.
 */
export function ftsQuery(text: string): string | null {
  const words = text.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words.map((word) => `"${word}"*`).join(' ');
}

const LEVEL_RANK_SQL = (column: string): string =>
  `(CASE ${column} WHEN 'BAIXA' THEN 0 WHEN 'MEDIA' THEN 1 WHEN 'ALTA' THEN 2 ELSE -1 END)`;

const CONFIDENCE_SQL = 'max(pr.p_baixa, pr.p_media, pr.p_alta)';

/** The thesis's state as pairing uses it, written exactly as the theses_state index is defined. */
const STATE_SQL = 'COALESCE(t.uf, t.researcher_uf)';

/**
 * Sort expressions. Each is never NULL (missing values sort first ascending), which keeps the
 * keyset comparison `(expr, p.id) > (?, ?)` a total order.
 */
const SORT_SQL: Record<PairSortKey, { expr: string; needs: Partial<SqlNeeds> }> = {
  pair: { expr: 'p.id', needs: {} },
  title: { expr: 't.title COLLATE NOCASE', needs: { theses: true } },
  year: { expr: 'coalesce(t.year, -1)', needs: { theses: true } },
  defenceDate: { expr: "coalesce(t.defence_date, '')", needs: { theses: true } },
  uf: { expr: `coalesce(${STATE_SQL}, '')`, needs: { theses: true } },
  theme: { expr: 'th.name COLLATE NOCASE', needs: {} },
  level: { expr: LEVEL_RANK_SQL('p.level'), needs: {} },
  predictedLevel: { expr: LEVEL_RANK_SQL('pr.level'), needs: { predictions: true } },
  confidence: { expr: `coalesce(${CONFIDENCE_SQL}, -1)`, needs: { predictions: true } },
};

function nonEmpty<T>(list: readonly T[] | undefined): list is readonly T[] {
  return list != null && list.length > 0;
}

/** Builds the WHERE clause and joins for a filter. `model` is the active model version, if any. */
function filterSql(filter: PairFilter, model: ActiveModel | null, extraNeeds: Partial<SqlNeeds> = {}): FilterSql {
  const where: string[] = [];
  const params: Record<string, unknown> = { activeModel: model?.id ?? -1 };
  const needs: SqlNeeds = { theses: extraNeeds.theses ?? false, predictions: extraNeeds.predictions ?? false };

  if (!filter.includeArchivedThemes) where.push('th.archived_at IS NULL');
  if (nonEmpty(filter.themeIds)) {
    where.push('p.theme_id IN (SELECT value FROM json_each(@themeIds))');
    params.themeIds = JSON.stringify(filter.themeIds);
  }
  if (nonEmpty(filter.macroThemes)) {
    where.push('th.macro_theme IN (SELECT value FROM json_each(@macroThemes))');
    params.macroThemes = JSON.stringify(filter.macroThemes);
  }
  addThesisConditions(filter, where, params, needs);
  addLevelConditions(filter, where, params, needs);

  const joins = [
    needs.theses ? 'JOIN theses t ON t.id = p.thesis_id' : '',
    needs.predictions ? 'LEFT JOIN predictions pr ON pr.pair_id = p.id AND pr.model_version_id = @activeModel' : '',
  ]
    .filter(Boolean)
    .join('\n');
  return { joins, where: where.length > 0 ? where.join(' AND ') : '1', params };
}

function addThesisConditions(filter: PairFilter, where: string[], params: Record<string, unknown>, needs: SqlNeeds): void {
  const lists = [
    ['ufs', STATE_SQL, filter.ufs],
    ['programmes', 't.programme', filter.programmes],
    ['areas', 't.area', filter.areas],
  ] as const;
  for (const [name, column, values] of lists) {
    if (!nonEmpty(values)) continue;
    where.push(`${column} IN (SELECT value FROM json_each(@${name}))`);
    params[name] = JSON.stringify(values);
    needs.theses = true;
  }
  if (filter.years?.from != null) {
    where.push('t.year >= @yearFrom');
    params.yearFrom = filter.years.from;
    needs.theses = true;
  }
  if (filter.years?.to != null) {
    where.push('t.year <= @yearTo');
    params.yearTo = filter.years.to;
    needs.theses = true;
  }
  const match = filter.search ? ftsQuery(filter.search) : null;
  if (match) {
    where.push('p.thesis_id IN (SELECT rowid FROM thesis_search WHERE thesis_search MATCH @search)');
    params.search = match;
  }
}

function addLevelConditions(filter: PairFilter, where: string[], params: Record<string, unknown>, needs: SqlNeeds): void {
  if (nonEmpty(filter.levels)) {
    const levels = filter.levels.filter((level) => level !== 'none');
    const parts: string[] = [];
    // The unary + keeps SQLite off the pairs_level index. With four values a level selects a large
    // share of the pairs, but without ANALYZE statistics the planner drives the whole query from
    // that index instead of from a selective state or theme: 100 ms instead of 15 ms at 100,000 pairs.
    if (levels.length > 0) {
      parts.push('+p.level IN (SELECT value FROM json_each(@levels))');
      params.levels = JSON.stringify(levels);
    }
    if (filter.levels.includes('none')) parts.push('+p.level IS NULL');
    where.push(`(${parts.join(' OR ')})`);
  }
  if (nonEmpty(filter.sources)) {
    const parts: string[] = [];
    const labelSources = filter.sources.filter((source) => source !== 'model' && source !== 'none');
    if (labelSources.length > 0) {
      parts.push('p.level_source IN (SELECT value FROM json_each(@labelSources))');
      params.labelSources = JSON.stringify(labelSources);
    }
    if (filter.sources.includes('model')) parts.push('(p.level IS NULL AND pr.level IS NOT NULL)');
    if (filter.sources.includes('none')) parts.push('(p.level IS NULL AND pr.level IS NULL)');
    if (filter.sources.includes('model') || filter.sources.includes('none')) needs.predictions = true;
    where.push(`(${parts.join(' OR ')})`);
  }
  if (nonEmpty(filter.predictedLevels)) {
    where.push('pr.level IN (SELECT value FROM json_each(@predictedLevels))');
    params.predictedLevels = JSON.stringify(filter.predictedLevels);
    needs.predictions = true;
  }
  if (filter.confidence?.min != null) {
    where.push(`${CONFIDENCE_SQL} >= @confidenceMin`);
    params.confidenceMin = filter.confidence.min;
    needs.predictions = true;
  }
  if (filter.confidence?.max != null) {
    where.push(`${CONFIDENCE_SQL} <= @confidenceMax`);
    params.confidenceMax = filter.confidence.max;
    needs.predictions = true;
  }
  if (filter.disagreement != null) {
    where.push(filter.disagreement ? 'p.level <> pr.level' : 'p.level = pr.level');
    needs.predictions = true;
  }
}

/** Counts the pairs a filter selects. */
export function countPairs(db: Db, filter: PairFilter = {}): number {
  const sql = filterSql(filter, activeModel(db));
  const row = db
    .prepare(`SELECT count(*) AS n FROM pairs p JOIN themes th ON th.id = p.theme_id ${sql.joins} WHERE ${sql.where}`)
    .get(sql.params) as { n: number };
  return row.n;
}

const ROW_COLUMNS = `
  p.id AS pairId, t.id AS thesisId, t.source_id AS thesisSourceId, t.source_id_field AS thesisSourceIdField,
  t.title, t.abstract, t.abstract_en AS abstractEn, t.keywords, t.keywords_en AS keywordsEn,
  t.programme, t.programme_code AS programmeCode, t.institution, t.institution_acronym AS institutionAcronym,
  t.uf, t.researcher_uf AS researcherUf, t.region, t.grande_area AS grandeArea, t.area, t.subarea,
  t.especialidade, t.area_avaliacao AS areaAvaliacao, t.degree, t.subtype, t.defence_date AS defenceDate,
  t.year, t.concentration_area AS concentrationArea, t.research_line AS researchLine, t.project,
  th.id AS themeId, th.source_id AS themeSourceId, th.name AS themeName, th.uf AS themeUf,
  th.macro_theme AS macroTheme,
  p.level, p.level_source AS levelSource,
  pr.level AS predictedLevel, pr.p_baixa AS pBaixa, pr.p_media AS pMedia, pr.p_alta AS pAlta,
  le.curator AS labelCurator, le.created_at AS labelledAt, pr.justification AS justification`;

/** The joins ROW_COLUMNS reads besides pairs, theses and themes. */
const ROW_JOINS = `
  LEFT JOIN predictions pr ON pr.pair_id = p.id AND pr.model_version_id = @activeModel
  LEFT JOIN label_events le ON le.id = p.level_event_id`;

type RawRow = Omit<PairRow, 'origin' | 'modelVersion'> & { sortValue: string | number };

interface Cursor {
  value: string | number;
  pairId: number;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.value, cursor.pairId]), 'utf8').toString('base64url');
}

function decodeCursor(text: string): Cursor {
  try {
    const [value, pairId] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if ((typeof value === 'string' || typeof value === 'number') && Number.isInteger(pairId)) {
      return { value, pairId: pairId as number };
    }
  } catch {
    // Falls through to the error below: a cursor is opaque, so any parse failure means it is invalid.
  }
  throw new AppError('invalid_input', `Invalid page cursor: ${text.slice(0, 40)}`, {
    field: 'page.after',
    reason: 'invalid cursor; request the first page again',
  });
}

export interface PageRequest {
  limit: number;
  offset?: number;
  after?: string;
}

/**
 * Returns one page of pair rows in `sort` order, ties broken by pair id. Callers outside the main
 * process pass input through parsePairQuery first; this function trusts its arguments' shape.
 */
export function queryPairs(
  db: Db,
  filter: PairFilter,
  sort: PairSort = { key: 'pair', direction: 'asc' },
  page: PageRequest = { limit: 100 },
): PairPageResult {
  const model = activeModel(db);
  const order = SORT_SQL[sort.key];
  const sql = filterSql(filter, model, order.needs);
  const descending = sort.direction === 'desc';
  const direction = descending ? 'DESC' : 'ASC';
  let where = sql.where;
  const params = { ...sql.params, limit: page.limit, offset: page.offset ?? 0 };
  if (page.after) {
    const cursor = decodeCursor(page.after);
    // For the pair order a plain comparison lets SQLite seek the rowid instead of scanning. The
    // export reads every chunk this way, so a scan per chunk would make it quadratic.
    where +=
      sort.key === 'pair'
        ? ` AND p.id ${descending ? '<' : '>'} @afterPair`
        : ` AND (${order.expr}, p.id) ${descending ? '<' : '>'} (@afterValue, @afterPair)`;
    Object.assign(params, { afterValue: cursor.value, afterPair: cursor.pairId, offset: 0 });
  }

  // The page's pair ids are chosen on a narrow row (id and sort value) and only those rows are
  // joined to their thesis texts, so sorting 100,000 pairs never carries 100,000 abstracts.
  const rows = db
    .prepare(
      `WITH page AS (
         SELECT p.id AS pairId, ${order.expr} AS sortValue
           FROM pairs p JOIN themes th ON th.id = p.theme_id
           ${sql.joins}
          WHERE ${where}
          ORDER BY ${order.expr} ${direction}, p.id ${direction}
          LIMIT @limit OFFSET @offset
       )
       SELECT ${ROW_COLUMNS}, page.sortValue AS sortValue
         FROM page
         JOIN pairs p ON p.id = page.pairId
         JOIN theses t ON t.id = p.thesis_id
         JOIN themes th ON th.id = p.theme_id
         ${ROW_JOINS}
        ORDER BY page.sortValue ${direction}, p.id ${direction}`,
    )
    .all(params) as RawRow[];

  const last = rows[rows.length - 1];
  const nextCursor = rows.length === page.limit && last ? encodeCursor({ value: last.sortValue, pairId: last.pairId }) : null;
  return { rows: rows.map((row) => toPairRow(row, model)), nextCursor };
}

function toPairRow(raw: RawRow, model: ActiveModel | null): PairRow {
  const { sortValue: _sortValue, ...row } = raw;
  const predicted = row.predictedLevel != null;
  let origin: PairRow['origin'] = 'none';
  if (row.level != null && row.levelSource != null) origin = row.levelSource;
  else if (predicted) origin = 'model';
  return { ...row, origin, modelVersion: predicted && model ? model.name : null };
}

/**
 * Yields every pair a filter selects, in chunks read by keyset paging. Each chunk is its own
 * query, so the connection stays free for other work between chunks (better-sqlite3 blocks a
 * connection while a statement iterates).
 * NOTE: rows written by another caller between two chunks may or may not appear, because the
 * read is not one snapshot. An export made while no other writer is active is exact.
 */
export function* iteratePairs(
  db: Db,
  filter: PairFilter,
  sort: PairSort = { key: 'pair', direction: 'asc' },
  chunkSize = 2000,
): Generator<PairRow[], void, void> {
  let after: string | undefined;
  for (;;) {
    const page = queryPairs(db, filter, sort, { limit: chunkSize, after });
    if (page.rows.length > 0) yield page.rows;
    if (!page.nextCursor) return;
    after = page.nextCursor;
  }
}

function tally<T extends string | number>(counts: Map<T, number>, value: T | null, n: number): void {
  if (value == null) return;
  counts.set(value, (counts.get(value) ?? 0) + n);
}

function compareValues<T extends string | number>(a: T, b: T): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

function sortedFacet<T extends string | number>(counts: Map<T, number>): { value: T; count: number }[] {
  return [...counts.entries()].sort(([a], [b]) => compareValues(a, b)).map(([value, count]) => ({ value, count }));
}

/**
 * Returns the distinct states, themes, macro-themes, programmes, areas and years, with pair
 * counts. Two queries serve all six facets: pairs grouped per thesis (which the (thesis_id,
 * theme_id) index delivers in order) and per theme, each then summed in JavaScript.
 */
export function pairFacets(db: Db, filter: PairFilter = {}): PairFacets {
  const sql = filterSql(filter, activeModel(db), { theses: true });
  const perThesis = db
    .prepare(
      `SELECT ${STATE_SQL} AS uf, t.programme AS programme, t.area AS area, t.year AS year, count(*) AS n
         FROM pairs p JOIN themes th ON th.id = p.theme_id ${sql.joins}
        WHERE ${sql.where}
        GROUP BY p.thesis_id`,
    )
    .all(sql.params) as { uf: string | null; programme: string | null; area: string | null; year: number | null; n: number }[];
  const ufs = new Map<string, number>();
  const programmes = new Map<string, number>();
  const areas = new Map<string, number>();
  const years = new Map<number, number>();
  for (const row of perThesis) {
    tally(ufs, row.uf, row.n);
    tally(programmes, row.programme, row.n);
    tally(areas, row.area, row.n);
    tally(years, row.year, row.n);
  }

  const themes = db
    .prepare(
      `SELECT th.id AS value, count(*) AS count, th.name AS name, th.source_id AS sourceId, th.uf AS uf,
              th.macro_theme AS macroTheme
         FROM pairs p JOIN themes th ON th.id = p.theme_id ${sql.joins}
        WHERE ${sql.where}
        GROUP BY th.id ORDER BY th.name COLLATE NOCASE, th.id`,
    )
    .all(sql.params) as PairFacets['themes'];
  const macroThemes = new Map<string, number>();
  for (const theme of themes) tally(macroThemes, theme.macroTheme, theme.count);

  return {
    ufs: sortedFacet(ufs),
    themes,
    macroThemes: sortedFacet(macroThemes),
    programmes: sortedFacet(programmes),
    areas: sortedFacet(areas),
    years: sortedFacet(years),
  };
}

/** Counts pairs per theme and current level, themes in name order. */
export function themeLevelCounts(db: Db, filter: PairFilter = {}): ThemeLevelCount[] {
  const sql = filterSql(filter, activeModel(db));
  const rows = db
    .prepare(
      `SELECT th.id AS themeId, th.source_id AS themeSourceId, th.name AS themeName, p.level AS level, count(*) AS n
         FROM pairs p JOIN themes th ON th.id = p.theme_id ${sql.joins}
        WHERE ${sql.where}
        GROUP BY th.id, p.level
        ORDER BY th.name COLLATE NOCASE, th.id`,
    )
    .all(sql.params) as { themeId: number; themeSourceId: string | null; themeName: string; level: Level | null; n: number }[];

  const byTheme = new Map<number, ThemeLevelCount>();
  for (const row of rows) {
    let entry = byTheme.get(row.themeId);
    if (!entry) {
      const counts = Object.fromEntries(LEVEL_FILTER_VALUES.map((level) => [level, 0])) as Record<LevelFilterValue, number>;
      entry = { themeId: row.themeId, themeSourceId: row.themeSourceId, themeName: row.themeName, counts, total: 0 };
      byTheme.set(row.themeId, entry);
    }
    entry.counts[row.level ?? 'none'] += row.n;
    entry.total += row.n;
  }
  return [...byTheme.values()];
}

/** Returns one pair as the list shows it (archived themes included), or null when it does not exist. */
export function getPairRow(db: Db, pairId: number): PairRow | null {
  const model = activeModel(db);
  const sql = filterSql({ includeArchivedThemes: true }, model, { theses: true });
  const row = db
    .prepare(
      `SELECT ${ROW_COLUMNS}, p.id AS sortValue
         FROM pairs p JOIN themes th ON th.id = p.theme_id
         ${sql.joins}
         ${ROW_JOINS}
        WHERE ${sql.where} AND p.id = @pairId`,
    )
    .get({ ...sql.params, pairId }) as RawRow | undefined;
  return row ? toPairRow(row, model) : null;
}
