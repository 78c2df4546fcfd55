import type * as tf from '@tensorflow/tfjs';
import type { Loss } from '../losses/types.js';
import type { Model } from '../models/types.js';

/** Everything an importance function may read about the current minibatch (METHODS §2). */
export interface ImportanceContext {
  model: Model;
  loss: Loss;
  /** Batch inputs (B, ...xShape). */
  x: tf.Tensor;
  /** Batch targets. */
  y: tf.Tensor;
  /** Network output m (B, C) from the step's forward pass. */
  output: tf.Tensor2D;
  /** Input of the last dense layer h (B, H) from the same pass. */
  hidden: tf.Tensor2D;
  /** Per-sample losses ℓ_b (B) from the same pass. */
  losses: tf.Tensor1D;
}

/**
 * An importance function φ: returns one non-negative score per sample of the batch, shape (B).
 * Scores come from the current forward pass; only `full-grad` runs extra backward passes.
 */
export interface ImportanceFunction {
  readonly name: string;
  /** True when the scores are computed without extra backward passes through the model. */
  readonly cheap: boolean;
  score(ctx: ImportanceContext): tf.Tensor1D;
}
