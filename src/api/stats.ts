/**
 * isgrad `stats`: Seed statistics: means with intervals, paired differences, tail means, bootstrap, resampling, rank correlation.
 * Reached as `import { stats } from 'isgrad'`, then `stats.name`.
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
