import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '../../src/backend/setup-backend.js';
import { softmaxCrossEntropy } from '../../src/losses/softmax-ce.js';
import { createRng } from '../../src/random/rng.js';
import { assertAllClose, centralDiff, softmax64, softmaxCe64 } from '../helpers/reference.js';

// float32 evaluation of a few exp/log/sum ops on O(1) logits: relative error a few ulps (~1e-7), so 1e-5
// leaves a wide margin while still catching any formula error (those are O(1e-2) or larger).
const TOL_F32 = { rtol: 1e-5, atol: 1e-6 };
// float32 closed form vs float64 central differences (h = 1e-6, truncation O(h²) ≈ 1e-12, round-off ≈ 1e-10).
const TOL_FD = { rtol: 1e-5, atol: 1e-6 };

const B = 6;
const C = 4;

function problem(seed: number): { z: Float32Array; y: Int32Array } {
  const rng = createRng(seed);
  const z = Float32Array.from({ length: B * C }, () => 3 * rng.normal());
  const y = Int32Array.from({ length: B }, () => rng.int(C));
  return { z, y };
}

function evalLossAndGrads(
  z: Float32Array,
  y: Int32Array,
): { loss: Float32Array; closed: Float32Array; auto: Float32Array } {
  return tf.tidy(() => {
    const m = tf.tensor2d(z, [y.length, z.length / y.length]);
    const yt = tf.tensor1d(y, 'int32');
    const loss = softmaxCrossEntropy.perSample(m, yt).dataSync() as Float32Array;
    const closed = softmaxCrossEntropy.outputGrad!(m, yt).dataSync() as Float32Array;
    const auto = tf.grad((mm: tf.Tensor) => tf.sum(softmaxCrossEntropy.perSample(mm as tf.Tensor2D, yt)))(m);
    return { loss, closed, auto: auto.dataSync() as Float32Array };
  });
}

/** Logits of size 1e4 on the active backend: finite, and equal to the float64 reference. */
function checkLargeLogits(): void {
  // Rows with integer logits are exact in float32. Expected values:
  // row 0, y = 1: ℓ = 1 + log(1 + e^{−1} + e^{−10000} + e^{−20000}) = 1 + log(1 + e^{−1}) ≈ 1.3132617
  // row 1, y = 2: ℓ = 20000 + log(1 + e^{−1}) ≈ 20000.3133 (float32 spacing at 2e4 is 2e−3)
  // row 2, y = 0: all logits −1e4 ⇒ ℓ = log 4
  const z = new Float32Array([1e4, 9999, -1e4, 0, 1e4, 9999, -1e4, 0, -1e4, -1e4, -1e4, -1e4]);
  const y = new Int32Array([1, 2, 0]);
  const { loss, closed, auto } = evalLossAndGrads(z, y);
  for (const [name, v] of [
    ['loss', loss],
    ['closed', closed],
    ['autodiff', auto],
  ] as const) {
    assert.ok(Array.from(v).every(Number.isFinite), `${name} has a non-finite value: ${Array.from(v)}`);
  }
  const ref = Array.from(y, (yb, b) => softmaxCe64(z.subarray(b * C, (b + 1) * C), yb));
  // rtol 1e-6: the 2e4 loss carries float32 spacing 2e-3 (1e-7 relative); the others are O(1).
  assertAllClose(loss, ref, { rtol: 1e-6, atol: 1e-6 }, 'ℓ at 1e4 logits');
  const uRef = Array.from(y).flatMap((yb, b) =>
    Array.from(softmax64(z.subarray(b * C, (b + 1) * C)), (s, c) => s - (c === yb ? 1 : 0)),
  );
  assertAllClose(closed, uRef, TOL_F32, 'u at 1e4 logits (closed)');
  assertAllClose(auto, uRef, TOL_F32, 'u at 1e4 logits (autodiff)');
}

