import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '../../src/backend/setup-backend.js';
import { fullGradientTraces } from '../../src/emais/full-gradient-traces.js';
import { varianceTracesFromVectors } from '../../src/emais/variance-traces.js';
import { softmaxCrossEntropy } from '../../src/losses/softmax-ce.js';
import { createLinearModel } from '../../src/models/linear.js';
import { createRng } from '../../src/random/rng.js';

/** TF.js computes in float32: relative 1e-4 against the float64 reference. */
const TOL_F32 = 1e-4;

describe('fullGradientTraces', () => {
  before(async () => {
    await setupBackend('cpu');
  });

  it('equals the estimators applied to float64 closed-form gradients g_b = [x_b; 1] ⊗ u_b (linear softmax)', () => {
    const rng = createRng(11);
    const B = 6;
    const d = 2;
    const C = 3;
    const model = createLinearModel({ inputSize: d, outputSize: C, init: 'glorot-uniform' }, rng);
    const xs = Array.from({ length: B * d }, () => rng.normal());
    const ys = Array.from({ length: B }, (_, i) => (2 * i) % C);
    const lambda = [0.5, 2, 1, 1.5, 0.8, 3];
    const W = model.params[0].arraySync() as number[][]; // (d, C); b = 0
    const vecs: number[] = []; // (B × (d+1)·C) flattened outer products
    for (let i = 0; i < B; i++) {
      const xi = [...xs.slice(i * d, i * d + d), 1];
      const m = Array.from({ length: C }, (_, k) => xi.slice(0, d).reduce((s, v, j) => s + v * W[j][k], 0));
      const mx = Math.max(...m);
      const e = m.map((v) => Math.exp(v - mx));
      const z = e.reduce((a, c) => a + c, 0);
      const u = e.map((v, k) => v / z - (k === ys[i] ? 1 : 0));
      for (const xv of xi) for (const uv of u) vecs.push(xv * uv);
    }
    const x = tf.tensor2d(xs, [B, d]);
    const y = tf.tensor1d(ys, 'int32');
    for (const unbiased of [false, true]) {
      const ref = varianceTracesFromVectors(lambda, vecs, (d + 1) * C, { unbiased });
      const got = fullGradientTraces(model, softmaxCrossEntropy, x, y, lambda, { unbiased });
      for (const k of ['trIS', 'trU', 'trOpt', 'K'] as const) {
        const bound = TOL_F32 * Math.max(Math.abs(ref[k]), ref.S2);
        assert.ok(
          Math.abs(got[k] - ref[k]) <= bound,
          `${k} (unbiased ${unbiased}): ${got[k]} vs ${ref[k]}, tol ${bound}`,
        );
      }
    }
    assert.throws(
      () => fullGradientTraces(model, softmaxCrossEntropy, x, y, [1]),
      /lambda must have length B = 6, got 1/,
    );
    tf.dispose([x, y]);
    model.dispose();
  });
});
