import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '../../src/backend/setup-backend.js';
import { createAdam, createOptimizer, createSgd } from '../../src/train/optimizer.js';

const TOL = 1e-6; // float32 arithmetic on values of order 1

function close(actual: number, expected: number, what: string): void {
  assert.ok(
    Math.abs(actual - expected) <= TOL * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} vs ${expected} (tol ${TOL})`,
  );
}

describe('optimizers', () => {
  before(async () => {
    await setupBackend('cpu');
  });

  test('SGD with momentum and weight decay, two hand-worked steps', () => {
    // θ0 = 1, g = 0.5 both steps, wd = 0.1, μ = 0.9, η = 0.1.
    // step 1: g' = 0.5 + 0.1·1 = 0.6;  v = 0.6;              θ = 1 − 0.06 = 0.94
    // step 2: g' = 0.5 + 0.094 = 0.594; v = 0.9·0.6 + 0.594 = 1.134; θ = 0.94 − 0.1134 = 0.8266
    const p = tf.variable(tf.scalar(1));
    const opt = createSgd({ momentum: 0.9, weightDecay: 0.1 });
    const g = tf.scalar(0.5);
    opt.step([p], [g], 0.1);
    close(p.dataSync()[0], 0.94, 'after step 1');
    opt.step([p], [g], 0.1);
    close(p.dataSync()[0], 0.8266, 'after step 2');
    opt.dispose();
    tf.dispose([p, g]);
  });

  test('Adam, two hand-worked steps', () => {
    // θ0 = 1, g1 = 0.5, g2 = −0.25, η = 0.1, β1 = 0.9, β2 = 0.999, ε = 1e-8.
    // t=1: m = 0.05, v = 0.00025; m̂ = 0.5, v̂ = 0.25; θ = 1 − 0.1·0.5/0.5 = 0.9
    // t=2: m = 0.045 − 0.025 = 0.02, v = 0.00024975 + 0.0000625 = 0.00031225;
    //      m̂ = 0.02/0.19 = 0.105263…, v̂ = 0.00031225/0.001999 = 0.156203…; θ = 0.9 − 0.1·0.105263/0.395225 = 0.873367…
    const p = tf.variable(tf.scalar(1));
    const opt = createAdam();
    opt.step([p], [tf.scalar(0.5)], 0.1);
    close(p.dataSync()[0], 0.9, 'after step 1');
    opt.step([p], [tf.scalar(-0.25)], 0.1);
    const mhat = 0.02 / 0.19;
    const vhat = 0.00031225 / (1 - 0.999 * 0.999);
    close(p.dataSync()[0], 0.9 - (0.1 * mhat) / (Math.sqrt(vhat) + 1e-8), 'after step 2');
    opt.dispose();
    p.dispose();
  });

  test('no tensor leak per step', () => {
    const p = tf.variable(tf.ones([3, 2]));
    const g = tf.ones([3, 2]);
    for (const opt of [createSgd({ momentum: 0.9, weightDecay: 1e-3 }), createAdam({ weightDecay: 1e-3 })]) {
      opt.step([p], [g], 0.01); // creates the state
      const before = tf.memory().numTensors;
      for (let i = 0; i < 5; i++) opt.step([p], [g], 0.01);
      assert.equal(tf.memory().numTensors, before, `${opt.name} leaked tensors`);
      opt.dispose();
    }
    tf.dispose([p, g]);
  });

  test('bad inputs are rejected with named parameters', () => {
    assert.throws(() => createSgd({ momentum: 1 }), /momentum must be in \[0, 1\), got 1/);
    assert.throws(() => createSgd({ weightDecay: -1 }), /weightDecay/);
    assert.throws(() => createAdam({ beta2: 1.5 }), /beta2/);
    assert.throws(() => createOptimizer('rmsprop'), /unknown optimizer 'rmsprop'; allowed: sgd, adam/);
    const p = tf.variable(tf.scalar(1));
    assert.throws(() => createSgd().step([p], [], 0.1), /1 parameters but 0 gradients/);
    assert.throws(() => createSgd().step([p], [tf.scalar(1)], Number.NaN), /learning rate must be finite/);
    p.dispose();
  });
});
