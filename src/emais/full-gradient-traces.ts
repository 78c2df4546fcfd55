import * as tf from '@tensorflow/tfjs';
import { perSampleGradNorms } from '../importance/full-grad.js';
import type { Loss } from '../losses/types.js';
import type { Model } from '../models/types.js';
import { varianceTraces, type VarianceTraces, type VarianceTracesOptions } from './variance-traces.js';

/**
 * The minibatch trace estimators of METHODS §5.4 ([EMAIS] Prop. 4.1) from full per-sample parameter gradients
 * (the slow reference for the logit-gradient form, [EMAIS] Eqs. 10–12): ‖g_b‖ by one backward pass per sample
 * ({@link perSampleGradNorms}) and K = ‖(1/B) Σ_b λ_b g_b‖² by one backward pass of (1/B) Σ_b λ_b ℓ_b. The model
 * runs with training = false.
 *
 * @param model the model at its current θ.
 * @param loss the loss.
 * @param x minibatch inputs (B, ...xShape).
 * @param y minibatch targets (B) or (B, ...yShape).
 * @param lambda λ_b = 1/(N p_b) of the draws (B), finite > 0.
 * @param options `{ unbiased = false }` (see {@link varianceTraces}).
 * @example
 * const t = fullGradientTraces(model, softmaxCrossEntropy, x, y, batch.weights); // t.trIS, t.trU, t.trOpt
 */
export function fullGradientTraces(
  model: Model,
  loss: Loss,
  x: tf.Tensor,
  y: tf.Tensor,
  lambda: ArrayLike<number>,
  options: Partial<VarianceTracesOptions> = {},
): VarianceTraces {
  const B = x.shape[0];
  if (lambda.length !== B) {
    throw new RangeError(`fullGradientTraces: lambda must have length B = ${B}, got ${lambda.length}`);
  }
  const nt = perSampleGradNorms(model, loss, x, y); // (B)
  const norms = Float64Array.from(nt.dataSync()); // (B,) ‖g_b‖
  nt.dispose();
  const flat = tf.tidy(() => {
    const c = tf.tensor1d(Float32Array.from(lambda)); // (B) constants
    const { grads } = tf.variableGrads(
      () => tf.mean(tf.mul(loss.perSample(model.apply(x, false).output, y), c)) as tf.Scalar,
      model.params,
    ); // METHODS §5.4: mean(λ_b g_b) by one backward pass
    return tf.concat(Object.values(grads).map((g) => g.reshape([-1]))); // (P,)
  });
  let K = 0;
  for (const v of flat.dataSync()) K += v * v; // METHODS §5.4: K = ‖mean(λ_b g_b)‖²
  flat.dispose();
  return varianceTraces(lambda, norms, K, options);
}
