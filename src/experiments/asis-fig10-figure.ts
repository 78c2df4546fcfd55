import { join } from 'node:path';
import { ciLineFigure } from '../figures/ci-line-figure.js';
import { formatTInterval, tInterval95, type TInterval } from '../figures/t-interval.js';
import type { Figure } from '../figures/types.js';
import { writeFigureHtml, writeFigureJson } from '../figures/write-figure-html.js';
import { interpolateAt } from '../stats/interpolate-at.js';
import { meanAtStep } from '../stats/mean-at-step.js';
import { runOrLoad } from './run-or-load.js';
import type {
  ExperimentModule,
  ExperimentPlan,
  FigureEntry,
  PlanContext,
  ReproduceContext,
  TrainOptions,
} from './types.js';

type Row = Record<string, unknown>;

/** Settings of [AS-IS] Fig. 10 ({@link reproduceAsisFig10}). */
export interface AsisFig10Settings {
  /** Task. Default 'pointcloud' (PointNet on the synthetic shapes3d stand-in for ModelNet40). */
  task: string;
  /** Method both arms train with. Default 'is' (our IS, [AS-IS] Alg. 1). */
  method: string;
  /** The two importance functions: closed form first, autodiff second. */
  arms: readonly [string, string];
  /**
   * Epochs per scale. Default quick 2, full 300 ([AS-IS] §5.1): the point-cloud part's epochs, so the
   * closed-form arm is that part's IS run (same run key, loaded, not retrained).
   */
  epochs: { quick: number; full: number };
  /** Config fields of every run (e.g. `backend`). Default {}. */
  overrides: Partial<TrainOptions>;
}

/**
 * Defaults of {@link AsisFig10Settings}: pointcloud, IS, output-grad vs output-grad-autodiff, 2 / 300 epochs, no
 * overrides.
 */
export const asisFig10Defaults: Readonly<AsisFig10Settings> = Object.freeze({
  task: 'pointcloud',
  method: 'is',
  arms: ['output-grad', 'output-grad-autodiff'] as const,
  epochs: { quick: 2, full: 300 },
  overrides: {},
});

/** Legend labels of the two arms. */
const ARM_LABELS: Readonly<Record<string, string>> = {
  'output-grad': 'closed form ‖s − e_y‖ (analytic)',
  'output-grad-autodiff': 'autodiff of the loss head',
};

/** What {@link asisFig10Summary} computes from the two arms' records, paired by seed. */
export interface AsisFig10Summary {
  /** Seeds present in both arms, ascending. */
  seeds: number[];
  /** Final test error of each arm (mean and 95% t-interval over seeds). */
  finalError: { analytic: TInterval; autodiff: TInterval };
  /** autodiff − analytic final test error per seed, and its interval (equal epochs). */
  errorDiff: TInterval;
  /** autodiff − analytic test error at the shorter run's total training CPU time, per seed (equal time). */
  errorDiffAtTime: TInterval | null;
  /** autodiff / analytic mean ms of the importance phase (`msImportance`: scoring and memory update) per step. */
  importanceRatio: TInterval;
  /** autodiff / analytic mean CPU ms per whole step (`msCpu`). */
  stepRatio: TInterval;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : NaN);

function meanOf(rows: readonly Row[], col: string): number {
  const v = rows.map((r) => num(r[col])).filter(Number.isFinite);
  if (v.length === 0) throw new Error(`asisFig10Summary: no finite '${col}' in the step rows`);
  return v.reduce((a, b) => a + b, 0) / v.length;
}

/**
 * The numbers of [AS-IS] Fig. 10 from the records of both arms, paired by seed: final test error per arm, the
 * autodiff − analytic difference at equal epochs and at equal CPU time (both runs read at the shorter run's total
 * `trainCpuSeconds`, linear interpolation between evaluations), and the cost ratios autodiff / analytic of the
 * importance phase and of the whole step.
 * @param evals evaluation rows with `arm` (importance name), `seed`, `epoch`, `testError`, `trainCpuSeconds`.
 * @param steps step rows with `arm`, `seed`, `msImportance`, `msCpu`.
 * @param arms [closed form, autodiff] names. Default {@link asisFig10Defaults}.arms.
 * @example
 * const s = asisFig10Summary(evalRows, stepRows);
 * formatTInterval(s.stepRatio); // e.g. '1.02 ± 0.03 (n = 3)'
 */
