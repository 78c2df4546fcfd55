/**
 * The `sweep` namespace of `isgrad`: sweep specs, trial expansion, shards, Slurm scripts, collected runs,
 * your code on the workers (`writeModule`) and the ablation studies (`runTrials` and `useModule` are at the
 * top level). Import the namespace and call through it: `import { sweep } from 'isgrad'`, then
 * `sweep.<name>`; types are at the top level (docs/guide.md, "Library").
 *
 * @module
 */

export { validateSweepSpec, loadSweepSpec } from '../sweep/sweep-spec.js';
export { expandTrials, toTrials } from '../sweep/expand-trials.js';
export { parseShard, shardTrials } from '../sweep/shard-trials.js';
export { runTrialsDefaults } from '../sweep/run-trials.js';
export { writeModule } from '../sweep/use-module.js';
export { collectRuns } from '../sweep/collect-runs.js';
export { slurmArrayScript } from '../sweep/slurm-script.js';
export { ablations, builtinSweepSpec } from '../sweep/ablation-specs.js';
export { runAblation, loadAblation, ablationFigures } from '../sweep/run-ablation.js';
export {
  ablationConclusion,
  ablationConclusionDefaults,
  ablationConclusionTable,
  ablationReference,
  ablationOverview,
} from '../sweep/ablation-conclusion.js';
