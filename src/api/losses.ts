/**
 * isgrad `losses`: Per-sample losses (`registerLoss`, `getLoss` and `lossNames` are at the top level).
 * Reached as `import { losses } from 'isgrad'`, then `losses.name`.
 *
 * @module
 */

export { meanSquaredError } from '../losses/mse.js';
export { softmaxCrossEntropy } from '../losses/softmax-ce.js';
