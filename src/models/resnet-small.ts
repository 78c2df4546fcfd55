import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../random/rng.js';
import { conv2dOp } from './conv2d.js';
import { createDense } from './dense.js';
import { initialize } from './init.js';
import type { ForwardResult, Model } from './types.js';

/** Options of {@link createResNetSmall}. */
export interface ResNetSmallOptions {
  /** Shape of one input image (H, W, Cin); default [32, 32, 3] (CIFAR). */
  inputShape?: readonly [number, number, number];
  /** Number of classes C; default 10. */
  numClasses?: number;
  /** Residual blocks per stage n (depth 6n + 2: 1 → ResNet-8, 3 → ResNet-20); default 1. */
  blocksPerStage?: number;
  /** Channels of the three stages; default [16, 32, 64] (He et al., 2016, §4.2). */
  widths?: readonly [number, number, number];
}

/** Defaults of {@link createResNetSmall}: CIFAR input, 10 classes, ResNet-8 (n = 1), widths 16-32-64. */
export const resNetSmallDefaults = {
  inputShape: [32, 32, 3],
  numClasses: 10,
  blocksPerStage: 1,
  widths: [16, 32, 64],
} as const satisfies Required<ResNetSmallOptions>;

/** A trainable variable holding `values`; the temporary tensor is disposed. */
function variableFrom(values: Float32Array, shape: number[]): tf.Variable {
  const t = tf.tensor(values, shape, 'float32');
  const v = tf.variable(t, true);
  t.dispose();
  return v;
}

/** One residual block's parameters: two 3×3 convs, the SkipInit gain α, and a 1×1 projection when needed. */
interface Block {
  w1: tf.Variable;
  b1: tf.Variable;
  w2: tf.Variable;
  b2: tf.Variable;
  alpha: tf.Variable;
  stride: number;
  proj: tf.Variable | null;
}

/**
 * A small CIFAR ResNet (He et al., 2016, "Deep residual learning", §4.2: depth 6n + 2, stages of 16, 32 and 64
 * channels at 32², 16², 8²), without batch normalisation, so that it trains on the wasm backend with
 * {@link conv2dOp} and keeps per-sample losses independent within a batch (METHODS §2.3):
 *
 * | layer | output |
 * | --- | --- |
 * | conv 3×3, w_1 channels, + ReLU | (B, H, W, w_1) |
 * | stage k = 1..3: n blocks, the first of stages 2 and 3 with stride 2 | (B, H/4, W/4, w_3) at the end |
 * | global average pool | (B, w_3) = hidden |
 * | fc C | (B, C) = output (logits) |
 *
 * Block: y = ReLU(s(x) + α · (conv3×3(ReLU(conv3×3_stride(x))))), with s the identity or, when the shape
 * changes, a 1×1 stride-2 projection (option B of He et al.). Normalisation: SkipInit (De and Smith, 2020) — a
 * learnable scalar α per block initialised to 0 replaces batch normalisation, so every block starts as the
 * identity and the network trains without normalisation layers. Convs have biases; He-normal weights, zero
 * biases, Glorot-uniform fc; each layer draws from `rng.derive(name)`.
 * Parameters, in order: stem w, b; for each block w1, b1, w2, b2, α[, projection]; fc W, b.
 * Not ResNet-18 (the [AS-IS]/[MIS] CIFAR model, 11 M parameters): a run-able stand-in on CPU backends.
 *
 * @param options `inputShape` ([32, 32, 3]), `numClasses` (10), `blocksPerStage` (1), `widths` ([16, 32, 64]).
 * @param rng the kit's seeded generator.
 * @returns a {@link Model}; `apply(x)` takes x (B, H, W, Cin) (or (B, H·W·Cin), reshaped).
 * @example
 * const model = createResNetSmall({ numClasses: 100, blocksPerStage: 3 }, createRng(0)); // ResNet-20
 * const { output, hidden } = model.apply(x); // x (B, 32, 32, 3) → output (B, 100), hidden (B, 64)
 */
