/**
 * The `datasets` namespace of `isgrad`: data loaders and synthetic data sets (CIFAR, MNIST, Fashion-MNIST,
 * ModelNet40, PNG images, poly6, shapes3d, toy2d), dataset checks and batches, and seeded permutations.
 * Import the namespace and call through it: `import { datasets } from 'isgrad'`, then `datasets.<name>`;
 * types are at the top level (docs/guide.md, "Library").
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
