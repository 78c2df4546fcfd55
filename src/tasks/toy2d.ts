import { makeToy2d, toy2dDefaults } from '../data/toy2d.js';
import { softmaxCrossEntropy } from '../losses/softmax-ce.js';
import { createMlp, type MlpOptions } from '../models/mlp.js';
import type { TaskSpec } from './types.js';

const model: MlpOptions = { inputSize: 2, hidden: [32, 32], outputSize: 3, activation: 'relu' };

/** `toy2d`: 3-class classification in the plane with a small MLP ([MIS] Fig. 1; [AS-IS] Fig. 1, 800 points). */
export const toy2dTask: TaskSpec = {
  name: 'toy2d',
  description: '3-class 2-D classification, small MLP with 3 outputs ([MIS] Fig. 1)',
  defaults: { epochs: 30, batchSize: 32, lr: 0.01, optimizer: 'adam' },
  fingerprint: { data: toy2dDefaults, model },
  async create({ dataSeed }) {
    const data = makeToy2d({ seed: dataSeed });
    return {
      name: 'toy2d',
      train: data.train,
      test: data.test,
      loss: softmaxCrossEntropy,
      createModel: (rng) =>
        createMlp({ inputSize: 2, hidden: [32, 32], outputSize: 3, activation: 'relu' }, rng),
    };
  },
};
