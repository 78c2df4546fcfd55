import type { EncodedState } from '../checkpoint/state-codec.js';
import type * as tf from '@tensorflow/tfjs';
import type { Loss } from '../losses/types.js';
import type { Model } from '../models/types.js';
import type { Batch } from '../samplers/types.js';

/**
 * What the step uses after seeing the forward pass: the weights c_b of the backward pass and the factor on the
 * step's learning rate. The trainer may attach more (its host read-backs); estimators pass the object through.
 */
export interface StepWeights {
  /** Weights c_b (B), float64: the batch's, unless the sampler reweights (LOW, self-paced). */
  weights: Float64Array;
  /** Factor on the step's scheduled learning rate ([EMAIS] Eq. 8, RAIS); 1 for most methods. */
  lrScale: number;
}

/**
 * What the trainer gives a gradient estimator for one step.
 * @typeParam D what `afterForward` returns; the estimator hands it back unchanged as `EstimatorOutput.decision`.
 */
export interface EstimatorInput<D extends StepWeights = StepWeights> {
  model: Model;
  loss: Loss;
  /** Batch inputs (B, ...xShape). */
  x: tf.Tensor;
  /** Batch targets. */
  y: tf.Tensor;
  batch: Batch;
  /**
   * Must be called exactly once inside the forward pass, with the batch's per-sample losses ℓ (B) and outputs
   * m (B, C), before any backward pass. Returns the weights c_b to use and the factor on this step's learning
   * rate (and whatever else the caller attached).
   */
  afterForward(losses: tf.Tensor1D, output: tf.Tensor2D): D;
}

/** The tensors of a step's forward pass, kept for importance scoring: m (B, C), h (B, H), ℓ (B). */
export interface ForwardTensors {
  output: tf.Tensor2D;
  hidden: tf.Tensor2D;
  losses: tf.Tensor1D;
}

/** What an estimator returns; the caller disposes every tensor (`grads` and the {@link ForwardTensors}). */
export interface EstimatorOutput<D extends StepWeights = StepWeights> extends ForwardTensors {
  /** Gradient estimate Ĝ per parameter, in the order of `model.params`. */
  grads: tf.Tensor[];
  /** What `input.afterForward` returned (its `lrScale` is the step's learning-rate factor). */
  decision: D;
}

/**
 * Turns a minibatch into a gradient estimate Ĝ. The default, `weighted-loss`, backpropagates (1/B) Σ c_b ℓ_b
 * (METHODS Eq. 1.1); multiple-importance-sampling estimators (OMIS) combine several weighted gradients.
 * An estimator may keep state across steps (OMIS's momentum-accumulated linear system); `dispose` frees it.
 * If `estimate` throws, it has released the tensors it made.
 */
export interface GradientEstimator {
  readonly name: string;
  estimate<D extends StepWeights>(input: EstimatorInput<D>): EstimatorOutput<D>;
  /** Per-step diagnostics recorded with the step (e.g. OMIS: condition of A, fallbacks taken). */
  diagnostics?(): Record<string, number>;
  /**
   * The estimator's state across steps for a checkpoint (OMIS: A, b and counters), as plain JSON; called between
   * steps. Every built-in estimator has it (stateless ones save an empty state); an estimator without it makes a
   * checkpointed run fail at its start.
   */
  saveState?(): EncodedState;
  /** Restores a state saved by an estimator built with the same context (a fresh one, before its first step). */
  loadState?(state: EncodedState): void;
  dispose(): void;
}
