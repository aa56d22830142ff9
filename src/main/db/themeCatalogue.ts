// SQL of the Themes screen: the catalogue with pair counts, keyword edits, archive and merge.
// Importing themes lives in themes.ts; this module changes themes after import.

import type { ThemeSummary } from '../../shared/api';
import { nowIso, type Db } from './connection';

interface ThemeDbRow {
  id: number;
  sourceId: string | null;
  uf: string | null;
  macroTheme: string | null;
  name: string;
  keywords: string;
  archivedAt: string | null;
  mergedInto: number | null;
  pairs: number;
  labelledPairs: number;
}

const SUMMARY_SQL = `
  SELECT th.id, th.source_id AS sourceId, th.uf, th.macro_theme AS macroTheme, th.name, th.keywords,
         th.archived_at AS archivedAt, th.merged_into AS mergedInto,
         (SELECT count(*) FROM pairs p WHERE p.theme_id = th.id) AS pairs,
         (SELECT count(*) FROM pairs p WHERE p.theme_id = th.id AND p.level IS NOT NULL) AS labelledPairs
    FROM themes th`;

function parseKeywords(json: string): string[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

function toSummary(row: ThemeDbRow): ThemeSummary {
  return { ...row, keywords: parseKeywords(row.keywords) };
}

/** Lists themes by state and name; archived and merged themes only when asked. */
export function listThemeSummaries(db: Db, options: { uf?: string; includeArchived?: boolean } = {}): ThemeSummary[] {
  const where: string[] = [];
  if (!options.includeArchived) where.push('th.archived_at IS NULL');
  if (options.uf) where.push('th.uf = @uf');
  const sql = `${SUMMARY_SQL} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY th.uf, th.name COLLATE NOCASE, th.id`;
  return (db.prepare(sql).all(options.uf ? { uf: options.uf } : {}) as ThemeDbRow[]).map(toSummary);
}

export function getThemeSummary(db: Db, themeId: number): ThemeSummary | null {
  const row = db.prepare(`${SUMMARY_SQL} WHERE th.id = ?`).get(themeId) as ThemeDbRow | undefined;
  return row ? toSummary(row) : null;
}

export function setThemeKeywords(db: Db, themeId: number, keywords: readonly string[]): void {
  db.prepare('UPDATE themes SET keywords = ? WHERE id = ?').run(JSON.stringify(keywords), themeId);
}

/** Sets or clears archived_at; archiving never deletes the theme, its pairs or their labels. */
export function setThemeArchived(db: Db, themeId: number, archived: boolean): void {
  db.prepare('UPDATE themes SET archived_at = ? WHERE id = ?').run(archived ? nowIso() : null, themeId);
}

export interface MergeCounts {
  pairsMoved: number;
  pairsConflicting: number;
  labelEventsMoved: number;
}

const MOVABLE = `p.theme_id = @source AND NOT EXISTS (
  SELECT 1 FROM pairs q WHERE q.thesis_id = p.thesis_id AND q.theme_id = @target)`;

/** Counts what a merge of `source` into `target` would move and leave behind. */
export function mergeCounts(db: Db, source: number, target: number): MergeCounts {
  const row = db
    .prepare(
      `SELECT
         (SELECT count(*) FROM pairs p WHERE ${MOVABLE}) AS pairsMoved,
         (SELECT count(*) FROM pairs p WHERE p.theme_id = @source) AS total,
         (SELECT count(*) FROM label_events e JOIN pairs p ON p.id = e.pair_id WHERE ${MOVABLE}) AS labelEventsMoved`,
    )
    .get({ source, target }) as { pairsMoved: number; total: number; labelEventsMoved: number };
  return { pairsMoved: row.pairsMoved, pairsConflicting: row.total - row.pairsMoved, labelEventsMoved: row.labelEventsMoved };
}

/** Up to `limit` pairs a merge would move, with their thesis title and current level. */
export function mergeSample(db: Db, source: number, target: number, limit = 20): { pairId: number; title: string; level: string | null }[] {
  return db
    .prepare(
      `SELECT p.id AS pairId, t.title, p.level
         FROM pairs p JOIN theses t ON t.id = p.thesis_id
        WHERE ${MOVABLE}
        ORDER BY p.id LIMIT @limit`,
    )
    .all({ source, target, limit }) as { pairId: number; title: string; level: string | null }[];
}

/**
 * Moves the movable pairs of `source` to `target` (their label events follow, because events
 * reference the pair), then marks `source` archived and merged. Call inside a transaction.
 */
export function moveThemePairs(db: Db, source: number, target: number): number {
  const moved = db.prepare(`UPDATE pairs AS p SET theme_id = @target WHERE ${MOVABLE}`).run({ source, target }).changes;
  db.prepare('UPDATE themes SET archived_at = coalesce(archived_at, @now), merged_into = @target WHERE id = @source').run({
    source,
    target,
    now: nowIso(),
  });
  return moved;
}
