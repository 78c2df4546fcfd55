/**
 * The `stats` namespace of `isgrad`: seed statistics in float64: means with t intervals, paired differences,
 * tail means, bootstrap, resampled curves, rank correlation. Import the namespace and call through it:
 * `import { stats } from 'isgrad'`, then `stats.<name>`; types are at the top level (docs/guide.md,
 * "Library").
 *
 * @module
 */

export { spearmanCorrelation } from '../diagnostics/spearman-correlation.js';
export { meanCi, summarizeSeeds } from '../stats/seed-summary.js';
export { pairedDifferences } from '../stats/paired-differences.js';
export { tailMeanDefaults, tailMean } from '../stats/tail-mean.js';
export { resampleCurve, resampleRuns } from '../stats/resample-curve.js';
export { bootstrapCiDefaults, bootstrapCi } from '../stats/bootstrap-ci.js';
export { studentTQuantile } from '../stats/student-t.js';
