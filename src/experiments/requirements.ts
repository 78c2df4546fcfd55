import { fashionMnistDirEnv, findFashionMnist } from '../data/fashion-mnist.js';
import type { PartRequirement } from './figure-spec.js';

/**
 * Fashion-MNIST IDX files (Debian `dataset-fashion-mnist`, or a folder in env `ISGRAD_FMNIST_DIR`), needed by the
 * `fmnist-lenet` task.
 */
export const fashionMnistRequirement: PartRequirement = {
  what: 'Fashion-MNIST (task fmnist-lenet)',
  missing() {
    const f = findFashionMnist();
    return f.missing.length === 0
      ? null
      : `${f.missing.length === 4 ? 'none of its four IDX files' : `no ${f.missing.join(', ')}`} in ${f.dir} ` +
          `(${f.source}; or set ${fashionMnistDirEnv} to a folder holding them)`;
  },
  enable: 'sudo apt-get install dataset-fashion-mnist',
};
