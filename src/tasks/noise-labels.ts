import type { Dataset } from '../data/dataset.js';
import { softmaxCrossEntropy } from '../losses/softmax-ce.js';
import { createMlp, type MlpOptions } from '../models/mlp.js';
import { createRng } from '../random/rng.js';
import type { TaskSpec } from './types.js';

/** Data settings of the `noise-labels` control task. */
export const noiseLabelsDefaults = Object.freeze({
  /** Training samples per scale. */
  nTrain: { quick: 4000, full: 20000 },
  /** Test samples per scale. */
  nTest: { quick: 1000, full: 5000 },
  /** Input dimension d (inputs on the unit sphere in R^d). */
  dim: 10,
  /** Number of classes C (labels uniform, independent of x). */
  classes: 3,
});

const model: MlpOptions = { inputSize: 10, hidden: [], outputSize: 3, activation: 'relu' };

/** n points uniform on the unit sphere of R^d with labels uniform in [0, C), independent of x. */
function makeNoiseLabels(name: string, n: number, seed: number): Dataset {
  const { dim, classes } = noiseLabelsDefaults;
  const rng = createRng(seed);
  const x = new Float32Array(n * dim); // (n, d)
  const y = new Int32Array(n); // (n)
  for (let i = 0; i < n; i++) {
    let r2 = 0;
    for (let k = 0; k < dim; k++) r2 += (x[i * dim + k] = rng.normal()) ** 2;
    const r = Math.sqrt(r2) || 1;
    for (let k = 0; k < dim; k++) x[i * dim + k] /= r; // ‖x_i‖ = 1
    y[i] = rng.int(classes);
  }
  return { name, n, xShape: [dim], x, yShape: [], y, numClasses: classes };
}

/**
 * `noise-labels`: the control task of the baseline comparison, built so that importance sampling cannot pay.
 * Inputs lie on the unit sphere of R^10 and labels are uniform and independent of the inputs; the model is linear
 * softmax regression. The outputs stay near uniform, so every per-sample gradient norm ‖u_i‖·‖(x_i, 1)‖ ≈
 * sqrt(2/3)·sqrt(2) is nearly the same, p ∝ ‖g‖ is near uniform and IS only adds its overhead (test error stays
 * ≈ 2/3 for every method; compare train loss and time).
 * @example
 * await train({ task: 'noise-labels', method: 'is' });
 */
export const noiseLabelsTask: TaskSpec = {
  name: 'noise-labels',
  description:
    'control: random labels on the unit sphere, linear softmax model (near-uniform gradient norms)',
  defaults: { epochs: 5, batchSize: 64, lr: 1e-2, optimizer: 'sgd' },
  fingerprint: { data: noiseLabelsDefaults, model },
  async create({ dataSeed, scale }) {
    const { nTrain, nTest } = noiseLabelsDefaults;
    return {
      name: 'noise-labels',
      train: makeNoiseLabels('noise-labels-train', nTrain[scale], dataSeed * 2 + 1),
      test: makeNoiseLabels('noise-labels-test', nTest[scale], dataSeed * 2 + 2),
      loss: softmaxCrossEntropy,
      createModel: (rng) => createMlp(model, rng),
    };
  },
};
