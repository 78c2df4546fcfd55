import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { ColumnTable } from 'arquero';
import { toy2dLabel } from '../data/toy2d.js';
import { heatmapFigure } from '../figures/heatmap-figure.js';
import { imageFigure } from '../figures/image-figure.js';
import { lineBandFigure } from '../figures/line-band-figure.js';
import type { Figure } from '../figures/types.js';
import { writeFigureHtml, writeFigureJson } from '../figures/write-figure-html.js';
import '../builtins.js';
import { imageSirenSize, reconstruct } from '../tasks/image-siren.js';
import type { TrainConfig } from '../train/config.js';
import { createTrainer } from '../train/trainer.js';
import { compareArms, formatArmComparison, formatSignificant } from './arm-comparison.js';
import { runComputeJob, type ComputeJob } from './compute-job.js';
import { runOrLoad, type RunRecords } from './run-or-load.js';
import type {
  ComputePlan,
  ExperimentModule,
  ExperimentPlan,
  FigureEntry,
  PlanContext,
  ReproduceContext,
  TrainOptions,
} from './types.js';

/** One curve of a comparison: a label, the method and its options. */
export interface Curve {
  label: string;
  method: string;
  methodOptions?: Record<string, number>;
}

/** [MIS] Fig. 2 curves (poly6, B = 32). */
export const misFig2Curves: readonly Curve[] = [
  { label: 'exact GD', method: 'exact' },
  { label: 'SGD', method: 'uniform-replace' },
  { label: 'IS', method: 'is' },
  { label: 'balance MIS (J=4)', method: 'mis-bh', methodOptions: { J: 4 } },
  { label: 'OMIS J=2', method: 'omis', methodOptions: { J: 2 } },
  { label: 'OMIS J=4', method: 'omis', methodOptions: { J: 4 } },
];

/** [MIS] Fig. 7 curves (image-siren). */
export const misFig7Curves: readonly Curve[] = [
  { label: 'uniform', method: 'uniform' },
  { label: 'IS', method: 'is' },
  { label: 'OMIS J=3', method: 'omis', methodOptions: { J: 3 } },
];

/**
 * The computed statement of a [MIS] Fig. 2 panel: tail-averaged excess loss per curve (geometric mean, 95%
 * t-interval over seeds), every curve against SGD and the OMIS curves and exact GD against IS, paired by seed,
 * judged against the paper's ordering (OMIS ≈ exact GD < IS ≈ balance MIS < SGD).
 * @param all evaluation rows of {@link misFig2Curves} with `curve`, `seed`, `step` and `excessLoss`; rows with
 *   excess loss ≤ 0 (exact GD at θ* to float precision) are left out and counted in the statement.
 * @example
 * misFig2Statement(rows); // 'excessLoss, geometric mean of the last 25% of evaluations … Against [MIS] Fig. 2: …'
 */
export function misFig2Statement(all: readonly Record<string, unknown>[]): string {
  // Exact GD reaches θ* to float precision: an evaluation with excess loss ≤ 0 has no log and is left out (said).
  const rows = all.filter((r) => typeof r.excessLoss === 'number' && r.excessLoss > 0);
  const dropped = all.length - rows.length;
  const order = misFig2Curves.map((c) => c.label);
  const opts = { by: 'curve', y: 'excessLoss', log10: true, order } as const;
  const vsSgd = compareArms(rows, { ...opts, baseline: 'SGD' });
  const vsIs = compareArms(
    rows.filter((r) => ['IS', 'exact GD', 'OMIS J=2', 'OMIS J=4'].includes(String(r.curve))),
    { ...opts, baseline: 'IS' },
  );
  const lower = order.filter((c) => c !== 'SGD');
  return (
    formatArmComparison(vsSgd, { paperLower: lower, paper: '[MIS] Fig. 2' }) +
    ' Against IS (same seeds): ' +
    vsIs.arms
      .filter((a) => a.vsBaseline !== null)
      .map((a) => `${a.arm} ratio ${fmtCi(a.vsBaseline)}`)
      .join('; ') +
    ` — [MIS] Fig. 2 puts OMIS and exact GD below IS: ${verdicts(vsIs.arms)}.` +
    (dropped === 0 ? '' : ` (${dropped} evaluations with excess loss ≤ 0 or missing left out.)`)
  );
}

