import { ciLineFigure } from '../../figures/ci-line-figure.js';
import {
  commonSettings,
  type FigureOutput,
  type FigureSpec,
  type LoadedRun,
  type PlannedRun,
} from '../../experiments/figure-spec.js';
import { fashionMnistRequirement } from '../../experiments/requirements.js';
import type { OptionSpecs } from '../../options/option-spec.js';
import { movingAverage, thinRows } from '../../stats/moving-average.js';
import { formatMeanCi, meanCi } from '../../stats/seed-summary.js';
import { pairedDifference } from '../../stats/verdict.js';
import {
  checkPostWarmupEpochs,
  emaisEpochsRunOptions,
  emaisEpochsSetting,
  emaisSmooth,
  emaisWarmupEpochs,
  finalEval,
  seedsText,
  smoothSetting,
} from './fmnist.js';

type Row = Record<string, unknown>;

/** Minibatch size B of the EMAIS set-up (fmnist-lenet's default). */
const B = 128;

/** The Eq. 8 variants of Fig. 6 ('linear' is the default 'auto' under SGD: the EMAIS part's Linear-τ run). */
export const lrVariants = ['linear', 'sqrt', 'off'] as const;

/**
 * EMAIS options of one Fig. 6 variant (none for 'linear', so its run key is the EMAIS part's Linear-τ run's).
 * @example
 * lrVariantOptions('sqrt'); // { method: 'emais', methodOptions: { lrAdjust: 'sqrt' } }
 */
export function lrVariantOptions(v: (typeof lrVariants)[number]): {
  method: string;
  methodOptions?: Record<string, string>;
} {
  return v === 'linear' ? { method: 'emais' } : { method: 'emais', methodOptions: { lrAdjust: v } };
}

/**
 * Moving average of `col` over `k` steps of one run's step rows, every 5th row kept (light step-wise bands).
 * @example
 * smoothedSteps(steps, 'efficiency', 20);
 */
export function smoothedSteps(steps: readonly Row[], col: string, k: number): Row[] {
  return thinRows(movingAverage(steps, col, k), 5);
}

const settings = {
  ...commonSettings,
  epochs: emaisEpochsSetting,
  smooth: smoothSetting,
} as const satisfies OptionSpecs;

const styles = {
  'EMAIS lrAdjust linear': 'emais',
  'EMAIS lrAdjust sqrt': 'as',
  'EMAIS lrAdjust off': 'uniform',
};
const labels = {
  'EMAIS lrAdjust linear': 'EMAIS, Eq. 8 linear (default)',
  'EMAIS lrAdjust sqrt': 'EMAIS, Eq. 8 sqrt',
  'EMAIS lrAdjust off': 'EMAIS, no adjustment',
};

/** The step rows of a Fig. 6 run with the scaled LR = applied LR·B/B_eff, tagged with variant and seed. */
function scaledLrSteps(r: LoadedRun): Row[] {
  return (r.steps.objects() as Row[]).map((e) => {
    // Warm-up epochs (2, SGD-Scan) draw uniformly: no IS gain, so scaled LR = applied LR there.
    const warm = (e.epoch as number) < emaisWarmupEpochs;
    const ems = !warm && typeof e.ems === 'number' && e.ems > 0 ? e.ems : B;
    // [EMAIS] Fig. 6: scaled LR = applied LR·B/B_eff
    return { ...e, ...r.tags, scaledLr: ((e.lr as number) * B) / ems };
  });
}

/**
 * [EMAIS] Fig. 6 on fmnist-lenet (METHODS §7.3): the learning-rate adjustment ablation, EMAIS (Linear-τ)
 * with the Eq. 8 factor B_eff/B ('linear'), its square root ('sqrt') and none ('off'), with the EMAIS part's
 * settings ({@link emaisFiguresDefaults}: cosine LR, SGD lr 0.01, momentum 0.9, wd 1e-3, B = 128): test error
 * and train loss vs epoch, applied and scaled LR = LR·B/B_eff vs step, over the seeds. The 'linear' runs are
 * the EMAIS part's Linear-τ runs (loaded, not retrained).
 */
