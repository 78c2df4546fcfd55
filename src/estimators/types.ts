import type * as tf from '@tensorflow/tfjs';
import type { Loss } from '../losses/types.js';
import type { Model } from '../models/types.js';
import type { Batch } from '../samplers/types.js';

/** What the trainer gives a gradient estimator for one step. */
export interface EstimatorInput {
  model: Model;
  loss: Loss;
  /** Batch inputs (B, ...xShape). */
  x: tf.Tensor;
  /** Batch targets. */
  y: tf.Tensor;
  batch: Batch;
  /**
   * Must be called once inside the forward pass, with the batch's per-sample losses and outputs, before any
   * backward pass. Returns the weights c_b to use (the batch's, unless the sampler reweights) and the factor on
   * this step's learning rate.
   */
  afterForward(losses: tf.Tensor1D, output: tf.Tensor2D): { weights: Float64Array; lrScale: number };
}

/** What an estimator returns; the caller disposes every tensor. */
export interface EstimatorOutput {
  /** Gradient estimate Ĝ per parameter, in the order of `model.params`. */
  grads: tf.Tensor[];
  /** Tensors of the step's forward pass, kept for importance scoring: m (B, C), h (B, H), ℓ (B). */
  output: tf.Tensor2D;
  hidden: tf.Tensor2D;
  losses: tf.Tensor1D;
  /** The learning-rate factor returned by `afterForward`. */
  lrScale: number;
}

/**
 * Turns a minibatch into a gradient estimate Ĝ. The default, `weighted-loss`, backpropagates (1/B) Σ c_b ℓ_b
 * (METHODS Eq. 1.1); multiple-importance-sampling estimators (OMIS) combine several weighted gradients.
 * An estimator may keep state across steps (OMIS's momentum-accumulated linear system); `dispose` frees it.
 */
export interface GradientEstimator {
  readonly name: string;
  estimate(input: EstimatorInput): EstimatorOutput;
  /** Per-step diagnostics recorded with the step (e.g. OMIS: condition of A, fallbacks taken). */
  diagnostics?(): Record<string, number>;
  dispose(): void;
}
