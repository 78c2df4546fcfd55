import '../../src/builtins.js';
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '../../src/backend/setup-backend.js';
import { createTrainer } from '../../src/train/trainer.js';
import { resolveConfig } from '../../src/train/resolve-config.js';

describe('createTrainer / resolveConfig', () => {
  before(async () => {
    await setupBackend('cpu');
  });

  test('config precedence: global defaults < task defaults < options', () => {
    const c = resolveConfig({ task: 'poly6', method: 'is', lr: 0.5 });
    assert.equal(c.lr, 0.5); // option
    assert.equal(c.batchSize, 32); // poly6 default (global default is 64)
    assert.equal(c.methodOptions.alpha, 0.1); // the method's declared default
  });

  test('bad settings give errors that name them', () => {
    const base = { task: 'poly6', method: 'is' };
    assert.throws(
      () => resolveConfig({ ...base, task: 'cifar' }),
      /unknown task 'cifar'; allowed: poly6, poly6-monomial, toy2d/,
    );
    assert.throws(
      () => resolveConfig({ ...base, method: 'magic' }),
      /unknown method 'magic'; allowed: uniform/,
    );
    assert.throws(() => resolveConfig({ ...base, epochs: 0 }), /epochs must be an integer ≥ 1, got 0/);
    assert.throws(() => resolveConfig({ ...base, lr: -1 }), /lr must be a positive number, got -1/);
    assert.throws(() => resolveConfig({ ...base, importance: 'vibes' }), /vibes/);
    assert.throws(
      () => resolveConfig({ ...base, optimizer: 'rmsprop' as 'sgd' }),
      /optimizer must be one of sgd, adam, got 'rmsprop'/,
    );
  });

  test('batch larger than the dataset is an error', async () => {
    await assert.rejects(
      createTrainer({ task: 'poly6', method: 'uniform', batchSize: 100000, backend: 'cpu' }),
      /batchSize \(100000\) exceeds the training set size N = /,
    );
  });

  test('same seed ⇒ identical step records and evaluations; another seed differs', async () => {
    const run = async (seed: number) => {
      const t = await createTrainer({ task: 'poly6', method: 'is', seed, epochs: 3, backend: 'cpu' });
      const losses: number[] = [];
      while (!t.done) losses.push(t.runStep().record.batchLoss);
      const e = t.evaluate();
      t.dispose();
      return { losses, trainLoss: e.trainLoss, excess: e.excessLoss };
    };
    const a = await run(4);
    const b = await run(4);
    const c = await run(5);
    assert.deepEqual(a, b);
    assert.notDeepEqual(a.losses, c.losses);
  });

  test('no tensor leak per step (uniform, IS with every importance function, AS)', async () => {
    for (const [method, importance] of [
      ['uniform', 'output-grad'],
      ['is', 'output-grad'],
      ['is', 'loss'],
      ['is', 'dlis-last-layer'],
      ['is', 'output-grad-autodiff'],
      ['is', 'full-grad'],
      ['as', 'output-grad'],
    ]) {
      const t = await createTrainer({ task: 'toy2d', method, importance, epochs: 3, backend: 'cpu' });
      for (let i = 0; i < 30; i++) t.runStep(); // includes optimiser state creation and the init epoch
      const n0 = tf.memory().numTensors;
      for (let i = 0; i < 30; i++) t.runStep(); // main-loop steps
      assert.equal(tf.memory().numTensors, n0, `${method}/${importance} leaked tensors`);
      t.evaluate();
      assert.equal(tf.memory().numTensors, n0, `${method}/${importance} evaluation leaked tensors`);
      t.dispose();
    }
  });

  test('epoch accounting: IS has a full init epoch then floor(N/B) steps', async () => {
    const t = await createTrainer({ task: 'poly6', method: 'is', epochs: 2, batchSize: 30, backend: 'cpu' });
    const N = t.task.train.n;
    assert.equal(t.totalSteps, Math.ceil(N / 30) + Math.floor(N / 30));
    t.dispose();
  });
  test('msCpu: every step records its process CPU time; Σ msCpu = trainCpuSeconds · 1000', async () => {
    const t = await createTrainer({ task: 'poly6', method: 'is', epochs: 2, backend: 'cpu' });
    let sum = 0;
    let wall = 0;
    while (!t.done) {
      const { record } = t.runStep();
      assert.ok(
        Number.isFinite(record.msCpu) && record.msCpu > 0,
        `step ${record.step}: msCpu ${record.msCpu}`,
      );
      sum += record.msCpu;
      wall +=
        record.msScore + record.msSample + record.msGather + record.msForwardBackward + record.msImportance;
    }
    const e = t.evaluate();
    // Same numbers summed in the same order; 1e-9 relative covers the /1000 · 1000 round trip.
    assert.ok(
      Math.abs(e.trainCpuSeconds * 1000 - sum) <= 1e-9 * sum,
      `${e.trainCpuSeconds} s vs Σ ${sum} ms`,
    );
    assert.ok(Math.abs(e.trainSeconds * 1000 - wall) <= 1e-6 * wall, 'trainSeconds = Σ of the timed phases');
    t.dispose();
  });

  test("divergence stops the run with a clear error and releases the step's tensors", async () => {
    const t = await createTrainer({ task: 'poly6', method: 'is', lr: 1e30, epochs: 3, backend: 'cpu' });
    const n0 = tf.memory().numTensors;
    let err: unknown;
    for (let i = 0; i < 50 && err === undefined; i++) {
      try {
        t.runStep();
      } catch (e) {
        err = e;
      }
    }
    assert.match(
      String(err),
      /training diverged at step \d+ \(epoch \d+\): minibatch loss is (NaN|Infinity)/,
    );
    // The optimiser's state (SGD: none) aside, the count is back where it was before the first step.
    assert.equal(tf.memory().numTensors, n0, 'tensors leaked on the divergence path');
    t.dispose();
  });

  test('RAIS under the diagnostics wrapper keeps its schedule and stopping rule (one sampler, transparent)', async () => {
    const run = async (diagnosticsEvery: number) => {
      const t = await createTrainer({
        task: 'toy2d',
        method: 'rais',
        epochs: 3,
        diagnosticsEvery,
        backend: 'cpu',
      });
      assert.notEqual(t.sampler.scheduleProgress, undefined);
      const lrs: number[] = [];
      while (!t.done) lrs.push(t.runStep().record.lr);
      t.dispose();
      return { lrs, steps: lrs.length, totalSteps: t.totalSteps };
    };
    const bare = await run(0);
    const wrapped = await run(1);
    assert.deepEqual(wrapped, bare);
    assert.ok(bare.steps < bare.totalSteps, 'RAIS stops once t̃ reaches T, before the real step count does');
  });
});
