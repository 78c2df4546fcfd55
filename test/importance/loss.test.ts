import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '../../src/backend/setup-backend.js';
import { lossImportance } from '../../src/importance/loss.js';
import { softmaxCrossEntropy } from '../../src/losses/softmax-ce.js';
import { createMlp } from '../../src/models/mlp.js';
import { createRng } from '../../src/random/rng.js';
import { makeContext, rows } from '../helpers/importance-context.js';
import { assertAllClose, mlpForward64, softmaxCe64 } from '../helpers/reference.js';
import { paramValues } from '../helpers/sgd.js';

describe("importance 'loss'", () => {
  before(async () => {
    await setupBackend('cpu');
  });

  it('is cheap and named', () => {
    assert.equal(lossImportance.name, 'loss');
    assert.equal(lossImportance.cheap, true);
  });

  it('φ_b = ℓ_b (float64 reference of the tiny MLP), as a new tensor', () => {
    const model = createMlp({ inputSize: 4, hidden: [5], outputSize: 3, activation: 'tanh' }, createRng(1));
    const rng = createRng(2);
    const xv = Float32Array.from({ length: 6 * 4 }, () => rng.normal());
    const yv = Int32Array.from({ length: 6 }, () => rng.int(3));
    const { ctx, dispose } = makeContext(
      model,
      softmaxCrossEntropy,
      tf.tensor2d(xv, [6, 4]),
      tf.tensor1d(yv, 'int32'),
    );
    const n0 = tf.memory().numTensors;
    const scores = lossImportance.score(ctx);
    assert.notEqual(scores, ctx.losses);
    const params = paramValues(model);
    const ref = rows(xv, 4).map((x, b) =>
      softmaxCe64(mlpForward64(params, [4, 5, 3], 'tanh', x).output, yv[b]),
    );
    // float32 forward and loss of O(1) values: ~1e-6 relative; 1e-5 leaves margin.
    assertAllClose(scores.dataSync(), ref, { rtol: 1e-5, atol: 1e-5 }, 'φ = ℓ');
    scores.dispose();
    assert.equal(tf.memory().numTensors, n0, 'scoring leaked');
    assert.equal(ctx.losses.isDisposed, false, 'disposing the scores disposed ctx.losses');
    dispose();
    model.dispose();
  });

  it('rejects losses whose batch does not match the output', () => {
    const model = createMlp({ inputSize: 2, hidden: [], outputSize: 2 }, createRng(0));
    const { ctx, dispose } = makeContext(
      model,
      softmaxCrossEntropy,
      tf.zeros([3, 2]),
      tf.tensor1d([0, 1, 0], 'int32'),
    );
    const bad = { ...ctx, losses: tf.zeros([2]) as tf.Tensor1D };
    assert.throws(() => lossImportance.score(bad), /ctx.losses must have shape \(3\).*got \(2\)/);
    bad.losses.dispose();
    dispose();
    model.dispose();
  });
});
