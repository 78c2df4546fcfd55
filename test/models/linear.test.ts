import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '../../src/backend/setup-backend.js';
import { meanSquaredError } from '../../src/losses/mse.js';
import { createLinearModel, linearModelDefaults } from '../../src/models/linear.js';
import { createRng } from '../../src/random/rng.js';
import { assertAllClose, mlpForward64 } from '../helpers/reference.js';
import { paramValues, sgdLosses } from '../helpers/sgd.js';

// float32 sums of 6 products of O(1) numbers: ~1e-7 relative; 1e-5 leaves margin.
const TOL = { rtol: 1e-5, atol: 1e-5 };

describe('createLinearModel', () => {
  before(async () => {
    await setupBackend('cpu');
  });

  it('defaults to zero weights and bias; numParams = d·C + C; name', () => {
    assert.deepEqual(linearModelDefaults, { init: 'zeros' });
    const model = createLinearModel({ inputSize: 6, outputSize: 1 }, createRng(0));
    assert.equal(model.name, 'linear(6-1)');
    assert.equal(model.numParams, 7);
    assert.equal(
      model.params.reduce((s, p) => s + p.size, 0),
      7,
    );
    assert.deepEqual(model.params[0].shape, [6, 1]);
    assert.deepEqual(model.params[1].shape, [1]);
    assert.ok(paramValues(model).every((v) => v.every((e) => e === 0)));
    model.dispose();
  });

  it('output = x W + b (float64 reference) and hidden = x, for (B, d) and (B, ...) inputs', () => {
    const model = createLinearModel({ inputSize: 6, outputSize: 2, init: 'glorot-uniform' }, createRng(1));
    const rng = createRng(2);
    const xv = Float32Array.from({ length: 4 * 6 }, () => rng.normal());
    const params = paramValues(model);
    for (const shape of [
      [4, 6],
      [4, 2, 3],
    ]) {
      tf.tidy(() => {
        const { output, hidden } = model.apply(tf.tensor(xv, shape));
        assert.deepEqual(output.shape, [4, 2]);
        assert.deepEqual(hidden.shape, [4, 6]);
        assertAllClose(hidden.dataSync(), xv, { rtol: 0, atol: 0 }, 'hidden = x');
        const ref = Array.from({ length: 4 }, (_, b) =>
          Array.from(mlpForward64(params, [6, 2], 'none', xv.subarray(b * 6, b * 6 + 6)).output),
        ).flat();
        assertAllClose(output.dataSync(), ref, TOL, `output for x shape (${shape})`);
      });
    }
    model.dispose();
  });

  it('hidden is a separate tensor: disposing it leaves x usable', () => {
    const model = createLinearModel({ inputSize: 3, outputSize: 1 }, createRng(0));
    const x = tf.tensor2d([[1, 2, 3]]);
    const { output, hidden } = model.apply(x);
    assert.notEqual(hidden, x);
    tf.dispose([output, hidden]);
    assert.deepEqual(Array.from(x.dataSync()), [1, 2, 3]);
    x.dispose();
    model.dispose();
  });

  it('same seed ⇒ identical random weights; different seed ⇒ different', () => {
    const make = (seed: number) =>
      createLinearModel({ inputSize: 6, outputSize: 1, init: 'lecun-uniform' }, createRng(seed));
    const [a, b, c] = [make(3), make(3), make(4)];
    assert.deepEqual(paramValues(a), paramValues(b));
    assert.notDeepEqual(paramValues(a)[0], paramValues(c)[0]);
    [a, b, c].forEach((m) => m.dispose());
  });

  it('rejects bad options and inputs', () => {
    assert.throws(
      () => createLinearModel({ inputSize: 0, outputSize: 1 }, createRng(0)),
      /inputSize must be a positive integer, got 0/,
    );
    assert.throws(
      () => createLinearModel({ inputSize: 2, outputSize: 1, init: 'ones' as never }, createRng(0)),
      /init must be one of .*; got 'ones'/,
    );
    const model = createLinearModel({ inputSize: 3, outputSize: 1 }, createRng(0));
    tf.tidy(() => {
      assert.throws(() => model.apply(tf.zeros([2, 4])), /x must have shape \(B, 3\).*got \(2, 4\)/);
      assert.throws(() => model.apply(tf.zeros([2, 3], 'int32')), /x must be float32, got int32/);
    });
    model.dispose();
  });

  it('trains on wasm (least squares on 6 features) without leaking', async () => {
    await setupBackend('wasm');
    const model = createLinearModel({ inputSize: 6, outputSize: 1 }, createRng(0));
    const rng = createRng(5);
    const x = tf.tensor2d(
      Float32Array.from({ length: 32 * 6 }, () => rng.normal()),
      [32, 6],
    );
    const y = tf.tensor2d(
      Float32Array.from({ length: 32 }, () => rng.normal()),
      [32, 1],
    );
    const n0 = tf.memory().numTensors;
    const losses = sgdLosses(model, meanSquaredError, x, y, 20, 0.05);
    assert.equal(tf.memory().numTensors, n0, 'SGD steps leaked tensors');
    // Convex problem, lr well below 2/λ_max: the loss decreases monotonically.
    for (let t = 1; t < losses.length; t++)
      assert.ok(losses[t] < losses[t - 1], `loss rose at step ${t}: ${losses}`);
    tf.dispose([x, y]);
    model.dispose();
    await setupBackend('cpu');
  });
});
