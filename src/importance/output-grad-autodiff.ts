import * as tf from '@tensorflow/tfjs';
import type { Loss } from '../losses/types.js';
import type { ImportanceContext, ImportanceFunction } from './types.js';

/**
 * Output gradients by reverse-mode autodiff of the loss head only (METHODS §2.3): the output batch M (B, C)
 * is a leaf and u = ∂(Σ_b ℓ_b)/∂M; row b equals u_b = ∂ℓ_b/∂m_b because samples do not interact in the loss.
 * The model is not re-run.
 *
 * @param loss the loss whose `perSample` is differentiated.
 * @param m network outputs M (B, C).
 * @param y targets, as `loss.perSample` expects.
 * @returns u (B, C); the caller disposes it.
 * @example
 * const u = outputGradAutodiff(meanSquaredError, m, y); // (B, C) = (2/C)(m − y)
 */
export function outputGradAutodiff(loss: Loss, m: tf.Tensor2D, y: tf.Tensor): tf.Tensor2D {
  return tf.tidy(
    () => tf.grad((M: tf.Tensor) => tf.sum(loss.perSample(M as tf.Tensor2D, y)))(m) as tf.Tensor2D,
  ); // (B, C) — METHODS §2.3
}

/**
 * Output-gradient-norm importance computed by autodiff, φ(b) = ‖u_b‖ with u from {@link outputGradAutodiff}
 * (METHODS §2.3; [AS-IS] §4 "generalized loss gradient"). Works for any differentiable loss; `cheap` (one
 * reverse pass through the loss head, none through the model).
 *
 * @example
 * const scores = outputGradAutodiffImportance.score(ctx); // (B)
 */
export const outputGradAutodiffImportance: ImportanceFunction = {
  name: 'output-grad-autodiff',
  cheap: true,
  score(ctx: ImportanceContext): tf.Tensor1D {
    return tf.tidy(() => {
      const u = outputGradAutodiff(ctx.loss, ctx.output, ctx.y); // (B, C)
      return tf.sqrt(tf.sum(tf.square(u), 1)) as tf.Tensor1D; // (B) — METHODS §2.3: φ = ‖u_b‖
    });
  },
};
