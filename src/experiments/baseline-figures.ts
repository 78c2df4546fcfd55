import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { budgetTablesHtml } from './budget-tables-html.js';
import { ciLineFigure } from '../figures/ci-line-figure.js';
import { methodStyle } from '../figures/method-style.js';
import { formatTInterval, tInterval95 } from '../figures/t-interval.js';
import { pairedDifferences } from '../stats/paired-differences.js';
import { writeFigureHtml, writeFigureJson } from '../figures/write-figure-html.js';
import '../builtins.js';
import type { TrainConfig } from '../train/config.js';
import { methodNames } from '../methods/method-spec.js';
import {
  alignAtBudget,
  budgetRows,
  comparisonPlan,
  referenceBudget,
  runComparison,
  type BudgetAxis,
  type CompareRun,
} from './compare.js';
import type { ExperimentModule, ExperimentPlan, FigureEntry, ReproduceContext } from './types.js';

/** Settings of a baseline comparison experiment ({@link baselineExperiment}). */
export interface BaselineFiguresSettings {
  /** Task of the main comparison. Default 'mnist-mlp'. */
  task: string;
  /** Name of the task in titles. Default 'MNIST MLP'. */
  label: string;
  /** The papers' figures this comparison reproduces, for captions. Default '[MIS] Fig. 3; AS/IS Figs. 2, 9'. */
  paperFigures: string;
  /** Methods of the main comparison. */
  methods: readonly string[];
  /** Append 'omis' to `methods` when that method is registered (the OMIS of [MIS]). Default true. */
  includeOmis: boolean;
  /** Epochs of the main comparison per scale. */
  epochs: { quick: number; full: number };
  /** Control task with near-uniform gradient norms. Default 'noise-labels'. */
  controlTask: string;
  /** Methods of the control. */
  controlMethods: readonly string[];
  /** Epochs of the control per scale. */
  controlEpochs: { quick: number; full: number };
  /** Config fields shared by every run of both comparisons (e.g. `backend`). Default {}. */
  overrides: Partial<TrainConfig>;
  /** What the papers' figures show, one sentence for captions. */
  paperClaim: string;
  /** Methods the papers show below uniform in test error (absent methods are skipped). */
  expectBelow: readonly string[];
}

/**
 * Defaults of {@link BaselineFiguresSettings}: mnist-mlp with uniform, DLIS, LOW, IS, AS ([MIS] Fig. 3, AS/IS Figs. 2
 * and 9), 5 epochs quick (the whole module, OMIS included, measured ≈ 4 min on wasm with 2 cores shared with other
 * jobs; ≈ 7 min at load 11) and 50 full ([AS-IS]); control noise-labels with uniform, DLIS, IS for 20 / 50 epochs;
 * no overrides; captions compare IS, AS and OMIS with uniform ([MIS] Fig. 3, [AS-IS] Figs. 2, 9).
 */
export const baselineFiguresDefaults: Readonly<BaselineFiguresSettings> = Object.freeze({
  task: 'mnist-mlp',
  label: 'MNIST MLP',
  paperFigures: '[MIS] Fig. 3; AS/IS Figs. 2, 9',
  methods: ['uniform', 'dlis', 'low', 'is', 'as'],
  includeOmis: true,
  epochs: { quick: 5, full: 50 },
  controlTask: 'noise-labels',
  controlMethods: ['uniform', 'dlis', 'is'],
  controlEpochs: { quick: 20, full: 50 },
  overrides: {},
  paperClaim:
    '[MIS] Fig. 3 and [AS-IS] Figs. 2, 9 show our IS, AS and OMIS below uniform SGD in test error at equal epochs ' +
    '(OMIS best in [MIS]) and further ahead at equal time, DLIS close to IS at equal epochs but slower',
  expectBelow: ['is', 'as', 'omis'],
});

/** The main comparison's methods: the settings' methods, plus 'omis' when asked for and registered. */
function comparedMethods(d: BaselineFiguresSettings): string[] {
  return [
    ...d.methods,
    ...(d.includeOmis && methodNames().includes('omis') && !d.methods.includes('omis') ? ['omis'] : []),
  ];
}

/**
 * The plan of a {@link baselineExperiment} part: every run of its main comparison and of its control (methods ×
 * seeds, as `runComparison` builds them).
 * @example
 * baselinePlan()({ scale: 'quick', seeds: [1, 2, 3] }).length; // (6 + 3) × 3 with OMIS registered
 */
