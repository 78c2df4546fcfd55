import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../random/rng.js';
import { denseFromValues, type DenseLayer } from './dense.js';
import type { ForwardResult, Model } from './types.js';

/** Options of {@link createSiren}. */
export interface SirenOptions {
  /** Input width (2 for pixel coordinates). */
  inputSize: number;
  /** Hidden widths; default [64, 64, 64] (4 weight layers). */
  hidden: readonly number[];
  /** Outputs C (3 for RGB). */
  outputSize: number;
  /** Frequency ω0 of the sine activations; default 30. */
  omega0: number;
}

/** Defaults of {@link createSiren}: `{ hidden: [64, 64, 64], omega0: 30 }` (Sitzmann et al. 2020 use ω0 = 30). */
export const sirenDefaults: Readonly<Pick<SirenOptions, 'hidden' | 'omega0'>> = Object.freeze({
  hidden: [64, 64, 64],
  omega0: 30,
});

/**
 * SIREN (Sitzmann et al., "Implicit Neural Representations with Periodic Activation Functions", NeurIPS 2020):
 * a_k = sin(ω0 (a_{k−1} W_k + b_k)) for the hidden layers, linear output m = a_{L−1} W_L + b_L.
 * Initialisation (their Sec. 3.2 / reference code): first layer W, b ~ U(−1/in, 1/in); later layers
 * W, b ~ U(−sqrt(6/in)/ω0, +sqrt(6/in)/ω0). Layer k draws from `rng.derive('layer' + k)`.
 * Parameters, in order: W_1 (in, h_1), b_1 (h_1), ..., W_L (h_{L−1}, C), b_L (C); `hidden` = a_{L−1}.
 * Built from the kit's dense layers (so OMIS forms its J rows from one traced backward pass); uses only
 * matMul/add/sin, so it trains on the wasm backend.
 * @param options `inputSize`, `outputSize`; `hidden` (default [64, 64, 64]), `omega0` (default 30).
 * @param rng the kit's seeded generator.
 * @example
 * const m = createSiren({ inputSize: 2, outputSize: 3 }, createRng(1));
 * m.apply(tf.zeros([5, 2])).output.shape; // [5, 3]
 */
export function createSiren(
  options: Pick<SirenOptions, 'inputSize' | 'outputSize'> & Partial<SirenOptions>,
  rng: Rng,
): Model {
  const { inputSize, outputSize } = options;
  const hidden = options.hidden ?? sirenDefaults.hidden;
  const omega0 = options.omega0 ?? sirenDefaults.omega0;
  for (const [k, v] of [
    ['inputSize', inputSize],
    ['outputSize', outputSize],
  ] as const) {
    if (!Number.isInteger(v) || v < 1)
      throw new RangeError(`createSiren: ${k} must be a positive integer, got ${v}`);
  }
  if (!Array.isArray(hidden) || hidden.length < 1 || hidden.some((h) => !Number.isInteger(h) || h < 1)) {
    throw new RangeError(
      `createSiren: hidden must be a non-empty array of positive integers, got [${String(hidden)}]`,
    );
  }
  if (!(Number.isFinite(omega0) && omega0 > 0)) {
    throw new RangeError(`createSiren: omega0 must be a positive number, got ${omega0}`);
  }
  const widths = [inputSize, ...hidden, outputSize];
  const layers: DenseLayer[] = [];
  for (let k = 0; k + 1 < widths.length; k++) {
    const fanIn = widths[k];
    // Sitzmann et al. Sec. 3.2: first layer U(−1/in, 1/in); others U(−√(6/in)/ω0, √(6/in)/ω0)
    const bound = k === 0 ? 1 / fanIn : Math.sqrt(6 / fanIn) / omega0;
    const r = rng.derive(`layer${k + 1}`);
    const u = (n: number) => Float32Array.from({ length: n }, () => (2 * r.next() - 1) * bound);
    const w = u(fanIn * widths[k + 1]); // (in, out), drawn before b
    layers.push(denseFromValues(fanIn, widths[k + 1], w, u(widths[k + 1])));
  }
  const params = layers.flatMap((l) => [l.W, l.b]);
  const L = widths.length - 1;
  return {
    name: `siren(${widths.join('-')}, ω0=${omega0})`,
    params,
    numParams: params.reduce((s, p) => s + p.size, 0),
    apply(x: tf.Tensor): ForwardResult {
      if (x.rank !== 2 || x.shape[1] !== inputSize || x.dtype !== 'float32') {
        throw new Error(
          `siren.apply: x must be float32 (B, ${inputSize}), got ${x.dtype} (${x.shape.join(', ')})`,
        );
      }
      return tf.tidy(() => {
        let a = x as tf.Tensor2D; // (B, in)
        for (let k = 0; k + 1 < L; k++) a = tf.sin(layers[k].apply(a).mul(omega0)) as tf.Tensor2D; // (B, h_k) = sin(ω0 (a W + b))
        const output = layers[L - 1].apply(a); // (B, C)
        return { output, hidden: a };
      });
    },
    dispose(): void {
      for (const p of params) p.dispose();
    },
  };
}
