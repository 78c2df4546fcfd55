import { baselineComparisonSpec } from '../baselines/comparison.js';

/**
 * [AS-IS] Fig. 3 (right) and [MIS] Fig. 6 (METHODS §7.1, §7.2): uniform, DLIS, LOW, IS and AS (and OMIS at full
 * scale) with a PointNet on the synthetic `pointcloud` shapes, at equal epochs and equal CPU time. PointNet steps
 * are slow on wasm (≈ 0.6–0.9 s at B = 64, 256 points, 32 steps per epoch), so quick scale trains 2 epochs without
 * OMIS (its β > 0 step costs J forward/backward passes, see bench/README.md); full scale adds OMIS and trains 300
 * epochs ([AS-IS] §5.1). The IS runs are the closed-form arm of [AS-IS] Fig. 10.
 */
export const asisFig3Pointcloud = baselineComparisonSpec({
  id: 'asis/fig3-pointcloud',
  paperFigures: '[MIS] Fig. 6; AS/IS Fig. 3 right',
  task: 'pointcloud',
  label: 'Point clouds (PointNet, synthetic shapes)',
  methods: { quick: 'uniform,dlis,low,is,as', full: 'uniform,dlis,low,is,as,omis' },
  epochs: { quick: 2, full: 300 },
  paperClaim:
    '[AS-IS] Fig. 3 right shows our IS and AS below uniform, DLIS and LOW in test error at equal epochs and time; ' +
    '[MIS] Fig. 6 shows our IS comparable to uniform SGD and OMIS lower at equal epochs but slower',
  expectBelow: ['is', 'as', 'omis'],
});
