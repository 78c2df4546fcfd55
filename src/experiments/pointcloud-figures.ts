import { baselineExperiment, baselinePlan, type BaselineFiguresSettings } from './baseline-figures.js';
import type { ExperimentModule, ExperimentPlan, PlanContext } from './types.js';

/**
 * Point-cloud comparison ([MIS] Fig. 6, [AS-IS] Fig. 3 right): uniform, DLIS, LOW, IS and AS (and OMIS at full
 * scale) with a PointNet on the synthetic `pointcloud` shapes, at equal epochs and equal time, through the
 * fair-comparison harness of {@link baselineExperiment}. PointNet steps are slow on wasm (≈ 0.6–0.9 s at B = 64, 256 points), so quick scale
 * trains 4 epochs on the first seed only, without OMIS (its β > 0 step costs J forward/backward passes, see
 * README); full scale uses every seed, OMIS and 300 epochs ([AS-IS] §5.1).
 * @example
 * const entries = await reproducePointcloud(ctx);
 */
export const reproducePointcloud: ExperimentModule = (ctx) =>
  baselineExperiment(pointcloudSettings(ctx))({ ...ctx, seeds: pointcloudSeeds(ctx) });

/** Settings of the comparison at the context's scale. */
function pointcloudSettings(ctx: PlanContext): Partial<BaselineFiguresSettings> {
  return {
    task: 'pointcloud',
    label: 'Point clouds (PointNet, synthetic shapes)',
    paperFigures: '[MIS] Fig. 6; AS/IS Fig. 3 right',
    methods: ['uniform', 'dlis', 'low', 'is', 'as'],
    includeOmis: ctx.scale === 'full', // the MNIST method set; OMIS's J passes per step are too slow for quick
    epochs: { quick: 4, full: 300 },
  };
}

/** Quick scale trains on the first seed only (PointNet steps are slow on wasm). */
function pointcloudSeeds(ctx: PlanContext): number[] {
  return ctx.scale === 'quick' ? ctx.seeds.slice(0, 1) : ctx.seeds;
}

/**
 * The 'pointcloud' part's plan (PointNet comparison and its noise-labels control, with the part's seeds).
 * @example
 * pointcloudPlan({ scale: 'quick', seeds: [1, 2, 3] }).length; // 5 + 3 (one seed at quick scale)
 */
export const pointcloudPlan: ExperimentPlan = (ctx) =>
  baselinePlan(pointcloudSettings(ctx))({ ...ctx, seeds: pointcloudSeeds(ctx) });
