import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '../../src/backend/setup-backend.js';
import { conv2dKernelFor, conv2dOp, type Conv2dPadding } from '../../src/models/conv2d.js';
import { createRng } from '../../src/random/rng.js';
import { assertAllClose } from '../helpers/reference.js';

interface Case {
  name: string;
  x: [number, number, number, number]; // (B, H, W, Cin)
  w: [number, number, number, number]; // (kh, kw, Cin, Cout)
  stride: number;
  pad: Conv2dPadding;
}

// Each geometry exercises one code path of the custom gradient.
const cases: Case[] = [
  { name: 'LeNet conv1: 5×5, pad 2, stride 1', x: [3, 12, 12, 1], w: [5, 5, 1, 6], stride: 1, pad: 2 },
  { name: 'LeNet conv2: 5×5 valid, Cin 6', x: [3, 10, 10, 6], w: [5, 5, 6, 4], stride: 1, pad: 'valid' },
  {
    name: "even 4×3 kernel, 'same' (asymmetric padding)",
    x: [2, 7, 6, 2],
    w: [4, 3, 2, 3],
    stride: 1,
    pad: 'same',
  },
  { name: "stride 2, 'same', odd sizes", x: [2, 9, 7, 3], w: [3, 3, 3, 2], stride: 2, pad: 'same' },
  { name: 'stride 2, pad 1 (conv2dTranspose path)', x: [2, 8, 8, 2], w: [3, 3, 2, 3], stride: 2, pad: 1 },
  {
    name: 'stride 3, valid, unused last row (slice path)',
    x: [2, 10, 11, 2],
    w: [3, 3, 2, 2],
    stride: 3,
    pad: 'valid',
  },
  {
    name: 'pad 4 > k − 1 (conv2dTranspose path at stride 1)',
    x: [2, 5, 5, 1],
    w: [3, 3, 1, 2],
    stride: 1,
    pad: 4,
  },
];

interface Arrays {
  y: Float32Array;
  dx: Float32Array;
  dw: Float32Array;
}

function inputs(c: Case, seed: number): { xv: Float32Array; wv: Float32Array } {
  const rng = createRng(seed);
  const size = (s: number[]): number => s.reduce((a, b) => a * b, 1);
  return {
    xv: Float32Array.from({ length: size(c.x) }, () => rng.normal()),
    wv: Float32Array.from({ length: size(c.w) }, () => rng.normal()),
  };
}

/** y and the gradients of Σ y ⊙ R (R fixed, seeded) w.r.t. x and w, by `conv` on the active backend. */
function run(c: Case, seed: number, conv: (x: tf.Tensor4D, w: tf.Tensor4D) => tf.Tensor4D): Arrays {
  const { xv, wv } = inputs(c, seed);
  let out: Arrays | null = null;
  tf.tidy(() => {
    const x = tf.tensor4d(xv, c.x);
    const w = tf.tensor4d(wv, c.w);
    const y = conv(x, w);
    const rng = createRng(seed + 1);
    const R = tf.tensor(
      Float32Array.from({ length: y.size }, () => rng.normal()),
      y.shape,
    );
    const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(conv(a as tf.Tensor4D, b as tf.Tensor4D), R)),
    )([x, w]);
    out = {
      y: y.dataSync() as Float32Array,
      dx: dx.dataSync() as Float32Array,
      dw: dw.dataSync() as Float32Array,
    };
  });
  return out!;
}

const native = (c: Case) => (x: tf.Tensor4D, w: tf.Tensor4D) => tf.conv2d(x, w, c.stride, c.pad);
const custom = (c: Case) => (x: tf.Tensor4D, w: tf.Tensor4D) =>
  conv2dOp(x, w, c.stride, c.pad, { kernel: 'im2col' });

/**
 * Same float32 products, summed in a different order: differences are round-off of sums of up to
 * B·Ho·Wo ≈ 400 terms of size O(1), i.e. ~1e-6 of the largest entry. Tolerance 1e-4 relative plus 1e-5 of the
 * largest |entry| (entries near zero are sums with cancellation).
 */
function assertSame(actual: Arrays, expected: Arrays, label: string): void {
  for (const k of ['y', 'dx', 'dw'] as const) {
    const scale = expected[k].reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    assertAllClose(actual[k], expected[k], { rtol: 1e-4, atol: 1e-5 * scale }, `${label}: ${k}`);
  }
}

const cpuNative = new Map<string, Arrays>();

