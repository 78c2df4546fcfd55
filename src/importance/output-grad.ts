import * as tf from '@tensorflow/tfjs';
import type { Loss } from '../losses/types.js';
import { outputGradAutodiff } from './output-grad-autodiff.js';
import type { ImportanceContext, ImportanceFunction } from './types.js';

/**
 * Per-sample output gradients u_b = ∂ℓ_b/∂m_b: the loss's closed form `outputGrad` when it has one
 * (METHODS §2.2), otherwise autodiff of the loss head (METHODS §2.3).
 *
 * @param loss the loss.
 * @param m network outputs (B, C).
 * @param y targets, as `loss.perSample` expects.
 * @returns u (B, C); the caller disposes it.
 * @example
 * const u = outputGrad(softmaxCrossEntropy, logits, labels); // (B, C) = softmax(z) − onehot(y)
 */
export function outputGrad(loss: Loss, m: tf.Tensor2D, y: tf.Tensor): tf.Tensor2D {
  return loss.outputGrad !== undefined ? loss.outputGrad(m, y) : outputGradAutodiff(loss, m, y); // (B, C)
}

/**
 * Output-gradient-norm importance φ_out(b) = ‖u_b‖ = ‖∂ℓ_b/∂m_b‖ (METHODS §2.2; [MIS] §4, [AS-IS] §4 and
 * App. A). For softmax-CE ‖u‖² = Σ_c s_c² − 2 s_y + 1 ([AS-IS] App. A Eq. 12). Uses the closed form of the
 * loss, falling back to autodiff of the loss head; `cheap`.
 *
 * @example
 * const scores = outputGradImportance.score(ctx); // (B)
 */
export const outputGradImportance: ImportanceFunction = {
  name: 'output-grad',
  cheap: true,
  score(ctx: ImportanceContext): tf.Tensor1D {
    return tf.tidy(() => {
      const u = outputGrad(ctx.loss, ctx.output, ctx.y); // (B, C)
      return tf.sqrt(tf.sum(tf.square(u), 1)) as tf.Tensor1D; // (B) — METHODS §2.2: φ = ‖u_b‖
    });
  },
};
