/**
 * The `emais` namespace of `isgrad`: EMAIS maths and trace diagnostics (METHODS §5): capped pmf, effective
 * minibatch, efficiency score, variance traces and their checks, LR adjustment. Import the namespace and
 * call through it: `import { emais } from 'isgrad'`, then `emais.<name>`; types are at the top level
 * (docs/guide.md, "Library").
 *
 * @module
 */

export { cappedPmf } from '../emais/capped-pmf.js';
export { effectiveMinibatch } from '../emais/effective-minibatch.js';
export { efficiencyScore } from '../emais/efficiency-score.js';
export { exactTracesFromNorms } from '../emais/exact-traces.js';
export { fullGradientTraces } from '../emais/full-gradient-traces.js';
export { LR_ADJUST_MODES, lrAdjust } from '../emais/lr-adjust.js';
export { MovingStats } from '../emais/moving-stats.js';
export { summarizeTraceChecks, traceCheck, traceCheckDefaults } from '../emais/trace-check.js';
export { validateTracesDefaults, validateTraces } from '../experiments/validate-traces.js';
export {
  varianceTracesDefaults,
  varianceTraces,
  varianceTracesFromVectors,
} from '../emais/variance-traces.js';
