// Plain full-batch SGD on a model, for the "does it train on this backend" tests.
import * as tf from '@tensorflow/tfjs';
import type { Loss } from '../../src/losses/types.js';
import type { Model } from '../../src/models/types.js';

/**
 * Runs `steps` steps θ ← θ − lr ∇_θ mean_b ℓ_b on the fixed batch (x, y) with the active backend and returns
 * the mean loss before each step, followed by the final mean loss (length steps + 1).
 */
export function sgdLosses(
  model: Model,
  loss: Loss,
  x: tf.Tensor,
  y: tf.Tensor,
  steps: number,
  lr: number,
): number[] {
  const history: number[] = [];
  const meanLoss = (): tf.Scalar => tf.mean(loss.perSample(model.apply(x, true).output, y)) as tf.Scalar;
  for (let t = 0; t < steps; t++) {
    tf.tidy(() => {
      const { value, grads } = tf.variableGrads(meanLoss, model.params);
      history.push(value.dataSync()[0]);
      for (const p of model.params) p.assign(tf.sub(p, tf.mul(grads[p.name], lr)));
    });
  }
  history.push(tf.tidy(() => meanLoss().dataSync()[0]));
  return history;
}

/** All parameter values of a model, concatenated, as float64 (for equality and reference checks). */
export function paramValues(model: Model): Float64Array[] {
  return model.params.map((p) => Float64Array.from(p.dataSync()));
}
