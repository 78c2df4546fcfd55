import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../random/rng.js';
import { createDense, type DenseLayer } from './dense.js';
import type { ForwardResult, Model } from './types.js';

/** Options of {@link createPointNet}. */
export interface PointNetOptions {
  /** Points per cloud P. */
  points: number;
  /** Values per point d; default 3 (x, y, z). */
  inputDim?: number;
  /** Widths of the shared per-point MLP layers; default [64, 128, 256]. */
  shared?: readonly number[];
  /** Widths of the hidden fully-connected layers after max-pooling; default [128]. */
  head?: readonly number[];
  /** Number of classes C. */
  numClasses: number;
}

/** Defaults of {@link createPointNet}: 3-D points, shared MLP 64-128-256, one hidden FC layer of 128. */
export const pointNetDefaults = {
  inputDim: 3,
  shared: [64, 128, 256],
  head: [128],
} as const satisfies Partial<PointNetOptions>;

/**
 * max over axis 1 of x (B, P, s) → (B, s), with a gradient that scatters dy to the arg-max points
 * (`ScatterNd`). tfjs's own max gradient compares x with the broadcast maximum (`Equal` with broadcasting),
 * which dominated a PointNet step on wasm: 535 ms of an 860 ms step at B = 64, P = 256, s = 256.
 * Ties: the gradient goes to the first maximal point only (tfjs's own gradient gives it to every tie).
 */
const maxOverPoints = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, save] = args as [tf.Tensor3D, tf.GradSaveFunc];
  const [B, P, s] = x.shape;
  const arg = tf.argMax(x, 1); // (B, s) int32
  save([arg]);
  const value = tf.max(x, 1) as tf.Tensor2D; // (B, s)
  const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
    const b = tf.tile(tf.reshape(tf.range(0, B, 1, 'int32'), [B, 1]), [1, s]); // (B, s)
    const c = tf.tile(tf.reshape(tf.range(0, s, 1, 'int32'), [1, s]), [B, 1]); // (B, s)
    const idx = tf.reshape(tf.stack([b, saved[0], c], 2), [B * s, 3]); // (B·s, 3) unique (b, p*, c)
    return [tf.scatterND(idx, tf.reshape(dy, [B * s]), [B, P, s])]; // (B, P, s)
  };
  return { value, gradFunc };
});

function checkWidths(name: string, v: readonly number[], allowEmpty: boolean): void {
  if (!Array.isArray(v) || (!allowEmpty && v.length === 0) || v.some((h) => !Number.isInteger(h) || h < 1)) {
    throw new Error(
      `createPointNet: ${name} must be ${allowEmpty ? 'an' : 'a non-empty'} array of positive integers, ` +
        `got [${String(v)}]`,
    );
  }
}

/**
 * A small PointNet classifier (Qi et al., 2017, "PointNet", vanilla variant without the T-Nets), as in
 * [AS-IS] §5 / [MIS] Fig. 6 ("PointNet with 3 shared-MLP layers and one fully-connected layer"):
 *
 * | layer | output |
 * | --- | --- |
 * | shared MLP: dense d→s_1→…→s_K + ReLU on every point | (B, P, s_K) |
 * | max-pool over the P points (symmetric, order-invariant; scatter gradient) | (B, s_K) |
 * | head: dense + ReLU, widths `head` | (B, h_last) = hidden |
 * | dense → C | (B, C) = output (logits) |
 *
 * The shared MLP is one matrix product on the flattened points (B·P, d) per layer, so it uses the fast dense
 * kernel of {@link createDense} on every backend (wasm included). Initialisation: He-uniform for the ReLU
 * layers, Glorot-uniform for the output layer, zero biases; layers draw from `rng.derive('shared' + k)`,
 * `rng.derive('head' + k)`, `rng.derive('out')`. Parameters, in order: shared W, b pairs, head W, b pairs,
 * output W, b. With `head: []`, `hidden` is the pooled feature (B, s_K).
 *
 * @param options `points` P, `numClasses` C, `inputDim` (default 3), `shared` (default [64, 128, 256]),
 *   `head` (default [128]).
 * @param rng the kit's seeded generator.
 * @returns a {@link Model}; `apply(x)` takes x (B, P, d) (or (B, P·d), reshaped).
 * @example
 * const model = createPointNet({ points: 256, numClasses: 8 }, createRng(0));
 * const { output, hidden } = model.apply(x); // x (B, 256, 3) → output (B, 8), hidden (B, 128)
 */
export function createPointNet(options: PointNetOptions, rng: Rng): Model {
  const { points: P, numClasses } = options;
  const d = options.inputDim ?? pointNetDefaults.inputDim;
  const shared = options.shared ?? pointNetDefaults.shared;
  const head = options.head ?? pointNetDefaults.head;
  for (const [k, v] of [
    ['points', P],
    ['numClasses', numClasses],
    ['inputDim', d],
  ] as const) {
    if (!Number.isInteger(v) || v < 1)
      throw new Error(`createPointNet: ${k} must be a positive integer, got ${v}`);
  }
  checkWidths('shared', shared, false);
  checkWidths('head', head, true);
  const sharedLayers: DenseLayer[] = [];
  let width = d;
  shared.forEach((w, k) => {
    sharedLayers.push(
      createDense({ inputSize: width, outputSize: w, init: 'he-uniform' }, rng.derive(`shared${k}`)),
    );
    width = w;
  });
  const headLayers: DenseLayer[] = [];
  head.forEach((w, k) => {
    headLayers.push(
      createDense({ inputSize: width, outputSize: w, init: 'he-uniform' }, rng.derive(`head${k}`)),
    );
    width = w;
  });
  const out = createDense({ inputSize: width, outputSize: numClasses }, rng.derive('out'));
  const params = [...sharedLayers, ...headLayers, out].flatMap((l) => [l.W, l.b]);

  return {
    name: `pointnet(${P}x${d}, shared ${shared.join('-')}, head ${head.join('-') || 'none'}, ${numClasses})`,
    params,
    numParams: params.reduce((s, p) => s + p.size, 0),
    apply(x: tf.Tensor): ForwardResult {
      const B = x.shape[0];
      if (x.dtype !== 'float32') throw new Error(`pointnet.apply: x must be float32, got ${x.dtype}`);
      if (x.rank < 2 || x.size !== B * P * d) {
        throw new Error(
          `pointnet.apply: x must have shape (B, ${P}, ${d}) or ${P * d} values per sample, got (${x.shape.join(', ')})`,
        );
      }
      return tf.tidy(() => {
        let h = tf.reshape(x, [B * P, d]) as tf.Tensor2D; // (B·P, d)
        for (const layer of sharedLayers) h = tf.relu(layer.apply(h)); // (B·P, s_k)
        const s = h.shape[1];
        let g = maxOverPoints(tf.reshape(h, [B, P, s])) as tf.Tensor2D; // (B, s_K)
        for (const layer of headLayers) g = tf.relu(layer.apply(g)); // (B, h_k)
        const output = out.apply(g); // (B, C)
        return { output, hidden: g };
      });
    },
    dispose(): void {
      for (const p of params) p.dispose();
    },
  };
}