export const emaisFig6LrAdjust: FigureSpec<typeof settings> = {
  id: 'emais/fig6-lr-adjust',
  title: '[EMAIS] Fig. 6: learning-rate adjustment ablation (fmnist-lenet)',
  paper: '[EMAIS] Fig. 6',
  requires: [fashionMnistRequirement],
  settings,
  plan: (o) => {
    checkPostWarmupEpochs('emais/fig6-lr-adjust', o.epochs);
    const runs: PlannedRun[] = o.seeds.flatMap((seed) =>
      lrVariants.map((v) => ({
        options: emaisEpochsRunOptions(o, lrVariantOptions(v), seed),
        tags: { variant: `EMAIS lrAdjust ${v}`, seed },
      })),
    );
    return { runs };
  },
  make: ({ runs }, o) => {
    const smooth = emaisSmooth(o);
    const text = seedsText(o);
    const evalRows: Row[] = [];
    const stepRows: Row[] = [];
    const finals: Record<string, { err: number[]; loss: number[] }> = {};
    const offRatio: number[] = []; // per seed: mean B_eff/B after the warm-up of the 'off' run
    let cpu = 0;
    for (const r of runs) {
      const label = r.tags.variant as string;
      cpu += (r.steps.array('msCpu') as number[]).reduce((a, b) => a + b, 0) / 1000;
      const evals = r.evals.objects() as Row[];
      evalRows.push(...evals.map((e) => ({ ...e, ...r.tags })));
      const steps = scaledLrSteps(r);
      for (const col of ['lr', 'scaledLr', 'ems'] as const) {
        stepRows.push(...smoothedSteps(steps, col, smooth).map((e) => ({ ...e, col })));
      }
      if (label === 'EMAIS lrAdjust off') {
        const post = steps
          .filter((e) => (e.epoch as number) >= emaisWarmupEpochs)
          .map((e) => (e.ems as number) / B);
        offRatio.push(post.reduce((a, b) => a + b, 0) / Math.max(1, post.length));
      }
      const f = (finals[label] ??= { err: [], loss: [] });
      f.err.push(finalEval(evals, 'testError'));
      f.loss.push(finalEval(evals, 'trainLoss'));
    }
    const ci = (v: number[]) => formatMeanCi(meanCi(v.filter(Number.isFinite)), 3);
    const lin = finals['EMAIS lrAdjust linear'];
    const off = finals['EMAIS lrAdjust off'];
    const diffErr = pairedDifference(lin.err, off.err); // paired by seed
    const diffLoss = pairedDifference(lin.loss, off.loss);
    const verdict =
      (diffLoss.sign < 0
        ? 'Agrees with [EMAIS] Fig. 6 on the train loss: Eq. 8 gives a lower final train loss than no ' +
          'adjustment'
        : diffLoss.mean < 0
          ? 'Same direction as [EMAIS] Fig. 6 on the train loss (lower with Eq. 8) but the interval ' +
            'includes 0'
          : 'Differs from [EMAIS] Fig. 6 on the train loss (not lower with Eq. 8)') +
      ` (paired difference linear − off ${formatMeanCi(diffLoss, 3)}); test error difference ` +
      formatMeanCi(diffErr, 3) +
      (diffErr.sign < 0
        ? ' (lower with Eq. 8, as in the paper).'
        : diffErr.mean < 0
          ? ' (lower with Eq. 8 on average, interval includes 0).'
          : ' (not lower with Eq. 8, unlike the paper).');
    const finalsText = lrVariants
      .map((v) => `EMAIS lrAdjust ${v}` as const)
      .map((k) => `${labels[k]}: test error ${ci(finals[k].err)}, train loss ${ci(finals[k].loss)}`)
      .join('; ');
    const order = Object.keys(labels);
    const common = { x: 'epoch', group: 'variant', xTitle: 'epoch', order, labels, styles };
    const outputs: FigureOutput[] = [
      {
        file: 'emais-fig6-test-error',
        title: '[EMAIS] Fig. 6: learning-rate adjustment ablation, test error (fmnist-lenet)',
        caption:
          `EMAIS (Linear-τ) with the Eq. 8 factor B_eff/B ('linear', the paper's SGD rule), its square ` +
          `root ('sqrt', the Adam rule) and none ('off'); test error vs epoch; ${text}. ` +
          `Final values: ${finalsText}. ` +
          `${verdict} Cost: ${cpu.toFixed(0)} s CPU of training (runs shared with the EMAIS part included).`,
        figure: ciLineFigure(evalRows, {
          ...common,
          y: 'testError',
          title: 'Test error',
          yTitle: 'test error',
        }),
      },
      {
        file: 'emais-fig6-train-loss',
        title: '[EMAIS] Fig. 6: learning-rate adjustment ablation, train loss (fmnist-lenet)',
        caption:
          'Full training-set loss vs epoch for the same runs; log axis, geometric mean and interval on ' +
          `log10. ${text}.`,
        figure: ciLineFigure(evalRows, {
          ...common,
          y: 'trainLoss',
          title: 'Train loss',
          yTitle: 'train loss',
          logY: true,
        }),
      },
    ];
    const lrRows = stepRows
      .filter((r) => r.col === 'lr' || r.col === 'scaledLr')
      .map((r) => ({ ...r, curve: `${String(r.variant)}|${String(r.col)}`, value: r[r.col as string] }));
    const lrLabels: Record<string, string> = {};
    const lrStyles: Record<string, string> = {};
    const scaledStyles = {
      'EMAIS lrAdjust linear': 'omis-j2',
      'EMAIS lrAdjust sqrt': 'mis-bh',
      'EMAIS lrAdjust off': 'uniform-replace',
    };
    for (const [k, l] of Object.entries(labels) as [keyof typeof labels, string][]) {
      lrLabels[`${k}|lr`] = `${l}: applied LR`;
      lrLabels[`${k}|scaledLr`] = `${l}: scaled LR·B/B_eff`;
      lrStyles[`${k}|lr`] = styles[k];
      lrStyles[`${k}|scaledLr`] = scaledStyles[k];
    }
    const ratio = meanCi(offRatio);
    outputs.push({
      file: 'emais-fig6-lr',
      title: '[EMAIS] Fig. 6: applied and scaled learning rate (fmnist-lenet)',
      caption:
        `Applied LR (scheduled cosine LR × Eq. 8 factor) and scaled LR = applied·B/B_eff, moving average ` +
        `over ${smooth} steps; ${text}. With 'linear' the scaled LR equals the cosine schedule by ` +
        `construction (B/B_eff cancels the factor); without adjustment the scaled LR is the schedule × ` +
        `B/B_eff, and after the warm-up (2 epochs SGD-Scan, B_eff = B) B_eff/B averages ` +
        `${formatMeanCi(ratio, 3)} over seeds, so ` +
        ((ratio.lower ?? ratio.mean) > 1
          ? 'the scaled LR lies below the schedule, as in [EMAIS] Fig. 6.'
          : 'the scaled LR is not clearly below the schedule, unlike [EMAIS] Fig. 6.'),
      figure: ciLineFigure(lrRows, {
        x: 'step',
        y: 'value',
        group: 'curve',
        title: 'Learning rate',
        xTitle: 'step',
        yTitle: 'learning rate',
        labels: lrLabels,
        styles: lrStyles,
        legend: 'outside',
      }),
    });
    return outputs;
  },
};
