// Model versions: every training run stores one (configuration, parameters, metrics, resource
// figures, label counts, out-of-fold predictions). At most one is active, which a unique partial
// index enforces; activating an older version is how a curator rolls back.

import { AppError } from '../../shared/errors';
import { LEVELS, type Level } from '../../shared/levels';
import { nowIso, type Db } from './connection';

export interface ModelVersionSummary {
  id: number;
  name: string;
  createdAt: string;
  active: boolean;
  encoderId: string | null;
  config: Record<string, unknown>;
  metrics: Record<string, unknown>;
  resources: Record<string, unknown>;
  labelCounts: Record<Level, number>;
}

export interface ModelVersion extends ModelVersionSummary {
  /** The JSON document stored in the parameters column (extractor states and head weights). */
  parameters: unknown;
}

export interface NewModelVersion {
  name: string;
  config: Record<string, unknown>;
  parameters: unknown;
  metrics: Record<string, unknown>;
  resources: Record<string, unknown>;
  labelCounts: Record<Level, number>;
  encoderId: string | null;
  /** Out-of-fold probabilities of the labelled pairs, rows of [BAIXA, MÉDIA, ALTA]. */
  cvPredictions: { pairId: number; level: Level; fold: number; probs: [number, number, number] }[];
  activate: boolean;
}

interface VersionRow {
  id: number;
  name: string;
  created_at: string;
  active: number;
  encoder_id: string | null;
  config: string;
  metrics: string;
  resources: string;
  label_counts: string;
}

const SUMMARY_COLUMNS = 'id, name, created_at, active, encoder_id, config, metrics, resources, label_counts';

function toSummary(row: VersionRow): ModelVersionSummary {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    active: row.active === 1,
    encoderId: row.encoder_id,
    config: JSON.parse(row.config) as Record<string, unknown>,
    metrics: JSON.parse(row.metrics) as Record<string, unknown>,
    resources: JSON.parse(row.resources) as Record<string, unknown>,
    labelCounts: JSON.parse(row.label_counts) as Record<Level, number>,
  };
}

/** Next free name of the form v1, v2, ...; names are unique and never reused. */
export function nextVersionName(db: Db): string {
  const row = db.prepare("SELECT MAX(CAST(SUBSTR(name, 2) AS INTEGER)) AS n FROM model_versions WHERE name GLOB 'v[0-9]*'").get() as {
    n: number | null;
  };
  return `v${(row.n ?? 0) + 1}`;
}

/** Inserts a version with its out-of-fold predictions in one transaction and returns its id. */
export function insertModelVersion(db: Db, input: NewModelVersion): number {
  const insert = db.transaction(() => {
    const result = db
      .prepare(
        `INSERT INTO model_versions (name, created_at, config, parameters, metrics, resources, label_counts, encoder_id, active)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)`,
      )
      .run(
        input.name,
        nowIso(),
        JSON.stringify(input.config),
        Buffer.from(JSON.stringify(input.parameters)),
        JSON.stringify(input.metrics),
        JSON.stringify(input.resources),
        JSON.stringify(input.labelCounts),
        input.encoderId,
      );
    const id = Number(result.lastInsertRowid);
    const cv = db.prepare('INSERT INTO cv_predictions (model_version_id, pair_id, level, fold, p_baixa, p_media, p_alta) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const row of input.cvPredictions) cv.run(id, row.pairId, row.level, row.fold, row.probs[0], row.probs[1], row.probs[2]);
    if (input.activate) setActive(db, id);
    return id;
  });
  return insert();
}

function setActive(db: Db, id: number): void {
  db.prepare('UPDATE model_versions SET active = 0 WHERE active = 1').run();
  db.prepare('UPDATE model_versions SET active = 1 WHERE id = ?').run(id);
}

export function listModelVersions(db: Db): ModelVersionSummary[] {
  return (db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM model_versions ORDER BY id`).all() as VersionRow[]).map(toSummary);
}

/** Finds a version by id or by name; `reference` as the user typed it ("v3" or "3"). */
export function findModelVersion(db: Db, reference: string | number): ModelVersionSummary | null {
  const row = (
    typeof reference === 'number' || /^\d+$/.test(reference)
      ? db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM model_versions WHERE id = ?`).get(Number(reference))
      : db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM model_versions WHERE name = ?`).get(reference)
  ) as VersionRow | undefined;
  return row ? toSummary(row) : null;
}

export function activeModelVersion(db: Db): ModelVersionSummary | null {
  const row = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM model_versions WHERE active = 1`).get() as VersionRow | undefined;
  return row ? toSummary(row) : null;
}

/** Loads a version with its parameters document. */
export function loadModelVersion(db: Db, id: number): ModelVersion {
  const row = db.prepare(`SELECT ${SUMMARY_COLUMNS}, parameters FROM model_versions WHERE id = ?`).get(id) as (VersionRow & { parameters: Buffer }) | undefined;
  if (!row) throw new AppError('model_version_not_found', `Model version ${id} not found`, { version: String(id) });
  return { ...toSummary(row), parameters: JSON.parse(row.parameters.toString('utf8')) as unknown };
}

/** Makes a version the active one (a rollback when it is older than the current one). */
export function activateModelVersion(db: Db, id: number): void {
  const exists = db.prepare('SELECT 1 FROM model_versions WHERE id = ?').get(id);
  if (!exists) throw new AppError('model_version_not_found', `Model version ${id} not found`, { version: String(id) });
  db.transaction(() => setActive(db, id))();
}

/**
 * Deletes a version that no label refers to, with its predictions and cross-validation rows, and
 * makes `restoreActiveId` the active version again (none when null). Used when a training job is
 * cancelled after its version was stored, so the cancel leaves the versions as they were.
 */
export function discardModelVersion(db: Db, id: number, restoreActiveId: number | null): void {
  db.transaction(() => {
    const referenced = db.prepare('SELECT 1 FROM label_events WHERE model_version_id = ? LIMIT 1').get(id);
    if (referenced) throw new Error(`Model version ${id} has label events and cannot be discarded`);
    db.prepare('DELETE FROM predictions WHERE model_version_id = ?').run(id);
    db.prepare('DELETE FROM cv_predictions WHERE model_version_id = ?').run(id);
    db.prepare('DELETE FROM model_versions WHERE id = ?').run(id);
    if (restoreActiveId != null) setActive(db, restoreActiveId);
  })();
}

export interface CvPrediction {
  pairId: number;
  level: Level;
  fold: number;
  probs: [number, number, number];
}

export function cvPredictions(db: Db, versionId: number): CvPrediction[] {
  const rows = db
    .prepare('SELECT pair_id, level, fold, p_baixa, p_media, p_alta FROM cv_predictions WHERE model_version_id = ? ORDER BY pair_id')
    .all(versionId) as { pair_id: number; level: Level; fold: number; p_baixa: number; p_media: number; p_alta: number }[];
  return rows.map((r) => ({ pairId: r.pair_id, level: r.level, fold: r.fold, probs: [r.p_baixa, r.p_media, r.p_alta] }));
}

export function emptyLabelCounts(): Record<Level, number> {
  return Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>;
}
