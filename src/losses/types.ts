import type * as tf from '@tensorflow/tfjs';

/**
 * A loss ℓ(m, y) evaluated per sample (METHODS §0: ℓ_i = L(m_i, y_i)).
 *
 * `m` is the network output (B, C): logits for classification, predictions for regression.
 * `y` is the batch target: int32 class ids (B) or float targets (B, C).
 */
export interface Loss {
  /** Registry name, e.g. 'softmax-ce' or 'mse'. */
  readonly name: string;
  /** Per-sample losses ℓ_b, shape (B). Differentiable in `m`. */
  perSample(m: tf.Tensor2D, y: tf.Tensor): tf.Tensor1D;
  /**
   * Closed-form output gradient u_b = ∂ℓ_b/∂m_b, shape (B, C) (METHODS §2.2), when one is known.
   * Must equal the autodiff gradient of `perSample` row by row.
   */
  outputGrad?(m: tf.Tensor2D, y: tf.Tensor): tf.Tensor2D;
  /** Classification losses also give the predicted class, for error rates. */
  readonly classification: boolean;
}
