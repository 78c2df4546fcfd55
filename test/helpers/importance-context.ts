// Builds an ImportanceContext the way the trainer does: one forward pass, outputs kept, outside any tape.
import * as tf from '@tensorflow/tfjs';
import type { ImportanceContext } from '../../src/importance/types.js';
import type { Loss } from '../../src/losses/types.js';
import type { Model } from '../../src/models/types.js';

/** A context for (model, loss) on the batch (x, y), and a function that disposes every tensor it created. */
export function makeContext(
  model: Model,
  loss: Loss,
  x: tf.Tensor,
  y: tf.Tensor,
): { ctx: ImportanceContext; dispose: () => void } {
  const { output, hidden, losses } = tf.tidy(() => {
    const f = model.apply(x, true);
    return { output: f.output, hidden: f.hidden, losses: loss.perSample(f.output, y) };
  });
  return {
    ctx: { model, loss, x, y, output, hidden, losses },
    dispose: () => tf.dispose([x, y, output, hidden, losses]),
  };
}

/** Rows of a row-major (B, n) array, as float64 arrays. */
export function rows(values: ArrayLike<number>, n: number): Float64Array[] {
  const out: Float64Array[] = [];
  for (let b = 0; b * n < values.length; b++)
    out.push(Float64Array.from(Array.from(values).slice(b * n, (b + 1) * n)));
  return out;
}
