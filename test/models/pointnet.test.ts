import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '../../src/backend/setup-backend.js';
import { softmaxCrossEntropy } from '../../src/losses/softmax-ce.js';
import { createPointNet, pointNetDefaults } from '../../src/models/pointnet.js';
import type { Model } from '../../src/models/types.js';
import { createRng } from '../../src/random/rng.js';
import { assertAllClose } from '../helpers/reference.js';
import { paramValues, sgdLosses } from '../helpers/sgd.js';
import { assertGradsClose, lossAndGradsOn } from '../helpers/grad-compare.js';

const B = 6;
const P = 32;
const C = 5;
const small = { points: P, numClasses: C, shared: [8, 16, 24], head: [12] } as const;

function batch(seed: number): { xv: Float32Array; yv: Int32Array } {
  const rng = createRng(seed);
  return {
    xv: Float32Array.from({ length: B * P * 3 }, () => rng.normal()),
    yv: Int32Array.from({ length: B }, () => rng.int(C)),
  };
}

/** Independent PointNet forward from native tfjs ops (tf.matMul, tf.max with its own gradient), same params. */
function nativeLogits(params: tf.Tensor[], x: tf.Tensor3D): tf.Tensor2D {
  let h: tf.Tensor = tf.reshape(x, [B * P, 3]);
  const layers: [tf.Tensor, tf.Tensor][] = [];
  for (let k = 0; k < params.length; k += 2) layers.push([params[k], params[k + 1]]);
  const [shared, head, out] = [layers.slice(0, 3), layers.slice(3, 4), layers[4]];
  for (const [W, b] of shared) h = tf.relu(tf.add(tf.matMul(h as tf.Tensor2D, W as tf.Tensor2D), b));
  let g: tf.Tensor = tf.max(tf.reshape(h, [B, P, -1]), 1);
  for (const [W, b] of head) g = tf.relu(tf.add(tf.matMul(g as tf.Tensor2D, W as tf.Tensor2D), b));
  return tf.add(tf.matMul(g as tf.Tensor2D, out[0] as tf.Tensor2D), out[1]) as tf.Tensor2D;
}

function lossAndGrads(model: Model, logits: (x: tf.Tensor3D) => tf.Tensor2D): Float64Array[] {
  const { xv, yv } = batch(2);
  const x = tf.tensor3d(xv, [B, P, 3]);
  const y = tf.tensor1d(yv, 'int32');
  try {
    return lossAndGradsOn(model, logits, x, y);
  } finally {
    tf.dispose([x, y]);
  }
}

let reference: Float64Array[] = [];

describe('createPointNet (cpu)', () => {
  before(async () => {
    await setupBackend('cpu');
    const model = createPointNet(small, createRng(1));
    reference = lossAndGrads(model, (x) => nativeLogits(model.params, x));
    model.dispose();
  });

  it('defaults: 3-D points, shared 64-128-256, head [128]', () => {
    assert.deepEqual(pointNetDefaults, { inputDim: 3, shared: [64, 128, 256], head: [128] });
  });

  it('default layout: parameter count and shapes, output (B, C), hidden (B, 128), order invariance', () => {
    const model = createPointNet({ points: 64, numClasses: 8 }, createRng(0));
    // 3·64+64 = 256; 64·128+128 = 8320; 128·256+256 = 33024; 256·128+128 = 32896; 128·8+8 = 1032 → 75528
    assert.equal(model.numParams, 75528);
    assert.deepEqual(
      model.params.map((p) => p.shape),
      [[3, 64], [64], [64, 128], [128], [128, 256], [256], [256, 128], [128], [128, 8], [8]],
    );
    assert.equal(model.name, 'pointnet(64x3, shared 64-128-256, head 128, 8)');
    tf.tidy(() => {
      const x = tf.randomNormal([2, 64, 3], 0, 1, 'float32', 3);
      const { output, hidden } = model.apply(x);
      assert.deepEqual(output.shape, [2, 8]);
      assert.deepEqual(hidden.shape, [2, 128]);
      // Permuting the points of each cloud leaves the output unchanged (max-pooling is symmetric).
      const perm = tf.tensor1d(
        Int32Array.from({ length: 64 }, (_, i) => (i * 17) % 64),
        'int32',
      );
      const permuted = model.apply(tf.gather(x, perm, 1)).output;
      assertAllClose(permuted.dataSync(), output.dataSync(), { rtol: 1e-5, atol: 1e-6 }, 'permuted points');
      assert.deepEqual(model.apply(tf.reshape(x, [2, 192])).output.shape, [2, 8]);
    });
    model.dispose();
  });

  it('same seed ⇒ identical weights; different seed ⇒ different', () => {
    const [a, b, c] = [
      createPointNet(small, createRng(3)),
      createPointNet(small, createRng(3)),
      createPointNet(small, createRng(4)),
    ];
    assert.deepEqual(paramValues(a), paramValues(b));
    assert.notDeepEqual(paramValues(a)[0], paramValues(c)[0]);
    [a, b, c].forEach((m) => m.dispose());
  });

  it('loss and all gradients (scatter max-pool gradient included) equal a native-tfjs PointNet', () => {
    const model = createPointNet(small, createRng(1));
    assertGradsClose(
      lossAndGrads(model, (x) => model.apply(x).output),
      reference,
      'cpu',
    );
    model.dispose();
  });

  it('rejects bad options and inputs', () => {
    assert.throws(
      () => createPointNet({ points: 0, numClasses: 2 }, createRng(0)),
      /points must be a positive integer, got 0/,
    );
    assert.throws(
      () => createPointNet({ points: 8, numClasses: 2, shared: [] }, createRng(0)),
      /shared must be a non-empty array/,
    );
    assert.throws(
      () => createPointNet({ points: 8, numClasses: 2, head: [4, -1] }, createRng(0)),
      /head must be an array of positive integers, got \[4,-1\]/,
    );
    const model = createPointNet({ points: 8, numClasses: 2 }, createRng(0));
    tf.tidy(() => {
      assert.throws(() => model.apply(tf.zeros([2, 7, 3])), /x must have shape \(B, 8, 3\).*got \(2, 7, 3\)/);
    });
    model.dispose();
  });
});

describe('createPointNet (wasm)', () => {
  before(async () => {
    await setupBackend('wasm');
  });

  it('forward and backward run on wasm and equal the native cpu reference', () => {
    const model = createPointNet(small, createRng(1));
    assertGradsClose(
      lossAndGrads(model, (x) => model.apply(x).output),
      reference,
      'wasm',
    );
    model.dispose();
  });

  it('trains: the loss decreases over 30 SGD steps on a fixed random problem, without leaking', () => {
    const model = createPointNet(small, createRng(5));
    const { xv, yv } = batch(7);
    const x = tf.tensor3d(xv, [B, P, 3]);
    const y = tf.tensor1d(yv, 'int32');
    const n0 = tf.memory().numTensors;
    const losses = sgdLosses(model, softmaxCrossEntropy, x, y, 30, 0.03);
    assert.equal(tf.memory().numTensors, n0, 'SGD steps leaked tensors');
    // 6 random clouds with random labels: memorisation. A wrong gradient leaves the loss near log 5 ≈ 1.61.
    assert.ok(losses.every(Number.isFinite), `non-finite loss: ${losses}`);
    assert.ok(
      losses[30] < 0.75 * losses[0],
      `loss did not decrease enough: ${losses.map((v) => v.toFixed(3))}`,
    );
    tf.dispose([x, y]);
    model.dispose();
  });
});
