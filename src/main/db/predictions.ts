// Predictions: the level and probabilities a model version gave each pair, with its justification.
// The primary key (pair, version) records which version made each prediction, so predictions of an
// older version stay readable after a rollback.

import type Database from 'better-sqlite3';

import { LEVEL_INDEX, type Level } from '../../shared/levels';
import type { PredictionColumns } from '../model/review/queue';
import { nowIso, type Db } from './connection';

export interface PredictionInput {
  pairId: number;
  level: Level;
  probs: [number, number, number];
  justification: unknown;
}

export interface StoredPrediction {
  pairId: number;
  modelVersionId: number;
  level: Level;
  probs: [number, number, number];
  justification: unknown;
  createdAt: string;
}

/**
 * Collects one version's predictions batch by batch in a temporary table of this connection, then
 * stores them all in one transaction. Memory stays flat however many pairs are predicted, and
 * nothing reaches the predictions table unless every batch did. Rows of pairs deleted meanwhile are
 * dropped at commit.
 */
export class PredictionStage {
  private readonly insert: Database.Statement;

  constructor(private readonly db: Db) {
    db.exec(`DROP TABLE IF EXISTS temp.staged_predictions;
      CREATE TEMP TABLE staged_predictions (
        pair_id INTEGER PRIMARY KEY, level TEXT NOT NULL, p_baixa REAL NOT NULL, p_media REAL NOT NULL, p_alta REAL NOT NULL, justification TEXT
      )`);
    this.insert = db.prepare('INSERT OR REPLACE INTO temp.staged_predictions VALUES (?, ?, ?, ?, ?, ?)');
  }

  add(rows: readonly PredictionInput[]): void {
    this.db.transaction(() => {
      for (const row of rows) {
        this.insert.run(row.pairId, row.level, row.probs[0], row.probs[1], row.probs[2], row.justification == null ? null : JSON.stringify(row.justification));
      }
    })();
  }

  /** Writes (or replaces) every staged prediction for the version in one transaction and returns how many. */
  commit(modelVersionId: number): number {
    const { changes } = this.db
      .prepare(
        `INSERT OR REPLACE INTO predictions (pair_id, model_version_id, level, p_baixa, p_media, p_alta, justification, created_at)
         SELECT s.pair_id, ?, s.level, s.p_baixa, s.p_media, s.p_alta, s.justification, ?
           FROM temp.staged_predictions s JOIN pairs p ON p.id = s.pair_id`,
      )
      .run(modelVersionId, nowIso());
    this.dispose();
    return changes;
  }

  dispose(): void {
    this.db.exec('DROP TABLE IF EXISTS temp.staged_predictions');
  }
}

interface PredictionRow {
  pair_id: number;
  model_version_id: number;
  level: Level;
  p_baixa: number;
  p_media: number;
  p_alta: number;
  justification: string | null;
  created_at: string;
}

function toPrediction(row: PredictionRow): StoredPrediction {
  return {
    pairId: row.pair_id,
    modelVersionId: row.model_version_id,
    level: row.level,
    probs: [row.p_baixa, row.p_media, row.p_alta],
    justification: row.justification ? (JSON.parse(row.justification) as unknown) : null,
    createdAt: row.created_at,
  };
}

/** Every prediction of one version, by pair id. */
export function predictionsOfVersion(db: Db, modelVersionId: number): StoredPrediction[] {
  return (db.prepare('SELECT * FROM predictions WHERE model_version_id = ? ORDER BY pair_id').all(modelVersionId) as PredictionRow[]).map(toPrediction);
}

export function predictionFor(db: Db, pairId: number, modelVersionId: number): StoredPrediction | null {
  const row = db.prepare('SELECT * FROM predictions WHERE pair_id = ? AND model_version_id = ?').get(pairId, modelVersionId) as PredictionRow | undefined;
  return row ? toPrediction(row) : null;
}

export interface ReviewCandidate {
  pairId: number;
  thesisId: number;
  themeId: number;
  predicted: Level;
  probs: [number, number, number];
  /** Current label and its source; null when the pair is unlabelled. */
  level: Level | null;
  levelSource: string | null;
}

