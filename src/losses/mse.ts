import * as tf from '@tensorflow/tfjs';
import type { Loss } from './types.js';

/** Checks m (B, C) and y; returns y as (B, C) (a (B) target is accepted when C = 1). */
function target(fn: string, m: tf.Tensor, y: tf.Tensor): tf.Tensor2D {
  if (m.rank !== 2) throw new Error(`mse.${fn}: m must have shape (B, C), got (${m.shape.join(', ')})`);
  if (m.dtype !== 'float32') throw new Error(`mse.${fn}: m must be float32, got ${m.dtype}`);
  const [B, C] = m.shape as [number, number];
  if (y.dtype === 'float32' && y.rank === 2 && y.shape[0] === B && y.shape[1] === C) return y as tf.Tensor2D;
  if (y.dtype === 'float32' && y.rank === 1 && y.shape[0] === B && C === 1) {
    return tf.reshape(y, [B, 1]) as tf.Tensor2D; // (B, 1)
  }
  throw new Error(
    `mse.${fn}: y must be float32 of shape (${B}, ${C})${C === 1 ? ` or (${B})` : ''}; ` +
      `got ${y.dtype} (${y.shape.join(', ')})`,
  );
}

/**
 * Mean squared error with the mean over outputs (the PyTorch/TF.js default reduction; METHODS §2.2):
 *
 * - `perSample(m, y)`: ℓ_b = (1/C) Σ_c (m_{b,c} − y_{b,c})²;
 * - `outputGrad(m, y)`: u_b = ∂ℓ_b/∂m_b = (2/C)(m_b − y_b).
 *
 * Targets y: float32 (B, C), or (B) when C = 1.
 *
 * @example
 * meanSquaredError.perSample(tf.tensor2d([[1, 3]]), tf.tensor2d([[0, 0]])); // [(1 + 9) / 2] = [5]
 */
export const meanSquaredError: Loss = {
  name: 'mse',
  classification: false,
  perSample(m: tf.Tensor2D, y: tf.Tensor): tf.Tensor1D {
    return tf.tidy(() => tf.mean(tf.squaredDifference(m, target('perSample', m, y)), 1) as tf.Tensor1D); // (B) — METHODS §2.2
  },
  outputGrad(m: tf.Tensor2D, y: tf.Tensor): tf.Tensor2D {
    return tf.tidy(() => {
      const C = m.shape[1];
      return tf.mul(tf.sub(m, target('outputGrad', m, y)), 2 / C) as tf.Tensor2D; // (B, C) — METHODS §2.2: u = (2/C)(m − y)
    });
  },
};
