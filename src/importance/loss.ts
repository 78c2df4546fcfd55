import * as tf from '@tensorflow/tfjs';
import type { ImportanceContext, ImportanceFunction } from './types.js';

/**
 * Loss importance φ_loss(b) = ℓ_b (METHODS §2.1; [LIS], [OBS]): the per-sample losses of the step's forward
 * pass, copied. No extra computation; `cheap`.
 *
 * @example
 * const scores = lossImportance.score(ctx); // (B), a copy of ctx.losses the caller disposes
 */
export const lossImportance: ImportanceFunction = {
  name: 'loss',
  cheap: true,
  score(ctx: ImportanceContext): tf.Tensor1D {
    const { losses, output } = ctx;
    if (losses.rank !== 1 || losses.shape[0] !== output.shape[0]) {
      throw new Error(
        `loss importance: ctx.losses must have shape (${output.shape[0]}) like ctx.output's batch, ` +
          `got (${losses.shape.join(', ')})`,
      );
    }
    return tf.clone(losses); // (B) — METHODS §2.1: φ = ℓ
  },
};
