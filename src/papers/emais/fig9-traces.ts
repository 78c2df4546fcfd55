import { ciLineFigure } from '../../figures/ci-line-figure.js';
import { commonSettings, type FigureSpec } from '../../experiments/figure-spec.js';
import { fashionMnistRequirement } from '../../experiments/requirements.js';
import type { OptionSpecs } from '../../options/option-spec.js';
import { formatMeanCi, meanCi } from '../../stats/seed-summary.js';
import { lrVariantOptions, smoothedSteps } from './fig6-lr-adjust.js';
import {
  checkPostWarmupEpochs,
  emaisEpochsRunOptions,
  emaisEpochsSetting,
  emaisSmooth,
  emaisWarmupEpochs,
  seedsText,
  smoothSetting,
} from './fmnist.js';

type Row = Record<string, unknown>;

/**
 * Share of the steps after the warm-up (epoch ≥ `warmupEpochs`) whose logged traces are ordered
 * trOpt ≤ trIS ≤ trU (optimal ≤ EMAIS ≤ uniform, [EMAIS] Fig. 9); steps without all three are left out.
 * @example
 * traceOrderShare([{ epoch: 2, trOpt: 1, trIS: 2, trU: 3 }], 2); // 1
 */
export function traceOrderShare(rows: readonly Row[], warmupEpochs: number): number {
  let n = 0;
  let ok = 0;
  for (const r of rows) {
    const [o, i, u] = [r.trOpt, r.trIS, r.trU];
    if ((r.epoch as number) < warmupEpochs) continue;
    if (typeof o !== 'number' || typeof i !== 'number' || typeof u !== 'number') continue;
    if (![o, i, u].every(Number.isFinite)) continue;
    n++;
    if (o <= i && i <= u) ok++;
  }
  return n === 0 ? NaN : ok / n;
}

const settings = {
  ...commonSettings,
  epochs: emaisEpochsSetting,
  smooth: smoothSetting,
} as const satisfies OptionSpecs;

/**
 * [EMAIS] Fig. 9 on fmnist-lenet (METHODS §7.3): the efficiency score s and the logit-based traces trIS, trU,
 * trOpt vs step of EMAIS Linear-τ, over the seeds. Its runs are the 'linear' runs of
 * `emais/fig6-lr-adjust` (the EMAIS part's Linear-τ runs: loaded, not retrained).
 */
export const emaisFig9Traces: FigureSpec<typeof settings> = {
  id: 'emais/fig9-traces',
  title: '[EMAIS] Fig. 9: efficiency score and variance traces of EMAIS Linear-τ (fmnist-lenet)',
  paper: '[EMAIS] Fig. 9',
  requires: [fashionMnistRequirement],
  settings,
  plan: (o) => {
    checkPostWarmupEpochs('emais/fig9-traces', o.epochs);
    const runs = o.seeds.map((seed) => ({
      options: emaisEpochsRunOptions(o, lrVariantOptions('linear'), seed), // Fig. 6's 'linear' runs
      tags: { seed },
    }));
    return { runs };
  },
  make: ({ runs }, o) => {
    const smooth = emaisSmooth(o);
    const text = seedsText(o);
    const traceRows: Row[] = [];
    const effRows: Row[] = [];
    const orderShare: number[] = []; // per seed: share of post-warm-up steps with trOpt ≤ trIS ≤ trU
    for (const r of runs) {
      const steps = (r.steps.objects() as Row[]).map((e) => ({ ...e, ...r.tags }));
      orderShare.push(traceOrderShare(steps, emaisWarmupEpochs));
      for (const col of ['trIS', 'trU', 'trOpt'] as const) {
        traceRows.push(
          ...smoothedSteps(steps, col, smooth).map((e) => ({ ...e, curve: col, value: e[col] })),
        );
      }
      effRows.push(...smoothedSteps(steps, 'efficiency', smooth).map((e) => ({ ...e, curve: 'emais' })));
    }
    const effTail = o.seeds.map((seed) => {
      const v = effRows.filter((r) => r.seed === seed).map((r) => r.efficiency as number);
      const tail = v.slice(Math.floor(0.75 * v.length)); // last quarter of training
      return tail.reduce((a, b) => a + b, 0) / Math.max(1, tail.length);
    });
    const effMean = effTail.reduce((a, b) => a + b, 0) / effTail.length;
    return [
      {
        file: 'emais-fig9-efficiency',
        title: '[EMAIS] Fig. 9: efficiency score of EMAIS Linear-τ over training (fmnist-lenet)',
        caption:
          `Efficiency score s (METHODS §5.7; 0 = optimal IS, 1 = uniform) from logit-gradient traces, ` +
          `moving average over ${smooth} steps; ${text}. Tail mean (last quarter of training) ` +
          `${formatMeanCi(meanCi(effTail), 3)}. ` +
          (effMean < 1
            ? 'Agrees with [EMAIS] Fig. 9: after the warm-up s stays between 0 and 1 (EMAIS better than ' +
              'uniform).'
            : 'Differs from [EMAIS] Fig. 9: s is not below 1 (no gain over uniform).'),
        figure: ciLineFigure(effRows, {
          x: 'step',
          y: 'efficiency',
          group: 'curve',
          title: 'Efficiency score',
          xTitle: 'step',
          yTitle: 'efficiency score s',
          labels: { emais: 'EMAIS Linear-τ' },
        }),
      },
      {
        file: 'emais-fig9-traces',
        title: '[EMAIS] Fig. 9: estimated gradient-variance traces of EMAIS Linear-τ (fmnist-lenet)',
        caption:
          `Logit-gradient estimates ([EMAIS] Eqs. 10–12) of tr Σ under the EMAIS pmf (trIS), under uniform ` +
          `sampling (trU) and under the optimal pmf (trOpt), moving average over ${smooth} steps, log ` +
          `axis; ${text}. Share of the steps after the warm-up with trOpt ≤ trIS ≤ trU (per step, ` +
          'unsmoothed): ' +
          `${formatMeanCi(meanCi(orderShare.filter(Number.isFinite)), 3)} over seeds. ` +
          (Math.min(...orderShare) >= 0.9
            ? 'Agrees with [EMAIS] Fig. 9 (the EMAIS trace lies between the optimal and the uniform one).'
            : 'Partly agrees with [EMAIS] Fig. 9, where the EMAIS trace lies between the optimal and the ' +
              'uniform one: per-step estimates from one minibatch cross at times.'),
        figure: ciLineFigure(traceRows, {
          x: 'step',
          y: 'value',
          group: 'curve',
          title: 'Variance traces (logit gradients)',
          xTitle: 'step',
          yTitle: 'trace estimate',
          logY: true,
          labels: { trIS: 'tr Σ_IS (EMAIS pmf)', trU: 'tr Σ_U (uniform)', trOpt: 'tr Σ_opt (optimal)' },
          styles: { trIS: 'emais', trU: 'uniform', trOpt: 'is' },
        }),
      },
    ];
  },
};
