/**
 * The `experiments` namespace of `isgrad`: budget-aligned and arm comparisons, variance and
 * importance-distance summaries, figure settings, run keys and the run store (`reproduce` and
 * `runComparison` are at the top level). Import the namespace and call through it: `import { experiments }
 * from 'isgrad'`, then `experiments.<name>`; types are at the top level (docs/guide.md, "Library").
 *
 * @module
 */

export { compareArmsDefaults, compareArms, formatArmComparison } from '../stats/verdict.js';
export { misFig2Statement } from '../papers/mis/fig2-spec.js';
export { misFig7Statement } from '../papers/mis/fig7-image.js';
export {
  BUDGET_AXES,
  TIME_PHASES,
  budgetRows,
  alignDefaults,
  alignAtBudget,
  summarizeAtBudget,
  referenceBudget,
  timeSplitTable,
} from '../experiments/compare.js';
export { varianceSummaryDefaults, varianceSummary } from '../experiments/variance-summary.js';
export {
  importanceDistanceDefaults,
  importanceDistances,
  importanceDistanceSummary,
  memoryAlphaRows,
  memoryAlphaSummary,
} from '../papers/asis/pmf-distance.js';
export { reproduceDefaults, formatFigureList } from '../experiments/reproduce.js';
export { commonSettings, resolveFigureSettings } from '../experiments/figure-spec.js';
export { runKey, runOrLoad } from '../experiments/run-or-load.js';
