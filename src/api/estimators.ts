/**
 * isgrad `estimators`: Gradient estimators (METHODS Eq. 1.1, §4).
 * Reached as `import { estimators } from 'isgrad'`, then `estimators.name`.
 *
 * @module
 */

export { createMisBalanceEstimator } from '../estimators/mis-balance.js';
export { omisEstimatorDefaults, createOmisEstimator } from '../estimators/omis.js';
export { createWeightedLossEstimator, weightedLossGradients } from '../estimators/weighted-loss.js';
