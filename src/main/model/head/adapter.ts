// The adapter head: standardised features → linear layer, or → one hidden ReLU layer → linear,
// giving logits of the three levels. Trained with mini-batch Adam and L2 weight decay on the
// chosen loss, with early stopping on validation macro-F1. Initial weights and the batch order come
// from the seed, and the caller fixes ORT's thread count, so one seed gives one model.

import { throwIfAborted } from '../../../shared/errors';
import { createRandom, normal, shuffleIndices } from '../random';
import { argmaxRow, confusionMatrix, macroF1 } from '../eval/metrics';
import { classWeights, logitOffsets, lossAndGradient, NUM_LEVELS, softmaxRows, type LossSettings } from './losses';
import type { MatrixEngine } from './matrix';

export interface HeadHyperParameters {
  /** Hidden units; 0 is a linear head. */
  hidden: number;
  maxEpochs: number;
  learningRate: number;
  /** Rows per gradient step. */
  batchSize: number;
  weightDecay: number;
  /** Epochs without a better validation macro-F1 before training stops. */
  patience: number;
}

// A batch of 2048 keeps a corpus of a few thousand labelled pairs at full batch, where it trained best,
// and cuts the epochs a 40,000-pair corpus needs to converge.
export const DEFAULT_HEAD: HeadHyperParameters = { hidden: 0, maxEpochs: 400, learningRate: 0.05, batchSize: 2048, weightDecay: 1e-4, patience: 40 };

/** Everything needed to predict: the feature standardisation and the layer weights, as plain arrays. */
export interface HeadParameters {
  inputWidth: number;
  hidden: number;
  mean: number[];
  scale: number[];
  /** inputWidth × (hidden || 3), row-major. */
  w1: number[];
  b1: number[];
  /** hidden × 3, empty for a linear head. */
  w2: number[];
  b2: number[];
}

export interface EpochReport {
  epoch: number;
  loss: number;
  validationMacroF1: number | null;
}

export interface HeadTrainInput {
  features: Float32Array;
  width: number;
  labels: Int32Array;
  /** Row indices into features used for the gradient. */
  trainRows: Int32Array;
  /** Row indices for early stopping; empty trains maxEpochs and keeps the last epoch. */
  validationRows: Int32Array;
}

export interface HeadTrainResult {
  parameters: HeadParameters;
  bestEpoch: number;
  epochsRun: number;
  validationMacroF1: number | null;
  finalLoss: number;
}

export interface HeadTrainOptions {
  loss: LossSettings;
  head: HeadHyperParameters;
  seed: number;
  engine: MatrixEngine;
  signal?: AbortSignal;
  onEpoch?: (report: EpochReport) => void;
}

function gatherRows(features: Float32Array, width: number, rows: Int32Array, mean: Float32Array, scale: Float32Array): Float32Array {
  const out = new Float32Array(rows.length * width);
  for (let r = 0; r < rows.length; r++) {
    const source = rows[r] * width;
    const target = r * width;
    for (let c = 0; c < width; c++) out[target + c] = (features[source + c] - mean[c]) / scale[c];
  }
  return out;
}

function standardisation(features: Float32Array, width: number, rows: Int32Array): { mean: Float32Array; scale: Float32Array } {
  const mean = new Float32Array(width);
  const scale = new Float32Array(width);
  const n = Math.max(rows.length, 1);
  for (const row of rows) for (let c = 0; c < width; c++) mean[c] += features[row * width + c] / n;
  for (const row of rows) {
    for (let c = 0; c < width; c++) {
      const d = features[row * width + c] - mean[c];
      scale[c] += (d * d) / n;
    }
  }
  // A constant column gets scale 1 so it stays at zero instead of dividing by zero.
  for (let c = 0; c < width; c++) scale[c] = scale[c] > 1e-12 ? Math.sqrt(scale[c]) : 1;
  return { mean, scale };
}

class Adam {
  private m: Float32Array;
  private v: Float32Array;
  private t = 0;
  constructor(size: number, private readonly learningRate: number) {
    this.m = new Float32Array(size);
    this.v = new Float32Array(size);
  }
  step(params: Float32Array, gradient: Float32Array): void {
    const beta1 = 0.9;
    const beta2 = 0.999;
    this.t += 1;
    const correction1 = 1 - beta1 ** this.t;
    const correction2 = 1 - beta2 ** this.t;
    for (let i = 0; i < params.length; i++) {
      this.m[i] = beta1 * this.m[i] + (1 - beta1) * gradient[i];
      this.v[i] = beta2 * this.v[i] + (1 - beta2) * gradient[i] * gradient[i];
      params[i] -= (this.learningRate * (this.m[i] / correction1)) / (Math.sqrt(this.v[i] / correction2) + 1e-8);
    }
  }
}

interface Layers {
  w1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: Float32Array;
}

