import { ciLineFigure } from '../../figures/ci-line-figure.js';
import { ciBelow, formatMeanCi, meanCi } from '../../stats/seed-summary.js';
import { belowVerdict } from '../../stats/verdict.js';
import { methodStyle } from '../../figures/method-style.js';
import type { OptionSpecs } from '../../options/option-spec.js';
import { pairedDifferences } from '../../stats/paired-differences.js';
import { budgetTablesHtml } from '../../experiments/budget-tables-html.js';
import {
  alignAtBudget,
  budgetRows,
  comparisonPlan,
  compareRunOf,
  referenceBudget,
  type BudgetAxis,
  type CompareRun,
} from '../../experiments/compare.js';
import { scaleIntSetting, scaleValue } from '../train-settings.js';
import {
  commonSettings,
  type FigureOutput,
  type FigurePlan,
  type FigureSpec,
  type LoadedRun,
} from '../../experiments/figure-spec.js';

/**
 * Rows with column `x` replaced by its mean over the seeds of the same method and epoch, so that replicates meet
 * at one x (for a time axis: the seeds' mean time at that evaluation).
 * @example
 * atMeanOf([{ method: 'a', epoch: 1, t: 1 }, { method: 'a', epoch: 1, t: 3 }], 't'); // both rows t = 2
 */
export function atMeanOf(rows: readonly Record<string, unknown>[], x: string): Record<string, unknown>[] {
  const acc = new Map<string, { s: number; n: number }>();
  const key = (r: Record<string, unknown>) => `${String(r.method)}|${String(r.epoch)}`;
  for (const r of rows) {
    const v = r[x];
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    const a = acc.get(key(r)) ?? { s: 0, n: 0 };
    a.s += v;
    a.n += 1;
    acc.set(key(r), a);
  }
  return rows.flatMap((r) => {
    const a = acc.get(key(r));
    return a === undefined ? [] : [{ ...r, [x]: a.s / a.n }];
  });
}

/** Options of {@link budgetVerdict}. */
export interface BudgetVerdictOptions {
  /** Metric column, e.g. 'testError'. */
  metric: string;
  /** Budget axis; the budget is the reference method's total on it (`referenceBudget`). */
  axis: BudgetAxis;
  /** Reference method. Default 'uniform'. */
  reference?: string;
  /** Methods expected below the reference (the paper's claim); others are only reported. Default []. */
  expectBelow?: readonly string[];
  /** Methods expected NOT below the reference (a control where IS cannot pay). Default []. */
  expectNotBelow?: readonly string[];
  /** Name of the budget in the text, e.g. 'equal epochs'. Default the axis. */
  label?: string;
}

/**
 * One caption sentence comparing every method with the reference at one budget: each method's metric (mean and
 * 95% t-interval over seeds) and its difference to the reference paired by seed, and for each method in
 * `expectBelow` whether it is below the reference with 95% confidence (agrees with the paper) or not (differs);
 * for each in `expectNotBelow` (a control) whether it stays not below.
 * @param runs the comparison's runs.
 * @param options see {@link BudgetVerdictOptions}.
 * @example
 * budgetVerdict(runs, { metric: 'testError', axis: 'epoch', expectBelow: ['is'] });
 */
export function budgetVerdict(runs: readonly CompareRun[], options: BudgetVerdictOptions): string {
  const reference = options.reference ?? 'uniform';
  const budget = referenceBudget(runs, options.axis, reference);
  const rows = alignAtBudget(runs, { axis: options.axis, budgets: [budget] }).filter(
    (r) => typeof r[options.metric] === 'number' && Number.isFinite(r[options.metric]),
  );
  const methods = [...new Set(runs.map((r) => r.method))];
  const label = (m: string) => methodStyle(m).label;
  const values = methods.flatMap((m) => {
    const v = rows.filter((r) => r.method === m).map((r) => r[options.metric] as number);
    return v.length === 0 ? [] : [`${label(m)} ${formatMeanCi(meanCi(v), 3)}`];
  });
  const diffs =
    rows.some((r) => r.method === reference) && methods.length > 1
      ? pairedDifferences(rows, { by: 'method', baseline: reference, value: options.metric })
      : [];
  const verdicts = diffs.map((d) => {
    const ci = meanCi(d.differences);
    const head = `${label(d.arm)} − ${label(reference)} ${formatMeanCi(ci, 3)}`;
    if ((options.expectNotBelow ?? []).includes(d.arm)) {
      return ciBelow(ci) ? `${head}: below (differs from the expectation)` : `${head}: not below (agrees)`;
    }
    if (!(options.expectBelow ?? []).includes(d.arm)) return head;
    return `${head}: ${belowVerdict(ci, label(reference))}`;
  });
  const at = `${options.label ?? options.axis} (${options.axis} ${budget.toPrecision(4)})`;
  return (
    `At ${at}, ${options.metric}: ${values.join(', ')}; paired by seed: ` +
    `${verdicts.join('; ') || 'no other method'}.`
  );
}

