// Quality figures of a set of predictions against the labels: accuracy, macro-F1, weighted F1,
// per-level precision / recall / F1, the confusion matrix, the binary ALTA-vs-rest macro-F1 and the
// expected calibration error. Levels are indices 0 = BAIXA, 1 = MÉDIA, 2 = ALTA.

import { LEVELS, type Level } from '../../../shared/levels';

export interface LevelFigures {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface QualityReport {
  pairs: number;
  accuracy: number;
  macroF1: number;
  weightedF1: number;
  perLevel: Record<Level, LevelFigures>;
  /** confusion[truth][predicted], in LEVELS order. */
  confusion: number[][];
  /** Macro-F1 of the binary task ALTA vs BAIXA or MÉDIA, from the same predictions. */
  altaVsRestMacroF1: number;
  /** Top-label expected calibration error over ECE_BINS equal-width confidence bins. */
  calibrationError: number;
}

export const ECE_BINS = 10;

export function confusionMatrix(truth: ArrayLike<number>, predicted: ArrayLike<number>, k = LEVELS.length): number[][] {
  const matrix = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < truth.length; i++) matrix[truth[i]][predicted[i]] += 1;
  return matrix;
}

function f1Of(precision: number, recall: number): number {
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

/** Per-class figures of a square confusion matrix; a class never predicted has precision 0. */
export function classFigures(confusion: number[][]): LevelFigures[] {
  const k = confusion.length;
  return confusion.map((row, c) => {
    const truePositives = row[c];
    const support = row.reduce((a, b) => a + b, 0);
    let predicted = 0;
    for (let r = 0; r < k; r++) predicted += confusion[r][c];
    const precision = predicted > 0 ? truePositives / predicted : 0;
    const recall = support > 0 ? truePositives / support : 0;
    return { precision, recall, f1: f1Of(precision, recall), support };
  });
}

/** Macro-F1 over the classes that occur in the labels or the predictions, as scikit-learn computes it. */
export function macroF1(confusion: number[][]): number {
  const figures = classFigures(confusion);
  const present = figures.filter((f, c) => f.support > 0 || confusion.some((row) => row[c] > 0));
  if (present.length === 0) return 0;
  return present.reduce((sum, f) => sum + f.f1, 0) / present.length;
}

export function metricsFromConfusion(confusion: number[][]): Omit<QualityReport, 'calibrationError'> {
  const figures = classFigures(confusion);
  const total = figures.reduce((sum, f) => sum + f.support, 0);
  const correct = confusion.reduce((sum, row, c) => sum + row[c], 0);
  const perLevel = {} as Record<Level, LevelFigures>;
  LEVELS.forEach((level, c) => (perLevel[level] = figures[c]));
  const alta = LEVELS.indexOf('ALTA');
  const binary = [
    [0, 0],
    [0, 0],
  ];
  for (let t = 0; t < confusion.length; t++) {
    for (let p = 0; p < confusion.length; p++) {
      const truthIsAlta = t === alta ? 1 : 0;
      const predictedAlta = p === alta ? 1 : 0;
      binary[truthIsAlta][predictedAlta] += confusion[t][p];
    }
  }
  return {
    pairs: total,
    accuracy: total > 0 ? correct / total : 0,
    macroF1: macroF1(confusion),
    weightedF1: total > 0 ? figures.reduce((sum, f) => sum + f.f1 * f.support, 0) / total : 0,
    perLevel,
    confusion,
    altaVsRestMacroF1: macroF1(binary),
  };
}

/**
 * Top-label ECE: the support-weighted mean gap between confidence (the highest probability) and
 * accuracy over equal-width confidence bins. `probs` is rows × k, row-major.
 */
export function expectedCalibrationError(probs: ArrayLike<number>, truth: ArrayLike<number>, k = LEVELS.length, bins = ECE_BINS): number {
  const count = new Array<number>(bins).fill(0);
  const confidenceSum = new Array<number>(bins).fill(0);
  const correctSum = new Array<number>(bins).fill(0);
  for (let r = 0; r < truth.length; r++) {
    const predicted = argmaxRow(probs, r, k);
    const confidence = probs[r * k + predicted];
    const bin = Math.min(bins - 1, Math.floor(confidence * bins));
    count[bin] += 1;
    confidenceSum[bin] += confidence;
    if (predicted === truth[r]) correctSum[bin] += 1;
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    if (count[b] > 0) ece += (count[b] / truth.length) * Math.abs(confidenceSum[b] / count[b] - correctSum[b] / count[b]);
  }
  return ece;
}

export function argmaxRow(values: ArrayLike<number>, row: number, k: number): number {
  let best = 0;
  for (let c = 1; c < k; c++) if (values[row * k + c] > values[row * k + best]) best = c;
  return best;
}

/** Computes every figure for rows × k probabilities against the labels. */
export function qualityReport(probs: ArrayLike<number>, truth: ArrayLike<number>, k = LEVELS.length): QualityReport {
  const predicted = new Int32Array(truth.length);
  for (let r = 0; r < truth.length; r++) predicted[r] = argmaxRow(probs, r, k);
  return { ...metricsFromConfusion(confusionMatrix(truth, predicted, k)), calibrationError: expectedCalibrationError(probs, truth, k) };
}
