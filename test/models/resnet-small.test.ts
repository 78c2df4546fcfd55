import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '../../src/backend/setup-backend.js';
import { softmaxCrossEntropy } from '../../src/losses/softmax-ce.js';
import { createResNetSmall, resNetSmallDefaults } from '../../src/models/resnet-small.js';
import type { Model } from '../../src/models/types.js';
import { createRng } from '../../src/random/rng.js';
import { paramValues, sgdLosses } from '../helpers/sgd.js';
import { assertGradsClose, lossAndGradsOn } from '../helpers/grad-compare.js';

const B = 4;
const side = 8;
const small = { inputShape: [side, side, 3], numClasses: 4, widths: [4, 6, 8] } as const;

function batch(seed: number): { xv: Float32Array; yv: Int32Array } {
  const rng = createRng(seed);
  return {
    xv: Float32Array.from({ length: B * side * side * 3 }, () => rng.next()),
    yv: Int32Array.from({ length: B }, () => rng.int(4)),
  };
}

/**
 * Independent forward with native tfjs ops (tf.conv2d, whose gradient needs Conv2DBackpropFilter: cpu only),
 * reading the parameters in the documented order: stem w, b; per block w1, b1, w2, b2, α[, proj]; fc W, b.
 */
function nativeLogits(params: tf.Tensor[], x: tf.Tensor4D): tf.Tensor2D {
  let k = 0;
  const next = () => params[k++];
  let a = tf.relu(tf.add(tf.conv2d(x, next() as tf.Tensor4D, 1, 'same'), next())) as tf.Tensor4D;
  for (const [stride, hasProj] of [
    [1, false],
    [2, true],
    [2, true],
  ] as const) {
    const [w1, b1, w2, b2, alpha] = [next(), next(), next(), next(), next()];
    const h1 = tf.relu(tf.add(tf.conv2d(a, w1 as tf.Tensor4D, stride, 'same'), b1)) as tf.Tensor4D;
    const h2 = tf.add(tf.conv2d(h1, w2 as tf.Tensor4D, 1, 'same'), b2);
    const skip = hasProj ? tf.conv2d(a, next() as tf.Tensor4D, stride, 'valid') : a;
    a = tf.relu(tf.add(skip, tf.mul(alpha, h2))) as tf.Tensor4D;
  }
  const h = tf.mean(a, [1, 2]) as tf.Tensor2D;
  return tf.add(tf.matMul(h, next() as tf.Tensor2D), next()) as tf.Tensor2D;
}

function lossAndGrads(model: Model, logits: (x: tf.Tensor4D) => tf.Tensor2D): Float64Array[] {
  const { xv, yv } = batch(2);
  const x = tf.tensor4d(xv, [B, side, side, 3]);
  const y = tf.tensor1d(yv, 'int32');
  try {
    return lossAndGradsOn(model, logits, x, y);
  } finally {
    tf.dispose([x, y]);
  }
}

/** A model whose SkipInit gains are set to 0.5, so the residual branches (and their gradients) are active. */
function withActiveBranches(seed: number): Model {
  const model = createResNetSmall(small, createRng(seed));
  for (const p of model.params) if (p.rank === 0) p.assign(tf.scalar(0.5));
  return model;
}

let reference: Float64Array[] = [];