export function baselinePlan(settings: Partial<BaselineFiguresSettings> = {}): ExperimentPlan {
  const d: BaselineFiguresSettings = { ...baselineFiguresDefaults, ...settings };
  return (ctx) => [
    ...comparisonPlan(d.task, comparedMethods(d), ctx.seeds, {
      ...d.overrides,
      epochs: d.epochs[ctx.scale],
      scale: ctx.scale,
    }),
    ...comparisonPlan(d.controlTask, d.controlMethods, ctx.seeds, {
      ...d.overrides,
      epochs: d.controlEpochs[ctx.scale],
      scale: ctx.scale,
    }),
  ];
}

/** One figure page of this module: mean and 95% t-interval over seeds per method. */
function plot(
  ctx: ReproduceContext,
  rows: Record<string, unknown>[],
  v: {
    file: string;
    title: string;
    caption: string;
    x: string;
    y: string;
    xTitle: string;
    yTitle: string;
    order: readonly string[];
  },
): FigureEntry {
  // Replicates meet at the same evaluation (epoch end); a time axis plots the seeds' mean time of that epoch.
  const fig = ciLineFigure(v.x === 'epoch' ? rows : atMeanOf(rows, v.x), {
    x: v.x,
    y: v.y,
    title: v.title,
    xTitle: v.xTitle,
    yTitle: v.yTitle,
    order: v.order,
  });
  writeFigureHtml(fig, join(ctx.figures, `${v.file}.html`), { title: v.title });
  writeFigureJson(fig, join(ctx.figures, `${v.file}.json`));
  ctx.log(`figure ${join(ctx.figures, `${v.file}.html`)}`);
  return { title: v.title, file: `${v.file}.html`, caption: v.caption };
}

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
    return v.length === 0 ? [] : [`${label(m)} ${formatTInterval(tInterval95(v), 3)}`];
  });
  const diffs =
    rows.some((r) => r.method === reference) && methods.length > 1
      ? pairedDifferences(rows, { by: 'method', baseline: reference, value: options.metric })
      : [];
  const verdicts = diffs.map((d) => {
    const ci = tInterval95(d.differences);
    const head = `${label(d.arm)} − ${label(reference)} ${formatTInterval(ci, 3)}`;
    if ((options.expectNotBelow ?? []).includes(d.arm)) {
      return ci.n > 1 && ci.hi < 0
        ? `${head}: below (differs from the expectation)`
        : `${head}: not below (agrees)`;
    }
    if (!(options.expectBelow ?? []).includes(d.arm)) return head;
    if (ci.n > 1 && ci.hi < 0) return `${head}: below (agrees)`;
    if (ci.n > 1 && ci.lo > 0) return `${head}: above (differs)`;
    return `${head}: not resolved from ${label(reference)} (differs: the paper shows it below)`;
  });
  const at = `${options.label ?? options.axis} (${options.axis} ${budget.toPrecision(4)})`;
  return (
    `At ${at}, ${options.metric}: ${values.join(', ')}; paired by seed: ` +
    `${verdicts.join('; ') || 'no other method'}.`
  );
}

