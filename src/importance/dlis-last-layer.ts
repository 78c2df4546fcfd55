import * as tf from '@tensorflow/tfjs';
import { outputGrad } from './output-grad.js';
import type { ImportanceContext, ImportanceFunction } from './types.js';

/**
 * [DLIS] last-layer importance: the norm of the per-sample gradient with respect to the parameters of the
 * last dense layer m = h W_L + b_L, φ(b) = ‖∂ℓ_b/∂(W_L, b_L)‖ = ‖u_b‖ · sqrt(‖h_b‖² + 1) (METHODS §2.4), with
 * u_b the output gradient (closed form or autodiff) and h_b = `ctx.hidden`. For a linear model (h = x) this
 * is the exact per-sample gradient norm ‖g_b‖. `cheap`: no backward pass through the model.
 *
 * @example
 * const scores = dlisLastLayerImportance.score(ctx); // (B)
 */
export const dlisLastLayerImportance: ImportanceFunction = {
  name: 'dlis-last-layer',
  cheap: true,
  score(ctx: ImportanceContext): tf.Tensor1D {
    const { output, hidden } = ctx;
    if (hidden.rank !== 2 || hidden.shape[0] !== output.shape[0]) {
      throw new Error(
        `dlis-last-layer importance: ctx.hidden must have shape (${output.shape[0]}, H), ` +
          `got (${hidden.shape.join(', ')})`,
      );
    }
    return tf.tidy(() => {
      const u = outputGrad(ctx.loss, output, ctx.y); // (B, C)
      const u2 = tf.sum(tf.square(u), 1); // (B)
      const h2 = tf.sum(tf.square(hidden), 1); // (B)
      return tf.sqrt(tf.mul(u2, tf.add(h2, 1))) as tf.Tensor1D; // (B) — METHODS §2.4: ‖u‖·sqrt(‖h‖² + 1)
    });
  },
};
