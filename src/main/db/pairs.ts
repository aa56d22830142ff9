// Pairs repository: (thesis, theme) pairs, labels brought by imports, pairing by state, and the
// counts per theme, level and label source.

import { AppError } from '../../shared/errors';
import type { Level } from '../../shared/levels';
import { nowIso, type Db } from './connection';
import { appendLabel } from './labels';
import { cachedStatement } from './theses';

/** Returns the pair of a thesis and a theme, creating it when missing. */
export function ensurePair(db: Db, thesisId: number, themeId: number): { id: number; created: boolean } {
  const existing = cachedStatement(db, 'SELECT id FROM pairs WHERE thesis_id = ? AND theme_id = ?').get(thesisId, themeId) as
    | { id: number }
    | undefined;
  if (existing) return { id: existing.id, created: false };
  const result = cachedStatement(db, 'INSERT INTO pairs (thesis_id, theme_id, created_at) VALUES (?, ?, ?)').run(
    thesisId,
    themeId,
    nowIso(),
  );
  return { id: Number(result.lastInsertRowid), created: true };
}

/**
 * What an imported label did: 'added' appended an event; 'unchanged' found the same level already
 * current; 'kept' left a curator's or an accepted prediction's level in place.
 */
export type ImportedLabelOutcome = 'added' | 'unchanged' | 'kept';

/**
 * Records a level read from a file as an 'imported' label event. A level set by a curator or by an
 * accepted prediction wins over any file, so re-importing an old spreadsheet never undoes review work.
 */
export function applyImportedLabel(db: Db, pairId: number, level: Level, note: string | null, importId: number): ImportedLabelOutcome {
  const current = cachedStatement(db, 'SELECT level, level_source FROM pairs WHERE id = ?').get(pairId) as
    | { level: Level | null; level_source: string | null }
    | undefined;
  if (!current) throw new RangeError(`applyImportedLabel: pair ${pairId} does not exist`);
  if (current.level === level) return 'unchanged';
  if (current.level != null && current.level_source !== 'imported') return 'kept';
  appendLabel(db, { pairId, level, source: 'imported', note, importId });
  return 'added';
}

export interface StatePairing {
  /** Effective state of the theses (institution's, else researcher's); null for theses with neither. */
  uf: string | null;
  created: number;
}

export interface PairingResult {
  created: number;
  byState: StatePairing[];
}

// A thesis goes with the active themes of its effective state and with every national theme.
const PAIRING_SELECT = `
  SELECT t.id, th.id, @now
    FROM theses t
    JOIN themes th
      ON th.archived_at IS NULL AND th.merged_into IS NULL
     AND (th.uf IS NULL OR th.uf = COALESCE(t.uf, t.researcher_uf))
   WHERE COALESCE(t.uf, t.researcher_uf) IS @uf`;

/**
 * Default maximum of pairs one pairing run may create. 100,000 theses times the ~17 themes of an
 * average state is 1.7 million pairs, so pairing by state fits. National themes pair with every
 * thesis: 458 of them and 12,993 theses make 5.95 million pairs, which is rarely intended.
 */
export const DEFAULT_MAX_NEW_PAIRS = 2_000_000;

export interface PairingScope {
  /** Import whose theses and themes (those it brought first) limit the run, as in `pairByState`. */
  importId?: number;
}

export interface NewPairCount {
  /** Pairs the run would create: `stateThemePairs + nationalThemePairs`. */
  total: number;
  /** New pairs with themes of the thesis's state. */
  stateThemePairs: number;
  /** New pairs with national themes (themes without a state). */
  nationalThemePairs: number;
  /** Active national themes within the run's scope, each of which pairs with every thesis in it. */
  nationalThemes: number;
}

interface GroupCount {
  uf: string | null;
  all: number;
  /** Rows whose import_id is the scope's import, or 0 without one. */
  fromImport: number;
}

// Pairs already stored that a run would otherwise create, split by national or state theme. The
// CROSS JOINs make SQLite start from the import's theses or themes instead of scanning all pairs.
const EXISTING_IN_SCOPE = {
  all: `SELECT COUNT(*) AS pairs, COALESCE(SUM(th.uf IS NULL), 0) AS national
          FROM pairs p JOIN theses t ON t.id = p.thesis_id JOIN themes th ON th.id = p.theme_id
         WHERE th.archived_at IS NULL AND th.merged_into IS NULL
           AND (th.uf IS NULL OR th.uf = COALESCE(t.uf, t.researcher_uf))`,
  byImportTheses: `SELECT COUNT(*) AS pairs, COALESCE(SUM(th.uf IS NULL), 0) AS national
          FROM theses t CROSS JOIN pairs p ON p.thesis_id = t.id CROSS JOIN themes th ON th.id = p.theme_id
         WHERE t.import_id = @importId AND th.archived_at IS NULL AND th.merged_into IS NULL
           AND (th.uf IS NULL OR th.uf = COALESCE(t.uf, t.researcher_uf))`,
  byImportThemes: `SELECT COUNT(*) AS pairs, COALESCE(SUM(th.uf IS NULL), 0) AS national
          FROM themes th CROSS JOIN pairs p ON p.theme_id = th.id CROSS JOIN theses t ON t.id = p.thesis_id
         WHERE th.import_id = @importId AND t.import_id IS NOT @importId AND th.archived_at IS NULL AND th.merged_into IS NULL
           AND (th.uf IS NULL OR th.uf = COALESCE(t.uf, t.researcher_uf))`,
};

