import * as tf from '@tensorflow/tfjs';
import type { Loss } from './types.js';

/**
 * Checks m (B, C) and y; returns the target as a float32 (B, C) tensor t (one-hot for class ids).
 * Must run inside a tidy: the returned tensor is new.
 */
function targets(fn: string, m: tf.Tensor, y: tf.Tensor): tf.Tensor2D {
  if (m.rank !== 2)
    throw new Error(`softmax-ce.${fn}: m must have shape (B, C), got (${m.shape.join(', ')})`);
  if (m.dtype !== 'float32') throw new Error(`softmax-ce.${fn}: m must be float32, got ${m.dtype}`);
  const [B, C] = m.shape as [number, number];
  if (y.dtype === 'int32' && y.rank === 1 && y.shape[0] === B) {
    // int32 one-hot then Cast: the wasm OneHot kernel ignores dtype 'float32' and writes int32 bit patterns.
    return tf.cast(tf.oneHot(y as tf.Tensor1D, C), 'float32') as tf.Tensor2D; // (B, C); ids outside [0, C) give a zero row
  }
  if (y.dtype === 'float32' && y.rank === 2 && y.shape[0] === B && y.shape[1] === C) {
    return y as tf.Tensor2D; // soft targets t (B, C)
  }
  throw new Error(
    `softmax-ce.${fn}: y must be int32 class ids of shape (${B}) or float32 soft targets of shape (${B}, ${C}); ` +
      `got ${y.dtype} (${y.shape.join(', ')})`,
  );
}

/** log softmax(z) computed stably: z − max(z) − log Σ exp(z − max(z)), without the LogSoftmax kernel. */
function logSoftmax(z: tf.Tensor2D): tf.Tensor2D {
  const zs = tf.sub(z, tf.max(z, 1, true)); // (B, C), max entry 0 so exp cannot overflow
  return tf.sub(zs, tf.log(tf.sum(tf.exp(zs), 1, true))); // (B, C)
}

/**
 * Softmax cross-entropy on logits (METHODS §2.2; [AS-IS] Eq. 4 and App. A).
 *
 * - `perSample(z, y)`: ℓ_b = −Σ_c t_{b,c} log s_{b,c} with s = softmax(z_b), t = onehot(y_b) (so ℓ = −log s_y),
 *   computed with the max-subtraction trick (finite for logits of any size); differentiable with kernels
 *   every backend has (no LogSoftmax, which wasm lacks).
 * - `outputGrad(z, y)`: u_b = ∂ℓ_b/∂z_b = (Σ_c t_c) s − t, i.e. s − e_y for class ids ([AS-IS] App. A).
 *
 * Targets y: int32 class ids (B) in [0, C), or float32 soft targets (B, C) (rows summing to 1 for a proper
 * distribution). Ids outside [0, C) are not detected (that would need a device read every step); they give
 * ℓ = log Σ exp(z) − 0, not NaN.
 *
 * @example
 * const l = softmaxCrossEntropy.perSample(tf.tensor2d([[2, 0, 0]]), tf.tensor1d([0], 'int32'));
 * // ℓ = −log(e² / (e² + 2)) ≈ 0.2395
 */
export const softmaxCrossEntropy: Loss = {
  name: 'softmax-ce',
  classification: true,
  perSample(m: tf.Tensor2D, y: tf.Tensor): tf.Tensor1D {
    return tf.tidy(() => {
      const t = targets('perSample', m, y); // (B, C)
      return tf.neg(tf.sum(tf.mul(t, logSoftmax(m)), 1)) as tf.Tensor1D; // (B) — [AS-IS] Eq. 4
    });
  },
  outputGrad(m: tf.Tensor2D, y: tf.Tensor): tf.Tensor2D {
    return tf.tidy(() => {
      const t = targets('outputGrad', m, y); // (B, C)
      const s = tf.exp(logSoftmax(m)); // (B, C)
      return tf.sub(tf.mul(s, tf.sum(t, 1, true)), t) as tf.Tensor2D; // (B, C) — [AS-IS] App. A Eq. 8: u = s − e_y
    });
  },
};
