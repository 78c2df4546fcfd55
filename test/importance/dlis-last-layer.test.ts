import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '../../src/backend/setup-backend.js';
import { dlisLastLayerImportance } from '../../src/importance/dlis-last-layer.js';
import { fullGradImportance } from '../../src/importance/full-grad.js';
import { meanSquaredError } from '../../src/losses/mse.js';
import { softmaxCrossEntropy } from '../../src/losses/softmax-ce.js';
import { createLinearModel } from '../../src/models/linear.js';
import { createMlp } from '../../src/models/mlp.js';
import { createRng } from '../../src/random/rng.js';
import { makeContext, rows } from '../helpers/importance-context.js';
import { assertAllClose, centralDiff, mlpForward64, norm, softmaxCe64 } from '../helpers/reference.js';
import { paramValues } from '../helpers/sgd.js';

const [B, D, H, C] = [5, 4, 6, 3];

/** MLP D-H-C (relu), softmax-CE: φ vs float64 FD of the loss w.r.t. the last layer's (W_L, b_L). */
function checkMlp(seed: number): void {
  const model = createMlp({ inputSize: D, hidden: [H], outputSize: C, activation: 'relu' }, createRng(seed));
  const rng = createRng(seed + 1);
  const xv = Float32Array.from({ length: B * D }, () => rng.normal());
  const yv = Int32Array.from({ length: B }, () => rng.int(C));
  const { ctx, dispose } = makeContext(
    model,
    softmaxCrossEntropy,
    tf.tensor2d(xv, [B, D]),
    tf.tensor1d(yv, 'int32'),
  );
  const n0 = tf.memory().numTensors;
  const scores = dlisLastLayerImportance.score(ctx);
  const got = scores.dataSync();
  scores.dispose();
  assert.equal(tf.memory().numTensors, n0, 'scoring leaked');

  const [W1, b1, W2, b2] = paramValues(model);
  const ref = rows(xv, D).map((x, b) => {
    const h = mlpForward64([W1, b1], [D, H], 'none', x).output.map((v) => Math.max(v, 0)); // relu(x W1 + b1)
    const theta = Float64Array.from([...W2, ...b2]);
    const f = (th: Float64Array) =>
      softmaxCe64(mlpForward64([th.subarray(0, H * C), th.subarray(H * C)], [H, C], 'none', h).output, yv[b]);
    return norm(centralDiff(f, theta));
  });
  // float32 forward (~1e-6 relative) vs float64 FD of the last-layer gradient (h = 1e-6, error ≲ 1e-9).
  assertAllClose(got, ref, { rtol: 1e-4, atol: 1e-6 }, '‖∂ℓ/∂(W_L, b_L)‖');
  dispose();
  model.dispose();
}

describe("importance 'dlis-last-layer' (cpu)", () => {
  before(async () => {
    await setupBackend('cpu');
  });

  it('is cheap and named', () => {
    assert.equal(dlisLastLayerImportance.name, 'dlis-last-layer');
    assert.equal(dlisLastLayerImportance.cheap, true);
  });

  it('MLP + softmax-CE: ‖u‖·sqrt(‖h‖² + 1) = norm of the float64 FD gradient w.r.t. the last layer', () => {
    checkMlp(1);
  });

  it("poly6 case (linear model, 6 features → 1, MSE): equals 'full-grad' and the closed form", () => {
    const model = createLinearModel({ inputSize: 6, outputSize: 1, init: 'lecun-uniform' }, createRng(2));
    const rng = createRng(3);
    // Legendre features of x ∈ [−1, 1] are bounded by 1: use uniform features of that size.
    const xv = Float32Array.from({ length: 8 * 6 }, () => 2 * rng.next() - 1);
    const yv = Float32Array.from({ length: 8 }, () => rng.normal());
    const { ctx, dispose } = makeContext(
      model,
      meanSquaredError,
      tf.tensor2d(xv, [8, 6]),
      tf.tensor2d(yv, [8, 1]),
    );
    const dlis = dlisLastLayerImportance.score(ctx);
    const full = fullGradImportance.score(ctx);
    const [W, b] = paramValues(model);
    const ref = rows(xv, 6).map((x, r) => {
      const m = mlpForward64([W, b], [6, 1], 'none', x).output[0];
      return Math.abs(2 * (m - yv[r])) * Math.sqrt(norm(x) ** 2 + 1); // |u| = |(2/1)(m − y)|
    });
    // Both float32 (~1e-6 relative): 1e-5.
    assertAllClose(dlis.dataSync(), full.dataSync(), { rtol: 1e-5, atol: 1e-6 }, "dlis vs 'full-grad'");
    assertAllClose(dlis.dataSync(), ref, { rtol: 1e-5, atol: 1e-6 }, 'dlis vs closed form');
    tf.dispose([dlis, full]);
    dispose();
    model.dispose();
  });

  it('rejects a hidden batch that does not match the output', () => {
    const model = createMlp({ inputSize: 2, hidden: [3], outputSize: 2 }, createRng(0));
    const { ctx, dispose } = makeContext(
      model,
      softmaxCrossEntropy,
      tf.zeros([3, 2]),
      tf.tensor1d([0, 1, 0], 'int32'),
    );
    const bad = { ...ctx, hidden: tf.zeros([2, 3]) as tf.Tensor2D };
    assert.throws(
      () => dlisLastLayerImportance.score(bad),
      /ctx.hidden must have shape \(3, H\), got \(2, 3\)/,
    );
    bad.hidden.dispose();
    dispose();
    model.dispose();
  });
});

describe("importance 'dlis-last-layer' (wasm)", () => {
  before(async () => {
    await setupBackend('wasm');
  });

  it('MLP + softmax-CE on wasm', () => {
    checkMlp(4);
  });
});
