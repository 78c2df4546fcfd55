import { packState, unpackState } from '../checkpoint/state-codec.js';
import * as tf from '@tensorflow/tfjs';
import type { Loss } from '../losses/types.js';
import type { Model } from '../models/types.js';
import type {
  EstimatorInput,
  EstimatorOutput,
  ForwardTensors,
  GradientEstimator,
  StepWeights,
} from './types.js';

/** One forward pass's inputs: the model, the loss and the batch tensors x (B, ...xShape), y. */
export interface WeightedPass {
  model: Model;
  loss: Loss;
  x: tf.Tensor;
  y: tf.Tensor;
}

/**
 * The weights of a {@link weightedLossGradients} pass, chosen after its forward pass: `weights` c (B) and any
 * `result` the caller wants back (the trainer's decision, say).
 */
export interface PassWeights<T> {
  weights: Float64Array;
  result: T;
}

/**
 * The weighted-loss gradient step, written once for every estimator: one forward pass m = f(x), ℓ = loss(m, y),
 * then one backward pass of L = (1/B) Σ_b c_b ℓ_b (`reduce: 'mean'`, METHODS Eq. 1.1) or Σ_b c_b ℓ_b
 * (`reduce: 'sum'`), with the weights c_b treated as constants (no gradient flows into c).
 *
 * `weigh(ℓ, m)` runs inside the forward pass, before the backward pass (samplers that reweight from the
 * losses, LOW, need that); its `result` is returned as is. The forward tensors are kept for the caller.
 *
 * @param pass model, loss and the batch tensors.
 * @param weigh returns the weights c (B) and a result to hand back.
 * @param reduce 'mean' (1/B Σ) or 'sum' (Σ).
 * @returns ∇_θ L per parameter (order of `model.params`), the forward tensors m (B, C), h (B, H), ℓ (B) and
 *   `weigh`'s result; the caller disposes every tensor. If `weigh` throws, nothing is left allocated.
 * @example
 * const { grads, forward } = weightedLossGradients(pass, () => ({ weights: c, result: null }), 'mean');
 */
export function weightedLossGradients<T>(
  pass: WeightedPass,
  weigh: (losses: tf.Tensor1D, output: tf.Tensor2D) => PassWeights<T>,
  reduce: 'mean' | 'sum',
): { grads: tf.Tensor[]; forward: ForwardTensors; result: T } {
  const { model, loss, x, y } = pass;
  const params = model.params;
  let kept: { forward: ForwardTensors; result: T } | undefined;
  let failure: { error: unknown } | undefined;
  const { value, grads } = tf.variableGrads(() => {
    const { output, hidden } = model.apply(x, true); // (B, C), (B, H)
    const losses = loss.perSample(output, y); // (B)
    let w: PassWeights<T>;
    try {
      w = weigh(losses, output);
    } catch (error) {
      // Finish the pass on a plain loss so that tfjs releases its tape (a throw inside variableGrads leaks it).
      failure = { error };
      return losses.sum() as tf.Scalar;
    }
    kept = {
      forward: { output: tf.keep(output), hidden: tf.keep(hidden), losses: tf.keep(losses) },
      result: w.result,
    };
    const c = tf.tensor1d(Float32Array.from(w.weights)); // (B) constants
    const weighted = losses.mul(c); // (B) c_b ℓ_b
    return (reduce === 'mean' ? weighted.mean() : weighted.sum()) as tf.Scalar; // METHODS Eq. (1.1)
  }, params);
  value.dispose();
  if (failure !== undefined) {
    tf.dispose(Object.values(grads));
    throw failure.error;
  }
  if (kept === undefined) throw new Error('weightedLossGradients: the forward pass did not run');
  return { grads: params.map((p) => grads[p.name]), ...kept };
}

/**
 * The importance-sampling estimator of METHODS Eq. (1.1): one forward pass, one backward pass of
 * L = (1/B) Σ_b c_b ℓ_b with the weights c_b treated as constants, so that ∇L = Ĝ = (1/B) Σ_b c_b ∇ℓ_b
 * (c_b = λ_b = 1/(N p_b) for IS, 1 for uniform sampling and AS, data-dependent for LOW/self-paced). The weights
 * are those `input.afterForward` returns.
 * @example
 * const est = createWeightedLossEstimator();
 * const { grads, output, hidden, losses, decision } = est.estimate(input);
 */
export function createWeightedLossEstimator(): GradientEstimator {
  return {
    name: 'weighted-loss',
    estimate<D extends StepWeights>(input: EstimatorInput<D>): EstimatorOutput<D> {
      const { grads, forward, result } = weightedLossGradients(
        input,
        (losses, output) => {
          const decision = input.afterForward(losses, output);
          return { weights: decision.weights, result: decision };
        },
        'mean',
      );
      return { grads, ...forward, decision: result };
    },
    saveState: () => packState('weighted-loss', {}), // stateless
    loadState: (state) => void unpackState('weighted-loss', state),
    dispose() {},
  };
}