export function asisFig10Summary(
  evals: readonly Row[],
  steps: readonly Row[],
  arms: readonly [string, string] = asisFig10Defaults.arms,
): AsisFig10Summary {
  const [a, d] = arms;
  const seedsOf = (arm: string) => new Set(evals.filter((r) => r.arm === arm).map((r) => num(r.seed)));
  const sa = seedsOf(a);
  const seeds = [...seedsOf(d)].filter((s) => sa.has(s)).sort((x, y) => x - y);
  if (seeds.length === 0)
    throw new Error(`asisFig10Summary: no seed has evaluations of both '${a}' and '${d}'`);
  const curve = (arm: string, seed: number) => {
    const rs = evals
      .filter((r) => r.arm === arm && r.seed === seed && Number.isFinite(num(r.testError)))
      .sort((x, y) => num(x.epoch) - num(y.epoch));
    if (rs.length === 0) throw new Error(`asisFig10Summary: ${arm}/seed ${seed} has no testError`);
    return { t: rs.map((r) => num(r.trainCpuSeconds)), e: rs.map((r) => num(r.testError)) };
  };
  const stepsOf = (arm: string, seed: number) => steps.filter((r) => r.arm === arm && r.seed === seed);
  const last = (v: number[]) => v[v.length - 1];
  const finalA = seeds.map((s) => last(curve(a, s).e));
  const finalD = seeds.map((s) => last(curve(d, s).e));
  const atTime = seeds
    .map((s) => {
      const ca = curve(a, s);
      const cd = curve(d, s);
      const T = Math.min(last(ca.t), last(cd.t)); // the shorter run's total training CPU time
      return interpolateAt(cd.t, cd.e, T) - interpolateAt(ca.t, ca.e, T);
    })
    .filter(Number.isFinite);
  const ratio = (col: string) =>
    tInterval95(seeds.map((s) => meanOf(stepsOf(d, s), col) / meanOf(stepsOf(a, s), col)));
  return {
    seeds,
    finalError: { analytic: tInterval95(finalA), autodiff: tInterval95(finalD) },
    errorDiff: tInterval95(finalD.map((v, i) => v - finalA[i])),
    errorDiffAtTime: atTime.length > 0 ? tInterval95(atTime) : null,
    importanceRatio: ratio('msImportance'),
    stepRatio: ratio('msCpu'),
  };
}

/** Whether an interval contains `at` (n = 1: no interval, never "contains"). */
const covers = (ci: TInterval, at: number) => ci.n > 1 && ci.lo <= at && at <= ci.hi;

/**
 * The caption of [AS-IS] Fig. 10: the paper's claim (same convergence, analytic cheaper), then the measured numbers
 * with 95% t-intervals and, for each half of the claim, whether they agree.
 * @param s a {@link asisFig10Summary}.
 * @param setup one clause naming task, scale and epochs, e.g. 'pointcloud (quick scale, 2 epochs)'.
 * @example
 * asisFig10Caption(asisFig10Summary(evalRows, stepRows), 'pointcloud (quick, 2 epochs)');
 */
export function asisFig10Caption(s: AsisFig10Summary, setup: string): string {
  const f = (ci: TInterval) => formatTInterval(ci, 3);
  const same = covers(s.errorDiff, 0)
    ? 'the interval of the difference contains 0: same accuracy (agrees with the paper)'
    : 'the interval of the difference excludes 0: the accuracies differ (differs from the paper)';
  const cheaper =
    s.importanceRatio.n > 1 && s.importanceRatio.lo > 1
      ? 'autodiff scoring is slower (agrees with the paper: the analytic one is faster)'
      : s.importanceRatio.mean > 1
        ? 'autodiff scoring is slower on average but the interval includes 1 (not resolved)'
        : 'autodiff scoring is not slower (differs from the paper)';
  return (
    `${setup}; our IS with the closed-form output-gradient importance vs the same importance by autodiff of the ` +
    `loss head, seeds ${s.seeds.join(', ')}, mean and 95% t-interval. [AS-IS] Fig. 10: similar convergence, the ` +
    `analytic gradient faster. Final test error: analytic ${f(s.finalError.analytic)}, autodiff ` +
    `${f(s.finalError.autodiff)}; paired difference autodiff − analytic ${f(s.errorDiff)} at equal epochs` +
    (s.errorDiffAtTime === null ? '' : `, ${f(s.errorDiffAtTime)} at equal CPU time`) +
    ` — ${same}. Cost, autodiff ÷ analytic paired by seed: importance phase per step ${f(s.importanceRatio)}, ` +
    `whole step (CPU) ${f(s.stepRatio)} — ${cheaper}; the scoring is a small part of a PointNet step, so the ` +
    `whole-step ratio stays near 1.`
  );
}

/** One run of the figure: an importance arm at a seed. */
function asisFig10Options(
  o: AsisFig10Settings,
  ctx: PlanContext,
  importance: string,
  seed: number,
): TrainOptions {
  // Same field set as runComparison's plan of the 'pointcloud' part (importance explicit = its default).
  return {
    ...o.overrides,
    epochs: o.epochs[ctx.scale],
    scale: ctx.scale,
    task: o.task,
    method: o.method,
    seed,
    importance,
  };
}