function countExistingInScope(db: Db, importId: number | undefined): { pairs: number; national: number } {
  if (importId == null) return db.prepare(EXISTING_IN_SCOPE.all).get() as { pairs: number; national: number };
  const byTheses = db.prepare(EXISTING_IN_SCOPE.byImportTheses).get({ importId }) as { pairs: number; national: number };
  const byThemes = db.prepare(EXISTING_IN_SCOPE.byImportThemes).get({ importId }) as { pairs: number; national: number };
  return { pairs: byTheses.pairs + byThemes.pairs, national: byTheses.national + byThemes.national };
}

/**
 * Counts the pairs `pairByState` would create with the same scope, without creating any. The
 * candidates are computed from per-state counts of theses and themes, and the pairs already stored
 * in the scope are subtracted, so the count is exact and costs no more than one pass over those
 * pairs.
 */
export function countNewPairs(db: Db, scope: PairingScope = {}): NewPairCount {
  const importId = scope.importId ?? null;
  const theses = db
    .prepare(
      `SELECT COALESCE(uf, researcher_uf) AS uf, COUNT(*) AS "all", COALESCE(SUM(import_id = @importId), 0) AS fromImport
         FROM theses GROUP BY 1`,
    )
    .all({ importId }) as GroupCount[];
  const themes = db
    .prepare(
      `SELECT uf, COUNT(*) AS "all", COALESCE(SUM(import_id = @importId), 0) AS fromImport
         FROM themes WHERE archived_at IS NULL AND merged_into IS NULL GROUP BY uf`,
    )
    .all({ importId }) as GroupCount[];
  const themesByState = new Map(themes.map((row) => [row.uf, row]));
  const national = themesByState.get(null) ?? { uf: null, all: 0, fromImport: 0 };

  // Without an import every thesis meets every theme of its state. With one, a thesis of the import
  // meets every such theme, and an older thesis meets only the import's themes.
  let stateCandidates = 0;
  let nationalCandidates: number;
  let thesesAll = 0;
  let thesesFromImport = 0;
  for (const state of theses) {
    thesesAll += state.all;
    thesesFromImport += state.fromImport;
    const stateThemes = state.uf == null ? undefined : themesByState.get(state.uf);
    if (!stateThemes) continue;
    stateCandidates +=
      importId == null ? state.all * stateThemes.all : state.fromImport * stateThemes.all + (state.all - state.fromImport) * stateThemes.fromImport;
  }
  let nationalThemes: number;
  if (importId == null) {
    nationalCandidates = thesesAll * national.all;
    nationalThemes = thesesAll > 0 ? national.all : 0;
  } else {
    nationalCandidates = thesesFromImport * national.all + (thesesAll - thesesFromImport) * national.fromImport;
    nationalThemes = 0;
    if (thesesFromImport > 0) nationalThemes = national.all;
    else if (thesesAll > 0) nationalThemes = national.fromImport;
  }

  const existing = countExistingInScope(db, scope.importId);
  const stateThemePairs = stateCandidates - (existing.pairs - existing.national);
  const nationalThemePairs = nationalCandidates - existing.national;
  return { total: stateThemePairs + nationalThemePairs, stateThemePairs, nationalThemePairs, nationalThemes };
}

/** Throws a RangeError naming `caller` unless `maxNewPairs` is missing or a non-negative safe integer. */
export function checkMaxNewPairs(maxNewPairs: unknown, caller = 'pairByState'): void {
  if (maxNewPairs === undefined) return;
  if (typeof maxNewPairs !== 'number' || !Number.isSafeInteger(maxNewPairs) || maxNewPairs < 0) {
    throw new RangeError(`${caller}: maxNewPairs must be a non-negative integer, got ${String(maxNewPairs)}`);
  }
}

/**
 * Creates the missing pairs of every thesis with the themes of its state and the national themes.
 * With `importId`, only theses or themes first brought by that import are considered, which keeps
 * the work proportional to the import rather than to the corpus. Idempotent; existing pairs and
 * their labels are never removed. Call inside a transaction for all-or-nothing behaviour.
 * With `maxNewPairs`, a run that would create more pairs creates none and throws
 * AppError('pairing_too_many') with params wouldCreate, limit, nationalThemes and
 * nationalThemePairs. Without it there is no limit, so services pass DEFAULT_MAX_NEW_PAIRS.
 * NOTE: a thesis whose state a later import changes is re-paired only by a run without
 * `importId`, and its pairs with the old state's themes stay.
 */
