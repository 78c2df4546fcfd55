import * as tf from '@tensorflow/tfjs';
import type { EstimatorInput, EstimatorOutput, GradientEstimator } from './types.js';

/**
 * The importance-sampling estimator of METHODS Eq. (1.1): one forward pass, one backward pass of
 * L = (1/B) Σ_b c_b ℓ_b with the weights c_b treated as constants, so that ∇L = Ĝ = (1/B) Σ_b c_b ∇ℓ_b
 * (c_b = λ_b = 1/(N p_b) for IS, 1 for uniform sampling and AS, data-dependent for LOW/self-paced).
 * @example
 * const est = createWeightedLossEstimator();
 * const { grads, output, hidden, losses } = est.estimate(input);
 */
export function createWeightedLossEstimator(): GradientEstimator {
  return {
    name: 'weighted-loss',
    estimate(input: EstimatorInput): EstimatorOutput {
      const { model, loss, x, y } = input;
      const params = model.params;
      let kept: { output: tf.Tensor2D; hidden: tf.Tensor2D; losses: tf.Tensor1D } | null = null;
      let lrScale = 1;
      const { value, grads } = tf.variableGrads(() => {
        const { output, hidden } = model.apply(x, true); // (B, C), (B, H)
        const losses = loss.perSample(output, y); // (B)
        kept = { output: tf.keep(output), hidden: tf.keep(hidden), losses: tf.keep(losses) };
        const decision = input.afterForward(losses, output);
        lrScale = decision.lrScale;
        const c = tf.tensor1d(Float32Array.from(decision.weights)); // (B) constants: no gradient flows into c
        return losses.mul(c).mean() as tf.Scalar; // METHODS Eq. (1.1): (1/B) Σ_b c_b ℓ_b
      }, params);
      value.dispose();
      const k = kept as unknown as { output: tf.Tensor2D; hidden: tf.Tensor2D; losses: tf.Tensor1D };
      return { grads: params.map((p) => grads[p.name]), ...k, lrScale };
    },
    dispose() {},
  };
}