/**
 * The runs of {@link asisFig10Experiment} (arms × seeds), which the main job queues on its workers at the start.
 * @param settings partial {@link AsisFig10Settings}; defaults {@link asisFig10Defaults}.
 * @example
 * asisFig10Plan()({ scale: 'quick', seeds: [1, 2, 3] }).length; // 2 arms × 3 seeds = 6
 */
export function asisFig10Plan(settings: Partial<AsisFig10Settings> = {}): ExperimentPlan {
  const o: AsisFig10Settings = { ...asisFig10Defaults, ...settings };
  return (ctx) => o.arms.flatMap((arm) => ctx.seeds.map((seed) => asisFig10Options(o, ctx, arm, seed)));
}

/**
 * [AS-IS] Fig. 10 (METHODS §7.2): analytic (closed-form) vs autodiff output-gradient importance on point clouds,
 * test error at equal epochs and at equal CPU time (each evaluation at the seeds' mean CPU time), mean and 95%
 * t-interval over the context's seeds, with the cost ratio in the caption. The closed-form arm has exactly the
 * 'pointcloud' part's IS config, so with both parts selected it is trained once. Every run goes to the runner's
 * workers first (`ctx.prefetch`).
 * @param settings partial {@link AsisFig10Settings}; defaults {@link asisFig10Defaults}.
 * @example
 * const entries = await asisFig10Experiment()(ctx);
 */
export function asisFig10Experiment(settings: Partial<AsisFig10Settings> = {}): ExperimentModule {
  const o: AsisFig10Settings = { ...asisFig10Defaults, ...settings };
  return async (ctx: ReproduceContext): Promise<FigureEntry[]> => {
    const epochs = o.epochs[ctx.scale];
    const options = (importance: string, seed: number) => asisFig10Options(o, ctx, importance, seed);
    await ctx.prefetch(asisFig10Plan(settings)(ctx));
    const evals: Row[] = [];
    const steps: Row[] = [];
    for (const arm of o.arms) {
      for (const seed of ctx.seeds) {
        const label = `${o.task}/${o.method} ${arm}/seed ${seed}`;
        const r = await runOrLoad(options(arm, seed), ctx.results, ctx.hooks(label));
        ctx.log(`${r.cached ? 'loaded' : 'trained'} ${label} (${r.backend}, ${r.wallSeconds.toFixed(1)} s)`);
        evals.push(...(r.evals.objects() as Row[]).map((e) => ({ ...e, arm, seed })));
        steps.push(...(r.steps.objects() as Row[]).map((e) => ({ ...e, arm, seed })));
      }
    }
    const rows = evals.filter((r) => num(r.epoch) >= 1);
    const summary = asisFig10Summary(rows, steps, o.arms);
    const caption = asisFig10Caption(summary, `${o.task} (${ctx.scale} scale, ${epochs} epochs)`);
    const tMean = meanAtStep(
      rows.map((r) => ({ ...r, method: r.arm })),
      'trainCpuSeconds',
    );
    const timeRows = rows.map((r) => ({ ...r, cpu: tMean.get(`${String(r.arm)}|${String(r.step)}`) }));
    const styles = { [o.arms[0]]: 'is', [o.arms[1]]: 'as' };
    const labels = {
      [o.arms[0]]: ARM_LABELS[o.arms[0]] ?? o.arms[0],
      [o.arms[1]]: ARM_LABELS[o.arms[1]] ?? o.arms[1],
    };
    const entries: FigureEntry[] = [];
    const emit = (file: string, title: string, fig: Figure, what: string) => {
      writeFigureHtml(fig, join(ctx.figures, `${file}.html`), { title });
      writeFigureJson(fig, join(ctx.figures, `${file}.json`));
      ctx.log(`figure ${join(ctx.figures, `${file}.html`)}`);
      entries.push({ title, file: `${file}.html`, caption: `${what} ${caption}` });
    };
    const common = { y: 'testError', group: 'arm', yTitle: 'test error', order: o.arms, labels, styles };
    emit(
      'asis-fig10-epochs',
      '[AS-IS] Fig. 10: analytic vs autodiff importance at equal epochs (point clouds)',
      ciLineFigure(rows, { ...common, x: 'epoch', xTitle: 'epoch', title: 'Equal epochs' }),
      'Test error vs epoch.',
    );
    emit(
      'asis-fig10-time',
      '[AS-IS] Fig. 10: analytic vs autodiff importance at equal CPU time (point clouds)',
      ciLineFigure(timeRows, { ...common, x: 'cpu', xTitle: 'training CPU seconds', title: 'Equal time' }),
      'Test error vs process CPU seconds of training (each evaluation at its mean over seeds).',
    );
    return entries;
  };
}

/** The main job's [AS-IS] Fig. 10 part: {@link asisFig10Experiment} with {@link asisFig10Defaults}. */
export const reproduceAsisFig10: ExperimentModule = asisFig10Experiment();
