import type * as tf from '@tensorflow/tfjs';

/** Output of one forward pass. */
export interface ForwardResult {
  /** Network output m (B, C): logits or regression predictions. */
  output: tf.Tensor2D;
  /**
   * Input of the last dense layer h (B, H), so that output = h W_L + b_L. Used by the DLIS last-layer
   * bound ‖u‖·sqrt(‖h‖² + 1) (METHODS §2.4).
   */
  hidden: tf.Tensor2D;
}

/**
 * A model with explicit parameters. Parameters are created from the kit's seeded Rng (not tfjs
 * initialisers), so a seed fixes the initial weights on every backend.
 */
export interface Model {
  /** Short description, e.g. 'mlp(784-512-512-10)'. */
  readonly name: string;
  /** Trainable parameters θ, in a fixed order. */
  readonly params: tf.Variable[];
  /** Forward pass on a batch x (B, ...xShape). */
  apply(x: tf.Tensor, training?: boolean): ForwardResult;
  /** Total number of scalar parameters P. */
  readonly numParams: number;
  dispose(): void;
}
