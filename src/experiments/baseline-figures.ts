import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { budgetTablesHtml } from './budget-tables-html.js';
import { lineBandFigure } from '../figures/line-band-figure.js';
import { writeFigureHtml, writeFigureJson } from '../figures/write-figure-html.js';
import '../builtins.js';
import type { TrainConfig } from '../train/config.js';
import { methodNames } from '../methods/method-spec.js';
import { budgetRows, comparisonPlan, runComparison } from './compare.js';
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
  /** Append 'omis' to `methods` when that method is registered (the MIS issue's OMIS). Default true. */
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
}

/**
 * Defaults of {@link BaselineFiguresSettings}: mnist-mlp with uniform, DLIS, LOW, IS, AS ([MIS] Fig. 3, AS/IS Figs. 2
 * and 9), 5 epochs quick (the whole module, OMIS included, measured ≈ 4 min on wasm with 2 cores shared with other
 * jobs; ≈ 7 min at load 11) and 50 full ([AS-IS]); control noise-labels with uniform, DLIS, IS for 20 / 50 epochs;
 * no overrides.
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
});

/** One figure page of this module. */
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
  const fig = lineBandFigure(rows, {
    x: v.x,
    y: v.y,
    title: v.title,
    xTitle: v.xTitle,
    yTitle: v.yTitle,
    alignBy: 'epoch', // replicates meet at the same evaluation (epoch end); other x axes plot their mean
    order: v.order,
  });
  writeFigureHtml(fig, join(ctx.figures, `${v.file}.html`), { title: v.title });
  writeFigureJson(fig, join(ctx.figures, `${v.file}.json`));
  ctx.log(`figure ${join(ctx.figures, `${v.file}.html`)}`);
  return { title: v.title, file: `${v.file}.html`, caption: v.caption };
}

function writeText(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/**
 * Builds the baseline comparison experiment (issue 5 parts 2–3): the methods on `task` over `ctx.seeds`, test error
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
    const seeds = ctx.seeds.length;
    for (const [y, yTitle] of [
      ['testError', 'test error'],
      ['testLoss', 'test loss (CE)'],
    ] as const) {
      entries.push(
        plot(ctx, rows, {
          file: `baselines-${d.task}-${y}-epoch`,
          title: `${d.label}: ${yTitle} at equal epochs`,
          caption: `${yTitle} vs epoch on ${d.task}, mean ± std over ${seeds} seeds (${d.paperFigures}).`,
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
            `mean ± std over ${seeds} seeds. DLIS pays for its presample forward passes here.`,
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
        "(uniform's totals), mean ± std over seeds; per-step time split (scoring, sampling, gathering, " +
        'forward+backward+update, importance update) and seconds per epoch.',
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
    entries.push(
      plot(ctx, crow, {
        file: `baselines-control-${d.controlTask}-train-loss-time`,
        title: `Control (${d.controlTask}, near-uniform gradient norms): train loss vs CPU time`,
        caption:
          `${d.controlTask}: every per-sample gradient norm is nearly equal, so IS cannot reduce variance and only adds ` +
          "cost; DLIS's τ switch stays off (its isActive column). Mean ± std over seeds.",
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
      caption: 'Train loss and test error at equal budgets and the per-step time split on the control task.',
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
