import { lineBandFigure } from '../../figures/line-band-figure.js';
import { commonSettings, type FigureSpec, type LoadedRun } from '../../experiments/figure-spec.js';
import { fashionMnistRequirement } from '../../experiments/requirements.js';
import type { OptionSpecs } from '../../options/option-spec.js';
import { formatMeanCi, meanCi } from '../../stats/seed-summary.js';
import { movingAverageBy } from '../../stats/moving-average.js';
import {
  emaisComparisonRuns,
  emaisComparisonSettings,
  emaisTaus,
  LINEAR,
  mean,
  oneSeedNote,
  tauLabel,
} from './comparison.js';
import { emaisSmooth, smoothSetting } from './fmnist.js';

/** One curve of [EMAIS] Fig. 1: its τ (0 = Linear-τ) and, per seed, the mean s early and over the whole run. */
export interface EfficiencyCurve {
  tau: number;
  early: number[];
  all: number[];
}

/**
 * Mean efficiency score s after the warm-up (2 epochs) of each run, over its first half ('early') and over all of
 * it, per τ (0 = Linear-τ), one value per seed in run order ([EMAIS] Fig. 1).
 * @example
 * efficiencyCurves(input.runs); // [{ tau: 0, early: [...], all: [...] }, { tau: 20, ... }, ...]
 */
export function efficiencyCurves(runs: readonly LoadedRun[]): EfficiencyCurve[] {
  const curves: EfficiencyCurve[] = [];
  for (const r of runs) {
    const tau = Number(r.config.methodOptions?.tau ?? 0);
    const steps = (r.steps.objects() as Record<string, unknown>[]).filter(
      (x) => (x.epoch as number) >= 2 && typeof x.efficiency === 'number' && Number.isFinite(x.efficiency),
    );
    const mid = steps.length === 0 ? 0 : ((steps[0].step as number) + r.steps.numRows()) / 2;
    const m = (v: Record<string, unknown>[]) =>
      v.reduce((a, x) => a + (x.efficiency as number), 0) / Math.max(1, v.length);
    let c = curves.find((x) => x.tau === tau);
    if (c === undefined) curves.push((c = { tau, early: [], all: [] }));
    c.early.push(m(steps.filter((x) => (x.step as number) < mid)));
    c.all.push(m(steps));
  }
  return curves;
}

/**
 * The computed statement of [EMAIS] Fig. 1's caption from each curve's mean efficiency score after the warm-up,
 * over its first half ('early') and over all of it, one value per seed. The paper (FMNIST, Fig. 1b): smaller
 * fixed τ gives smaller s early; Linear-τ slightly above the smallest τ but small throughout.
 * @param curves fixed-τ curves (`tau` > 0) and the Linear-τ curve (`tau` 0).
 * @example
 * fig1Statement([{ tau: 0, early: [0.3], all: [0.35] }, { tau: 20, early: [0.25], all: [0.4] }]);
 */
export function fig1Statement(curves: readonly EfficiencyCurve[]): string {
  const fixed = curves.filter((c) => c.tau > 0).sort((a, b) => a.tau - b.tau);
  const lin = curves.find((c) => c.tau === 0);
  if (lin === undefined || fixed.length === 0) throw new Error('fig1Statement: needs Linear-τ and a fixed τ');
  const fmt = (v: readonly number[]) => formatMeanCi(meanCi(v), 3);
  const early = fixed.map((c) => mean(c.early));
  const monotone = early.every((v, k) => k === 0 || v >= early[k - 1]);
  const linAll = meanCi(lin.all);
  const vsSmallest =
    mean(lin.all) >= mean(fixed[0].all)
      ? 'slightly above the smallest τ, as in the paper'
      : 'below the smallest τ, where the paper has it slightly above';
  return (
    `Mean s in the first half after the warm-up: ${fixed.map((c) => `τ = ${c.tau}: ${fmt(c.early)}`).join(', ')}, ` +
    `Linear-τ ${fmt(lin.early)}; over the whole run Linear-τ ${fmt(lin.all)}, τ = ${fixed[0].tau} ` +
    `${fmt(fixed[0].all)}. ` +
    (monotone
      ? 'As in [EMAIS] Fig. 1(b), smaller fixed τ gives smaller s early'
      : 'Unlike [EMAIS] Fig. 1(b), s early does not grow with τ') +
    (linAll.mean < 1
      ? `; Linear-τ keeps s below 1 (${vsSmallest}).`
      : '; unlike the paper, Linear-τ does not keep s below 1.') +
    oneSeedNote(lin.all.length)
  );
}

const settings = {
  ...commonSettings,
  epochs: emaisComparisonSettings.epochs,
  taus: emaisComparisonSettings.taus,
  smooth: smoothSetting,
} as const satisfies OptionSpecs;

/**
 * [EMAIS] Fig. 1 (METHODS §7.3) on fmnist-lenet: the efficiency score vs step of EMAIS with fixed τ and with
 * Linear-τ, and Linear-τ's effective minibatch size B_eff vs step ([EMAIS] Eq. 7), over seeds.
 */
export const emaisFig1Tau: FigureSpec<typeof settings> = {
  id: 'emais/fig1-tau',
  title: '[EMAIS] Fig. 1: efficiency score vs step, fixed τ vs Linear-τ, and B_eff (fmnist-lenet)',
  paper: '[EMAIS] Fig. 1',
  requires: [fashionMnistRequirement],
  settings,
  plan: (s) => ({ runs: emaisComparisonRuns('emais/fig1-tau', s, { taus: true }) }),
  make: ({ runs }, s) => {
    const smooth = emaisSmooth(s);
    const steps = runs.flatMap((r) =>
      (r.steps.objects() as Record<string, unknown>[]).map((row) => ({ ...row, ...r.tags })),
    );
    const where = `${s.scale} scale, seeds ${s.seeds.join(', ')}`;
    const order = [LINEAR, ...emaisTaus('emais/fig1-tau', s).map(tauLabel)];
    return [
      {
        file: 'emais-fig1-efficiency',
        title: '[EMAIS] Fig. 1: efficiency score vs step, fixed τ vs Linear-τ (fmnist-lenet)',
        caption:
          `Efficiency score (METHODS §5.7: 0 = optimal IS, 1 = uniform) from logit gradients, moving average over ` +
          `${smooth} steps; warm-up (2 epochs SGD-Scan) has s = 1. ${where}, 95% t-intervals over seeds. ` +
          fig1Statement(efficiencyCurves(runs)),
        figure: lineBandFigure(movingAverageBy(steps, ['method', 'seed'], 'efficiency', smooth), {
          x: 'step',
          y: 'efficiency',
          title: 'Efficiency score per τ',
          xTitle: 'step',
          yTitle: 'efficiency score s',
          order,
        }),
      },
      {
        file: 'emais-ems',
        title: 'EMAIS: effective minibatch size B_eff vs step (fmnist-lenet, B = 128)',
        caption:
          `B_eff = B·trU/trIS ([EMAIS] Eq. 7) from logit gradients, moving average over ${smooth} steps; it sets ` +
          'the learning-rate factor B_eff/B (Eq. 8) and the batch sizes of the dynamic SGD-Uni run.',
        figure: lineBandFigure(
          movingAverageBy(
            steps.filter((r) => r.method === LINEAR),
            ['method', 'seed'],
            'ems',
            smooth,
          ),
          { x: 'step', y: 'ems', title: 'B_eff (Linear-τ)', xTitle: 'step', yTitle: 'B_eff' },
        ),
      },
    ];
  },
};