describe('softmaxCrossEntropy (cpu)', () => {
  before(async () => {
    await setupBackend('cpu');
  });

  it('has the registry name and is a classification loss', () => {
    assert.equal(softmaxCrossEntropy.name, 'softmax-ce');
    assert.equal(softmaxCrossEntropy.classification, true);
  });

  it('hand-worked value: z = (2, 0, 0), y = 0 gives ℓ = log(1 + 2e⁻²) ≈ 0.239861', () => {
    // ℓ = −log(e² / (e² + 2)) = log(1 + 2 e^{−2}) = log(1.270671) = 0.2398608
    const l = tf.tidy(() =>
      softmaxCrossEntropy.perSample(tf.tensor2d([[2, 0, 0]]), tf.tensor1d([0], 'int32')).dataSync(),
    );
    assertAllClose(l, [Math.log(1 + 2 * Math.exp(-2))], TOL_F32, 'hand-worked ℓ');
  });

  it('per-sample losses match the float64 reference', () => {
    const { z, y } = problem(1);
    const { loss } = evalLossAndGrads(z, y);
    const ref = Array.from(y, (yb, b) => softmaxCe64(z.subarray(b * C, (b + 1) * C), yb));
    assertAllClose(loss, ref, TOL_F32, 'ℓ_b');
  });

  it('closed-form outputGrad = tf.grad autodiff = float64 central differences', () => {
    const { z, y } = problem(2);
    const { closed, auto } = evalLossAndGrads(z, y);
    // autodiff and closed form: both float32 with O(1) entries; same TOL_F32.
    assertAllClose(closed, auto, TOL_F32, 'closed vs autodiff');
    const fd: number[] = [];
    for (let b = 0; b < B; b++) {
      fd.push(...centralDiff((zz) => softmaxCe64(zz, y[b]), z.subarray(b * C, (b + 1) * C)));
    }
    assertAllClose(closed, fd, TOL_FD, 'closed vs finite differences');
    assertAllClose(auto, fd, TOL_FD, 'autodiff vs finite differences');
  });

  it('closed form is s − e_y and its squared norm is Σ s² − 2 s_y + 1 ([AS-IS] App. A Eq. 12)', () => {
    const { z, y } = problem(3);
    const { closed } = evalLossAndGrads(z, y);
    for (let b = 0; b < B; b++) {
      const s = softmax64(z.subarray(b * C, (b + 1) * C));
      const u = Array.from(s, (v, c) => v - (c === y[b] ? 1 : 0));
      assertAllClose(closed.subarray(b * C, (b + 1) * C), u, TOL_F32, `u row ${b}`);
      const n2 = s.reduce((a, v) => a + v * v, 0) - 2 * s[y[b]] + 1;
      assertAllClose([u.reduce((a, v) => a + v * v, 0)], [n2], { rtol: 1e-12, atol: 1e-14 }, `‖u‖² row ${b}`);
    }
  });

  it('is finite and exact for logits of size 1e4 (max-subtraction)', () => {
    checkLargeLogits();
  });

  it('soft targets t: ℓ = −Σ t log s, u = (Σ t) s − t, and autodiff agrees', () => {
    const rng = createRng(4);
    const z = Float32Array.from({ length: B * C }, () => 2 * rng.normal());
    const t = new Float32Array(B * C);
    for (let b = 0; b < B; b++) {
      let s = 0;
      for (let c = 0; c < C; c++) s += t[b * C + c] = rng.next();
      for (let c = 0; c < C; c++) t[b * C + c] /= s;
    }
    const ce = (zz: ArrayLike<number>, tt: ArrayLike<number>): number => {
      let l = 0;
      for (let c = 0; c < C; c++) l += tt[c] * softmaxCe64(zz, c);
      return l;
    };
    const out = tf.tidy(() => {
      const m = tf.tensor2d(z, [B, C]);
      const tt = tf.tensor2d(t, [B, C]);
      const loss = softmaxCrossEntropy.perSample(m, tt).dataSync();
      const closed = softmaxCrossEntropy.outputGrad!(m, tt).dataSync();
      const auto = tf.grad((mm: tf.Tensor) => tf.sum(softmaxCrossEntropy.perSample(mm as tf.Tensor2D, tt)))(
        m,
      );
      return { loss, closed, auto: auto.dataSync() };
    });
    const refLoss: number[] = [];
    const fd: number[] = [];
    for (let b = 0; b < B; b++) {
      const tb = t.subarray(b * C, (b + 1) * C);
      refLoss.push(ce(z.subarray(b * C, (b + 1) * C), tb));
      fd.push(...centralDiff((zz) => ce(zz, tb), z.subarray(b * C, (b + 1) * C)));
    }
    assertAllClose(out.loss, refLoss, TOL_F32, 'soft-target ℓ');
    assertAllClose(out.closed, fd, TOL_FD, 'soft-target u (closed) vs finite differences');
    assertAllClose(out.auto, fd, TOL_FD, 'soft-target u (autodiff) vs finite differences');
  });

  it('rejects bad inputs with messages naming the parameter', () => {
    tf.tidy(() => {
      const m = tf.zeros([3, 4]) as tf.Tensor2D;
      assert.throws(
        () => softmaxCrossEntropy.perSample(m, tf.tensor1d([0, 1, 2], 'float32')),
        /y must be int32.*float32 \(3\)/,
      );
      assert.throws(
        () => softmaxCrossEntropy.perSample(m, tf.tensor1d([0, 1], 'int32')),
        /y must be .*shape \(3\)/,
      );
      assert.throws(() => softmaxCrossEntropy.outputGrad!(m, tf.zeros([3, 5])), /y must be .*\(3, 4\)/);
      assert.throws(
        () =>
          softmaxCrossEntropy.perSample(
            tf.zeros([3]) as unknown as tf.Tensor2D,
            tf.tensor1d([0, 1, 2], 'int32'),
          ),
        /m must have shape \(B, C\), got \(3\)/,
      );
    });
  });

  it('does not leak tensors', () => {
    const m = tf.tensor2d([[1, 2, 3]]);
    const y = tf.tensor1d([2], 'int32');
    const before = tf.memory().numTensors;
    tf.dispose([softmaxCrossEntropy.perSample(m, y), softmaxCrossEntropy.outputGrad!(m, y)]);
    assert.equal(tf.memory().numTensors, before, 'numTensors changed');
    tf.dispose([m, y]);
  });
});

describe('softmaxCrossEntropy (wasm)', () => {
  before(async () => {
    await setupBackend('wasm');
  });

  it('loss, closed form and autodiff gradient run on wasm and match the float64 reference', () => {
    const { z, y } = problem(5);
    const { loss, closed, auto } = evalLossAndGrads(z, y);
    const ref = Array.from(y, (yb, b) => softmaxCe64(z.subarray(b * C, (b + 1) * C), yb));
    assertAllClose(loss, ref, TOL_F32, 'wasm ℓ_b');
    const fd: number[] = [];
    for (let b = 0; b < B; b++)
      fd.push(...centralDiff((zz) => softmaxCe64(zz, y[b]), z.subarray(b * C, (b + 1) * C)));
    assertAllClose(closed, fd, TOL_FD, 'wasm closed u');
    assertAllClose(auto, fd, TOL_FD, 'wasm autodiff u');
  });

  it('is finite and exact for logits of size 1e4 on wasm', () => {
    checkLargeLogits();
  });
});