/**
 * The computed statement of [MIS] Fig. 7 (image regression): tail-averaged full-image MSE per curve and IS, OMIS
 * against uniform, paired by seed ([MIS] Fig. 7 shows both below uniform).
 * @param rows evaluation rows of {@link misFig7Curves} with `curve`, `seed`, `step` and `trainLoss`.
 * @example
 * misFig7Statement(rows); // 'trainLoss, geometric mean of the last 25% of evaluations … Against [MIS] Fig. 7: …'
 */
export function misFig7Statement(rows: readonly Record<string, unknown>[]): string {
  const c = compareArms(rows, {
    by: 'curve',
    y: 'trainLoss',
    baseline: 'uniform',
    log10: true,
    order: misFig7Curves.map((x) => x.label),
  });
  return formatArmComparison(c, { paperLower: ['IS', 'OMIS J=3'], paper: '[MIS] Fig. 7' });
}

function fmtCi(v: { estimate: number; lower: number | null; upper: number | null } | null): string {
  if (v === null) return '–';
  const f = (x: number | null) => formatSignificant(x, 3);
  return `${f(v.estimate)} [${f(v.lower)}, ${f(v.upper)}]`;
}

function verdicts(arms: readonly { arm: string; verdict: string | null }[]): string {
  const word = { lower: 'matches', higher: 'differs', unclear: 'not resolved' } as Record<string, string>;
  return arms
    .filter((a) => a.verdict !== null)
    .map((a) => `${a.arm} ${word[a.verdict as string]}`)
    .join(', ');
}

/** The written figure's own (panel) JSON: the shared `Figure` type only declares scatter traces. */
function asFigure(fig: object): Figure {
  return fig as Figure; // heatmap/image traces: see the report (Figure's trace union should be widened)
}

function write(
  ctx: ReproduceContext,
  fig: object,
  file: string,
  title: string,
  caption: string,
): FigureEntry {
  const html = writeFigureHtml(asFigure(fig), join(ctx.figures, `${file}.html`), { title });
  writeFigureJson(asFigure(fig), join(ctx.figures, `${file}.json`));
  ctx.log(`figure ${html}`);
  return { title, file: `${file}.html`, caption };
}

/** Options of one curve's run for one seed (the exact options `curveRows` loads). */
function curveOptions(
  ctx: PlanContext,
  task: string,
  c: Curve,
  seed: number,
  overrides: Partial<TrainConfig>,
): TrainOptions {
  return {
    task,
    method: c.method,
    seed,
    scale: ctx.scale,
    methodOptions: c.methodOptions ?? {},
    ...overrides,
  };
}

/** The curve sets of the part: [MIS] Fig. 2 on both poly6 regimes, Fig. 7 on image-siren. */
const misCurveSets: readonly { task: string; curves: readonly Curve[]; overrides: Partial<TrainConfig> }[] = [
  { task: 'poly6', curves: misFig2Curves, overrides: { evalEvery: 8 } },
  { task: 'poly6-monomial', curves: misFig2Curves, overrides: { evalEvery: 8 } },
  { task: 'image-siren', curves: misFig7Curves, overrides: { evalEvery: 32 } },
];

/**
 * The 'mis' part's plan: every Fig. 2 and Fig. 7 run (curves × seeds); Fig. 1's short toy2d run trains in-process.
 * @example
 * misPlan({ scale: 'quick', seeds: [1, 2, 3] }).length; // (6 + 6 + 3) × 3 = 45
 */
export const misPlan: ExperimentPlan = (ctx) =>
  misCurveSets.flatMap((set) =>
    set.curves.flatMap((c) => ctx.seeds.map((seed) => curveOptions(ctx, set.task, c, seed, set.overrides))),
  );

