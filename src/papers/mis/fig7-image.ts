import { heatmapFigure } from '../../figures/heatmap-figure.js';
import { imageFigure } from '../../figures/image-figure.js';
import { lineBandFigure } from '../../figures/line-band-figure.js';
import '../../builtins.js';
import { imageSirenSize, reconstruct } from '../../tasks/image-siren.js';
import type { TrainConfig } from '../../train/config.js';
import { createTrainer } from '../../train/trainer.js';
import { compareArms, formatArmComparison } from '../../stats/verdict.js';
import type { ComputeJob } from '../../experiments/compute-job.js';
import { epochsSetting } from '../train-settings.js';
import { commonSettings, evalRows, type FigureSpec } from '../../experiments/figure-spec.js';
import type { Curve } from './fig2-spec.js';

/** [MIS] Fig. 7 curves (image-siren). */
export const misFig7Curves: readonly Curve[] = [
  { label: 'uniform', method: 'uniform' },
  { label: 'IS', method: 'is' },
  { label: 'OMIS J=3', method: 'omis', methodOptions: { J: 3 } },
];

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
 * @param overrides run options beyond the defaults (e.g. `{ epochs: 2 }`). Default {}.
 * @example
 * const r = await misFig7Reconstruction('quick', 1, 'is', {});
 */
export async function misFig7Reconstruction(
  scale: 'quick' | 'full',
  seed: number,
  method: string,
  methodOptions: Record<string, number>,
  overrides: Partial<TrainConfig> = {},
): Promise<MisFig7Reconstruction> {
  const t = await createTrainer({ task: 'image-siren', method, seed, scale, methodOptions, ...overrides });
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
 * for the figure: trained once, then loaded on every later run of the main job.
 * @param overrides run options beyond the defaults; they join the stored value's settings only when given.
 * @example
 * misFig7Job({ scale: 'quick' }, 1, misFig7Curves[1]).fn; // 'misFig7Reconstruction'
 */
export function misFig7Job(
  ctx: { scale: 'quick' | 'full' },
  seed: number,
  c: Curve,
  overrides: Partial<TrainConfig> = {},
): ComputeJob {
  const methodOptions = c.methodOptions ?? {};
  const more = Object.keys(overrides).length === 0 ? {} : { overrides };
  return {
    folder: 'mis-fig7-reconstruction',
    settings: { task: 'image-siren', scale: ctx.scale, seed, method: c.method, methodOptions, ...more },
    module: import.meta.url,
    fn: 'misFig7Reconstruction',
    args: [ctx.scale, seed, c.method, methodOptions, overrides],
    label: `[MIS] Fig. 7 reconstruction ${c.label} seed ${seed}`,
  };
}

const settings = {
  ...commonSettings,
  epochs: epochsSetting,
} as const;

/**
 * [MIS] Fig. 7 / [AS-IS] Fig. 6: image regression (SIREN) loss curves of uniform, IS and OMIS J = 3 with the
 * paired verdict; reconstructions of the first seed with a zoomed crop; per-pixel error maps.
 */
export const misFig7Image: FigureSpec<typeof settings> = {
  id: 'mis/fig7-image',
  title: '[MIS] Fig. 7: image regression',
  paper: '[MIS] Fig. 7',
  settings,
  plan: (s) => {
    const overrides = s.epochs === 0 ? {} : { epochs: s.epochs };
    return {
      runs: misFig7Curves.flatMap((c) =>
        s.seeds.map((seed) => ({
          options: {
            task: 'image-siren',
            method: c.method,
            seed,
            scale: s.scale,
            methodOptions: c.methodOptions ?? {},
            evalEvery: 32,
            ...overrides,
          },
          tags: { curve: c.label, seed },
        })),
      ),
      computations: misFig7Curves.map((c) => misFig7Job(s, s.seeds[0] ?? 1, c, overrides)),
    };
  },
  make: ({ runs, computed }, s) => {
    const rows = evalRows(runs);
    const seed = s.seeds[0] ?? 1;
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
    const recs = (computed as MisFig7Reconstruction[]).map((r, i) => ({
      label: misFig7Curves[i].label,
      rgb: Float32Array.from(r.rgb),
      error: Float32Array.from(r.error),
    }));
    const last = computed[computed.length - 1] as MisFig7Reconstruction; // every run shares the reference image
    const { width, height } = last;
    const reference = Float32Array.from(last.reference);
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
    const xs = Float64Array.from({ length: width }, (_, i) => i);
    const ys = Float64Array.from({ length: height }, (_, i) => height - 1 - i); // row 0 on top, as in the image
    const errors = heatmapFigure(
      recs.map((r) => ({ title: `${r.label}: per-pixel MSE`, z: r.error, x: xs, y: ys, colorscale: 'Hot' })),
      { title: '[MIS] Fig. 7: per-pixel error maps (seed 1)', columns: recs.length },
    );
    const illustration = 'an illustration; the comparison with its intervals is the loss figure';
    return [
      {
        file: 'mis-fig7-image-loss',
        title: '[MIS] Fig. 7: image regression loss',
        caption: 'Full-image MSE vs step; mean ± std of log10 over seeds. ' + misFig7Statement(rows),
        figure: loss,
      },
      {
        file: 'mis-fig7-image-reconstructions',
        title: '[MIS] Fig. 7: reconstructions',
        caption:
          'Reference image and the SIREN reconstructions after training, with a zoomed crop: ' +
          `seed ${seed}, ${illustration}.`,
        figure: images,
      },
      {
        file: 'mis-fig7-image-error-maps',
        title: '[MIS] Fig. 7: error maps',
        caption: `Per-pixel squared error (mean over RGB) of each reconstruction, seed ${seed} (${illustration}).`,
        figure: errors,
      },
    ];
  },
};
