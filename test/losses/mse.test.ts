import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '../../src/backend/setup-backend.js';
import { meanSquaredError } from '../../src/losses/mse.js';
import { createRng } from '../../src/random/rng.js';
import { assertAllClose, centralDiff, mse64 } from '../helpers/reference.js';

// float32 arithmetic on O(1) values: a few ulps (~1e-7 relative); 1e-5 leaves margin and still catches
// any wrong constant (e.g. 1/C vs 2/C is a factor-2 error).
const TOL_F32 = { rtol: 1e-5, atol: 1e-6 };
// Closed form vs float64 central differences (h = 1e-6: truncation 0 for a quadratic, round-off ~1e-10).
const TOL_FD = { rtol: 1e-5, atol: 1e-6 };

const B = 5;
const C = 3;

function problem(seed: number): { m: Float32Array; y: Float32Array } {
  const rng = createRng(seed);
  return {
    m: Float32Array.from({ length: B * C }, () => rng.normal()),
    y: Float32Array.from({ length: B * C }, () => rng.normal()),
  };
}

function evaluate(
  m: Float32Array,
  y: Float32Array,
  yShape: number[],
): { loss: Float32Array; closed: Float32Array; auto: Float32Array } {
  let out: { loss: Float32Array; closed: Float32Array; auto: Float32Array } | null = null;
  tf.tidy(() => {
    const mt = tf.tensor2d(m, [yShape[0], m.length / yShape[0]]);
    const yt = tf.tensor(y, yShape);
    const auto = tf.grad((mm: tf.Tensor) => tf.sum(meanSquaredError.perSample(mm as tf.Tensor2D, yt)))(mt);
    out = {
      loss: meanSquaredError.perSample(mt, yt).dataSync() as Float32Array,
      closed: meanSquaredError.outputGrad!(mt, yt).dataSync() as Float32Array,
      auto: auto.dataSync() as Float32Array,
    };
  });
  return out!;
}

function checkAgainstReference(seed: number): void {
  const { m, y } = problem(seed);
  const { loss, closed, auto } = evaluate(m, y, [B, C]);
  const row = (a: ArrayLike<number>, b: number): ArrayLike<number> => Array.from(a).slice(b * C, (b + 1) * C);
  const ref = Array.from({ length: B }, (_, b) => mse64(row(m, b), row(y, b)));
  assertAllClose(loss, ref, TOL_F32, 'ℓ_b');
  const fd: number[] = [];
  for (let b = 0; b < B; b++) fd.push(...centralDiff((mm) => mse64(mm, row(y, b)), row(m, b)));
  assertAllClose(closed, auto, TOL_F32, 'closed vs autodiff');
  assertAllClose(closed, fd, TOL_FD, 'closed vs finite differences');
  assertAllClose(auto, fd, TOL_FD, 'autodiff vs finite differences');
}

describe('meanSquaredError (cpu)', () => {
  before(async () => {
    await setupBackend('cpu');
  });

  it('has the registry name and is not a classification loss', () => {
    assert.equal(meanSquaredError.name, 'mse');
    assert.equal(meanSquaredError.classification, false);
  });

  it('hand-worked value: m = (1, 3), y = (0, 0) gives ℓ = 5 and u = (1, 3)', () => {
    // ℓ = (1² + 3²)/2 = 5; u = (2/C)(m − y) = (1, 3)
    const { loss, closed } = evaluate(new Float32Array([1, 3]), new Float32Array([0, 0]), [1, 2]);
    assertAllClose(loss, [5], TOL_F32, 'ℓ');
    assertAllClose(closed, [1, 3], TOL_F32, 'u');
  });

  it('ℓ matches float64; closed-form u = tf.grad autodiff = float64 central differences', () => {
    checkAgainstReference(1);
  });

  it('accepts a (B) target when C = 1', () => {
    const m = new Float32Array([0.5, -1, 2]);
    const y = new Float32Array([1, 1, 1]);
    const a = evaluate(m, y, [3]);
    const b = evaluate(m, y, [3, 1]);
    assertAllClose(a.loss, [0.25, 4, 1], TOL_F32, 'ℓ with y (B)');
    assertAllClose(a.loss, b.loss, TOL_F32, 'ℓ (B) vs (B, 1)');
    assertAllClose(a.closed, [-1, -4, 2], TOL_F32, 'u with y (B)');
    assertAllClose(a.auto, a.closed, TOL_F32, 'autodiff u with y (B)');
  });

  it('rejects bad inputs with messages naming the parameter', () => {
    tf.tidy(() => {
      const m = tf.zeros([3, 2]) as tf.Tensor2D;
      assert.throws(
        () => meanSquaredError.perSample(m, tf.zeros([3])),
        /y must be float32 of shape \(3, 2\); got float32 \(3\)/,
      );
      assert.throws(
        () => meanSquaredError.outputGrad!(m, tf.zeros([3, 2], 'int32')),
        /y must be float32.*got int32/,
      );
      assert.throws(
        () => meanSquaredError.perSample(tf.zeros([3]) as unknown as tf.Tensor2D, tf.zeros([3])),
        /m must have shape \(B, C\), got \(3\)/,
      );
    });
  });

  it('does not leak tensors', () => {
    const m = tf.tensor2d([[1, 2, 3]]);
    const y = tf.tensor2d([[0, 0, 0]]);
    const y1 = tf.tensor1d([1]);
    const m1 = tf.tensor2d([[1]]);
    const before = tf.memory().numTensors;
    tf.dispose([meanSquaredError.perSample(m, y), meanSquaredError.outputGrad!(m, y)]);
    tf.dispose([meanSquaredError.perSample(m1, y1), meanSquaredError.outputGrad!(m1, y1)]);
    assert.equal(tf.memory().numTensors, before, 'numTensors changed');
    tf.dispose([m, y, y1, m1]);
  });
});

describe('meanSquaredError (wasm)', () => {
  before(async () => {
    await setupBackend('wasm');
  });

  it('loss, closed form and autodiff gradient run on wasm and match the float64 reference', () => {
    checkAgainstReference(2);
  });
});