/** What one baseline comparison figure compares: a task, its methods and epochs, and what the papers show. */
export interface BaselineComparison {
  /** Figure id, e.g. 'asis/fig2-mnist'. */
  id: string;
  /** The papers' figures it reproduces, e.g. '[MIS] Fig. 3; AS/IS Figs. 2, 9'. */
  paperFigures: string;
  /** Default task, and its name in titles (other tasks are named as they are). */
  task: string;
  label: string;
  /** Default methods, comma-separated (uniform first), per scale. */
  methods: { quick: string; full: string };
  /** Default epochs per scale. */
  epochs: { quick: number; full: number };
  /** What the papers' figures show, one sentence for captions. */
  paperClaim: string;
  /** Methods the papers show below uniform in test error (absent methods are skipped). */
  expectBelow: readonly string[];
}

/** The settings of a baseline comparison: scale, seeds, task, methods and epochs (0 / '': the scale's). */
export function comparisonSettings(c: Pick<BaselineComparison, 'task' | 'methods' | 'epochs'>) {
  return {
    ...commonSettings,
    task: { kind: 'string', default: c.task, help: 'a classification task (its evaluations have testError)' },
    methods: {
      kind: 'string',
      default: '',
      help:
        `compared methods, comma-separated, uniform first; '': ${c.methods.quick} at quick scale, ` +
        `${c.methods.full} at full`,
    },
    epochs: scaleIntSetting(
      `epochs of every run; 0: ${c.epochs.quick} at quick scale, ${c.epochs.full} at full`,
    ),
  } as const satisfies OptionSpecs;
}

/** The settings a baseline comparison spec declares: scale, seeds, task, methods and epochs. */
export type ComparisonSettings = ReturnType<typeof comparisonSettings>;
type Resolved = Parameters<FigureSpec<ComparisonSettings>['plan']>[0];

/** The methods and epochs of resolved settings: '' and 0 stand for the comparison's defaults at the scale. */
function resolved(c: Pick<BaselineComparison, 'methods' | 'epochs'>, s: Resolved) {
  const methods = (s.methods === '' ? c.methods[s.scale] : s.methods).split(',').map((m) => m.trim());
  if (methods[0] !== 'uniform' || methods.some((m) => m === '')) {
    throw new RangeError(
      `setting methods must list methods separated by commas, uniform first; got '${s.methods}'`,
    );
  }
  return { methods, epochs: scaleValue(s.epochs, c.epochs, s.scale) };
}

/** The runs of a comparison: methods × seeds (methods outermost), tagged with method and seed. */
function comparisonRuns(c: Pick<BaselineComparison, 'methods' | 'epochs'>, s: Resolved): FigurePlan {
  const { methods, epochs } = resolved(c, s);
  return {
    runs: comparisonPlan(s.task, methods, s.seeds, { epochs, scale: s.scale }).map((options) => ({
      options,
      tags: { method: options.method, seed: options.seed as number },
    })),
  };
}

/** The loaded runs of a comparison plan (tags method and seed) as {@link CompareRun}s. */
function compareRuns(runs: readonly LoadedRun[]): CompareRun[] {
  return runs.map((r) => compareRunOf(String(r.tags.method), Number(r.tags.seed), r));
}

/** One line figure of a comparison: mean and 95% t-interval over seeds per method. */
function plot(
  rows: Record<string, unknown>[],
  v: Omit<FigureOutput, 'figure' | 'html'> & {
    x: string;
    y: string;
    xTitle: string;
    yTitle: string;
    order: readonly string[];
  },
): FigureOutput {
  // Replicates meet at the same evaluation (epoch end); a time axis plots the seeds' mean time of that epoch.
  const figure = ciLineFigure(v.x === 'epoch' ? rows : atMeanOf(rows, v.x), {
    x: v.x,
    y: v.y,
    title: v.title,
    xTitle: v.xTitle,
    yTitle: v.yTitle,
    order: v.order,
  });
  return { file: v.file, title: v.title, caption: v.caption, figure };
}

/**
 * A baseline comparison (the METHODS §6 baselines side by side) as a figure spec: the methods on the task over the
 * seeds, test error and loss vs epochs and vs training CPU time (mean and 95% t-interval over seeds), and a table
 * page with the metrics at equal epochs / CPU time / backward passes / forward examples and each method's time
 * split (`budgetTablesHtml`); every caption ends with the verdict at that budget against the papers' claim.
 * @example
 * const spec = baselineComparisonSpec({ id: 'asis/fig2-mnist', task: 'mnist-mlp', ... });
 */
