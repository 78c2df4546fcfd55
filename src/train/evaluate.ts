import * as tf from '@tensorflow/tfjs';
import { gatherBatch, range, type Dataset } from '../data/dataset.js';
import type { Loss } from '../losses/types.js';
import type { Model } from '../models/types.js';

/** Mean loss and, for classification, error rate of a model over a whole dataset. */
export interface EvalResult {
  /** Mean per-sample loss (1/N) Σ ℓ_i. */
  loss: number;
  /** Fraction of misclassified samples (classification only). */
  error?: number;
}

/**
 * Evaluates `model` on every sample of `ds` in chunks (no gradient), in inference mode.
 * @param chunk samples per forward pass. Default 1024.
 * @example
 * const { loss, error } = evaluate(model, test, softmaxCrossEntropy);
 */
export function evaluate(model: Model, ds: Dataset, loss: Loss, chunk = 1024): EvalResult {
  let lossSum = 0;
  let wrong = 0;
  const all = range(ds.n);
  for (let s = 0; s < ds.n; s += chunk) {
    const idx = all.subarray(s, Math.min(s + chunk, ds.n));
    const [l, w] = tf.tidy(() => {
      const { x, y } = gatherBatch(ds, idx);
      const { output } = model.apply(x, false);
      const ls = loss.perSample(output, y).sum();
      const wr = loss.classification ? output.argMax(1).notEqual(y.toInt()).sum() : tf.scalar(0);
      return [ls, wr];
    });
    lossSum += l.dataSync()[0];
    wrong += w.dataSync()[0];
    l.dispose();
    w.dispose();
  }
  const out: EvalResult = { loss: lossSum / ds.n };
  if (loss.classification) out.error = wrong / ds.n;
  return out;
}
