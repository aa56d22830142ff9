// Likely label errors, found in the confident-learning style from out-of-fold probabilities. The
// threshold t_j of level j is the mean probability of j over pairs labelled j. A pair labelled i is
// a suspect when the most probable level j among the levels at or above their threshold is not i.
// Suspects are ranked by the margin p_j − p_i, largest first.

import { LEVELS, type Level } from '../../../shared/levels';

export interface LabelledProbabilities {
  pairId: number;
  /** The label the pair carries now. */
  level: Level;
  probs: readonly [number, number, number];
}

export interface Suspect {
  pairId: number;
  given: Level;
  suggested: Level;
  /** Out-of-fold probability of the suggested level. */
  confidence: number;
  /** Out-of-fold probability of the given level. */
  selfConfidence: number;
  margin: number;
}

export interface LevelSuspects {
  labelled: number;
  suspects: number;
  /** Suspects of this given level by suggested level. */
  suggested: Record<Level, number>;
}

export interface LabelErrorReport {
  thresholds: Record<Level, number>;
  perLevel: Record<Level, LevelSuspects>;
  suspects: Suspect[];
}

function emptyCounts(): Record<Level, number> {
  return { BAIXA: 0, MEDIA: 0, ALTA: 0 };
}

export function findLabelErrors(rows: readonly LabelledProbabilities[], options: { minMargin?: number } = {}): LabelErrorReport {
  const minMargin = options.minMargin ?? 0;
  const sums = [0, 0, 0];
  const counts = [0, 0, 0];
  for (const row of rows) {
    const given = LEVELS.indexOf(row.level);
    sums[given] += row.probs[given];
    counts[given] += 1;
  }
  // A level with no labelled pair gets threshold 1, so it is suggested only at full confidence.
  const thresholds = sums.map((sum, j) => (counts[j] > 0 ? sum / counts[j] : 1));

  const perLevel = {} as Record<Level, LevelSuspects>;
  LEVELS.forEach((level, j) => (perLevel[level] = { labelled: counts[j], suspects: 0, suggested: emptyCounts() }));
  const suspects: Suspect[] = [];
  for (const row of rows) {
    const given = LEVELS.indexOf(row.level);
    let suggested = -1;
    for (let j = 0; j < LEVELS.length; j++) {
      if (row.probs[j] >= thresholds[j] && (suggested < 0 || row.probs[j] > row.probs[suggested])) suggested = j;
    }
    if (suggested < 0 || suggested === given) continue;
    const margin = row.probs[suggested] - row.probs[given];
    if (margin < minMargin) continue;
    suspects.push({
      pairId: row.pairId,
      given: row.level,
      suggested: LEVELS[suggested],
      confidence: row.probs[suggested],
      selfConfidence: row.probs[given],
      margin,
    });
    perLevel[row.level].suspects += 1;
    perLevel[row.level].suggested[LEVELS[suggested]] += 1;
  }
  suspects.sort((a, b) => b.margin - a.margin || a.pairId - b.pairId);
  return {
    thresholds: { BAIXA: thresholds[0], MEDIA: thresholds[1], ALTA: thresholds[2] },
    perLevel,
    suspects,
  };
}
