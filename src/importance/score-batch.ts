import * as tf from '@tensorflow/tfjs';
import type { ImportanceContext, ImportanceFunction } from './types.js';

/**
 * Calls an importance function and checks what it returned before anyone reads it: a `tf.Tensor` of rank 1 with
 * one score per sample of the batch (B = `ctx.losses.shape[0]`). A user function that returns a plain array, a
 * number or a tensor of another shape is an error naming the function and what to return, instead of a later
 * "dataSync is not a function" or a silent broadcast.
 * @param phi the importance function.
 * @param ctx the minibatch it scores.
 * @returns its scores, shape (B).
 * @example
 * const scores = tf.tidy(() => scoreBatch(getImportance('loss'), ctx)); // (B)
 */
export function scoreBatch(phi: ImportanceFunction, ctx: ImportanceContext): tf.Tensor1D {
  const s: unknown = phi.score(ctx);
  const B = ctx.losses.shape[0];
  if (!(s instanceof tf.Tensor)) {
    const got = Array.isArray(s) ? `a plain Array of length ${s.length}` : s === null ? 'null' : typeof s;
    throw new TypeError(
      `importance function '${phi.name}' returned ${got}, not a tf.Tensor1D; return one score per sample as a ` +
        `tensor of shape [${B}], e.g. tf.tensor1d(scores)`,
    );
  }
  if (s.rank !== 1 || s.shape[0] !== B) {
    throw new RangeError(
      `importance function '${phi.name}' returned a tensor of shape [${s.shape.join(', ')}]; ` +
        `it must have shape [${B}] (one score per sample of the batch)`,
    );
  }
  return s as tf.Tensor1D;
}
