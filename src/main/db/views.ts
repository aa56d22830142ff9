// Saved views repository: named filters, sort and columns of the Pairs screen. Filters are parsed
// again on read, so a view saved by an older version with a field that no longer exists reads
// back without it instead of failing the whole list.

import type { SavedView } from '../../shared/api';
import { pairFilterSchema, pairSortSchema } from '../../shared/filters';
import { nowIso, type Db } from './connection';

interface ViewRow {
  id: number;
  name: string;
  filter: string;
  sort: string;
  columns: string;
  created_at: string;
  updated_at: string;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function toView(row: ViewRow): SavedView {
  const filter = pairFilterSchema.safeParse(parseJson(row.filter));
  const sort = pairSortSchema.safeParse(parseJson(row.sort));
  const columns = parseJson(row.columns);
  return {
    id: row.id,
    name: row.name,
    filter: filter.success ? filter.data : {},
    sort: sort.success ? sort.data : { key: 'pair', direction: 'asc' },
    columns: Array.isArray(columns) ? columns.filter((column): column is string => typeof column === 'string') : [],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function listViews(db: Db): SavedView[] {
  return (db.prepare('SELECT * FROM saved_views ORDER BY name COLLATE NOCASE').all() as ViewRow[]).map(toView);
}

export function getView(db: Db, id: number): SavedView | null {
  const row = db.prepare('SELECT * FROM saved_views WHERE id = ?').get(id) as ViewRow | undefined;
  return row ? toView(row) : null;
}

export function findViewByName(db: Db, name: string): SavedView | null {
  const row = db.prepare('SELECT * FROM saved_views WHERE name = ?').get(name) as ViewRow | undefined;
  return row ? toView(row) : null;
}

export interface ViewInput {
  name: string;
  filter: SavedView['filter'];
  sort: SavedView['sort'];
  columns: string[];
}

export function insertView(db: Db, input: ViewInput): number {
  const now = nowIso();
  const result = db
    .prepare('INSERT INTO saved_views (name, filter, sort, columns, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(input.name, JSON.stringify(input.filter), JSON.stringify(input.sort), JSON.stringify(input.columns), now, now);
  return Number(result.lastInsertRowid);
}

/** Replaces a view's fields; returns false when no view has the id. */
export function updateView(db: Db, id: number, input: ViewInput): boolean {
  const result = db
    .prepare('UPDATE saved_views SET name = ?, filter = ?, sort = ?, columns = ?, updated_at = ? WHERE id = ?')
    .run(input.name, JSON.stringify(input.filter), JSON.stringify(input.sort), JSON.stringify(input.columns), nowIso(), id);
  return result.changes > 0;
}

export function deleteView(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM saved_views WHERE id = ?').run(id).changes > 0;
}