export function pairByState(db: Db, options: PairingScope & { maxNewPairs?: number } = {}): PairingResult {
  checkMaxNewPairs(options.maxNewPairs);
  if (options.maxNewPairs !== undefined) {
    const count = countNewPairs(db, { importId: options.importId });
    if (count.total > options.maxNewPairs) throw pairingTooMany(count, options.maxNewPairs);
  }

  const states = db.prepare('SELECT DISTINCT COALESCE(uf, researcher_uf) AS uf FROM theses ORDER BY 1').all() as { uf: string | null }[];
  const now = nowIso();
  const statements =
    options.importId == null
      ? [db.prepare(`INSERT OR IGNORE INTO pairs (thesis_id, theme_id, created_at) ${PAIRING_SELECT}`)]
      : [
          db.prepare(`INSERT OR IGNORE INTO pairs (thesis_id, theme_id, created_at) ${PAIRING_SELECT} AND t.import_id = @importId`),
          db.prepare(`INSERT OR IGNORE INTO pairs (thesis_id, theme_id, created_at) ${PAIRING_SELECT} AND th.import_id = @importId`),
        ];
  const byState: StatePairing[] = [];
  let created = 0;
  for (const { uf } of states) {
    let count = 0;
    for (const statement of statements) {
      const params = options.importId == null ? { now, uf } : { now, uf, importId: options.importId };
      count += statement.run(params).changes;
    }
    byState.push({ uf, created: count });
    created += count;
  }
  return { created, byState };
}

function pairingTooMany(count: NewPairCount, limit: number): AppError {
  return new AppError(
    'pairing_too_many',
    `Pairing would create ${count.total} pairs, over the limit of ${limit}; ${count.nationalThemePairs} of them come from ${count.nationalThemes} national themes. No pair was created.`,
    {
      wouldCreate: count.total,
      limit,
      nationalThemes: count.nationalThemes,
      nationalThemePairs: count.nationalThemePairs,
      stateThemePairs: count.stateThemePairs,
    },
  );
}

export interface LevelCounts {
  BAIXA: number;
  MEDIA: number;
  ALTA: number;
  unlabelled: number;
}

export interface ThemePairCount extends LevelCounts {
  themeId: number;
  /** tema_id as imported. */
  sourceId: string | null;
  name: string;
  uf: string | null;
  pairs: number;
}

export interface StatePairCount extends LevelCounts {
  uf: string | null;
  pairs: number;
}

const LEVEL_SUMS = `SUM(p.level = 'BAIXA') AS BAIXA, SUM(p.level = 'MEDIA') AS MEDIA, SUM(p.level = 'ALTA') AS ALTA,
  SUM(p.level IS NULL) AS unlabelled`;

/** Counts pairs per level, over the whole corpus. */
export function countPairsByLevel(db: Db): LevelCounts & { pairs: number } {
  const row = db.prepare(`SELECT COUNT(*) AS pairs, ${LEVEL_SUMS} FROM pairs p`).get() as Record<string, number | null>;
  return {
    pairs: row.pairs ?? 0,
    BAIXA: row.BAIXA ?? 0,
    MEDIA: row.MEDIA ?? 0,
    ALTA: row.ALTA ?? 0,
    unlabelled: row.unlabelled ?? 0,
  };
}

/** Counts pairs per theme and level, themes with pairs first by name. */
export function countPairsByTheme(db: Db): ThemePairCount[] {
  return db
    .prepare(
      `SELECT th.id AS themeId, th.source_id AS sourceId, th.name, th.uf, COUNT(p.id) AS pairs,
              COALESCE(SUM(p.level = 'BAIXA'), 0) AS BAIXA, COALESCE(SUM(p.level = 'MEDIA'), 0) AS MEDIA,
              COALESCE(SUM(p.level = 'ALTA'), 0) AS ALTA, COALESCE(SUM(p.id IS NOT NULL AND p.level IS NULL), 0) AS unlabelled
         FROM themes th LEFT JOIN pairs p ON p.theme_id = th.id
        WHERE th.archived_at IS NULL AND th.merged_into IS NULL
        GROUP BY th.id ORDER BY th.name, th.id`,
    )
    .all() as ThemePairCount[];
}

/** Counts pairs per effective state of the thesis and level. */
export function countPairsByState(db: Db): StatePairCount[] {
  return db
    .prepare(
      `SELECT COALESCE(t.uf, t.researcher_uf) AS uf, COUNT(*) AS pairs, ${LEVEL_SUMS}
         FROM pairs p JOIN theses t ON t.id = p.thesis_id
        GROUP BY 1 ORDER BY 1`,
    )
    .all() as StatePairCount[];
}

/** Counts labelled pairs per source of their current level (imported, curator, accepted prediction). */
export function countPairsByLabelSource(db: Db): Record<string, number> {
  const rows = db
    .prepare('SELECT level_source AS source, COUNT(*) AS n FROM pairs WHERE level IS NOT NULL GROUP BY level_source')
    .all() as { source: string; n: number }[];
  const out: Record<string, number> = { imported: 0, curator: 0, accepted_prediction: 0 };
  for (const row of rows) out[row.source] = row.n;
  return out;
}