function initLayers(width: number, hidden: number, seed: number): Layers {
  const random = createRandom(seed);
  const out1 = hidden || NUM_LEVELS;
  const w1 = new Float32Array(width * out1);
  // He initialisation for the ReLU layer; a linear head starts at zero, which is already symmetric-free.
  if (hidden > 0) for (let i = 0; i < w1.length; i++) w1[i] = normal(random) * Math.sqrt(2 / width);
  const w2 = new Float32Array(hidden * NUM_LEVELS);
  for (let i = 0; i < w2.length; i++) w2[i] = normal(random) * Math.sqrt(1 / Math.max(hidden, 1));
  return { w1, b1: new Float32Array(out1), w2, b2: new Float32Array(hidden > 0 ? NUM_LEVELS : 0) };
}

interface Forward {
  logits: Float32Array;
  /** ReLU activations; empty for a linear head. */
  activations: Float32Array;
}

async function forward(engine: MatrixEngine, x: Float32Array, rows: number, width: number, hidden: number, layers: Layers): Promise<Forward> {
  const out1 = hidden || NUM_LEVELS;
  const first = new Float32Array(await engine.matmul(x, rows, width, layers.w1, out1));
  addBias(first, rows, out1, layers.b1);
  if (hidden === 0) return { logits: first, activations: new Float32Array(0) };
  for (let i = 0; i < first.length; i++) if (first[i] < 0) first[i] = 0;
  const second = new Float32Array(await engine.matmul(first, rows, hidden, layers.w2, NUM_LEVELS));
  addBias(second, rows, NUM_LEVELS, layers.b2);
  return { logits: second, activations: first };
}

function addBias(matrix: Float32Array, rows: number, cols: number, bias: Float32Array): void {
  let i = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) matrix[i++] += bias[c];
  }
}

function columnSums(matrix: Float32Array, rows: number, cols: number): Float32Array {
  const sums = new Float32Array(cols);
  let i = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) sums[c] += matrix[i++];
  }
  return sums;
}

/** Copies the given rows of a row-major matrix into `out`, for one mini-batch. */
function copyRows(matrix: Float32Array, width: number, rows: Int32Array, from: number, to: number, out: Float32Array): void {
  for (let r = from; r < to; r++) out.set(matrix.subarray(rows[r] * width, (rows[r] + 1) * width), (r - from) * width);
}

function addWeightDecay(gradient: Float32Array, params: Float32Array, decay: number): void {
  for (let i = 0; i < gradient.length; i++) gradient[i] += decay * params[i];
}

/** Gradients of the loss with respect to every layer, given dLoss/dLogits. */
async function backward(engine: MatrixEngine, x: Float32Array, rows: number, width: number, hidden: number, layers: Layers, pass: Forward, dLogits: Float32Array): Promise<Layers> {
  if (hidden === 0) {
    return {
      w1: new Float32Array(await engine.matmulTransposedA(x, rows, width, dLogits, NUM_LEVELS)),
      b1: columnSums(dLogits, rows, NUM_LEVELS),
      w2: new Float32Array(0),
      b2: new Float32Array(0),
    };
  }
  const w2 = new Float32Array(await engine.matmulTransposedA(pass.activations, rows, hidden, dLogits, NUM_LEVELS));
  const b2 = columnSums(dLogits, rows, NUM_LEVELS);
  const w2Transposed = new Float32Array(NUM_LEVELS * hidden);
  for (let h = 0; h < hidden; h++) for (let c = 0; c < NUM_LEVELS; c++) w2Transposed[c * hidden + h] = layers.w2[h * NUM_LEVELS + c];
  const dHidden = new Float32Array(await engine.matmul(dLogits, rows, NUM_LEVELS, w2Transposed, hidden));
  for (let i = 0; i < dHidden.length; i++) if (pass.activations[i] <= 0) dHidden[i] = 0;
  const w1 = new Float32Array(await engine.matmulTransposedA(x, rows, width, dHidden, hidden));
  return { w1, b1: columnSums(dHidden, rows, hidden), w2, b2 };
}

function copyLayers(layers: Layers): Layers {
  return { w1: layers.w1.slice(), b1: layers.b1.slice(), w2: layers.w2.slice(), b2: layers.b2.slice() };
}

function predictedLevels(logits: Float32Array, rows: number): Int32Array {
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) out[r] = argmaxRow(logits, r, NUM_LEVELS);
  return out;
}

