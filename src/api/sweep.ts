/**
 * isgrad `sweep`: Sweeps: specs, trials, shards, Slurm, collected runs and the ablation studies (`runTrials` is at the top level).
 * Reached as `import { sweep } from 'isgrad'`, then `sweep.name`.
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
