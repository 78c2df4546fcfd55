import type * as tf from '@tensorflow/tfjs';
import { outputGrad } from '../importance/output-grad.js';
import type { Loss } from '../losses/types.js';
import { nodeGroupScores, type TechniqueNodes } from '../mis/node-groups.js';
import { techniqueScores } from '../mis/technique-scores.js';
import type { MisSampler } from '../samplers/mis-sampler.js';

/**
 * Computes the candidate MIS technique scores of a batch from its forward pass and hands them to the sampler
 * (METHODS §4.7): u = ∂ℓ/∂m (loss closed form, else autodiff of the loss head) and, for a scalar output, the
 * last-layer input h for the coefficient groups. Costs one host read-back of u (B × C) (and h when C = 1).
 * @param sampler the run's {@link MisSampler}; its `J` fixes the grouping for scalar outputs.
 * @param loss the task's loss.
 * @param output m (B, C) of the step's forward pass.
 * @param hidden h (B, H), the last dense layer's input.
 * @param y the batch targets.
 * @param nodes with C > 1 outputs: 'top' (default here) hands in the C per-node candidates |u_c| (the sampler keeps
 *   the top J), 'groups' hands in the J group norms ‖u_{G_j}‖ of {@link nodeGroupScores}. The OMIS and balance-MIS
 *   estimators pass their `nodes` option (default 'groups').
 * @example
 * feedTechniqueScores(sampler, mse, est.output, est.hidden, y);
 */
export function feedTechniqueScores(
  sampler: MisSampler,
  loss: Loss,
  output: tf.Tensor2D,
  hidden: tf.Tensor2D,
  y: tf.Tensor,
  nodes: TechniqueNodes = 'top',
): void {
  const C = output.shape[1];
  const uT = outputGrad(loss, output, y); // (B, C) METHODS §2.2–2.3
  const u = uT.dataSync() as Float32Array;
  uT.dispose();
  const h = C === 1 ? (hidden.dataSync() as Float32Array) : undefined; // (B, H)
  if (C > 1 && nodes === 'groups') {
    sampler.setTechniqueScores(nodeGroupScores(u, C, sampler.J), sampler.J); // [MIS] §5: J node groups
    return;
  }
  const { scores, K } = techniqueScores(u, h, C, sampler.J);
  sampler.setTechniqueScores(scores, K);
}
