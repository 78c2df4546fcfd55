import { join } from 'node:path';
import { ciLineFigure } from '../figures/ci-line-figure.js';
import { formatTInterval, tInterval95 } from '../figures/t-interval.js';
import type { Figure } from '../figures/types.js';
import { writeFigureHtml, writeFigureJson } from '../figures/write-figure-html.js';
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

/**
 * Linear interpolation of y at x = `at` on a curve with increasing x; NaN outside [x₀, x_last].
 * @example
 * interpolateAt([0, 2], [1, 3], 1); // 2
 */
export function interpolateAt(x: readonly number[], y: readonly number[], at: number): number {
  if (x.length === 0 || at < x[0] || at > x[x.length - 1]) return NaN;
  for (let i = 1; i < x.length; i++) {
    if (at <= x[i]) {
      const t = x[i] === x[i - 1] ? 1 : (at - x[i - 1]) / (x[i] - x[i - 1]);
      return y[i - 1] + t * (y[i] - y[i - 1]);
    }
  }
  return y[y.length - 1];
}

/**
 * Per method and step, the mean of `col` over the rows of its seeds (for plotting all replicates at one x, e.g.
 * the mean CPU time of a step).
 * @example
 * meanAtStep([{ method: 'a', step: 1, t: 1 }, { method: 'a', step: 1, t: 3 }], 't').get('a|1'); // 2
 */
export function meanAtStep(rows: readonly Row[], col: string): Map<string, number> {
  const acc = new Map<string, { s: number; n: number }>();
  for (const r of rows) {
    const v = r[col];
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    const key = `${String(r.method)}|${String(r.step)}`;
    const a = acc.get(key) ?? { s: 0, n: 0 };
    a.s += v;
    a.n += 1;
    acc.set(key, a);
  }
  return new Map([...acc].map(([k, a]) => [k, a.s / a.n]));
}

/** Options of one run: exactly the 'mis' part's Fig. 7 config (same run key), so the runs are shared. */
function fig8Options(ctx: PlanContext, method: string, seed: number): TrainOptions {
  return { task: 'image-siren', method, seed, scale: ctx.scale, methodOptions: {}, evalEvery: 32 };
}

/**
 * The 'asis-fig8' part's plan: uniform and IS on image-siren for every seed (the 'mis' part's Fig. 7 runs).
 * @example
 * asisFig8Plan({ scale: 'quick', seeds: [1, 2, 3] }).length; // 6
 */
export const asisFig8Plan: ExperimentPlan = (ctx) =>
  ['uniform', 'is'].flatMap((method) => ctx.seeds.map((seed) => fig8Options(ctx, method, seed)));

/**
 * [AS-IS] Fig. 8 (METHODS §7.2): image regression (image-siren, the [MIS] Fig. 7 runs of the 'mis' part: same
 * configs, so they are loaded, not retrained), uniform vs our IS, full-image MSE at equal steps (≈ equal epochs)
 * and at equal CPU time, mean and 95% t-interval over the context's seeds; the caption compares the final losses
 * at equal steps and both losses at the shorter run's total CPU time, paired by seed.
 * @example
 * const entries = await reproduceAsisFig8(ctx);
 */
export const reproduceAsisFig8: ExperimentModule = async (ctx: ReproduceContext): Promise<FigureEntry[]> => {
  const rows: Row[] = [];
  const curves: Record<string, Record<number, { t: number[]; loss: number[] }>> = {};
  await ctx.prefetch(asisFig8Plan(ctx)); // usually loaded: the 'mis' part trained them
  for (const method of ['uniform', 'is']) {
    for (const seed of ctx.seeds) {
      const label = `image-siren/${method}/seed ${seed}`;
      const r = await runOrLoad(fig8Options(ctx, method, seed), ctx.results, ctx.hooks(label));
      ctx.log(`${r.cached ? 'loaded' : 'trained'} ${label} (${r.wallSeconds.toFixed(1)} s)`);
      const ev = (r.evals.objects() as Row[]).filter((e) => typeof e.trainLoss === 'number');
      rows.push(...ev.map((e) => ({ ...e, method, seed })));
      (curves[method] ??= {})[seed] = {
        t: ev.map((e) => e.trainCpuSeconds as number),
        loss: ev.map((e) => e.trainLoss as number),
      };
    }
  }
  const tMean = meanAtStep(rows, 'trainCpuSeconds');
  const timeRows = rows.map((r) => ({ ...r, cpu: tMean.get(`${String(r.method)}|${String(r.step)}`) }));
  const ratioEnd = ctx.seeds.map((s) => {
    const u = curves.uniform[s].loss;
    const i = curves.is[s].loss;
    return i[i.length - 1] / u[u.length - 1];
  });
  // Equal time: both curves at T = the smaller of the two runs' total CPU times (per seed).
  const ratioTime = ctx.seeds.map((s) => {
    const u = curves.uniform[s];
    const i = curves.is[s];
    const T = Math.min(u.t[u.t.length - 1], i.t[i.t.length - 1]);
    return interpolateAt(i.t, i.loss, T) / interpolateAt(u.t, u.loss, T);
  });
  const f = (v: number[]) => formatTInterval(tInterval95(v.filter(Number.isFinite)), 3);
  const ciEnd = tInterval95(ratioEnd);
  const okTime = ratioTime.filter(Number.isFinite);
  const ciTime = okTime.length > 0 ? tInterval95(okTime) : undefined;
  const say = (ci: { hi: number; mean: number } | undefined, what: string) =>
    ci === undefined
      ? `at ${what}: no common time range`
      : ci.hi < 1
        ? `at ${what} IS is lower (agrees with the paper)`
        : ci.mean < 1
          ? `at ${what} IS is lower on average but the interval includes 1`
          : `at ${what} IS is not lower (differs from the paper)`;
  const common =
    `image-siren (${ctx.scale} scale; the [MIS] Fig. 7 runs), full-image MSE; seeds ${ctx.seeds.join(', ')}, ` +
    `geometric mean and 95% t-interval on log10. Loss ratio IS/uniform, paired by seed: at the last step ` +
    `${f(ratioEnd)}; at equal CPU time (the shorter run's total) ${f(ratioTime)}. [AS-IS] Fig. 8 shows ours below uniform at ` +
    `equal epochs and at equal time: ${say(ciEnd, 'equal steps')}; ${say(ciTime, 'equal CPU time')}.`;
  const entries: FigureEntry[] = [];
  const emit = (file: string, title: string, caption: string, fig: Figure) => {
    writeFigureHtml(fig, join(ctx.figures, `${file}.html`), { title });
    writeFigureJson(fig, join(ctx.figures, `${file}.json`));
    entries.push({ title, file: `${file}.html`, caption });
  };
  emit(
    'asis-fig8-epochs',
    '[AS-IS] Fig. 8: image regression at equal epochs (uniform vs IS)',
    `Training loss vs step (equal steps ≈ equal epochs). ${common}`,
    ciLineFigure(rows, {
      x: 'step',
      y: 'trainLoss',
      title: 'Equal epochs',
      xTitle: 'step',
      yTitle: 'MSE',
      logY: true,
    }),
  );
  emit(
    'asis-fig8-time',
    '[AS-IS] Fig. 8: image regression at equal time (uniform vs IS)',
    `Training loss vs process CPU seconds of training (each step plotted at its mean CPU time over seeds). ${common}`,
    ciLineFigure(timeRows, {
      x: 'cpu',
      y: 'trainLoss',
      title: 'Equal time',
      xTitle: 'training CPU seconds',
      yTitle: 'MSE',
      logY: true,
    }),
  );
  return entries;
};
