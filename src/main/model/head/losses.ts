// Training losses of the adapter head and the class weights each one uses. All losses work on
// logits of NUM_LEVELS classes and return the mean loss with its gradient with respect to the
// logits, so the head's backward pass is the same for every loss.
//
// - ce: plain cross-entropy.
// - inverse_frequency: cross-entropy with w_c = N / (K · n_c), scikit-learn's "balanced" weights.
// - class_balanced: cross-entropy with w_c ∝ (1 − β) / (1 − β^n_c), the inverse of the
//   "effective number of samples" of each level, scaled so the weights sum to K.
// - focal: −(1 − p_y)^γ · log p_y, unweighted. It shrinks the loss of examples already right.
// - logit_adjusted: cross-entropy on z + τ · log π during training. Prediction uses the raw logits
//   z, so the head does not learn the prior's pull towards the majority level.

import { AppError } from '../../../shared/errors';

export const NUM_LEVELS = 3;

export const LOSSES = ['ce', 'inverse_frequency', 'class_balanced', 'focal', 'logit_adjusted'] as const;
export type LossKind = (typeof LOSSES)[number];

export interface LossSettings {
  kind: LossKind;
  /** β of the class-balanced weights, in [0, 1). */
  beta: number;
  /** γ of the focal loss, ≥ 0. */
  gamma: number;
  /** τ of the logit adjustment, ≥ 0. */
  tau: number;
}

export const DEFAULT_LOSS_SETTINGS: Omit<LossSettings, 'kind'> = { beta: 0.999, gamma: 2, tau: 1 };

export function parseLoss(raw: string): LossKind {
  const normalised = raw.trim().toLowerCase().replace(/-/g, '_');
  if ((LOSSES as readonly string[]).includes(normalised)) return normalised as LossKind;
  throw new AppError('model_unknown_loss', `Unknown loss "${raw}"; expected one of ${LOSSES.join(', ')} or auto`, {
    loss: raw,
    known: LOSSES.join(', '),
  });
}

/** Per-level weight of each training example's loss, from the labelled counts per level. */
export function classWeights(settings: LossSettings, counts: readonly number[]): number[] {
  const k = counts.length;
  const total = counts.reduce((a, b) => a + b, 0);
  switch (settings.kind) {
    case 'inverse_frequency':
      return counts.map((n) => (n > 0 ? total / (k * n) : 0));
    case 'class_balanced': {
      const raw = counts.map((n) => (n > 0 ? (1 - settings.beta) / (1 - settings.beta ** n) : 0));
      const sum = raw.reduce((a, b) => a + b, 0) || 1;
      return raw.map((w) => (w * k) / sum);
    }
    default:
      return counts.map(() => 1);
  }
}

/** Offsets added to the logits during training only: τ · log π_c for logit adjustment, else zero. */
export function logitOffsets(settings: LossSettings, counts: readonly number[]): number[] {
  if (settings.kind !== 'logit_adjusted') return counts.map(() => 0);
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map((n) => settings.tau * Math.log(Math.max(n, 1) / Math.max(total, 1)));
}

/** Softmax of each row of `logits` (rows × k) into `out`, stable against overflow. */
export function softmaxRows(logits: Float32Array, rows: number, k: number, out: Float32Array = new Float32Array(rows * k)): Float32Array {
  for (let r = 0; r < rows; r++) {
    const base = r * k;
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, logits[base + c]);
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp(logits[base + c] - max);
      out[base + c] = e;
      sum += e;
    }
    for (let c = 0; c < k; c++) out[base + c] /= sum;
  }
  return out;
}

/**
 * Computes the mean weighted loss over `rows` examples and writes dLoss/dLogits into `gradient`.
 * `logits` already include the training offsets. The mean divides by the number of rows, so class
 * weights change the balance between levels and not the learning rate's scale.
 */
export function lossAndGradient(
  settings: LossSettings,
  logits: Float32Array,
  labels: Int32Array | readonly number[],
  weights: readonly number[],
  rows: number,
  gradient: Float32Array,
): number {
  const k = NUM_LEVELS;
  const probs = softmaxRows(logits, rows, k, gradient);
  let total = 0;
  for (let r = 0; r < rows; r++) {
    const base = r * k;
    const y = labels[r];
    const w = weights[y] / rows;
    const p = Math.max(probs[base + y], 1e-12);
    if (settings.kind === 'focal') {
      const g = settings.gamma;
      const oneMinus = 1 - p;
      total += -w * oneMinus ** g * Math.log(p);
      // dℓ/dz_j = [γ(1−p)^(γ−1) · p · log p − (1−p)^γ] · (δ_jy − p_j)
      const factor = (g > 0 ? g * oneMinus ** (g - 1) * p * Math.log(p) : 0) - oneMinus ** g;
      for (let c = 0; c < k; c++) gradient[base + c] = w * factor * ((c === y ? 1 : 0) - probs[base + c]);
    } else {
      total += -w * Math.log(p);
      for (let c = 0; c < k; c++) gradient[base + c] = w * (probs[base + c] - (c === y ? 1 : 0));
    }
  }
  return total;
}