/** Trains a head on the given rows and returns the parameters of the best validation epoch. */
export async function trainHead(input: HeadTrainInput, options: HeadTrainOptions): Promise<HeadTrainResult> {
  const { width, labels } = input;
  const { hidden, maxEpochs, learningRate, weightDecay, patience } = options.head;
  const { mean, scale } = standardisation(input.features, width, input.trainRows);
  const x = gatherRows(input.features, width, input.trainRows, mean, scale);
  const xValidation = gatherRows(input.features, width, input.validationRows, mean, scale);
  const rows = input.trainRows.length;
  const y = new Int32Array(rows);
  for (let r = 0; r < rows; r++) y[r] = labels[input.trainRows[r]];
  const yValidation = new Int32Array(input.validationRows.length);
  for (let r = 0; r < yValidation.length; r++) yValidation[r] = labels[input.validationRows[r]];

  const counts = [0, 0, 0];
  for (const label of y) counts[label] += 1;
  const weights = classWeights(options.loss, counts);
  const offsets = Float32Array.from(logitOffsets(options.loss, counts));

  const layers = initLayers(width, hidden, options.seed);
  const optimisers = {
    w1: new Adam(layers.w1.length, learningRate),
    b1: new Adam(layers.b1.length, learningRate),
    w2: new Adam(layers.w2.length, learningRate),
    b2: new Adam(layers.b2.length, learningRate),
  };
  let best = copyLayers(layers);
  let bestScore = -Infinity;
  let bestEpoch = 0;
  let finalLoss = Number.NaN;
  let epoch = 0;
  const batchSize = Math.max(1, Math.min(options.head.batchSize, rows));
  const order = Int32Array.from({ length: rows }, (_, i) => i);
  const batchX = new Float32Array(batchSize * width);
  const batchY = new Int32Array(batchSize);
  const gradient = new Float32Array(batchSize * NUM_LEVELS);
  const random = createRandom(options.seed ^ 0x5bd1e995);
  while (epoch < maxEpochs) {
    throwIfAborted(options.signal, 'training');
    epoch += 1;
    shuffleIndices(order, random);
    let epochLoss = 0;
    for (let from = 0; from < rows; from += batchSize) {
      const to = Math.min(rows, from + batchSize);
      const size = to - from;
      copyRows(x, width, order, from, to, batchX);
      for (let r = from; r < to; r++) batchY[r - from] = y[order[r]];
      const pass = await forward(options.engine, batchX, size, width, hidden, layers);
      addBias(pass.logits, size, NUM_LEVELS, offsets);
      epochLoss += lossAndGradient(options.loss, pass.logits, batchY, weights, size, gradient) * size;
      const grads = await backward(options.engine, batchX, size, width, hidden, layers, pass, gradient);
      addWeightDecay(grads.w1, layers.w1, weightDecay);
      addWeightDecay(grads.w2, layers.w2, weightDecay);
      optimisers.w1.step(layers.w1, grads.w1);
      optimisers.b1.step(layers.b1, grads.b1);
      optimisers.w2.step(layers.w2, grads.w2);
      optimisers.b2.step(layers.b2, grads.b2);
    }
    finalLoss = epochLoss / rows;

    let validationMacroF1: number | null = null;
    if (yValidation.length > 0) {
      const validation = await forward(options.engine, xValidation, yValidation.length, width, hidden, layers);
      validationMacroF1 = macroF1(confusionMatrix(yValidation, predictedLevels(validation.logits, yValidation.length)));
      if (validationMacroF1 > bestScore) {
        bestScore = validationMacroF1;
        bestEpoch = epoch;
        best = copyLayers(layers);
      }
    }
    options.onEpoch?.({ epoch, loss: finalLoss, validationMacroF1 });
    if (yValidation.length > 0 && epoch - bestEpoch >= patience) break;
  }
  if (yValidation.length === 0) {
    best = layers;
    bestEpoch = epoch;
  }
  return {
    parameters: {
      inputWidth: width,
      hidden,
      mean: Array.from(mean),
      scale: Array.from(scale),
      w1: Array.from(best.w1),
      b1: Array.from(best.b1),
      w2: Array.from(best.w2),
      b2: Array.from(best.b2),
    },
    bestEpoch,
    epochsRun: epoch,
    validationMacroF1: yValidation.length > 0 ? bestScore : null,
    finalLoss,
  };
}

/** Level probabilities (rows × 3, row-major) for feature rows of the head's input width. */
export async function predictHead(engine: MatrixEngine, parameters: HeadParameters, features: Float32Array, rows: number): Promise<Float32Array> {
  const width = parameters.inputWidth;
  const all = new Int32Array(rows);
  for (let r = 0; r < rows; r++) all[r] = r;
  const x = gatherRows(features, width, all, Float32Array.from(parameters.mean), Float32Array.from(parameters.scale));
  const layers: Layers = {
    w1: Float32Array.from(parameters.w1),
    b1: Float32Array.from(parameters.b1),
    w2: Float32Array.from(parameters.w2),
    b2: Float32Array.from(parameters.b2),
  };
  const pass = await forward(engine, x, rows, width, parameters.hidden, layers);
  return softmaxRows(pass.logits, rows, NUM_LEVELS);
}