async function curveRows(
  ctx: ReproduceContext,
  task: string,
  curves: readonly Curve[],
  overrides: Partial<TrainConfig>,
): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  const options = (c: Curve, seed: number) => curveOptions(ctx, task, c, seed, overrides);
  await ctx.prefetch(curves.flatMap((c) => ctx.seeds.map((seed) => options(c, seed)))); // on the runner's workers
  for (const c of curves) {
    for (const seed of ctx.seeds) {
      const label = `${task}/${c.label}/seed ${seed}`;
      const r: RunRecords = await runOrLoad(options(c, seed), ctx.results, ctx.hooks(label));
      ctx.log(`${r.cached ? 'loaded' : 'trained'} ${label} (${r.backend}, ${r.wallSeconds.toFixed(1)} s)`);
      for (const row of (r.evals as ColumnTable).objects() as Record<string, unknown>[]) {
        rows.push({ ...row, curve: c.label, seed });
      }
    }
  }
  return rows;
}

/** [MIS] Fig. 1: toy2d ground truth with data, ‖u‖ importance and the per-node pmfs |u_c| over the plane. */
async function fig1(ctx: ReproduceContext): Promise<FigureEntry> {
  const t = await createTrainer({
    task: 'toy2d',
    method: 'uniform',
    seed: ctx.seeds[0] ?? 1,
    scale: ctx.scale,
  });
  while (!t.done) t.runStep();
  const G = 60; // grid resolution per axis
  const axis = Float64Array.from({ length: G }, (_, i) => -1 + (2 * (i + 0.5)) / G);
  const xs = new Float32Array(G * G * 2); // (G², 2) row r = x1, col c = x0
  const labels = new Int32Array(G * G);
  for (let r = 0; r < G; r++) {
    for (let c = 0; c < G; c++) {
      xs[(r * G + c) * 2] = axis[c];
      xs[(r * G + c) * 2 + 1] = axis[r];
      labels[r * G + c] = toy2dLabel(axis[c], axis[r]);
    }
  }
  const u = tf.tidy(() => {
    const { output } = t.model.apply(tf.tensor2d(xs, [G * G, 2]), false); // (G², 3)
    return t.task.loss.outputGrad!(output, tf.tensor1d(labels, 'int32')); // (G², 3): s − e_y (METHODS §2.2)
  });
  const uv = u.dataSync() as Float32Array;
  u.dispose();
  const pmf = (f: (i: number) => number) => {
    const v = Float64Array.from({ length: G * G }, (_, i) => f(i));
    const s = v.reduce((a, b) => a + b, 0);
    return v.map((x) => x / s);
  };
  const norm = pmf((i) => Math.hypot(uv[i * 3], uv[i * 3 + 1], uv[i * 3 + 2]));
  const nodes = [0, 1, 2].map((k) => pmf((i) => Math.abs(uv[i * 3 + k])));
  const train = t.task.train;
  const palette = ['#1f77b4', '#ff7f0e', '#2ca02c'];
  const points = {
    x: Float64Array.from({ length: train.n }, (_, i) => train.x[i * 2]),
    y: Float64Array.from({ length: train.n }, (_, i) => train.x[i * 2 + 1]),
    color: Array.from(train.y as Int32Array, (c) => palette[c]),
  };
  t.dispose();
  const fig = heatmapFigure(
    [
      { title: '(b) ground truth + data', z: labels, x: axis, y: axis, colorscale: 'Greys', points },
      { title: '(c) output-gradient norm ‖u‖', z: norm, x: axis, y: axis },
      ...nodes.map((z, k) => ({ title: `(d) node ${k}: |u_${k}|`, z, x: axis, y: axis })),
    ],
    { title: '[MIS] Fig. 1: importance over the input plane (toy2d, trained MLP)', columns: 3 },
  );
  return write(
    ctx,
    fig,
    'mis-fig1-toy2d',
    '[MIS] Fig. 1: toy2d importance distributions',
    'Ground-truth classes with the training data, the output-gradient-norm pmf and the three per-output-node pmfs ' +
      '|∂ℓ/∂m_c| (each normalised over the grid; label = ground truth at the grid point), after uniform training. ' +
      `An illustration of one run (seed ${ctx.seeds[0] ?? 1}), not a comparison: like [MIS] Fig. 1, the norm ` +
      'and each node pmf concentrate on the class boundaries (the node pmfs each on the boundaries of their class).',
  );
}

/** One [MIS] Fig. 7 reconstruction: the trained SIREN's image, its per-pixel error and the reference (row-major RGB). */
export interface MisFig7Reconstruction {
  width: number;
  height: number;
  /** (width·height, 3) reconstruction. */
  rgb: number[];
  /** Per-pixel squared error, mean over RGB. */
  error: number[];
  /** (width·height, 3) reference image. */
  reference: number[];
}

