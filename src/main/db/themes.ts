// Themes repository: insert or update strategic themes by their source id (tema_id), else by
// state and name, and the per-state and per-theme counts the status screen shows.

import type { Db } from './connection';
import { cachedStatement, type UpsertOutcome } from './theses';

/** A theme as an importer produces it. */
export interface ThemeInput {
  /** tema_id exactly as the file has it; null when the file has no id column. */
  sourceId: string | null;
  /** Two-letter state that defined the theme; null for a national theme. */
  uf: string | null;
  macroTheme: string | null;
  name: string;
  keywords: string[];
}

interface ThemeRow {
  id: number;
  source_id: string | null;
  uf: string | null;
  macro_theme: string | null;
  name: string;
  keywords: string;
}

function findExisting(db: Db, input: ThemeInput): ThemeRow | undefined {
  if (input.sourceId != null) {
    return cachedStatement(db, 'SELECT * FROM themes WHERE source_id = ?').get(input.sourceId) as ThemeRow | undefined;
  }
  return cachedStatement(db, 'SELECT * FROM themes WHERE name = ? AND uf IS ? ORDER BY id LIMIT 1').get(input.name, input.uf) as
    | ThemeRow
    | undefined;
}

/**
 * Inserts a theme or updates the one with the same tema_id (else the same state and name). An
 * update keeps the stored state, macro-theme and keywords where the new row has none. Call inside
 * the caller's transaction.
 */
export function upsertTheme(db: Db, input: ThemeInput, importId: number | null): { id: number; outcome: UpsertOutcome } {
  const existing = findExisting(db, input);
  const keywords = JSON.stringify(input.keywords);
  if (!existing) {
    const result = cachedStatement(
      db,
      'INSERT INTO themes (source_id, uf, macro_theme, name, keywords, import_id) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(input.sourceId, input.uf, input.macroTheme, input.name, keywords, importId);
    return { id: Number(result.lastInsertRowid), outcome: 'inserted' };
  }
  const next = {
    uf: input.uf ?? existing.uf,
    macroTheme: input.macroTheme ?? existing.macro_theme,
    name: input.name,
    keywords: input.keywords.length > 0 ? keywords : existing.keywords,
  };
  if (
    next.uf === existing.uf &&
    next.macroTheme === existing.macro_theme &&
    next.name === existing.name &&
    next.keywords === existing.keywords
  ) {
    return { id: existing.id, outcome: 'unchanged' };
  }
  cachedStatement(db, 'UPDATE themes SET uf = ?, macro_theme = ?, name = ?, keywords = ? WHERE id = ?').run(
    next.uf,
    next.macroTheme,
    next.name,
    next.keywords,
    existing.id,
  );
  return { id: existing.id, outcome: 'updated' };
}

/** Returns the id of the theme with this tema_id, or null. */
export function findThemeIdBySourceId(db: Db, sourceId: string): number | null {
  const row = cachedStatement(db, 'SELECT id FROM themes WHERE source_id = ?').get(sourceId) as { id: number } | undefined;
  return row?.id ?? null;
}

export interface StateThemeCount {
  /** null for national themes. */
  uf: string | null;
  themes: number;
}

/** Counts active themes (not archived, not merged) per state. */
export function countThemesByState(db: Db): StateThemeCount[] {
  return db
    .prepare('SELECT uf, COUNT(*) AS themes FROM themes WHERE archived_at IS NULL AND merged_into IS NULL GROUP BY uf ORDER BY uf')
    .all() as StateThemeCount[];
}

export function countThemes(db: Db): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM themes WHERE archived_at IS NULL AND merged_into IS NULL').get() as { n: number }).n;
}
