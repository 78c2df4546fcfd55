import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../random/rng.js';
import { createDense } from './dense.js';
import { initNames, type InitName } from './init.js';
import type { ForwardResult, Model } from './types.js';

/** Options of {@link createLinearModel}. */
export interface LinearModelOptions {
  /** Number of input features d (inputs (B, ...) are flattened to (B, d)). */
  inputSize: number;
  /** Number of outputs C. */
  outputSize: number;
  /** Initialiser of W and b; default 'zeros' (the usual start for convex regression). */
  init?: InitName;
}

/** Defaults of {@link createLinearModel}: W = 0, b = 0. */
export const linearModelDefaults = {
  init: 'zeros',
} as const satisfies Partial<LinearModelOptions>;

/**
 * A linear model m = x W + b (no hidden layer), e.g. polynomial regression on Legendre features ([MIS]
 * Fig. 2, poly6: 6 features → 1 output). Its "hidden" tensor is the input x itself, so the DLIS last-layer
 * bound ‖u‖·sqrt(‖x‖² + 1) (METHODS §2.4) equals the exact per-sample gradient norm ‖g‖ (METHODS §2.5).
 *
 * Parameters, in order: W (d, C), b (C). When `init` is not 'zeros', W uses that initialiser and b stays 0.
 *
 * @param options `inputSize` d, `outputSize` C, `init` (default 'zeros').
 * @param rng the kit's seeded generator (unused by the default zero init, but kept so every model has the
 *   same factory signature).
 * @returns a {@link Model}; `apply(x)` takes x (B, d) or (B, ...) with d values per sample.
 * @example
 * const model = createLinearModel({ inputSize: 6, outputSize: 1 }, createRng(0));
 * const { output } = model.apply(x); // (B, 1)
 */
export function createLinearModel(options: LinearModelOptions, rng: Rng): Model {
  const { inputSize, outputSize } = options;
  const init = options.init ?? linearModelDefaults.init;
  if (!(initNames as readonly string[]).includes(init)) {
    throw new Error(`createLinearModel: init must be one of ${initNames.join(', ')}; got '${init}'`);
  }
  const layer = createDense({ inputSize, outputSize, init, biasInit: 'zeros' }, rng.derive('linear'));
  const params = [layer.W, layer.b];
  return {
    name: `linear(${inputSize}-${outputSize})`,
    params,
    numParams: inputSize * outputSize + outputSize,
    apply(x: tf.Tensor): ForwardResult {
      const B = x.shape[0];
      const d = x.size / Math.max(B, 1);
      if (x.dtype !== 'float32') throw new Error(`linear.apply: x must be float32, got ${x.dtype}`);
      if (x.rank < 2 || d !== inputSize) {
        throw new Error(
          `linear.apply: x must have shape (B, ${inputSize}) or (B, ...) with ${inputSize} values per sample, ` +
            `got (${x.shape.join(', ')})`,
        );
      }
      return tf.tidy(() => {
        const hidden = tf.reshape(x, [B, inputSize]) as tf.Tensor2D; // (B, d): a new tensor, never x itself
        const output = layer.apply(hidden); // (B, C)
        return { output, hidden };
      });
    },
    dispose(): void {
      for (const p of params) p.dispose();
    },
  };
}