/**
 * Trains one [MIS] Fig. 7 curve on image-siren (the same run as the loss curve's, `createTrainer` to the end) and
 * reconstructs the image: the value of {@link misFig7Job}.
 * @example
 * const r = await misFig7Reconstruction('quick', 1, 'is', {});
 */
export async function misFig7Reconstruction(
  scale: 'quick' | 'full',
  seed: number,
  method: string,
  methodOptions: Record<string, number>,
): Promise<MisFig7Reconstruction> {
  const t = await createTrainer({ task: 'image-siren', method, seed, scale, methodOptions });
  try {
    while (!t.done) t.runStep();
    const { width, height } = imageSirenSize(scale);
    const r = reconstruct(t.model, t.task.train, width);
    const reference = Array.from(t.task.train.y as Float32Array);
    return { width, height, rgb: Array.from(r.rgb), error: Array.from(r.error), reference };
  } finally {
    t.dispose();
  }
}

/**
 * One Fig. 7 reconstruction as a job (stored in `results/mis-fig7-reconstruction/`), for the runner's workers and
 * for the part: trained once, then loaded on every later run of the main job.
 * @example
 * misFig7Job({ scale: 'quick' }, 1, misFig7Curves[1]).fn; // 'misFig7Reconstruction'
 */
export function misFig7Job(ctx: Pick<PlanContext, 'scale'>, seed: number, c: Curve): ComputeJob {
  const methodOptions = c.methodOptions ?? {};
  return {
    folder: 'mis-fig7-reconstruction',
    settings: { task: 'image-siren', scale: ctx.scale, seed, method: c.method, methodOptions },
    module: import.meta.url,
    fn: 'misFig7Reconstruction',
    args: [ctx.scale, seed, c.method, methodOptions],
    label: `[MIS] Fig. 7 reconstruction ${c.label} seed ${seed}`,
  };
}

/**
 * The 'mis' part's measurements: the Fig. 7 reconstruction of each curve (first seed).
 * @example
 * misComputations({ scale: 'quick', seeds: [1, 2, 3] }).length; // 3
 */
export const misComputations: ComputePlan = (ctx) =>
  misFig7Curves.map((c) => misFig7Job(ctx, ctx.seeds[0] ?? 1, c));

