import { loadFashionMnist } from '../data/fashion-mnist.js';
import { softmaxCrossEntropy } from '../losses/softmax-ce.js';
import { createLeNet5, lenet5Defaults } from '../models/lenet5.js';
import type { TaskSpec } from './types.js';

/** Images used at each scale: the first nTrain training and nTest test images. */
const sizes = { quick: { nTrain: 10000, nTest: 2000 }, full: { nTrain: 60000, nTest: 10000 } };

/**
 * `fmnist-lenet`: Fashion-MNIST (Debian `dataset-fashion-mnist`) with LeNet-5, SGD momentum 0.9, learning rate
 * 0.01, weight decay 1e-3, batch 128 ([EMAIS] Table 1). Scale 'quick' uses the first 10,000 training and 2,000 test
 * images; 'full' uses 60,000 / 10,000.
 */
export const fmnistLenetTask: TaskSpec = {
  name: 'fmnist-lenet',
  description: 'Fashion-MNIST (Debian dataset-fashion-mnist), LeNet-5, SGD m=0.9 ([EMAIS] Table 1)',
  defaults: { epochs: 3, batchSize: 128, lr: 0.01, optimizer: 'sgd', momentum: 0.9, weightDecay: 1e-3 },
  fingerprint: { data: sizes, model: lenet5Defaults },
  async create({ scale }) {
    const { train, test } = loadFashionMnist(sizes[scale]);
    return {
      name: 'fmnist-lenet',
      train,
      test,
      loss: softmaxCrossEntropy,
      createModel: (rng) => createLeNet5({ inputShape: [28, 28, 1], numClasses: 10 }, rng),
    };
  },
};
