import { ciLineFigure } from '../../figures/ci-line-figure.js';
import { formatMeanCi, meanCi } from '../../stats/seed-summary.js';
import { interpolateAt } from '../../stats/interpolate-at.js';
import { meanAtStep } from '../../stats/mean-at-step.js';
import { epochsSetting } from '../train-settings.js';
import { commonSettings, evalRows, type FigureSpec } from '../../experiments/figure-spec.js';
import { ratioVerdict } from '../../stats/verdict.js';

const settings = {
  ...commonSettings,
  epochs: epochsSetting,
} as const;

const methods = ['uniform', 'is'];

/**
 * [AS-IS] Fig. 8 (METHODS §7.2): image regression (image-siren, the [MIS] Fig. 7 runs: same configs, so they are
 * loaded, not retrained), uniform vs our IS, full-image MSE at equal steps (≈ equal epochs) and at equal CPU time,
 * mean and 95% t-interval over seeds; the caption compares the final losses at equal steps and both losses at the
 * shorter run's total CPU time, paired by seed.
 */
export const asisFig8Image: FigureSpec<typeof settings> = {
  id: 'asis/fig8-image',
  title: '[AS-IS] Fig. 8: image regression, uniform vs IS',
  paper: '[AS-IS] Fig. 8',
  settings,
  plan: (s) => ({
    runs: methods.flatMap((method) =>
      s.seeds.map((seed) => ({
        options: {
          task: 'image-siren',
          method,
          seed,
          scale: s.scale,
          methodOptions: {},
          evalEvery: 32,
          ...(s.epochs === 0 ? {} : { epochs: s.epochs }),
        },
        tags: { method, seed },
      })),
    ),
  }),
  make: ({ runs }, s) => {
    const rows = evalRows(runs).filter((e) => typeof e.trainLoss === 'number');
    // Per method and seed, the curve of loss against training CPU seconds.
    const curve = (method: string, seed: number) => {
      const ev = rows.filter((r) => r.method === method && r.seed === seed);
      return { t: ev.map((e) => e.trainCpuSeconds as number), loss: ev.map((e) => e.trainLoss as number) };
    };
    const tMean = meanAtStep(rows, 'trainCpuSeconds');
    const timeRows = rows.map((r) => ({ ...r, cpu: tMean.get(`${String(r.method)}|${String(r.step)}`) }));
    const ratioEnd = s.seeds.map((seed) => {
      const u = curve('uniform', seed).loss;
      const i = curve('is', seed).loss;
      return i[i.length - 1] / u[u.length - 1];
    });
    // Equal time: both curves at T = the smaller of the two runs' total CPU times (per seed).
    const ratioTime = s.seeds.map((seed) => {
      const u = curve('uniform', seed);
      const i = curve('is', seed);
      const T = Math.min(u.t[u.t.length - 1], i.t[i.t.length - 1]);
      return interpolateAt(i.t, i.loss, T) / interpolateAt(u.t, u.loss, T);
    });
    const f = (v: number[]) => formatMeanCi(meanCi(v.filter(Number.isFinite)), 3);
    const okTime = ratioTime.filter(Number.isFinite);
    const ciTime = okTime.length > 0 ? meanCi(okTime) : undefined;
    const common =
      `image-siren (${s.scale} scale; the [MIS] Fig. 7 runs), full-image MSE; seeds ${s.seeds.join(', ')}, ` +
      `geometric mean and 95% t-interval on log10. Loss ratio IS/uniform, paired by seed: at the last step ` +
      `${f(ratioEnd)}; at equal CPU time (the shorter run's total) ${f(ratioTime)}. [AS-IS] Fig. 8 shows ours below uniform at ` +
      `equal epochs and at equal time: ${ratioVerdict(meanCi(ratioEnd), 'equal steps', 'IS')}; ` +
      `${ratioVerdict(ciTime, 'equal CPU time', 'IS')}.`;
    const line = { y: 'trainLoss', yTitle: 'MSE', logY: true };
    return [
      {
        file: 'asis-fig8-epochs',
        title: '[AS-IS] Fig. 8: image regression at equal epochs (uniform vs IS)',
        caption: `Training loss vs step (equal steps ≈ equal epochs). ${common}`,
        figure: ciLineFigure(rows, { ...line, x: 'step', title: 'Equal epochs', xTitle: 'step' }),
      },
      {
        file: 'asis-fig8-time',
        title: '[AS-IS] Fig. 8: image regression at equal time (uniform vs IS)',
        caption:
          'Training loss vs process CPU seconds of training (each step plotted at its mean CPU time over seeds). ' +
          common,
        figure: ciLineFigure(timeRows, {
          ...line,
          x: 'cpu',
          title: 'Equal time',
          xTitle: 'training CPU seconds',
        }),
      },
    ];
  },
};
