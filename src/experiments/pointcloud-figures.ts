import { baselineExperiment, baselinePlan, type BaselineFiguresSettings } from './baseline-figures.js';
import type { ExperimentModule, ExperimentPlan, PlanContext } from './types.js';

/**
 * Point-cloud comparison ([MIS] Fig. 6, [AS-IS] Fig. 3 right): uniform, DLIS, LOW, IS and AS (and OMIS at full
 * scale) with a PointNet on the synthetic `pointcloud` shapes, at equal epochs and equal time, through the
 * fair-comparison harness of {@link baselineExperiment}, over every seed of the context (≥ 3 at quick scale, so
 * every curve has a spread). PointNet steps are slow on wasm (≈ 0.6–0.9 s at B = 64, 256 points, 32 steps per epoch), so quick scale
 * trains 2 epochs without OMIS (its β > 0 step costs J forward/backward passes, see bench/README.md); full scale adds OMIS
 * and trains 300 epochs ([AS-IS] §5.1). The IS runs are the closed-form arm of [AS-IS] Fig. 10 (part 'asis-fig10').
 * @example
 * const entries = await reproducePointcloud(ctx);
 */
export const reproducePointcloud: ExperimentModule = (ctx) =>
  baselineExperiment(pointcloudSettings(ctx))(ctx);

/** Settings of the comparison at the context's scale. */
function pointcloudSettings(ctx: PlanContext): Partial<BaselineFiguresSettings> {
  return {
    task: 'pointcloud',
    label: 'Point clouds (PointNet, synthetic shapes)',
    paperFigures: '[MIS] Fig. 6; AS/IS Fig. 3 right',
    methods: ['uniform', 'dlis', 'low', 'is', 'as'],
    includeOmis: ctx.scale === 'full', // the MNIST method set; OMIS's J passes per step are too slow for quick
    epochs: { quick: 2, full: 300 },
    paperClaim:
      '[AS-IS] Fig. 3 right shows our IS and AS below uniform, DLIS and LOW in test error at equal epochs and time; ' +
      '[MIS] Fig. 6 shows our IS comparable to uniform SGD and OMIS lower at equal epochs but slower',
    expectBelow: ['is', 'as', 'omis'],
  };
}

/**
 * The 'pointcloud' part's plan (PointNet comparison and its noise-labels control, every seed of the context).
 * @example
 * pointcloudPlan({ scale: 'quick', seeds: [1, 2, 3] }).length; // (5 + 3) × 3
 */
export const pointcloudPlan: ExperimentPlan = (ctx) => baselinePlan(pointcloudSettings(ctx))(ctx);
