import { ciLineFigure } from '../../figures/ci-line-figure.js';
import { interpolateAt } from '../../stats/interpolate-at.js';
import { meanAtStep } from '../../stats/mean-at-step.js';
import { ciAbove, formatMeanCi, meanCi, type MeanCi } from '../../stats/seed-summary.js';
import { commonSettings, evalRows, type FigureSpec, type LoadedRun } from '../../experiments/figure-spec.js';
import { epochsSetting, scaleValue, trainOverrides, trainSettings } from '../train-settings.js';

type Row = Record<string, unknown>;

/** Closed form first, autodiff second: the importance functions of the two arms (our IS, [AS-IS] Alg. 1). */
const arms = ['output-grad', 'output-grad-autodiff'] as const;

/** Epochs per scale when the `epochs` setting is 0 ([AS-IS] §5.1: 300): the 'pointcloud' part's epochs. */
const scaleEpochs = { quick: 2, full: 300 } as const;

const train = trainSettings({ lr: 1e-3, batch: 64 }); // the pointcloud task's defaults

const settings = {
  ...commonSettings,
  ...train,
  lr: { ...train.lr, help: 'Adam step size η' },
  epochs: { ...epochsSetting, help: 'epochs of every run; 0: 2 at quick scale, 300 at full ([AS-IS] §5.1)' },
} as const;

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
  finalError: { analytic: MeanCi; autodiff: MeanCi };
  /** autodiff − analytic final test error per seed, and its interval (equal epochs). */
  errorDiff: MeanCi;
  /** autodiff − analytic test error at the shorter run's total training CPU time, per seed (equal time). */
  errorDiffAtTime: MeanCi | null;
  /** autodiff / analytic mean ms of the importance phase (`msImportance`: scoring and memory update) per step. */
  importanceRatio: MeanCi;
  /** autodiff / analytic mean CPU ms per whole step (`msCpu`). */
  stepRatio: MeanCi;
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
 * @param names [closed form, autodiff] importance names. Default the figure's arms.
 * @example
 * const s = asisFig10Summary(evalRows, stepRows);
 * formatMeanCi(s.stepRatio); // e.g. '1.02 ± 0.03 (n = 3)'
 */
export function asisFig10Summary(
  evals: readonly Row[],
  steps: readonly Row[],
  names: readonly [string, string] = arms,
): AsisFig10Summary {
  const [a, d] = names;
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
    meanCi(seeds.map((s) => meanOf(stepsOf(d, s), col) / meanOf(stepsOf(a, s), col)));
  return {
    seeds,
    finalError: { analytic: meanCi(finalA), autodiff: meanCi(finalD) },
    errorDiff: meanCi(finalD.map((v, i) => v - finalA[i])),
    errorDiffAtTime: atTime.length > 0 ? meanCi(atTime) : null,
    importanceRatio: ratio('msImportance'),
    stepRatio: ratio('msCpu'),
  };
}

/** Whether an interval contains `at` (n = 1: no interval, never "contains"). */
const covers = (ci: MeanCi, at: number) =>
  ci.lower !== null && ci.upper !== null && ci.lower <= at && at <= ci.upper;

/**
 * The caption of [AS-IS] Fig. 10: the paper's claim (same convergence, analytic cheaper), then the measured numbers
 * with 95% t-intervals and, for each half of the claim, whether they agree.
 * @param s a {@link asisFig10Summary}.
 * @param setup one clause naming task, scale and epochs, e.g. 'pointcloud (quick scale, 2 epochs)'.
 * @example
 * asisFig10Caption(asisFig10Summary(evalRows, stepRows), 'pointcloud (quick, 2 epochs)');
 */
export function asisFig10Caption(s: AsisFig10Summary, setup: string): string {
  const f = (ci: MeanCi) => formatMeanCi(ci, 3);
  const same = covers(s.errorDiff, 0)
    ? 'the interval of the difference contains 0: same accuracy (agrees with the paper)'
    : 'the interval of the difference excludes 0: the accuracies differ (differs from the paper)';
  const cheaper = ciAbove(s.importanceRatio, 1)
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

/** Evaluation (epoch ≥ 1) and step rows of the loaded runs, each with its run's tags (`arm`, `seed`). */
function armRows(runs: readonly LoadedRun[]): { evals: Row[]; steps: Row[] } {
  const steps = runs.flatMap((r) => (r.steps.objects() as Row[]).map((row) => ({ ...row, ...r.tags })));
  return { evals: evalRows(runs).filter((r) => num(r.epoch) >= 1), steps };
}

/**
 * [AS-IS] Fig. 10 (METHODS §7.2): analytic (closed-form) vs autodiff output-gradient importance on point clouds,
 * test error at equal epochs and at equal CPU time (each evaluation at the seeds' mean CPU time), mean and 95%
 * t-interval over seeds, with the cost ratios in the caption ({@link asisFig10Caption}). At the default settings
 * the closed-form arm has exactly the 'pointcloud' part's IS config, so with both parts selected it trains once.
 */
export const asisFig10Pointcloud: FigureSpec<typeof settings> = {
  id: 'asis/fig10-pointcloud',
  title: '[AS-IS] Fig. 10: analytic vs autodiff importance (point clouds)',
  paper: '[AS-IS] Fig. 10',
  settings,
  plan: (s) => ({
    runs: arms.flatMap((importance) =>
      s.seeds.map((seed) => ({
        // Same field set as the 'pointcloud' part's plan (importance explicit = its default).
        options: {
          epochs: scaleValue(s.epochs, scaleEpochs, s.scale),
          scale: s.scale,
          task: 'pointcloud',
          method: 'is',
          seed,
          importance,
          ...trainOverrides(settings, { ...s, epochs: 0 }), // lr and batch when changed (epochs: above)
        },
        tags: { arm: importance, seed },
      })),
    ),
  }),
  make: ({ runs }, s) => {
    const { evals: rows, steps } = armRows(runs);
    const epochs = scaleValue(s.epochs, scaleEpochs, s.scale);
    const summary = asisFig10Summary(rows, steps);
    const caption = asisFig10Caption(
      summary,
      `pointcloud (${s.scale} scale, ${epochs} epoch${epochs === 1 ? '' : 's'})`,
    );
    const tMean = meanAtStep(
      rows.map((r) => ({ ...r, method: r.arm })),
      'trainCpuSeconds',
    );
    const timeRows = rows.map((r) => ({ ...r, cpu: tMean.get(`${String(r.arm)}|${String(r.step)}`) }));
    const styles = { [arms[0]]: 'is', [arms[1]]: 'as' };
    const common = {
      y: 'testError',
      group: 'arm',
      yTitle: 'test error',
      order: arms,
      labels: ARM_LABELS,
      styles,
    };
    return [
      {
        file: 'asis-fig10-epochs',
        title: '[AS-IS] Fig. 10: analytic vs autodiff importance at equal epochs (point clouds)',
        caption: `Test error vs epoch. ${caption}`,
        figure: ciLineFigure(rows, { ...common, x: 'epoch', xTitle: 'epoch', title: 'Equal epochs' }),
      },
      {
        file: 'asis-fig10-time',
        title: '[AS-IS] Fig. 10: analytic vs autodiff importance at equal CPU time (point clouds)',
        caption: `Test error vs process CPU seconds of training (each evaluation at its mean over seeds). ${caption}`,
        figure: ciLineFigure(timeRows, {
          ...common,
          x: 'cpu',
          xTitle: 'training CPU seconds',
          title: 'Equal time',
        }),
      },
    ];
  },
};
