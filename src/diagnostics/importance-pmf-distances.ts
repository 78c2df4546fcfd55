import * as tf from '@tensorflow/tfjs';
import { gatherBatch, type Dataset } from '../data/dataset.js';
import { perSampleGradNorms } from '../importance/full-grad.js';
import { getImportance } from '../importance/registry.js';
import type { Loss } from '../losses/types.js';
import type { Model } from '../models/types.js';
import { distributionDistance } from './distribution-distance.js';
import { spearmanCorrelation } from './spearman-correlation.js';

/** How close one candidate pmf is to the gradient-norm pmf p* ∝ ‖g_i‖ on a set of samples. */
export interface PmfDistance {
  /** Candidate name: an importance function, 'uniform', or a name given in `extra`. */
  pmf: string;
  /** ‖p − p*‖₂ (METHODS §2.6), both normalised over the samples. */
  l2: number;
  /** Spearman ρ between the candidate scores and ‖g_i‖ (NaN for a constant candidate such as uniform). */
  spearman: number;
}

/**
 * Distances of importance pmfs to the true gradient-norm pmf at one frozen θ ([MIS] §4 / [AS-IS] §5.2 inline
 * figures; METHODS §2.6): for each named importance function φ, p_φ ∝ φ(i) over `indices`, plus uniform and any
 * `extra` score vectors (e.g. the memory q of an IS sampler, read at the same indices); the reference is
 * p* ∝ ‖g_i‖ = ‖∇_θ ℓ_i‖ (METHODS §2.5, one backward pass per sample, so M = |indices| passes).
 *
 * @param model the model at θ (not changed).
 * @param loss the task's loss.
 * @param data the training set.
 * @param indices the M samples the pmfs are compared on (M ≥ 2).
 * @param importances registered importance names, e.g. ['loss', 'output-grad', 'dlis-last-layer'].
 * @param extra more candidates: name → scores (M), aligned with `indices`. Default {}.
 * @returns one {@link PmfDistance} per candidate: importances, then 'uniform', then `extra`.
 * @example
 * const d = importancePmfDistances(model, loss, train, range(500), ['loss', 'output-grad']);
 */
export function importancePmfDistances(
  model: Model,
  loss: Loss,
  data: Dataset,
  indices: ArrayLike<number>,
  importances: readonly string[],
  extra: Readonly<Record<string, ArrayLike<number>>> = {},
): PmfDistance[] {
  const M = indices.length;
  if (M < 2) throw new RangeError(`importancePmfDistances: need ≥ 2 indices, got ${M}`);
  const batch = gatherBatch(data, indices);
  try {
    const gt = perSampleGradNorms(model, loss, batch.x, batch.y); // (M) ‖g_i‖, METHODS §2.5
    const gNorm = Float64Array.from(gt.dataSync()); // (M)
    gt.dispose();
    const scores: [string, ArrayLike<number>][] = importances.map((name) => {
      const phi = getImportance(name);
      const s = tf.tidy(() => {
        const { output, hidden } = model.apply(batch.x, false); // (M, C), (M, H)
        const losses = loss.perSample(output, batch.y); // (M)
        return phi.score({ model, loss, x: batch.x, y: batch.y, output, hidden, losses }); // (M)
      });
      const v = Float64Array.from(s.dataSync());
      s.dispose();
      return [name, v];
    });
    scores.push(['uniform', new Float64Array(M).fill(1)]);
    for (const [name, v] of Object.entries(extra)) {
      if (v.length !== M) {
        throw new RangeError(`importancePmfDistances: extra '${name}' has ${v.length} scores, expected ${M}`);
      }
      scores.push([name, v]);
    }
    return scores.map(([pmf, v]) => ({
      pmf,
      l2: distributionDistance(v, gNorm),
      spearman: spearmanCorrelation(v, gNorm),
    }));
  } finally {
    tf.dispose([batch.x, batch.y]);
  }
}
