import type { FigureSpec } from '../experiments/figure-spec.js';
import { ablationsAlpha, ablationsBeta, ablationsJ, ablationsTau } from './ablations/ablations.js';
import { asisFig1ImportanceMap } from './asis/fig1-importance-map.js';
import { asisFig2Mnist } from './asis/fig2-mnist.js';
import { asisFig3Pointcloud } from './asis/fig3-pointcloud.js';
import { asisFig8Image } from './asis/fig8-image.js';
import { asisFig10Pointcloud } from './asis/fig10-pointcloud.js';
import { coreControlNoiseLabels } from './baselines/comparison.js';
import { asisPmfDistance } from './asis/pmf-distance.js';
import { corePoly6ExcessLoss } from './core/poly6-excess-loss.js';
import { emaisFig1Tau } from './emais/fig1-tau.js';
import { emaisFig2DynamicBatch } from './emais/fig2-dynamic-batch.js';
import { emaisTable2 } from './emais/table2.js';
import { emaisFig6LrAdjust } from './emais/fig6-lr-adjust.js';
import { emaisFig9Traces } from './emais/fig9-traces.js';
import { emaisTable5Cpu } from './emais/table5-cpu.js';
import { emaisFig7Refresh } from './emais/fig7-refresh.js';
import { emaisFig10Budgets } from './emais/fig10-budgets.js';
import { emaisTable6Adam } from './emais/table6-adam.js';
import { emaisTraces } from './emais/traces.js';
import { misFig1Toy2d } from './mis/fig1-toy2d.js';
import { misFig2Poly6 } from './mis/fig2-poly6.js';
import { misFig2Poly6Monomial } from './mis/fig2-poly6-monomial.js';
import { misFig7Image } from './mis/fig7-image.js';
import { misOmisMnist } from './mis/omis-mnist.js';

/** Every figure spec of the gallery, in the order the main job makes them. */
export const FIGURE_SPECS: readonly FigureSpec[] = Object.freeze([
  corePoly6ExcessLoss,
  misFig1Toy2d,
  misFig2Poly6,
  misFig2Poly6Monomial,
  misFig7Image,
  emaisFig1Tau,
  emaisFig2DynamicBatch,
  emaisTable2,
  asisFig2Mnist,
  coreControlNoiseLabels,
  asisFig3Pointcloud,
  asisPmfDistance,
  emaisTraces,
  emaisFig6LrAdjust,
  emaisFig9Traces,
  emaisTable5Cpu,
  emaisFig7Refresh,
  emaisTable6Adam,
  emaisFig10Budgets,
  asisFig1ImportanceMap,
  asisFig8Image,
  asisFig10Pointcloud,
  misOmisMnist,
  ablationsAlpha,
  ablationsBeta,
  ablationsTau,
  ablationsJ,
] as FigureSpec[]);

/**
 * The figure spec of an id, e.g. 'mis/fig2-poly6'; an unknown id is an error listing the known ones.
 * @example
 * figureSpec('mis/fig2-poly6').paper; // '[MIS] Fig. 2'
 */
export function figureSpec(id: string): FigureSpec {
  const spec = FIGURE_SPECS.find((s) => s.id === id);
  if (spec === undefined) {
    throw new Error(`'${id}' is not a figure id; figure ids: ${FIGURE_SPECS.map((s) => s.id).join(', ')}`);
  }
  return spec;
}
