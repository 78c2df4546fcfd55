import * as tf from '@tensorflow/tfjs';
import type { Loss } from '../losses/types.js';
import type { Model } from '../models/types.js';
import type { ImportanceContext, ImportanceFunction } from './types.js';

/** Row b of t as a batch of one: shape (1, ...t.shape[1:]). */
function row(t: tf.Tensor, b: number): tf.Tensor {
  const begin = t.shape.map((_, k) => (k === 0 ? b : 0));
  const size = t.shape.map((d, k) => (k === 0 ? 1 : d));
  return tf.slice(t, begin, size);
}

/**
 * Per-sample parameter-gradient norms ‖g_b‖ = ‖∇_θ ℓ_b‖ over all of `model.params` (METHODS §2.5), by one
 * backward pass per sample (slow, exact reference). The model runs with `training = false`.
 *
 * @param model the model (its current parameters θ).
 * @param loss the loss ℓ.
 * @param x inputs (B, ...xShape).
 * @param y targets (B) or (B, ...yShape).
 * @returns ‖g_b‖ (B), float32; the caller disposes it.
 * @example
 * const norms = perSampleGradNorms(model, softmaxCrossEntropy, x, y); // (B)
 */
export function perSampleGradNorms(model: Model, loss: Loss, x: tf.Tensor, y: tf.Tensor): tf.Tensor1D {
  const B = x.shape[0];
  if (y.shape[0] !== B) {
    throw new Error(`full-grad: y must have batch size ${B} like x, got shape (${y.shape.join(', ')})`);
  }
  if (B === 0) return tf.zeros([0]) as tf.Tensor1D;
  const norms: tf.Scalar[] = [];
  try {
    for (let b = 0; b < B; b++) {
      norms.push(
        tf.tidy(() => {
          const xb = row(x, b); // (1, ...xShape)
          const yb = row(y, b); // (1, ...yShape)
          const { grads } = tf.variableGrads(
            () => tf.sum(loss.perSample(model.apply(xb, false).output, yb)) as tf.Scalar,
            model.params,
          );
          const sq = Object.values(grads).map((g) => tf.sum(tf.square(g))); // ‖∂ℓ_b/∂θ_k‖² per parameter tensor
          return tf.sqrt(tf.addN(sq)) as tf.Scalar; // METHODS §2.5: ‖g_b‖
        }),
      );
    }
    return tf.stack(norms) as tf.Tensor1D; // (B)
  } finally {
    tf.dispose(norms);
  }
}

/**
 * Full per-sample gradient-norm importance φ_full(b) = ‖g_b‖ (METHODS §2.5): the variance-optimal score
 * (METHODS §1.2), used as an oracle and as ground truth in diagnostics. Not `cheap`: B extra backward passes
 * (see {@link perSampleGradNorms}).
 *
 * @example
 * const scores = fullGradImportance.score(ctx); // (B)
 */
export const fullGradImportance: ImportanceFunction = {
  name: 'full-grad',
  cheap: false,
  score(ctx: ImportanceContext): tf.Tensor1D {
    return perSampleGradNorms(ctx.model, ctx.loss, ctx.x, ctx.y);
  },
};