export function baselineComparisonSpec(c: BaselineComparison): FigureSpec<ComparisonSettings> {
  const settings = comparisonSettings(c);
  return {
    id: c.id,
    title: `${c.label}: baselines at equal epochs and equal CPU time`,
    paper: c.paperFigures,
    settings,
    plan: (s) => comparisonRuns(c, s),
    make: ({ runs: loaded }, s) => {
      const { methods } = resolved(c, s);
      const runs = compareRuns(loaded);
      const label = s.task === c.task ? c.label : s.task;
      const rows = runs.flatMap(budgetRows).filter((r) => (r.epoch as number) >= 1);
      const seeds = `seeds ${s.seeds.join(', ')}`;
      const verdict = (metric: string, axis: BudgetAxis, at: string) =>
        budgetVerdict(runs, { metric, axis, label: at, expectBelow: c.expectBelow });
      const claim = `${c.paperClaim}.`;
      const out: FigureOutput[] = [];
      for (const [y, yTitle] of [
        ['testError', 'test error'],
        ['testLoss', 'test loss (CE)'],
      ] as const) {
        out.push(
          plot(rows, {
            file: `baselines-${s.task}-${y}-epoch`,
            title: `${label}: ${yTitle} at equal epochs`,
            caption:
              `${yTitle} vs epoch on ${s.task} (${s.scale} scale), mean and 95% t-interval over ${seeds} ` +
              `(${c.paperFigures}). ${claim} ${verdict(y, 'epoch', 'equal epochs')}`,
            x: 'epoch',
            y,
            xTitle: 'epoch',
            yTitle,
            order: methods,
          }),
          plot(rows, {
            file: `baselines-${s.task}-${y}-time`,
            title: `${label}: ${yTitle} at equal CPU time`,
            caption:
              `${yTitle} vs training CPU seconds (process CPU time in steps, evaluations excluded; unlike wall-clock it ` +
              `does not move with the machine's load): each epoch's evaluation at the seeds' mean time, ` +
              `mean and 95% t-interval over ${seeds}. DLIS pays for its presample forward passes here. ${claim} ` +
              verdict(y, 'trainCpuSeconds', "equal CPU time (uniform's total)"),
            x: 'trainCpuSeconds',
            y,
            xTitle: 'training CPU time (s)',
            yTitle,
            order: methods,
          }),
        );
      }
      out.push({
        file: `baselines-${s.task}-tables`,
        title: `${label}: baselines at equal budgets and time split`,
        caption:
          'Test error and loss at equal epochs, equal CPU time, equal backward passes and equal forward examples ' +
          `(uniform's totals), mean ± 95% t half-width over ${seeds}; per-step time split (scoring, sampling, ` +
          `gathering, forward+backward+update, importance update) and seconds per epoch. ${claim} ` +
          verdict('testError', 'backwardPasses', "equal backward passes (uniform's)"),
        html: budgetTablesHtml(
          `${label}: baselines at equal budgets`,
          runs,
          ['testError', 'testLoss'],
          'uniform',
        ),
      });
      return out;
    },
  };
}

const control = {
  task: 'noise-labels',
  methods: { quick: 'uniform,dlis,is', full: 'uniform,dlis,is' },
  epochs: { quick: 20, full: 50 },
};

/**
 * The kit's control, not in the papers: a task whose per-sample gradient norms are nearly equal (noise-labels), so
 * IS cannot reduce variance and only adds cost, and DLIS's τ switch stays off; train loss vs CPU time and a table
 * page of the equal budgets and time split, with the verdict that IS does not pay (part of the 'baselines' and
 * 'pointcloud' parts).
 */
export const coreControlNoiseLabels: FigureSpec<ComparisonSettings> = {
  id: 'core/control-noise-labels',
  title: 'Control (noise-labels, near-uniform gradient norms): IS cannot pay',
  paper: 'kit control (no paper figure)',
  settings: comparisonSettings(control),
  plan: (s) => comparisonRuns(control, s),
  make: ({ runs: loaded }, s) => {
    const { methods } = resolved(control, s);
    const runs = compareRuns(loaded);
    const seeds = `seeds ${s.seeds.join(', ')}`;
    const controlClaim =
      'A kit control, not in the papers: IS is expected not to pay here. ' +
      budgetVerdict(runs, {
        metric: 'trainLoss',
        axis: 'trainCpuSeconds',
        label: "equal CPU time (uniform's total)",
        expectNotBelow: methods.filter((m) => m !== 'uniform'),
      });
    return [
      plot(runs.flatMap(budgetRows), {
        file: `baselines-control-${s.task}-train-loss-time`,
        title: `Control (${s.task}, near-uniform gradient norms): train loss vs CPU time`,
        caption:
          `${s.task}: every per-sample gradient norm is nearly equal, so IS cannot reduce variance and only adds ` +
          `cost; DLIS's τ switch stays off (its isActive column). Mean and 95% t-interval over ${seeds}. ` +
          controlClaim,
        x: 'trainCpuSeconds',
        y: 'trainLoss',
        xTitle: 'training CPU time (s)',
        yTitle: 'train loss (CE)',
        order: methods,
      }),
      {
        file: `baselines-control-${s.task}-tables`,
        title: `Control (${s.task}): equal budgets and time split`,
        caption:
          `Train loss and test error at equal budgets (mean ± 95% t half-width over ${seeds}) and the per-step time ` +
          `split on the control task. ${controlClaim}`,
        html: budgetTablesHtml(
          `Control (${s.task}): equal budgets and time split`,
          runs,
          ['trainLoss', 'testError'],
          'uniform',
        ),
      },
    ];
  },
};
