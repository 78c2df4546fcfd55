import type { OptionSpecs } from '../../options/option-spec.js';
import { ablationReference } from '../../sweep/ablation-conclusion.js';
import { ablations, type AblationName } from '../../sweep/ablation-specs.js';
import { collectRuns } from '../../sweep/collect-runs.js';
import { expandTrials } from '../../sweep/expand-trials.js';
import { ablationOutputs, ablationSpec, checkAblationOptions } from '../../sweep/run-ablation.js';
import { tailMean } from '../../stats/tail-mean.js';
import { commonSettings, type FigureSpec } from '../../experiments/figure-spec.js';

/** The settings of an ablation: scale, seeds, the swept values, the learning rate and the reference value. */
function ablationSettings(name: AblationName) {
  const a = ablations[name];
  return {
    ...commonSettings,
    grid: {
      kind: 'list',
      default: [...((a.spec.grid ?? {})[a.key] as number[])],
      help: `the swept values of ${a.symbol}`,
    },
    lr: { kind: 'number', default: 0, min: 0, help: "learning rate of every trial; 0: the task's" },
    reference: {
      kind: 'number',
      default: ablationReference(name) as number,
      help: `the ${a.symbol} every other value is compared with, paired by seed (one of the grid)`,
    },
  } as const satisfies OptionSpecs;
}

/**
 * One ablation of the kit's main hyper-parameters (α, β, τ, J; METHODS §3, §4, §5) as a figure spec: the sweep's
 * runs (grid × seeds on poly6) and the four outputs of `ablationOutputs`, each value against the reference paired
 * by seed and the papers' value against the best.
 * @example
 * ablationFigureSpec('beta').plan(settings).runs.length; // 5 values × 3 seeds
 */
export function ablationFigureSpec(name: AblationName): FigureSpec<ReturnType<typeof ablationSettings>> {
  const a = ablations[name];
  const options = (s: { seeds: number[]; scale: 'quick' | 'full'; grid: number[]; lr: number }) => ({
    seeds: s.seeds,
    scale: s.scale,
    grid: s.grid,
    ...(s.lr === 0 ? {} : { lr: s.lr }),
  });
  return {
    id: `ablations/${name}`,
    title: `Ablation over ${a.symbol} (${String(a.spec.base.method)} on ${String(a.spec.base.task)})`,
    paper: a.paper.source,
    settings: ablationSettings(name),
    plan: (s) => {
      checkAblationOptions(name, { results: '', ...options(s), reference: s.reference });
      return {
        runs: expandTrials(ablationSpec(name, options(s))).map((t) => ({ options: t.options })),
      };
    },
    make: ({ runs, results }, s) => {
      const evals = collectRuns(results, { dirs: runs.map((r) => r.dir) }).evals.objects() as Record<
        string,
        unknown
      >[];
      const tail = tailMean(evals, { y: 'excessLoss', geometric: true });
      return ablationOutputs({ name, ablation: a, reference: s.reference, evals, tail });
    },
  };
}

/** The four ablations of the main job's part 'ablations'. */
export const ablationsAlpha = ablationFigureSpec('alpha');
export const ablationsBeta = ablationFigureSpec('beta');
export const ablationsTau = ablationFigureSpec('tau');
export const ablationsJ = ablationFigureSpec('J');
