/**
 * The `estimators` namespace of `isgrad`: gradient estimators (METHODS Eq. 1.1, §4): weighted loss,
 * balance-heuristic MIS, OMIS. Import the namespace and call through it: `import { estimators } from
 * 'isgrad'`, then `estimators.<name>`; types are at the top level (docs/guide.md, "Library").
 *
 * @module
 */

export { createMisBalanceEstimator } from '../estimators/mis-balance.js';
export { omisEstimatorDefaults, createOmisEstimator } from '../estimators/omis.js';
export { createWeightedLossEstimator, weightedLossGradients } from '../estimators/weighted-loss.js';
