import { join } from 'node:path';
import type { ExperimentPlan, FigureEntry, ReproduceContext } from '../experiments/types.js';
import { ablationCurvesFigure, ablationFigure } from '../figures/ablation-figure.js';
import { writeFigureHtml, writeFigureJson } from '../figures/write-figure-html.js';
import { ablations, type AblationName } from './ablation-specs.js';
import { collectRuns } from './collect-runs.js';
import { expandTrials } from './expand-trials.js';
import { runTrials, type SweepProgress } from './run-trials.js';
import type { SweepSpec } from './sweep-spec.js';
import { tailMean } from '../stats/tail-mean.js';

/** Options of {@link runAblation}. */
export interface RunAblationOptions {
  /** Results store root. Required. */
  results: string;
  /** Figures folder. Required. */
  figures: string;
  /** Seeds (replace the spec's [1, 2, 3]). Default: the spec's. */
  seeds?: number[];
  /** Dataset scale. Default 'quick'. */
  scale?: 'quick' | 'full';
  /** Worker processes. Default: the number of cores. */
  workers?: number;
  /** Progress lines. */
  log?: (line: string) => void;
  /**
   * Runs the trials on this pool instead of one of the ablation's own (the main job passes its
   * `ReproduceContext.prefetch`, so the ablations share the job's workers). Default: a pool of `workers`.
   */
  prefetch?: ReproduceContext['prefetch'];
  onProgress?: (p: SweepProgress) => void;
}

/** One ablation's sweep spec with the options' seeds and scale. */
function ablationSpec(name: AblationName, options: Pick<RunAblationOptions, 'seeds' | 'scale'>): SweepSpec {
  const a = ablations[name];
  return {
    ...a.spec,
    seeds: options.seeds ?? a.spec.seeds,
    base: { ...a.spec.base, scale: options.scale ?? 'quick' },
  };
}

/**
 * The 'ablations' part's plan: every trial of the four ablations with the context's seeds and scale.
 * @example
 * ablationsPlan({ scale: 'quick', seeds: [1, 2, 3] }).length; // every ablation's values × 3 seeds
 */
export const ablationsPlan: ExperimentPlan = (ctx) =>
  (Object.keys(ablations) as AblationName[]).flatMap((name) =>
    expandTrials(ablationSpec(name, ctx)).map((t) => t.options),
  );

/**
 * Runs (or loads) one ablation's sweep on the runner and writes its two figures: the tail-averaged excess loss
 * vs the swept value with 95% t intervals over seeds (`ablation-<name>.html`), and the excess-loss curves per
 * value (`ablation-<name>-curves.html`). Failed trials are logged and left out of the figures.
 * @example
 * await runAblation('beta', { results: 'results', figures: 'figures' });
 */
export async function runAblation(name: AblationName, options: RunAblationOptions): Promise<FigureEntry[]> {
  const a = ablations[name];
  const log = options.log ?? (() => {});
  const trials = expandTrials(ablationSpec(name, options));
  const results =
    options.prefetch === undefined
      ? await runTrials(trials, {
          root: options.results,
          workers: options.workers,
          onProgress: options.onProgress,
        })
      : // an ablation's trials are distinct runs, so the results come back one per trial, in order
        (await options.prefetch(trials.map((t) => t.options))).map((r, i) => ({ ...r, trial: trials[i] }));
  const ok = results.filter((r) => r.status !== 'failed');
  for (const r of results) {
    if (r.status === 'failed') log(`ablation ${name}: trial ${r.trial.label} failed: ${r.error}`);
  }
  log(
    `ablation ${name}: ${ok.length}/${results.length} trials (${results.filter((r) => r.status === 'cached').length} loaded)`,
  );
  if (ok.length === 0)
    throw new Error(`ablation ${name}: every trial failed; see ${options.results}/failures`);
  const rows = collectRuns(options.results, {
    dirs: ok.map((r) => r.dir as string),
  }).evals.objects() as Record<string, unknown>[];
  const tail = tailMean(rows, { y: 'excessLoss', geometric: true });
  const entries: FigureEntry[] = [];
  const write = (file: string, fig: ReturnType<typeof ablationFigure>, title: string, caption: string) => {
    writeFigureHtml(fig, join(options.figures, `${file}.html`), { title });
    writeFigureJson(fig, join(options.figures, `${file}.json`));
    entries.push({ title, file: `${file}.html`, caption });
  };
  const title = `Ablation over ${a.symbol} (${String(a.spec.base.method)} on ${String(a.spec.base.task)})`;
  write(
    `ablation-${name}`,
    ablationFigure(tail, {
      x: a.key,
      y: 'excessLoss',
      logY: true,
      title,
      xTitle: a.symbol,
      yTitle: 'excess loss, mean of the last 25% of evaluations',
    }),
    title,
    a.caption,
  );
  write(
    `ablation-${name}-curves`,
    ablationCurvesFigure(
      rows.filter((r) => (r.step as number) > 0),
      {
        value: a.key,
        valueLabel: a.symbol,
        x: 'step',
        y: 'excessLoss',
        logY: true,
        title: `${title}: curves`,
        yTitle: 'excess loss F(θ) − F(θ*)',
      },
    ),
    `${title}: curves`,
    `Excess loss vs step for each ${a.symbol} (mean and ±1 sd of log10 over seeds).`,
  );
  return entries;
}

/**
 * The four ablations as an experiment module of the main job (`reproduce`): α, β, τ, J with the job's seeds and
 * scale, each on the sweep runner (one worker per core).
 * @example
 * EXPERIMENTS.ablations = reproduceAblations;
 */
export async function reproduceAblations(ctx: ReproduceContext): Promise<FigureEntry[]> {
  const entries: FigureEntry[] = [];
  for (const name of Object.keys(ablations) as AblationName[]) {
    ctx.log(`ablation ${name}`);
    entries.push(
      ...(await runAblation(name, {
        results: ctx.results,
        figures: ctx.figures,
        seeds: ctx.seeds,
        scale: ctx.scale,
        log: ctx.log,
        prefetch: ctx.prefetch,
      })),
    );
  }
  return entries;
}