describe('createResNetSmall (cpu)', () => {
  before(async () => {
    await setupBackend('cpu');
    const model = withActiveBranches(1);
    reference = lossAndGrads(model, (x) => nativeLogits(model.params, x));
    model.dispose();
  });

  it('defaults: CIFAR input, 10 classes, ResNet-8 (one block per stage), widths 16-32-64', () => {
    assert.deepEqual(resNetSmallDefaults, {
      inputShape: [32, 32, 3],
      numClasses: 10,
      blocksPerStage: 1,
      widths: [16, 32, 64],
    });
  });

  it('default layout: 77,613 parameters, output (B, 10), hidden (B, 64); ResNet-20 has 3 blocks per stage', () => {
    const model = createResNetSmall({}, createRng(0));
    // stem 3·3·3·16 + 16 = 448; block 1: 2·(9·16·16 + 16) + 1 = 4641; block 2: 9·16·32 + 32 + 9·32·32 + 32 + 1
    // + 16·32 = 14401; block 3: 9·32·64 + 64 + 9·64·64 + 64 + 1 + 32·64 = 57473; fc 64·10 + 10 = 650 → 77613
    assert.equal(model.numParams, 77613);
    assert.equal(model.name, 'resnet8-small(32x32x3-10, 16-32-64, skipinit)');
    tf.tidy(() => {
      const { output, hidden } = model.apply(tf.zeros([2, 32, 32, 3]));
      assert.deepEqual(output.shape, [2, 10]);
      assert.deepEqual(hidden.shape, [2, 64]);
    });
    model.dispose();
    const r20 = createResNetSmall({ blocksPerStage: 3, numClasses: 100 }, createRng(0));
    assert.equal(r20.name, 'resnet20-small(32x32x3-100, 16-32-64, skipinit)');
    assert.equal(r20.params.filter((p) => p.rank === 0).length, 9); // one α per block
    r20.dispose();
  });

  it('same seed ⇒ identical weights; different seed ⇒ different', () => {
    const [a, b, c] = [
      createResNetSmall(small, createRng(3)),
      createResNetSmall(small, createRng(3)),
      createResNetSmall(small, createRng(4)),
    ];
    assert.deepEqual(paramValues(a), paramValues(b));
    assert.notDeepEqual(paramValues(a)[0], paramValues(c)[0]);
    [a, b, c].forEach((m) => m.dispose());
  });

  it('loss and all gradients equal a native-tfjs ResNet (stride-2 blocks, projections, α)', () => {
    const model = withActiveBranches(1);
    assertGradsClose(
      lossAndGrads(model, (x) => model.apply(x).output),
      reference,
      'cpu',
    );
    model.dispose();
  });

  it('rejects bad options and inputs', () => {
    assert.throws(
      () => createResNetSmall({ inputShape: [2, 32, 3] }, createRng(0)),
      /H, W ≥ 4, got \[2,32,3\]/,
    );
    assert.throws(
      () => createResNetSmall({ numClasses: 0 }, createRng(0)),
      /numClasses must be a positive integer, got 0/,
    );
    assert.throws(
      () => createResNetSmall({ blocksPerStage: 0 }, createRng(0)),
      /blocksPerStage must be a positive integer, got 0/,
    );
    assert.throws(
      () => createResNetSmall({ widths: [1, 2] as never }, createRng(0)),
      /widths must be 3 positive integers/,
    );
    const model = createResNetSmall(small, createRng(0));
    tf.tidy(() => {
      assert.throws(
        () => model.apply(tf.zeros([1, 8, 7, 3])),
        /x must have shape \(B, 8, 8, 3\).*got \(1, 8, 7, 3\)/,
      );
    });
    model.dispose();
  });
});

describe('createResNetSmall (wasm)', () => {
  before(async () => {
    await setupBackend('wasm');
  });

  it('forward and backward run on wasm and equal the native cpu reference', () => {
    const model = withActiveBranches(1);
    assertGradsClose(
      lossAndGrads(model, (x) => model.apply(x).output),
      reference,
      'wasm',
    );
    model.dispose();
  });

  it('3 SGD steps on a tiny CIFAR-shaped batch: finite, decreasing loss, no leak', () => {
    const model = createResNetSmall({ numClasses: 10 }, createRng(5));
    const rng = createRng(3);
    const n = 4;
    const x = tf.tensor4d(
      Float32Array.from({ length: n * 3072 }, () => rng.next()),
      [n, 32, 32, 3],
    );
    const y = tf.tensor1d(
      Int32Array.from({ length: n }, () => rng.int(10)),
      'int32',
    );
    const n0 = tf.memory().numTensors;
    const losses = sgdLosses(model, softmaxCrossEntropy, x, y, 3, 0.05);
    assert.equal(tf.memory().numTensors, n0, 'SGD steps leaked tensors');
    assert.ok(losses.every(Number.isFinite), `non-finite loss: ${losses}`);
    for (let t = 0; t < 3; t++) {
      assert.ok(
        losses[t + 1] < losses[t],
        `loss did not decrease at step ${t}: ${losses.map((v) => v.toFixed(4))}`,
      );
    }
    tf.dispose([x, y]);
    model.dispose();
  });
});
