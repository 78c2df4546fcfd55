import { baselineComparisonSpec } from '../baselines/comparison.js';

/**
 * [AS-IS] Figs. 2 and 9, [MIS] Fig. 3 (METHODS §7.1, §7.2): uniform, DLIS, LOW, IS, AS and OMIS on the MNIST MLP
 * (Adam), at equal epochs and equal CPU time, with the equal-budget tables. Quick scale trains 5 epochs (≈ 4 min on
 * wasm with 2 shared cores), full scale 50 ([AS-IS]).
 */
export const asisFig2Mnist = baselineComparisonSpec({
  id: 'asis/fig2-mnist',
  paperFigures: '[MIS] Fig. 3; AS/IS Figs. 2, 9',
  task: 'mnist-mlp',
  label: 'MNIST MLP',
  methods: { quick: 'uniform,dlis,low,is,as,omis', full: 'uniform,dlis,low,is,as,omis' },
  epochs: { quick: 5, full: 50 },
  paperClaim:
    '[MIS] Fig. 3 and [AS-IS] Figs. 2, 9 show our IS, AS and OMIS below uniform SGD in test error at equal epochs ' +
    '(OMIS best in [MIS]) and further ahead at equal time, DLIS close to IS at equal epochs but slower',
  expectBelow: ['is', 'as', 'omis'],
});