/** [MIS] Fig. 7 / [AS-IS] Fig. 6: loss curves, reconstructions with a zoomed crop, error maps. */
async function fig7(ctx: ReproduceContext): Promise<FigureEntry[]> {
  const rows = await curveRows(ctx, 'image-siren', misFig7Curves, { evalEvery: 32 });
  const loss = lineBandFigure(rows, {
    x: 'step',
    y: 'trainLoss',
    group: 'curve',
    logY: true,
    title: '[MIS] Fig. 7: image regression (SIREN), training loss',
    xTitle: 'step',
    yTitle: 'MSE over all pixels',
    order: misFig7Curves.map((c) => c.label),
  });
  const out = [
    write(
      ctx,
      loss,
      'mis-fig7-image-loss',
      '[MIS] Fig. 7: image regression loss',
      'Full-image MSE vs step; mean ± std of log10 over seeds. ' + misFig7Statement(rows),
    ),
  ];
  const recs: { label: string; rgb: Float32Array; error: Float32Array }[] = [];
  let width = 0;
  let height = 0;
  let reference: Float32Array = new Float32Array(0);
  await ctx.precompute(misComputations(ctx)); // on the runner's workers; loaded below
  for (const c of misFig7Curves) {
    const r = await runComputeJob<MisFig7Reconstruction>(ctx.results, misFig7Job(ctx, ctx.seeds[0] ?? 1, c));
    ({ width, height } = r.value);
    reference = Float32Array.from(r.value.reference);
    recs.push({
      label: c.label,
      rgb: Float32Array.from(r.value.rgb),
      error: Float32Array.from(r.value.error),
    });
    ctx.log(`${r.cached ? 'loaded' : 'reconstructed'} image-siren/${c.label} → ${r.path}`);
  }
  const crop = {
    x0: Math.floor(width * 0.35),
    y0: Math.floor(height * 0.25),
    w: Math.floor(width / 4),
    h: Math.floor(height / 4),
  };
  const panels = [
    { title: 'reference', rgb: reference },
    ...recs.map((r) => ({ title: r.label, rgb: r.rgb })),
  ];
  const images = imageFigure(
    [
      ...panels.map((p) => ({ ...p, width, height })),
      ...panels.map((p) => ({ ...p, title: `${p.title} (zoom)`, width, height, crop })),
    ],
    { title: '[MIS] Fig. 7: reconstructions (seed 1) and zoomed crops', columns: panels.length },
  );
  out.push(
    write(
      ctx,
      images,
      'mis-fig7-image-reconstructions',
      '[MIS] Fig. 7: reconstructions',
      `Reference image and the SIREN reconstructions after training, with a zoomed crop: seed ${ctx.seeds[0] ?? 1}, ` +
        'an illustration; the comparison with its intervals is the loss figure.',
    ),
  );
  const xs = Float64Array.from({ length: width }, (_, i) => i);
  const ys = Float64Array.from({ length: height }, (_, i) => height - 1 - i); // row 0 on top, as in the image
  const errors = heatmapFigure(
    recs.map((r) => ({ title: `${r.label}: per-pixel MSE`, z: r.error, x: xs, y: ys, colorscale: 'Hot' })),
    { title: '[MIS] Fig. 7: per-pixel error maps (seed 1)', columns: recs.length },
  );
  out.push(
    write(
      ctx,
      errors,
      'mis-fig7-image-error-maps',
      '[MIS] Fig. 7: error maps',
      `Per-pixel squared error (mean over RGB) of each reconstruction, seed ${ctx.seeds[0] ?? 1} (an ` +
        'illustration; the comparison with its intervals is the loss figure).',
    ),
  );
  return out;
}

/**
 * The [MIS] figures: Fig. 1 (toy2d importance maps), Fig. 2 (poly6 and poly6-monomial excess loss: exact GD,
 * SGD, IS, balance MIS, OMIS J = 2, 4; B = 32) and Fig. 7 (image regression loss, reconstructions with zoom, error maps).
 * @param ctx the main job's context (scale, seeds, folders, logging).
 * @returns the written figures, for the gallery.
 * @example
 * const figures = await reproduceMis({ scale: 'quick', seeds: [1, 2, 3], results: 'results', figures: 'figures', log: console.error, hooks: () => ({}) });
 */
export const reproduceMis: ExperimentModule = async (ctx) => {
  const out: FigureEntry[] = [await fig1(ctx)];
  const regimes = [
    {
      task: 'poly6',
      file: 'mis-fig2-poly6',
      what: 'orthonormal Legendre features, η = 0.02: gradient descent converges, the stochastic methods stop at their noise floor',
    },
    {
      task: 'poly6-monomial',
      file: 'mis-fig2-poly6-monomial',
      what: 'monomial features (Gram condition number 1.0e4), η = 0.05: optimisation-limited, gradient descent is still far from θ*',
    },
  ];
  for (const r of regimes) {
    const rows = await curveRows(ctx, r.task, misFig2Curves, { evalEvery: 8 });
    const fig2 = lineBandFigure(rows, {
      x: 'step',
      y: 'excessLoss',
      group: 'curve',
      logY: true,
      title: `[MIS] Fig. 2: polynomial regression (order 6), B = 32 — ${r.task}`,
      xTitle: 'step',
      yTitle: 'excess loss F(θ) − F(θ*)',
      order: misFig2Curves.map((c) => c.label),
    });
    out.push(
      write(
        ctx,
        fig2,
        r.file,
        `[MIS] Fig. 2: ${r.task} excess loss`,
        `${r.task} (${r.what}). Excess training loss vs step for exact full-batch GD, SGD (uniform with replacement), ` +
          'memory IS (exact gradient-norm score), balance-heuristic MIS (J = 4), OMIS J = 2 and J = 4 (β = 0.7, ' +
          'coefficient-group techniques); geometric mean ± std over seeds. ' +
          misFig2Statement(rows),
      ),
    );
  }
  out.push(...(await fig7(ctx)));
  return out;
};
