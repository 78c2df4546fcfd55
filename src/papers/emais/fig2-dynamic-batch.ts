import { lineBandFigure } from '../../figures/line-band-figure.js';
import { commonSettings, evalRows, type FigureSpec } from '../../experiments/figure-spec.js';
import { fashionMnistRequirement } from '../../experiments/requirements.js';
import type { OptionSpecs } from '../../options/option-spec.js';
import {
  byLabel,
  diffText,
  DYNAMIC,
  dynamicBatchRuns,
  emaisComparisonRuns,
  emaisComparisonSettings,
  emaisFinals,
  LINEAR,
  mean,
  oneSeedNote,
  type EmaisFinals,
} from './comparison.js';
import { pctCi } from './fmnist.js';

/**
 * The computed statement of [EMAIS] Fig. 2's caption: EMAIS vs SGD-Uni with batch B_eff,t (the paper: nearly the
 * same curves) and vs SGD-Uni and SGD-Scan at B = 128 (the paper: EMAIS better), final test errors paired over seeds.
 * @example
 * fig2Statement(finals); // 'EMAIS Linear-τ − SGD-Uni (B = B_eff,t) …'
 */
export function fig2Statement(finals: readonly EmaisFinals[]): string {
  const emais = byLabel(finals, LINEAR);
  const dyn = diffText(emais, byLabel(finals, DYNAMIC));
  const fixed = ['SGD-Uni', 'SGD-Scan'].map((l) => diffText(emais, byLabel(finals, l)));
  const n = emais.errors.length;
  const dynVerdict =
    n < 2
      ? 'one seed: the match with the dynamic-batch run ([EMAIS] Fig. 2) is not tested'
      : dyn.sign === 0
        ? 'as in [EMAIS] Fig. 2, EMAIS matches SGD-Uni with batch B_eff,t (interval contains 0)'
        : 'unlike [EMAIS] Fig. 2, EMAIS and SGD-Uni with batch B_eff,t differ';
  const fixedVerdict = fixed.every((x) => x.sign < 0)
    ? 'as in the paper, EMAIS beats both at B = 128'
    : ['SGD-Uni', 'SGD-Scan'].every((l) => mean(emais.errors) < mean(byLabel(finals, l).errors))
      ? 'EMAIS is below both at B = 128 on average (the paper: better), not resolved by the intervals'
      : 'unlike the paper, EMAIS is not below both at B = 128';
  return (
    `Final test errors: EMAIS ${pctCi(emais.errors)} %; ${dyn.text} (${dynVerdict}); ` +
    `${fixed.map((x) => x.text).join(', ')} (${fixedVerdict}).${oneSeedNote(n)}`
  );
}

const settings = { ...commonSettings, epochs: emaisComparisonSettings.epochs } as const satisfies OptionSpecs;

/**
 * [EMAIS] Fig. 2 (METHODS §7.3) on fmnist-lenet: test error vs step of EMAIS Linear-τ, of SGD-Uni with EMAIS's
 * per-step batch size round(B_eff,t) (a dependent run: its batch sizes are read from the Linear-τ run's records)
 * and of the [EMAIS] Table 2 baselines at B = 128.
 */
export const emaisFig2DynamicBatch: FigureSpec<typeof settings> = {
  id: 'emais/fig2-dynamic-batch',
  title: '[EMAIS] Fig. 2: EMAIS vs SGD-Uni with batch size B_eff,t, and baselines (fmnist-lenet)',
  paper: '[EMAIS] Fig. 2',
  requires: [fashionMnistRequirement],
  settings,
  plan: (s) => ({
    runs: emaisComparisonRuns('emais/fig2-dynamic-batch', s, { baselines: true }),
    dependents: dynamicBatchRuns(s),
  }),
  make: ({ runs }, s) => [
    {
      file: 'emais-fig2-test-error',
      title: '[EMAIS] Fig. 2: EMAIS vs SGD-Uni with batch size B_eff,t, and baselines (fmnist-lenet)',
      caption:
        'Test error vs step. SGD-Uni (B = B_eff,t) draws round(B_eff,t) samples at step t as recorded from the EMAIS ' +
        `Linear-τ run, with the learning rate scaled by B_eff,t/B. ${s.scale} scale, seeds ${s.seeds.join(', ')}. ` +
        fig2Statement(emaisFinals(runs)),
      figure: lineBandFigure(evalRows(runs), {
        x: 'step',
        y: 'testError',
        title: 'Test error',
        xTitle: 'step',
        yTitle: 'test error',
        order: ['SGD-Scan', 'SGD-Uni', 'IS', LINEAR, DYNAMIC],
      }),
    },
  ],
};
