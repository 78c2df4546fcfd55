import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '../../src/backend/setup-backend.js';
import { fullGradImportance, perSampleGradNorms } from '../../src/importance/full-grad.js';
import { meanSquaredError } from '../../src/losses/mse.js';
import { softmaxCrossEntropy } from '../../src/losses/softmax-ce.js';
import { createLeNet5 } from '../../src/models/lenet5.js';
import { createLinearModel } from '../../src/models/linear.js';
import { createMlp } from '../../src/models/mlp.js';
import { createRng } from '../../src/random/rng.js';
import { makeContext, rows } from '../helpers/importance-context.js';
import { assertAllClose, centralDiff, mlpForward64, norm, softmaxCe64 } from '../helpers/reference.js';
import { paramValues } from '../helpers/sgd.js';

/** Splits a flat parameter vector θ into tensors of the given sizes. */
function unflatten(theta: Float64Array, sizes: number[]): Float64Array[] {
  const out: Float64Array[] = [];
  let o = 0;
  for (const s of sizes) {
    out.push(theta.subarray(o, o + s));
    o += s;
  }
  return out;
}

describe("importance 'full-grad' (cpu)", () => {
  before(async () => {
    await setupBackend('cpu');
  });

  it('is named and not cheap', () => {
    assert.equal(fullGradImportance.name, 'full-grad');
    assert.equal(fullGradImportance.cheap, false);
  });

  it('tiny tanh MLP: ‖g_b‖ equals the norm of the float64 finite-difference gradient over all 31 parameters', () => {
    const widths = [3, 4, 3];
    const model = createMlp({ inputSize: 3, hidden: [4], outputSize: 3, activation: 'tanh' }, createRng(1));
    assert.equal(model.numParams, 31);
    // Biases start at 0; give them values so that their gradients are generic.
    const rng = createRng(2);
    for (const p of model.params)
      p.assign(
        tf.tensor(
          Float32Array.from({ length: p.size }, () => rng.normal()),
          p.shape,
        ),
      );
    const xv = Float32Array.from({ length: 5 * 3 }, () => rng.normal());
    const yv = Int32Array.from({ length: 5 }, () => rng.int(3));
    const { ctx, dispose } = makeContext(
      model,
      softmaxCrossEntropy,
      tf.tensor2d(xv, [5, 3]),
      tf.tensor1d(yv, 'int32'),
    );
    const n0 = tf.memory().numTensors;
    const scores = fullGradImportance.score(ctx);
    const got = scores.dataSync();
    scores.dispose();
    assert.equal(tf.memory().numTensors, n0, 'scoring leaked');

    const params = paramValues(model);
    const sizes = params.map((p) => p.length);
    const theta = Float64Array.from(params.flatMap((p) => Array.from(p)));
    const ref = rows(xv, 3).map((x, b) =>
      norm(
        centralDiff(
          (th) => softmaxCe64(mlpForward64(unflatten(th, sizes), widths, 'tanh', x).output, yv[b]),
          theta,
        ),
      ),
    );
    // float32 backward of O(1) values (~1e-6 relative) vs float64 FD (h = 1e-6, error ≲ 1e-9): 1e-4 relative.
    assertAllClose(got, ref, { rtol: 1e-4, atol: 1e-6 }, '‖g_b‖');
    dispose();
    model.dispose();
  });

  it('linear model + MSE: ‖g_b‖ = ‖u_b‖·sqrt(‖x_b‖² + 1) in closed form (u = (2/C)(m − y))', () => {
    const model = createLinearModel({ inputSize: 6, outputSize: 2, init: 'glorot-uniform' }, createRng(3));
    const rng = createRng(4);
    const xv = Float32Array.from({ length: 4 * 6 }, () => rng.normal());
    const yv = Float32Array.from({ length: 4 * 2 }, () => rng.normal());
    const { ctx, dispose } = makeContext(
      model,
      meanSquaredError,
      tf.tensor2d(xv, [4, 6]),
      tf.tensor2d(yv, [4, 2]),
    );
    const scores = perSampleGradNorms(model, meanSquaredError, ctx.x, ctx.y);
    const [W, b] = paramValues(model);
    const ref = rows(xv, 6).map((x, r) => {
      const m = mlpForward64([W, b], [6, 2], 'none', x).output;
      const u = Array.from(m, (v, c) => (2 / 2) * (v - yv[r * 2 + c]));
      return norm(u) * Math.sqrt(norm(x) ** 2 + 1);
    });
    // float32 forward/backward of O(1) values: ~1e-6 relative.
    assertAllClose(scores.dataSync(), ref, { rtol: 1e-5, atol: 1e-6 }, '‖g_b‖ linear');
    scores.dispose();
    dispose();
    model.dispose();
  });

  it('rejects y whose batch differs from x', () => {
    const model = createLinearModel({ inputSize: 2, outputSize: 1 }, createRng(0));
    tf.tidy(() => {
      assert.throws(
        () => perSampleGradNorms(model, meanSquaredError, tf.zeros([3, 2]), tf.zeros([2, 1])),
        /y must have batch size 3 like x, got shape \(2, 1\)/,
      );
    });
    model.dispose();
  });
});

describe("importance 'full-grad' (wasm)", () => {
  const xShape = [3, 28, 28, 1];
  const rng = createRng(6);
  const xv = Float32Array.from({ length: 3 * 784 }, () => rng.next());
  const yv = new Int32Array([1, 7, 3]);
  let cpuScores: Float32Array = new Float32Array(0);

  before(async () => {
    await setupBackend('cpu');
    const model = createLeNet5({}, createRng(7));
    cpuScores = tf.tidy(() =>
      perSampleGradNorms(
        model,
        softmaxCrossEntropy,
        tf.tensor(xv, xShape),
        tf.tensor1d(yv, 'int32'),
      ).dataSync(),
    ) as Float32Array;
    model.dispose();
    await setupBackend('wasm');
  });

  it('LeNet-5 per-sample gradient norms on wasm equal those on cpu, without leaking', () => {
    const model = createLeNet5({}, createRng(7));
    const x = tf.tensor(xv, xShape);
    const y = tf.tensor1d(yv, 'int32');
    const n0 = tf.memory().numTensors;
    const scores = perSampleGradNorms(model, softmaxCrossEntropy, x, y);
    // Same float32 ops in different kernels/summation order: ~1e-6 relative; 1e-4 leaves margin.
    assertAllClose(scores.dataSync(), cpuScores, { rtol: 1e-4, atol: 1e-6 }, 'wasm ‖g_b‖');
    scores.dispose();
    assert.equal(tf.memory().numTensors, n0, 'scoring leaked');
    tf.dispose([x, y]);
    model.dispose();
  });
});
