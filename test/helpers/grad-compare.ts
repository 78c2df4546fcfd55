// Loss-and-gradient comparison of a model against an independent reference implementation, for model tests.
import * as tf from '@tensorflow/tfjs';
import { softmaxCrossEntropy } from '../../src/losses/softmax-ce.js';
import type { Model } from '../../src/models/types.js';
import { assertAllClose } from './reference.js';

/**
 * Mean softmax-CE of `logits(x)` on labels `y` and its gradient for every model parameter, as float64 arrays:
 * [loss, ∇θ_1, ∇θ_2, ...] in the order of `model.params`. `logits` may be the model or a reference built from
 * the model's own variables.
 */
export function lossAndGradsOn<T extends tf.Tensor>(
  model: Model,
  logits: (x: T) => tf.Tensor2D,
  x: T,
  y: tf.Tensor1D,
): Float64Array[] {
  const out: Float64Array[] = [];
  tf.tidy(() => {
    const { value, grads } = tf.variableGrads(
      () => tf.mean(softmaxCrossEntropy.perSample(logits(x), y)) as tf.Scalar,
      model.params,
    );
    out.push(Float64Array.from(value.dataSync()));
    for (const p of model.params) out.push(Float64Array.from(grads[p.name].dataSync()));
  });
  return out;
}

/**
 * Same float32 products in another order (or other kernels) agree to ~1e-6 relative; the band is 1e-4 relative
 * plus 1e-4 of each array's largest entry.
 */
export function assertGradsClose(actual: Float64Array[], expected: Float64Array[], label: string): void {
  actual.forEach((a, k) => {
    const scale = expected[k].reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    assertAllClose(
      a,
      expected[k],
      { rtol: 1e-4, atol: 1e-4 * scale },
      `${label}: ${k === 0 ? 'loss' : `grad ${k - 1}`}`,
    );
  });
}
