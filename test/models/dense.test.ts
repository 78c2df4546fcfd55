import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '../../src/backend/setup-backend.js';
import { createDense, denseDefaults } from '../../src/models/dense.js';
import { createRng } from '../../src/random/rng.js';
import { assertAllClose } from '../helpers/reference.js';

// float32 sums of ≤ 5 products of O(1) numbers: ~1e-7 relative; 1e-5 leaves margin.
const TOL = { rtol: 1e-5, atol: 1e-5 };

/** Float64 z = h W + b and, for upstream R, dh = R Wᵀ, dW = hᵀ R, db = Σ_b R (the closed-form gradients). */
function reference(
  h: Float64Array,
  W: Float64Array,
  b: Float64Array,
  R: Float64Array,
  B: number,
  n: number,
  m: number,
) {
  const z = new Float64Array(B * m);
  const dh = new Float64Array(B * n);
  const dW = new Float64Array(n * m);
  const db = new Float64Array(m);
  for (let r = 0; r < B; r++) {
    for (let o = 0; o < m; o++) {
      let s = b[o];
      for (let i = 0; i < n; i++) s += h[r * n + i] * W[i * m + o];
      z[r * m + o] = s;
      db[o] += R[r * m + o];
      for (let i = 0; i < n; i++) {
        dh[r * n + i] += R[r * m + o] * W[i * m + o];
        dW[i * m + o] += h[r * n + i] * R[r * m + o];
      }
    }
  }
  return { z, dh, dW, db };
}

/** Forward z, input gradient dh and parameter gradients dW, db of Σ z ⊙ R on the active backend vs float64. */
function check(seed: number): void {
  const [B, n, m] = [4, 5, 3];
  const rng = createRng(seed);
  // Non-zero biases so that b enters the forward check.
  const layer = createDense({ inputSize: n, outputSize: m, biasInit: 'he-uniform' }, createRng(seed + 100));
  const hv = Float32Array.from({ length: B * n }, () => rng.normal());
  const Rv = Float32Array.from({ length: B * m }, () => rng.normal());
  const out: Float64Array[] = [];
  tf.tidy(() => {
    const h = tf.tensor2d(hv, [B, n]);
    const R = tf.tensor2d(Rv, [B, m]);
    const z = layer.apply(h);
    const dh = tf.grad((hh: tf.Tensor) => tf.sum(tf.mul(layer.apply(hh as tf.Tensor2D), R)))(h);
    const { grads } = tf.variableGrads(
      () => tf.sum(tf.mul(layer.apply(h), R)) as tf.Scalar,
      [layer.W, layer.b],
    );
    for (const t of [z, dh, grads[layer.W.name], grads[layer.b.name]])
      out.push(Float64Array.from(t.dataSync()));
  });
  const ref = reference(
    Float64Array.from(hv),
    Float64Array.from(layer.W.dataSync()),
    Float64Array.from(layer.b.dataSync()),
    Float64Array.from(Rv),
    B,
    n,
    m,
  );
  tf.dispose([layer.W, layer.b]);
  assertAllClose(out[0], ref.z, TOL, 'z');
  assertAllClose(out[1], ref.dh, TOL, 'dh = R Wᵀ');
  assertAllClose(out[2], ref.dW, TOL, 'dW = hᵀ R');
  assertAllClose(out[3], ref.db, TOL, 'db = Σ_b R');
}

describe('createDense', () => {
  before(async () => {
    await setupBackend('cpu');
  });

  it('defaults are Glorot-uniform weights and zero biases', () => {
    assert.deepEqual(denseDefaults, { init: 'glorot-uniform', biasInit: 'zeros' });
    const layer = createDense({ inputSize: 3, outputSize: 2 }, createRng(0));
    assert.deepEqual(layer.W.shape, [3, 2]);
    assert.deepEqual(Array.from(layer.b.dataSync()), [0, 0]);
    const a = Math.sqrt(6 / 5);
    assert.ok(Array.from(layer.W.dataSync()).every((v) => Math.abs(v) < a));
    tf.dispose([layer.W, layer.b]);
  });

  it('same seed ⇒ identical weights', () => {
    const a = createDense({ inputSize: 4, outputSize: 3 }, createRng(9));
    const b = createDense({ inputSize: 4, outputSize: 3 }, createRng(9));
    assert.deepEqual(a.W.dataSync(), b.W.dataSync());
    tf.dispose([a.W, a.b, b.W, b.b]);
  });

  it('forward, input gradient and (custom) parameter gradients match the float64 closed form', () => {
    check(1);
  });

  it('rejects bad options and bad input shapes', () => {
    assert.throws(
      () => createDense({ inputSize: 0, outputSize: 2 }, createRng(0)),
      /inputSize must be a positive integer, got 0/,
    );
    assert.throws(
      () => createDense({ inputSize: 2, outputSize: 2, init: 'ones' as never }, createRng(0)),
      /init must be one of glorot-uniform, .*; got 'ones'/,
    );
    const layer = createDense({ inputSize: 3, outputSize: 2 }, createRng(0));
    tf.tidy(() => {
      assert.throws(
        () => layer.apply(tf.zeros([2, 4]) as tf.Tensor2D),
        /h must have shape \(B, 3\), got \(2, 4\)/,
      );
    });
    tf.dispose([layer.W, layer.b]);
  });

  it('does not leak: creation leaves only W and b; a forward/backward step leaves nothing', () => {
    const n0 = tf.memory().numTensors;
    const layer = createDense({ inputSize: 3, outputSize: 2 }, createRng(0));
    assert.equal(tf.memory().numTensors, n0 + 2, 'creation should add exactly W and b');
    const h = tf.ones([4, 3]) as tf.Tensor2D;
    const n1 = tf.memory().numTensors;
    tf.tidy(() => {
      const { grads } = tf.variableGrads(() => tf.sum(layer.apply(h)) as tf.Scalar);
      void grads;
    });
    assert.equal(tf.memory().numTensors, n1, 'step leaked');
    tf.dispose([h, layer.W, layer.b]);
    assert.equal(tf.memory().numTensors, n0);
  });
});

describe('createDense (wasm)', () => {
  before(async () => {
    await setupBackend('wasm');
  });

  it('forward and all gradients match the float64 closed form on wasm', () => {
    check(2);
  });
});