/** Pairs with a prediction of the version, with their current label, for the review queue. */
export function reviewCandidates(db: Db, modelVersionId: number, options: { labelledOnly?: boolean; pairIds?: readonly number[] } = {}): ReviewCandidate[] {
  const rows = db
    .prepare(
      `SELECT p.id AS pairId, p.thesis_id AS thesisId, p.theme_id AS themeId, pr.level AS predicted,
              pr.p_baixa, pr.p_media, pr.p_alta, p.level, p.level_source AS levelSource
         FROM predictions pr JOIN pairs p ON p.id = pr.pair_id
        WHERE pr.model_version_id = ? ${options.labelledOnly ? 'AND p.level IS NOT NULL' : ''}
          ${options.pairIds ? 'AND p.id IN (SELECT value FROM json_each(?))' : ''}
        ORDER BY p.id`,
    )
    .all(modelVersionId, ...(options.pairIds ? [JSON.stringify(options.pairIds)] : [])) as (Omit<ReviewCandidate, 'probs'> & { p_baixa: number; p_media: number; p_alta: number })[];
  return rows.map(({ p_baixa, p_media, p_alta, ...rest }) => ({ ...rest, probs: [p_baixa, p_media, p_alta] }));
}

/**
 * Reads a version's predictions into columns in pair order, without an object per pair, for review
 * queues over millions of pairs. `allowed` keeps only those pairs.
 */
export function predictionColumns(db: Db, modelVersionId: number, options: { unlabelledOnly?: boolean; allowed?: ReadonlySet<number> } = {}): PredictionColumns {
  const where = `pr.model_version_id = ? ${options.unlabelledOnly ? 'AND p.level IS NULL' : ''}`;
  const count = (db.prepare(`SELECT COUNT(*) AS n FROM predictions pr JOIN pairs p ON p.id = pr.pair_id WHERE ${where}`).get(modelVersionId) as { n: number }).n;
  const size = options.allowed ? Math.min(count, options.allowed.size) : count;
  const columns: PredictionColumns = { pairIds: new Int32Array(size), predicted: new Uint8Array(size), probs: new Float64Array(size * 3), labelled: new Uint8Array(size) };
  const rows = db
    .prepare(`SELECT p.id, pr.level, pr.p_baixa, pr.p_media, pr.p_alta, p.level IS NOT NULL FROM predictions pr JOIN pairs p ON p.id = pr.pair_id WHERE ${where} ORDER BY p.id`)
    .raw()
    .iterate(modelVersionId) as Iterable<[number, Level, number, number, number, number]>;
  let n = 0;
  for (const [pairId, level, pBaixa, pMedia, pAlta, labelled] of rows) {
    // Rows a writer added after the count wait for the next build.
    if (n === size) break;
    if (options.allowed && !options.allowed.has(pairId)) continue;
    columns.pairIds[n] = pairId;
    columns.predicted[n] = LEVEL_INDEX[level];
    columns.probs[n * 3] = pBaixa;
    columns.probs[n * 3 + 1] = pMedia;
    columns.probs[n * 3 + 2] = pAlta;
    columns.labelled[n] = labelled;
    n += 1;
  }
  return n === size ? columns : { pairIds: columns.pairIds.slice(0, n), predicted: columns.predicted.slice(0, n), probs: columns.probs.slice(0, n * 3), labelled: columns.labelled.slice(0, n) };
}

/**
 * Counts the unlabelled pairs that have no prediction of a version, such as pairs imported after
 * the last prediction run. The review queue orders predictions only, so these pairs are not in it.
 */
export function countUnpredictedUnlabelled(db: Db, modelVersionId: number): number {
  const row = db
    .prepare(
      `SELECT COUNT(*) AS n FROM pairs p
        WHERE p.level IS NULL
          AND NOT EXISTS (SELECT 1 FROM predictions pr WHERE pr.pair_id = p.id AND pr.model_version_id = ?)`,
    )
    .get(modelVersionId) as { n: number };
  return row.n;
}

/** Current label of each of the given pairs (null when unlabelled), with its source. */
export function currentLabels(db: Db, pairIds: readonly number[]): Map<number, { level: Level | null; source: string | null }> {
  const rows = db
    .prepare('SELECT id, level, level_source FROM pairs WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(pairIds)) as { id: number; level: Level | null; level_source: string | null }[];
  return new Map(rows.map((r) => [r.id, { level: r.level, source: r.level_source }]));
}
