/**
 * The `losses` namespace of `isgrad`: per-sample losses (the registry, `registerLoss`, `getLoss` and
 * `lossNames`, is at the top level). Import the namespace and call through it: `import { losses } from
 * 'isgrad'`, then `losses.<name>`; types are at the top level (docs/guide.md, "Library").
 *
 * @module
 */

export { meanSquaredError } from '../losses/mse.js';
export { softmaxCrossEntropy } from '../losses/softmax-ce.js';
