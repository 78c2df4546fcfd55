import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../random/rng.js';
import { createDense, type DenseLayer } from './dense.js';
import type { ForwardResult, Model } from './types.js';

/** Hidden-layer non-linearities of {@link createMlp}. */
export type MlpActivation = 'relu' | 'tanh';

const activations: readonly MlpActivation[] = ['relu', 'tanh'];

/** Options of {@link createMlp}. */
export interface MlpOptions {
  /** Values per input sample d; inputs (B, ...) are flattened to (B, d). */
  inputSize: number;
  /** Widths of the hidden layers; default [256, 256]. May be empty (then the MLP is a linear model). */
  hidden?: readonly number[];
  /** Number of outputs C. */
  outputSize: number;
  /** Hidden non-linearity; default 'relu'. */
  activation?: MlpActivation;
}

/**
 * Defaults of {@link createMlp}: two hidden layers of 256 units with ReLU. [AS-IS] §5.1 trains a "3-layer
 * fully-connected network" on MNIST without giving widths; 784-256-256-10 (three weight layers) is the
 * kit's choice for `mnist-mlp`.
 */
export const mlpDefaults = {
  hidden: [256, 256],
  activation: 'relu',
} as const satisfies Partial<MlpOptions>;

/**
 * A fully-connected network m = W_L a_{L−1} + b_L with a_k = act(W_k a_{k−1} + b_k), a_0 = flatten(x).
 *
 * Initialisation (kit choice): He-uniform weights for ReLU hidden layers, Glorot-uniform for tanh hidden
 * layers and for the output layer, zero biases; layer k draws from `rng.derive('layer' + k)`.
 * Parameters, in order: W_1 (d, h_1), b_1 (h_1), ..., W_L (h_{L−1}, C), b_L (C).
 * `hidden` in the forward result is a_{L−1} (B, h_{L−1}), the input of the last dense layer (x itself,
 * flattened, when there are no hidden layers).
 *
 * @param options `inputSize` d, `outputSize` C, `hidden` (default [256, 256]), `activation` (default 'relu').
 * @param rng the kit's seeded generator: the same seed gives the same weights on every backend.
 * @returns a {@link Model}.
 * @example
 * const model = createMlp({ inputSize: 784, outputSize: 10 }, createRng(0));
 * model.name; // 'mlp(784-256-256-10, relu)'
 * const { output, hidden } = model.apply(x); // x (B, 28, 28, 1) → output (B, 10), hidden (B, 256)
 */
export function createMlp(options: MlpOptions, rng: Rng): Model {
  const { inputSize, outputSize } = options;
  const hidden = options.hidden ?? mlpDefaults.hidden;
  const activation = options.activation ?? mlpDefaults.activation;
  if (!Number.isInteger(inputSize) || inputSize < 1) {
    throw new Error(`createMlp: inputSize must be a positive integer, got ${inputSize}`);
  }
  if (!Number.isInteger(outputSize) || outputSize < 1) {
    throw new Error(`createMlp: outputSize must be a positive integer, got ${outputSize}`);
  }
  if (!Array.isArray(hidden) || hidden.some((h) => !Number.isInteger(h) || h < 1)) {
    throw new Error(`createMlp: hidden must be an array of positive integers, got [${String(hidden)}]`);
  }
  if (!activations.includes(activation)) {
    throw new Error(`createMlp: activation must be one of ${activations.join(', ')}; got '${activation}'`);
  }
  const widths = [inputSize, ...hidden, outputSize];
  const layers: DenseLayer[] = [];
  for (let k = 0; k + 1 < widths.length; k++) {
    const isLast = k + 2 === widths.length;
    const init = !isLast && activation === 'relu' ? 'he-uniform' : 'glorot-uniform';
    layers.push(
      createDense({ inputSize: widths[k], outputSize: widths[k + 1], init }, rng.derive(`layer${k + 1}`)),
    );
  }
  const params = layers.flatMap((l) => [l.W, l.b]);
  const act = activation === 'relu' ? tf.relu : tf.tanh;
  return {
    name: `mlp(${widths.join('-')}, ${activation})`,
    params,
    numParams: params.reduce((s, p) => s + p.size, 0),
    apply(x: tf.Tensor): ForwardResult {
      const B = x.shape[0];
      if (x.dtype !== 'float32') throw new Error(`mlp.apply: x must be float32, got ${x.dtype}`);
      if (x.rank < 2 || x.size !== B * inputSize) {
        throw new Error(
          `mlp.apply: x must have shape (B, ${inputSize}) or (B, ...) with ${inputSize} values per sample, ` +
            `got (${x.shape.join(', ')})`,
        );
      }
      return tf.tidy(() => {
        let a = tf.reshape(x, [B, inputSize]) as tf.Tensor2D; // (B, d)
        for (let k = 0; k + 1 < layers.length; k++) a = act(layers[k].apply(a)); // (B, h_k)
        const output = layers[layers.length - 1].apply(a); // (B, C)
        return { output, hidden: a };
      });
    },
    dispose(): void {
      for (const p of params) p.dispose();
    },
  };
}