export function createResNetSmall(options: ResNetSmallOptions, rng: Rng): Model {
  const inputShape = options.inputShape ?? resNetSmallDefaults.inputShape;
  const numClasses = options.numClasses ?? resNetSmallDefaults.numClasses;
  const n = options.blocksPerStage ?? resNetSmallDefaults.blocksPerStage;
  const widths = options.widths ?? resNetSmallDefaults.widths;
  if (
    !Array.isArray(inputShape) ||
    inputShape.length !== 3 ||
    inputShape.some((d, k) => !Number.isInteger(d) || d < (k < 2 ? 4 : 1))
  ) {
    throw new Error(
      `createResNetSmall: inputShape must be [H, W, Cin] of positive integers with H, W ≥ 4, got [${String(inputShape)}]`,
    );
  }
  if (!Number.isInteger(numClasses) || numClasses < 1) {
    throw new Error(`createResNetSmall: numClasses must be a positive integer, got ${numClasses}`);
  }
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`createResNetSmall: blocksPerStage must be a positive integer, got ${n}`);
  }
  if (!Array.isArray(widths) || widths.length !== 3 || widths.some((w) => !Number.isInteger(w) || w < 1)) {
    throw new Error(`createResNetSmall: widths must be 3 positive integers, got [${String(widths)}]`);
  }
  const [H, W, Cin] = inputShape;
  const conv = (name: string, k: number, cin: number, cout: number): tf.Variable => {
    const fans = { fanIn: k * k * cin, fanOut: k * k * cout };
    return variableFrom(initialize('he-normal', k * k * cin * cout, fans, rng.derive(name)), [
      k,
      k,
      cin,
      cout,
    ]);
  };
  const stemW = conv('stem', 3, Cin, widths[0]); // (3, 3, Cin, w_1)
  const stemB = variableFrom(new Float32Array(widths[0]), [widths[0]]);
  const blocks: Block[] = [];
  let cin = widths[0];
  widths.forEach((cout, s) => {
    for (let j = 0; j < n; j++) {
      const stride = s > 0 && j === 0 ? 2 : 1;
      const name = `stage${s}.block${j}`;
      blocks.push({
        w1: conv(`${name}.conv1`, 3, cin, cout),
        b1: variableFrom(new Float32Array(cout), [cout]),
        w2: conv(`${name}.conv2`, 3, cout, cout),
        b2: variableFrom(new Float32Array(cout), [cout]),
        alpha: variableFrom(new Float32Array(1), []), // SkipInit: α = 0
        stride,
        proj: stride !== 1 || cin !== cout ? conv(`${name}.proj`, 1, cin, cout) : null,
      });
      cin = cout;
    }
  });
  const fc = createDense({ inputSize: cin, outputSize: numClasses }, rng.derive('fc'));
  const params = [
    stemW,
    stemB,
    ...blocks.flatMap((b) => [b.w1, b.b1, b.w2, b.b2, b.alpha, ...(b.proj ? [b.proj] : [])]),
    fc.W,
    fc.b,
  ];

  return {
    name: `resnet${6 * n + 2}-small(${H}x${W}x${Cin}-${numClasses}, ${widths.join('-')}, skipinit)`,
    params,
    numParams: params.reduce((s, p) => s + p.size, 0),
    apply(x: tf.Tensor): ForwardResult {
      const B = x.shape[0];
      if (x.dtype !== 'float32') throw new Error(`resnetSmall.apply: x must be float32, got ${x.dtype}`);
      if (x.rank < 2 || x.size !== B * H * W * Cin) {
        throw new Error(
          `resnetSmall.apply: x must have shape (B, ${H}, ${W}, ${Cin}) or ${H * W * Cin} values per sample, ` +
            `got (${x.shape.join(', ')})`,
        );
      }
      return tf.tidy(() => {
        const x4 = tf.reshape(x, [B, H, W, Cin]) as tf.Tensor4D; // (B, H, W, Cin)
        let a = tf.relu(
          tf.add<tf.Tensor4D>(conv2dOp(x4, stemW as tf.Tensor4D, 1, 'same', { inputGradient: false }), stemB),
        ); // (B, H, W, w_1)
        for (const b of blocks) {
          const h1 = tf.relu(tf.add<tf.Tensor4D>(conv2dOp(a, b.w1 as tf.Tensor4D, b.stride, 'same'), b.b1)); // (B, H', W', c)
          const h2 = tf.add<tf.Tensor4D>(conv2dOp(h1, b.w2 as tf.Tensor4D, 1, 'same'), b.b2); // (B, H', W', c)
          const skip = b.proj ? conv2dOp(a, b.proj as tf.Tensor4D, b.stride, 'valid') : a; // (B, H', W', c)
          a = tf.relu(tf.add<tf.Tensor4D>(skip, tf.mul(b.alpha, h2))); // (B, H', W', c)
        }
        const hidden = tf.mean(a, [1, 2]) as tf.Tensor2D; // (B, w_3) global average pool
        const output = fc.apply(hidden); // (B, C)
        return { output, hidden };
      });
    },
    dispose(): void {
      for (const p of params) p.dispose();
    },
  };
}