describe('conv2dOp (cpu)', () => {
  before(async () => {
    await setupBackend('cpu');
    for (const c of cases) cpuNative.set(c.name, run(c, 11, native(c)));
  });

  for (const c of cases) {
    it(`forward and gradients equal the native cpu conv2d: ${c.name}`, () => {
      assertSame(run(c, 11, custom(c)), cpuNative.get(c.name)!, c.name);
    });
  }

  it("kernel 'auto' is native on cpu (it has both gradient kernels) and im2col on wasm", () => {
    assert.equal(conv2dKernelFor('cpu'), 'native');
    assert.equal(conv2dKernelFor('wasm'), 'im2col');
    assert.equal(conv2dKernelFor(), 'native');
  });

  for (const kernel of ['im2col', 'native'] as const) {
    it(`inputGradient: false (${kernel}) gives the same output and filter gradient, no gradient for x`, () => {
      const c = cases[0];
      const { xv, wv } = inputs(c, 11);
      const expected = cpuNative.get(c.name)!;
      tf.tidy(() => {
        const x = tf.tensor4d(xv, c.x);
        const w = tf.tensor4d(wv, c.w);
        const rng = createRng(12);
        const y = conv2dOp(x, w, c.stride, c.pad, { inputGradient: false, kernel });
        const R = tf.tensor(
          Float32Array.from({ length: y.size }, () => rng.normal()),
          y.shape,
        );
        const dw = tf.grad((b: tf.Tensor) =>
          tf.sum(tf.mul(conv2dOp(x, b as tf.Tensor4D, c.stride, c.pad, { inputGradient: false, kernel }), R)),
        )(w);
        const scale = expected.dw.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
        assertAllClose(y.dataSync(), expected.y, { rtol: 1e-4, atol: 1e-5 }, 'y');
        assertAllClose(dw.dataSync(), expected.dw, { rtol: 1e-4, atol: 1e-5 * scale }, 'dw');
        assert.throws(
          () =>
            tf.grad((a: tf.Tensor) =>
              tf.sum(conv2dOp(a as tf.Tensor4D, w, 1, 2, { inputGradient: false, kernel })),
            )(x),
          /Cannot compute gradient/,
        );
      });
    });
  }

  it('rejects bad shapes, strides and paddings', () => {
    tf.tidy(() => {
      const x = tf.zeros([1, 6, 6, 2]) as tf.Tensor4D;
      const w = tf.zeros([3, 3, 2, 4]) as tf.Tensor4D;
      assert.throws(
        () => conv2dOp(tf.zeros([6, 6, 2]) as unknown as tf.Tensor4D, w),
        /x must have shape \(B, H, W, Cin\), got \(6, 6, 2\)/,
      );
      assert.throws(
        () => conv2dOp(x, tf.zeros([3, 3, 1, 4]) as tf.Tensor4D),
        /w has Cin = 1 but x has Cin = 2/,
      );
      assert.throws(() => conv2dOp(x, w, 0), /stride must be a positive integer, got 0/);
      assert.throws(
        () => conv2dOp(x, w, 1, 'valid', { kernel: 'xla' as 'native' }),
        /kernel must be 'auto', 'native' or 'im2col', got 'xla'/,
      );
      assert.throws(
        () => conv2dOp(x, w, 1, -1),
        /pad must be 'valid', 'same' or a non-negative integer, got -1/,
      );
      assert.throws(
        () => conv2dOp(x, tf.zeros([7, 7, 2, 1]) as tf.Tensor4D),
        /kernel 7×7 is larger than the padded input 6×6/,
      );
    });
  });

  it('does not leak tensors in a forward/backward step', () => {
    const c = cases[3];
    const { xv, wv } = inputs(c, 3);
    const x = tf.tensor4d(xv, c.x);
    const w = tf.variable(tf.tensor4d(wv, c.w));
    const n0 = tf.memory().numTensors;
    tf.tidy(() => {
      const { grads } = tf.variableGrads(
        () => tf.sum(conv2dOp(x, w as tf.Tensor4D, c.stride, c.pad)) as tf.Scalar,
      );
      void grads;
      tf.grad((a: tf.Tensor) => tf.sum(conv2dOp(a as tf.Tensor4D, w as tf.Tensor4D, c.stride, c.pad)))(x);
    });
    assert.equal(tf.memory().numTensors, n0, 'numTensors changed');
    tf.dispose([x, w]);
  });
});

describe('conv2dOp (wasm, which lacks Conv2DBackpropFilter)', () => {
  before(async () => {
    await setupBackend('wasm');
  });

  it('the wasm backend indeed lacks the native filter-gradient kernel', () => {
    const names = tf.getKernelsForBackend('wasm').map((k) => k.kernelName);
    assert.ok(
      !names.includes('Conv2DBackpropFilter'),
      'wasm now has Conv2DBackpropFilter: conv2dOp may be unnecessary',
    );
  });

  for (const c of cases) {
    it(`forward and gradients on wasm equal the native cpu conv2d: ${c.name}`, () => {
      assertSame(run(c, 11, custom(c)), cpuNative.get(c.name)!, c.name);
    });
  }
});
