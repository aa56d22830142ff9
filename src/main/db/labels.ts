// Label events: the append-only history of every level a pair was given. The current level of a
// pair (pairs.level, pairs.level_source) is derived from the newest event by a trigger.

import type { LabelSource, Level } from '../../shared/levels';
import { nowIso, type Db } from './connection';

export interface LabelInput {
  pairId: number;
  /** null clears the label. */
  level: Level | null;
  source: LabelSource;
  curator?: string | null;
  note?: string | null;
  modelVersionId?: number | null;
  importId?: number | null;
  /** The event this one reverts, for an undo. */
  undoesEventId?: number | null;
}

export interface LabelEvent {
  id: number;
  pairId: number;
  level: Level | null;
  previousLevel: Level | null;
  source: LabelSource;
  curator: string | null;
  note: string | null;
  modelVersionId: number | null;
  importId: number | null;
  undoesEventId: number | null;
  createdAt: string;
}

/** Appends one label event and returns its id. Call inside the caller's transaction for batches. */
export function appendLabel(db: Db, input: LabelInput): number {
  const current = db.prepare('SELECT level FROM pairs WHERE id = ?').get(input.pairId) as { level: Level | null } | undefined;
  if (!current) throw new RangeError(`appendLabel: pair ${input.pairId} does not exist`);
  const result = db
    .prepare(
      `INSERT INTO label_events (pair_id, level, previous_level, source, curator, note, model_version_id, import_id, undoes_event_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      input.pairId,
      input.level,
      current.level,
      input.source,
      input.curator ?? null,
      input.note ?? null,
      input.modelVersionId ?? null,
      input.importId ?? null,
      input.undoesEventId ?? null,
      nowIso(),
    );
  return Number(result.lastInsertRowid);
}

/** Returns a pair's label history, oldest first. */
export function labelHistory(db: Db, pairId: number): LabelEvent[] {
  return db
    .prepare(
      `SELECT id, pair_id AS pairId, level, previous_level AS previousLevel, source, curator, note,
              model_version_id AS modelVersionId, import_id AS importId, undoes_event_id AS undoesEventId,
              created_at AS createdAt
         FROM label_events WHERE pair_id = ? ORDER BY id`,
    )
    .all(pairId) as LabelEvent[];
}

/** The current label of a pair and the event that set it; null when the pair does not exist. */
export function currentLabel(
  db: Db,
  pairId: number,
): { level: Level | null; levelSource: LabelSource | null; eventId: number | null } | null {
  const row = db
    .prepare('SELECT level, level_source AS levelSource, level_event_id AS eventId FROM pairs WHERE id = ?')
    .get(pairId) as { level: Level | null; levelSource: LabelSource | null; eventId: number | null } | undefined;
  return row ?? null;
}