function writeText(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/**
 * Builds the baseline comparison experiment (the METHODS §6 baselines side by side): the methods on `task` over `ctx.seeds`, test error
 * and loss vs epochs and vs training time (mean ± std bands), a table page with the metrics at equal epochs /
 * wall-clock / backward passes / forward examples seen and each method's time split (`budgetTablesHtml`); and the
 * control on `controlTask` (near-uniform gradient norms: IS cannot pay, DLIS's switch stays off). Every run goes
 * through `runOrLoad`, so an interrupted job resumes.
 * @param settings partial {@link BaselineFiguresSettings}; defaults {@link baselineFiguresDefaults}.
 * @returns an {@link ExperimentModule}.
 * @example
 * const tiny = baselineExperiment({ task: 'toy2d', methods: ['uniform', 'is'], epochs: { quick: 2, full: 2 } });
 * await tiny(ctx);
 */
export function baselineExperiment(settings: Partial<BaselineFiguresSettings> = {}): ExperimentModule {
  const d: BaselineFiguresSettings = { ...baselineFiguresDefaults, ...settings };
  return async (ctx) => {
    const methods = comparedMethods(d);
    const entries: FigureEntry[] = [];
    const runs = await runComparison({
      task: d.task,
      methods,
      seeds: ctx.seeds,
      overrides: { ...d.overrides, epochs: d.epochs[ctx.scale], scale: ctx.scale },
      results: ctx.results,
      hooks: ctx.hooks,
      log: ctx.log,
      prefetch: ctx.prefetch,
    });
    const rows = runs.flatMap(budgetRows).filter((r) => (r.epoch as number) >= 1);
    const seeds = `seeds ${ctx.seeds.join(', ')}`;
    const verdict = (metric: string, axis: BudgetAxis, label: string) =>
      budgetVerdict(runs, { metric, axis, label, expectBelow: d.expectBelow });
    const claim = `${d.paperClaim}.`;
    for (const [y, yTitle] of [
      ['testError', 'test error'],
      ['testLoss', 'test loss (CE)'],
    ] as const) {
      entries.push(
        plot(ctx, rows, {
          file: `baselines-${d.task}-${y}-epoch`,
          title: `${d.label}: ${yTitle} at equal epochs`,
          caption:
            `${yTitle} vs epoch on ${d.task} (${ctx.scale} scale), mean and 95% t-interval over ${seeds} ` +
            `(${d.paperFigures}). ${claim} ${verdict(y, 'epoch', 'equal epochs')}`,
          x: 'epoch',
          y,
          xTitle: 'epoch',
          yTitle,
          order: methods,
        }),
        plot(ctx, rows, {
          file: `baselines-${d.task}-${y}-time`,
          title: `${d.label}: ${yTitle} at equal CPU time`,
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
    writeText(
      join(ctx.figures, `baselines-${d.task}-tables.html`),
      budgetTablesHtml(`${d.label}: baselines at equal budgets`, runs, ['testError', 'testLoss'], 'uniform'),
    );
    entries.push({
      title: `${d.label}: baselines at equal budgets and time split`,
      file: `baselines-${d.task}-tables.html`,
      caption:
        'Test error and loss at equal epochs, equal CPU time, equal backward passes and equal forward examples ' +
        `(uniform's totals), mean ± 95% t half-width over ${seeds}; per-step time split (scoring, sampling, ` +
        `gathering, forward+backward+update, importance update) and seconds per epoch. ${claim} ` +
        verdict('testError', 'backwardPasses', "equal backward passes (uniform's)"),
    });

    const control = await runComparison({
      task: d.controlTask,
      methods: d.controlMethods,
      seeds: ctx.seeds,
      overrides: { ...d.overrides, epochs: d.controlEpochs[ctx.scale], scale: ctx.scale },
      results: ctx.results,
      hooks: ctx.hooks,
      log: ctx.log,
      prefetch: ctx.prefetch,
    });
    const crow = control.flatMap(budgetRows);
    const controlClaim =
      'A kit control, not in the papers: IS is expected not to pay here. ' +
      budgetVerdict(control, {
        metric: 'trainLoss',
        axis: 'trainCpuSeconds',
        label: "equal CPU time (uniform's total)",
        expectNotBelow: d.controlMethods.filter((m) => m !== 'uniform'),
      });
    entries.push(
      plot(ctx, crow, {
        file: `baselines-control-${d.controlTask}-train-loss-time`,
        title: `Control (${d.controlTask}, near-uniform gradient norms): train loss vs CPU time`,
        caption:
          `${d.controlTask}: every per-sample gradient norm is nearly equal, so IS cannot reduce variance and only adds ` +
          `cost; DLIS's τ switch stays off (its isActive column). Mean and 95% t-interval over ${seeds}. ` +
          controlClaim,
        x: 'trainCpuSeconds',
        y: 'trainLoss',
        xTitle: 'training CPU time (s)',
        yTitle: 'train loss (CE)',
        order: d.controlMethods,
      }),
    );
    writeText(
      join(ctx.figures, `baselines-control-${d.controlTask}-tables.html`),
      budgetTablesHtml(
        `Control (${d.controlTask}): equal budgets and time split`,
        control,
        ['trainLoss', 'testError'],
        'uniform',
      ),
    );
    entries.push({
      title: `Control (${d.controlTask}): equal budgets and time split`,
      file: `baselines-control-${d.controlTask}-tables.html`,
      caption:
        `Train loss and test error at equal budgets (mean ± 95% t half-width over ${seeds}) and the per-step time ` +
        `split on the control task. ${controlClaim}`,
    });
    return entries;
  };
}

/**
 * The baseline comparison of the main job: {@link baselineExperiment} with {@link baselineFiguresDefaults}
 * (uniform, DLIS, LOW, IS, AS and, when registered, OMIS on mnist-mlp; control on noise-labels).
 * @param ctx the main job's context (scale, seeds, results and figures folders, log, hooks).
 * @returns the figure entries for the gallery.
 * @example
 * const entries = await reproduceBaselines({ scale: 'quick', seeds: [1, 2, 3], results: 'results', figures: 'figures', log: console.error, hooks: () => ({}) });
 */
export const reproduceBaselines: ExperimentModule = baselineExperiment();

/** The 'baselines' part's plan ({@link baselinePlan} with the defaults). */
export const baselinesPlan: ExperimentPlan = baselinePlan();
