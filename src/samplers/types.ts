import type { Rng } from '../random/rng.js';

/**
 * A minibatch chosen by a sampler: indices into the training set **with** their per-sample weights c_b, so
 * the step's gradient estimate is (1/B) Σ_b c_b ∇ℓ_{i_b} (METHODS §1.3). Weights travel with the indices so
 * that no estimator can forget the importance correction.
 */
export interface Batch {
  /** Drawn indices i_1..i_B (may repeat for with-replacement samplers). */
  indices: Int32Array;
  /** Weights c_b: 1 for uniform and AS, λ = 1/(N p_i) for IS. */
  weights: Float32Array;
  /**
   * Sampling probabilities p_{i_b} actually used for the draw (after any floor or cap); for uniform
   * samplers 1/N. Kept for diagnostics (EMAIS traces, effective sample size).
   */
  probs: Float64Array;
}

/** What the trainer observed for the last batch, fed back to stateful samplers. */
export interface Observation {
  /** The batch indices, as returned by `next()`. */
  indices: Int32Array;
  /** Importance scores φ(i_b) (B), present when `wantsScores()` was true for this step. */
  scores?: Float32Array;
  /** Per-sample losses ℓ_b (B). */
  losses: Float32Array;
}

/**
 * Chooses minibatches. Lifecycle, per epoch e = 0, 1, ...:
 * `beginEpoch(e)`, then `stepsInEpoch(e)` × (`next()`, trainer forward/backward, `observe(obs)`), then
 * `endEpoch(e)`.
 */
export interface Sampler {
  /** Registry name, e.g. 'uniform', 'is'. */
  readonly name: string;
  /** Number of optimisation steps in epoch e. */
  stepsInEpoch(epoch: number): number;
  beginEpoch(epoch: number): void;
  /** Draws the next minibatch. */
  next(): Batch;
  /** True when the trainer should compute importance scores for the batch just drawn. */
  wantsScores(): boolean;
  /** Feeds back what the forward pass saw for the last batch. */
  observe(obs: Observation): void;
  endEpoch(epoch: number): void;
  /** Current sampling pmf over the whole training set (length N), for diagnostics and tests. */
  probabilities(): Float64Array;
}

/** Options every sampler factory receives. */
export interface SamplerContext {
  /** Training-set size N. */
  n: number;
  /** Minibatch size B. */
  batchSize: number;
  /** The sampler's own random stream. */
  rng: Rng;
}

/** A sampler factory, registered by name. `options` carries method-specific hyper-parameters. */
export type SamplerFactory = (ctx: SamplerContext, options: Record<string, unknown>) => Sampler;
