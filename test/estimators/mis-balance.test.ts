import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '../../src/backend/setup-backend.js';
import { createMisBalanceEstimator } from '../../src/estimators/mis-balance.js';
import { meanSquaredError } from '../../src/losses/mse.js';
import { createLinearModel } from '../../src/models/linear.js';
import { createRng } from '../../src/random/rng.js';
import type { MisSampler } from '../../src/samplers/mis-sampler.js';
import { assertAllClose } from '../helpers/reference.js';

// float32 gradients vs a float64 closed form: 1e-5 relative, 1e-6 absolute.
const F32 = { rtol: 1e-5, atol: 1e-6 };

describe('mis-balance estimator', () => {
  before(async () => {
    await setupBackend('cpu');
  });

  it('is one backward pass of (1/B) Σ λ_b ℓ_b and feeds coefficient-group scores to the sampler', () => {
    const [B, D] = [4, 3];
    const rng = createRng(1);
    const model = createLinearModel({ inputSize: D, outputSize: 1 }, rng);
    const xv = Float32Array.from({ length: B * D }, () => rng.normal());
    const yv = Float32Array.from({ length: B }, () => rng.normal());
    const x = tf.tensor2d(xv, [B, D]);
    const y = tf.tensor2d(yv, [B, 1]);
    const got: Float64Array[] = [];
    const sampler = {
      name: 'mis',
      J: 2,
      setTechniqueScores: (s: Float64Array) => void got.push(s),
    } as unknown as MisSampler;
    const est = createMisBalanceEstimator({ n: 10, options: {}, sampler });
    const lambda = Float64Array.of(0.5, 2, 1, 1.5);
    const n0 = tf.memory().numTensors;
    const out = est.estimate({
      model,
      loss: meanSquaredError,
      x,
      y,
      batch: { indices: Int32Array.of(0, 1, 2, 3), weights: lambda, probs: new Float64Array(4) },
      afterForward: () => ({ weights: lambda, lrScale: 1 }),
    });
    // Reference: residual r = m − y at θ; with ℓ = loss.perSample, u = ∂ℓ/∂m from the loss closed form.
    const uT = meanSquaredError.outputGrad!(out.output, y);
    const u = uT.dataSync();
    uT.dispose();
    const gW = new Float64Array(D);
    let gb = 0;
    for (let b = 0; b < B; b++) {
      for (let d = 0; d < D; d++) gW[d] += (lambda[b] * u[b] * xv[b * D + d]) / B; // (1/B) Σ λ u x
      gb += (lambda[b] * u[b]) / B;
    }
    const [W, bias] =
      model.params[0].shape.length === 2 ? [out.grads[0], out.grads[1]] : [out.grads[1], out.grads[0]];
    assertAllClose(W.dataSync(), gW, F32, '∂/∂W');
    assertAllClose(bias.dataSync(), [gb], F32, '∂/∂b');
    // Scores: groups of [1, x_1, x_2, x_3] into J = 2: {1, x_1}, {x_2, x_3}
    assert.equal(got.length, 1);
    const ref = Array.from({ length: B }, (_, b) => [
      Math.abs(u[b]) * Math.sqrt(1 + xv[b * D] ** 2),
      Math.abs(u[b]) * Math.sqrt(xv[b * D + 1] ** 2 + xv[b * D + 2] ** 2),
    ]).flat();
    assertAllClose(got[0], ref, F32, 'technique scores');
    tf.dispose([...out.grads, out.output, out.hidden, out.losses]);
    assert.equal(tf.memory().numTensors, n0, 'leaked tensors');
    model.dispose();
    tf.dispose([x, y]);
  });

  it('rejects a non-MIS sampler', () => {
    assert.throws(
      () =>
        createMisBalanceEstimator({
          n: 4,
          options: {},
          sampler: { name: 'uniform' } as unknown as MisSampler,
        }),
      /needs the 'mis' sampler, got 'uniform'/,
    );
  });

  it('rejects a nodes option outside its declaration', () => {
    const sampler = { name: 'mis', J: 2, setTechniqueScores: () => {} } as unknown as MisSampler;
    assert.throws(
      () => createMisBalanceEstimator({ n: 4, options: { nodes: 'all' }, sampler }),
      /mis-balance estimator: option nodes must be one of groups, top, got "all"/,
    );
  });
});
