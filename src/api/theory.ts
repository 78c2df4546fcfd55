/**
 * The `theory` namespace of `isgrad`: exact enumeration, Monte-Carlo moments and the float64 reference
 * estimators behind the checks of notebooks/01-theory. Import the namespace and call through it: `import {
 * theory } from 'isgrad'`, then `theory.<name>`; types are at the top level (docs/guide.md, "Library").
 *
 * @module
 */

export { enumerateMomentsDefaults, enumerateMoments, stratifiedSlots } from '../theory/enumerate-moments.js';
export { monteCarloMoments } from '../theory/monte-carlo-moments.js';
export {
  summarizeGradients,
  isEstimate,
  isVarianceTrace,
  pmfFromScores,
  optimalPmf,
} from '../theory/is-estimator.js';
export { toyGradients, randomPmf } from '../theory/toy-problem.js';
export {
  mixturePmf,
  balanceEstimate,
  omisSystemExact,
  omisWeights,
  omisWeightedEstimate,
  omisBatchEstimateDefaults,
  omisBatchEstimate,
} from '../theory/mis-estimators.js';
export { softmaxCe64, centralDifference } from '../theory/softmax-ce64.js';
export { initTinyMlp64, tinyMlp64Loss, tinyMlp64Sample } from '../theory/tiny-mlp64.js';
export { outputGradRows } from '../theory/output-grad-rows.js';
export { unrolledMemory } from '../theory/unrolled-memory.js';
export { verdictDefaults, verdict, maxAbsDiff, roundoffBound } from '../theory/verdict.js';
export { checkTable } from '../theory/check-table.js';
export { batchVarianceTraces } from '../theory/batch-variance-traces.js';
