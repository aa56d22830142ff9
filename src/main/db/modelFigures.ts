// Figures of model versions the Models screen shows beyond the stored metrics: per-theme F1 from
// the out-of-fold predictions, and how two versions' predictions differ.

import { LEVELS, type Level } from '../../shared/levels';
import type { Db } from './connection';

export interface ThemeF1 {
  themeId: number;
  name: string;
  /** Macro-F1 over the levels that occur in the theme's labels or predictions. */
  f1: number;
  support: number;
}

function argmaxLevel(pBaixa: number, pMedia: number, pAlta: number): Level {
  if (pAlta >= pMedia && pAlta >= pBaixa) return 'ALTA';
  return pMedia >= pBaixa ? 'MEDIA' : 'BAIXA';
}

function macroF1(pairs: { truth: Level; predicted: Level }[]): number {
  const scores: number[] = [];
  for (const level of LEVELS) {
    const truePositive = pairs.filter((pair) => pair.truth === level && pair.predicted === level).length;
    const actual = pairs.filter((pair) => pair.truth === level).length;
    const predicted = pairs.filter((pair) => pair.predicted === level).length;
    if (actual === 0 && predicted === 0) continue;
    scores.push(actual + predicted === 0 ? 0 : (2 * truePositive) / (actual + predicted));
  }
  return scores.length === 0 ? 0 : scores.reduce((sum, value) => sum + value, 0) / scores.length;
}

/**
 * Per-theme macro-F1 of a version's cross-validation (out-of-fold) predictions against the labels
 * the pairs had at training time; empty for a version trained without cross-validation.
 */
export function perThemeF1(db: Db, modelVersionId: number): ThemeF1[] {
  const rows = db
    .prepare(
      `SELECT p.theme_id AS themeId, th.name, cv.level AS truth, cv.p_baixa AS pBaixa, cv.p_media AS pMedia, cv.p_alta AS pAlta
         FROM cv_predictions cv JOIN pairs p ON p.id = cv.pair_id JOIN themes th ON th.id = p.theme_id
        WHERE cv.model_version_id = ?`,
    )
    .all(modelVersionId) as { themeId: number; name: string; truth: Level; pBaixa: number; pMedia: number; pAlta: number }[];
  const byTheme = new Map<number, { name: string; pairs: { truth: Level; predicted: Level }[] }>();
  for (const row of rows) {
    let entry = byTheme.get(row.themeId);
    if (!entry) {
      entry = { name: row.name, pairs: [] };
      byTheme.set(row.themeId, entry);
    }
    entry.pairs.push({ truth: row.truth, predicted: argmaxLevel(row.pBaixa, row.pMedia, row.pAlta) });
  }
  return [...byTheme.entries()].map(([themeId, entry]) => ({
    themeId,
    name: entry.name,
    f1: macroF1(entry.pairs),
    support: entry.pairs.length,
  }));
}

export interface PredictionDiff {
  predictedByBoth: number;
  changed: number;
  transitions: { from: Level; to: Level; count: number }[];
}

/** Compares the stored predictions of two versions pair by pair. */
export function comparePredictions(db: Db, versionA: number, versionB: number): PredictionDiff {
  const rows = db
    .prepare(
      `SELECT a.level AS "from", b.level AS "to", count(*) AS count
         FROM predictions a JOIN predictions b ON b.pair_id = a.pair_id AND b.model_version_id = @b
        WHERE a.model_version_id = @a
        GROUP BY a.level, b.level`,
    )
    .all({ a: versionA, b: versionB }) as { from: Level; to: Level; count: number }[];
  const predictedByBoth = rows.reduce((sum, row) => sum + row.count, 0);
  const transitions = rows.filter((row) => row.from !== row.to);
  return { predictedByBoth, changed: transitions.reduce((sum, row) => sum + row.count, 0), transitions };
}
