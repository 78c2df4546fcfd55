/**
 * isgrad `datasets`: Data loaders and synthetic datasets (CIFAR, MNIST, Fashion-MNIST, ModelNet40, poly6, shapes3d, toy2d) and dataset helpers.
 * Reached as `import { datasets } from 'isgrad'`, then `datasets.name`.
 *
 * @module
 */

export { permutation } from '../random/rng.js';
export { loadCifar } from '../data/cifar.js';
export { validateDataset, gatherBatch } from '../data/dataset.js';
export { loadFashionMnist } from '../data/fashion-mnist.js';
export { loadMnist } from '../data/mnist.js';
export { loadModelNet40 } from '../data/modelnet40.js';
export { readPngRgb } from '../data/png-image.js';
export { makePoly6 } from '../data/poly6.js';
export { makeShapes3d } from '../data/shapes3d.js';
export { makeToy2d } from '../data/toy2d.js';
