import type { SamplerState } from '../checkpoint/state-codec.js';
import type { Rng } from '../random/rng.js';

/**
 * Per-sample technique data of a multiple-importance-sampling batch (METHODS §4): the sample at row b was drawn
 * by technique `technique[b]`, and `probs[b·J + k]` = p_k(x_b) for every technique k, so S(x) = Σ_k n_k p_k(x).
 */
export interface MisBatchInfo {
  /** Number of techniques J. */
  J: number;
  /** Samples per technique n_j (length J, Σ n_j = B). */
  counts: Int32Array;
  /** Technique that drew each row (length B). */
  technique: Int32Array;
  /** p_k(x_b) for all rows and techniques, row-major (B × J). */
  probs: Float64Array;
}

/**
 * A minibatch chosen by a sampler: indices into the training set **with** their per-sample weights c_b, so
 * the step's gradient estimate is (1/B) Σ_b c_b ∇ℓ_{i_b} (METHODS §1.3). Weights travel with the indices so
 * that no estimator can forget the importance correction.
 */
export interface Batch {
  /** Drawn indices i_1..i_B (may repeat for with-replacement samplers). */
  indices: Int32Array;
  /** Weights c_b (float64): 1 for uniform and AS, λ = 1/(N p_i) for IS. */
  weights: Float64Array;
  /**
   * Sampling probabilities p_{i_b} actually used for the draw (after any floor or cap); for uniform
   * samplers 1/N. Kept for diagnostics (EMAIS traces, effective sample size).
   */
  probs: Float64Array;
  /** Present for multiple-importance-sampling batches. */
  mis?: MisBatchInfo;
}

/** What the forward pass saw, read back to the host (for samplers that reweight or adapt the learning rate). */
export interface ForwardInfo {
  batch: Batch;
  /** Per-sample losses ℓ_b (B). */
  losses: Float32Array;
  /** Network outputs m_b, row-major (B × C), when the sampler `needs.output`. */
  output?: Float32Array;
  /** Output gradients u_b = ∂ℓ_b/∂m_b, row-major (B × C), when the sampler `needs.outputGrad`. */
  outputGrad?: Float32Array;
  /** Number of outputs C. */
  numOutputs: number;
  /** Integer labels (B) for classification tasks, when `needs.output` or `needs.outputGrad`. */
  labels?: Int32Array;
}

/** A sampler's answer to {@link Sampler.afterForward}. */
export interface ForwardDecision {
  /** Replacement weights c_b for this step's backward pass (LOW, self-paced). Default: the batch's weights. */
  weights?: Float64Array;
  /** Factor on this step's scheduled learning rate ([EMAIS] Eq. 8, RAIS). Default 1. */
  lrScale?: number;
}

/** What the trainer observed for the last batch, fed back to stateful samplers. */
export interface Observation {
  /** The batch indices, as returned by `next()`. */
  indices: Int32Array;
  /** Importance scores φ(i_b) (B), present when `wantsScores()` was true for this step. */
  scores?: Float32Array;
  /** Per-sample losses ℓ_b (B). */
  losses: Float32Array;
  /** Outputs (B × C), when the sampler `needs.output`. */
  output?: Float32Array;
  /** Output gradients (B × C), when the sampler `needs.outputGrad`. */
  outputGrad?: Float32Array;
  /** Integer labels (B) for classification tasks, with `output`/`outputGrad`. */
  labels?: Int32Array;
  /** Global step index t (0-based) of the batch (always set by the trainer). */
  step?: number;
}

/**
 * Model access during a draw, for samplers that score candidates before choosing (DLIS presampling, OBS
 * refresh). Evaluation runs the current model in inference mode without a gradient; its time is recorded as
 * the step's scoring time.
 */
export interface DrawContext {
  /** Losses ℓ_i and importance scores φ(i) (the run's importance function) of the given training indices. */
  evaluate(indices: Int32Array): { losses: Float32Array; scores: Float32Array };
  /** Global step index t (0-based) of the batch being drawn. */
  step: number;
}

/**
 * Chooses minibatches. Lifecycle, per epoch e = 0, 1, ...:
 * `beginEpoch(e)`, then `stepsInEpoch(e)` × (`next(ctx)`, forward, [`afterForward`], backward, `observe(obs)`),
 * then `endEpoch(e)`.
 */
export interface Sampler {
  /** Registry name, e.g. 'uniform', 'is'. */
  readonly name: string;
  /** Number of optimisation steps in epoch e. */
  stepsInEpoch(epoch: number): number;
  beginEpoch(epoch: number): void;
  /** Draws the next minibatch; `ctx` gives model access for samplers that score candidates. */
  next(ctx?: DrawContext): Batch;
  /** True when the trainer should compute importance scores for the batch just drawn. */
  wantsScores(): boolean;
  /** Feeds back what the forward pass saw for the last batch. */
  observe(obs: Observation): void;
  endEpoch(epoch: number): void;
  /** Current sampling pmf over the whole training set (length N), for diagnostics and tests. */
  probabilities(): Float64Array;
  /** Host read-backs this sampler needs in `afterForward`/`observe` (each costs a device sync). Default none. */
  readonly needs?: { output?: boolean; outputGrad?: boolean };
  /** Called after the forward pass and before the backward pass; may reweight the batch or scale the rate. */
  afterForward?(info: ForwardInfo): ForwardDecision | void;
  /** Per-step diagnostics recorded with the step (cheap numbers, e.g. EMAIS traces, max weight). */
  diagnostics?(): Record<string, number>;
  /**
   * The iteration count that drives the learning-rate schedule, when it is not the real step count (RAIS's
   * effective iterations t̃ = Σ r_t, METHODS §6.4). Default: the real step count.
   */
  scheduleProgress?(): number;
  /** When true, training stops as soon as `scheduleProgress()` reaches the run's total steps (RAIS: t̃ ≥ T). */
  readonly stopAtScheduleEnd?: boolean;
  /**
   * Leading epochs in which the sampler draws like SGD-Scan with weights 1 (initialisation of IS/AS/MIS, warm-up of
   * EMAIS, active bias, RAIS), so a run of no more epochs gives the numbers of 'uniform'; the trainer warns about
   * such a run. Default 0.
   */
  readonly warmupEpochs?: number;
  /**
   * The sampler's complete mutable state for a checkpoint (importance memory, open epoch and its permutation,
   * counters, its random stream's position), as plain JSON. Called only between steps (after `observe` of the
   * last batch, or after `endEpoch`). Every built-in sampler has it; a sampler without it makes a checkpointed
   * run fail at its start (`Trainer.checkpoint`).
   */
  saveState?(): SamplerState;
  /**
   * Restores a state saved by a sampler built with the same context and options (a fresh sampler, before its
   * first step); afterwards it draws exactly what the saved one would have drawn.
   */
  loadState?(state: SamplerState): void;
}

/** Options every sampler factory receives. */
export interface SamplerContext {
  /** Training-set size N. */
  n: number;
  /** Minibatch size B. */
  batchSize: number;
  /** The sampler's own random stream. */
  rng: Rng;
  /** Training labels (class ids) for classification tasks, for per-class diagnostics and label-aware samplers. */
  labels?: Int32Array;
}

/** A sampler factory, registered by name. `options` carries method-specific hyper-parameters. */
export type SamplerFactory = (ctx: SamplerContext, options: Record<string, unknown>) => Sampler;
