import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '../../src/backend/setup-backend.js';
import {
  outputGradAutodiff,
  outputGradAutodiffImportance,
} from '../../src/importance/output-grad-autodiff.js';
import { meanSquaredError } from '../../src/losses/mse.js';
import { softmaxCrossEntropy } from '../../src/losses/softmax-ce.js';
import type { Loss } from '../../src/losses/types.js';
import { createRng } from '../../src/random/rng.js';
import { makeContext, rows } from '../helpers/importance-context.js';
import { assertAllClose, centralDiff, mse64, norm, softmaxCe64 } from '../helpers/reference.js';
import { createLinearModel } from '../../src/models/linear.js';

// float32 autodiff vs float64 central differences (h = 1e-6; truncation ≤ 1e-12, round-off ≈ 1e-10) of
// O(1) quantities: the float32 side dominates at ~1e-7 relative; 1e-5 leaves margin.
const TOL = { rtol: 1e-5, atol: 1e-6 };
const [B, D, C] = [5, 3, 4];

/**
 * Context on a linear model with random weights (the model is irrelevant here: only the output batch M
 * matters) and the float64 reference: u_b = central differences of the float64 per-sample loss at m_b.
 */
function check(loss: Loss, seed: number): void {
  const model = createLinearModel({ inputSize: D, outputSize: C, init: 'glorot-uniform' }, createRng(seed));
  const rng = createRng(seed + 1);
  const x = tf.tensor2d(
    Float32Array.from({ length: B * D }, () => 2 * rng.normal()),
    [B, D],
  );
  const yv = loss.classification
    ? Int32Array.from({ length: B }, () => rng.int(C))
    : Float32Array.from({ length: B * C }, () => rng.normal());
  const y = loss.classification ? tf.tensor1d(yv, 'int32') : tf.tensor2d(yv, [B, C]);
  const { ctx, dispose } = makeContext(model, loss, x, y);
  const m = rows(ctx.output.dataSync(), C);
  const yRows = loss.classification ? null : rows(yv, C);
  const f = (b: number) => (mm: Float64Array) => (yRows ? mse64(mm, yRows[b]) : softmaxCe64(mm, yv[b]));
  const uRef = m.map((mb, b) => centralDiff(f(b), mb));

  const n0 = tf.memory().numTensors;
  const u = outputGradAutodiff(loss, ctx.output, ctx.y);
  const scores = outputGradAutodiffImportance.score(ctx);
  assertAllClose(
    u.dataSync(),
    uRef.flatMap((r) => Array.from(r)),
    TOL,
    `${loss.name}: u rows`,
  );
  assertAllClose(scores.dataSync(), uRef.map(norm), TOL, `${loss.name}: φ = ‖u‖`);
  if (loss.outputGrad) {
    const closed = loss.outputGrad(ctx.output, ctx.y);
    assertAllClose(u.dataSync(), closed.dataSync(), TOL, `${loss.name}: autodiff vs closed form`);
    closed.dispose();
  }
  tf.dispose([u, scores]);
  assert.equal(tf.memory().numTensors, n0, 'leaked tensors');
  dispose();
  model.dispose();
}

describe("importance 'output-grad-autodiff' (cpu)", () => {
  before(async () => {
    await setupBackend('cpu');
  });

  it('is cheap and named', () => {
    assert.equal(outputGradAutodiffImportance.name, 'output-grad-autodiff');
    assert.equal(outputGradAutodiffImportance.cheap, true);
  });

  it('softmax-CE: rows of ∂(Σ ℓ)/∂M equal float64 finite differences and the closed form', () => {
    check(softmaxCrossEntropy, 1);
  });

  it('MSE: rows of ∂(Σ ℓ)/∂M equal float64 finite differences and the closed form', () => {
    check(meanSquaredError, 2);
  });
});

describe("importance 'output-grad-autodiff' (wasm)", () => {
  before(async () => {
    await setupBackend('wasm');
  });

  it('softmax-CE and MSE on wasm', () => {
    check(softmaxCrossEntropy, 3);
    check(meanSquaredError, 4);
  });
});
