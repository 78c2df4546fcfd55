import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '../../src/backend/setup-backend.js';
import { datasetGradients, exactTracesFromNorms } from '../../src/emais/exact-traces.js';
import { softmaxCrossEntropy } from '../../src/losses/softmax-ce.js';
import { createLinearModel } from '../../src/models/linear.js';
import { createRng } from '../../src/random/rng.js';

/** TF.js computes in float32: relative 1e-4 against the float64 reference. */
const TOL_F32 = 1e-4;

describe('exact traces', () => {
  before(async () => {
    await setupBackend('cpu');
  });

  it('exactTracesFromNorms: hand-worked values (N = 2, ‖g‖ = [1, 3], ‖G‖² = 1)', () => {
    // trU = (1 + 9)/2 − 1 = 4; trOpt = 2² − 1 = 3; p = [0.5, 0.5] ⇒ trIS = trU; p ∝ ‖g‖ ⇒ trIS = trOpt
    const u = exactTracesFromNorms([1, 3], 1, [0.5, 0.5], 8);
    assert.deepEqual([u.trIS, u.trU, u.trOpt, u.ems, u.efficiency], [4, 4, 3, 8, 1]);
    const o = exactTracesFromNorms([1, 3], 1, [0.25, 0.75], 8);
    assert.deepEqual([o.trIS, o.efficiency], [3, 0]);
    assert.throws(() => exactTracesFromNorms([1, NaN], 0, [0.5, 0.5], 1), /norms\[1\] must be finite/);
    assert.throws(() => exactTracesFromNorms([1, 1], 0, [1, 0], 1), /p\[1\] must be > 0 where ‖g_i‖ > 0/);
  });

  it('datasetGradients on a linear softmax model equals the float64 closed form g_i = [x_i; 1] ⊗ u_i', () => {
    const rng = createRng(5);
    const N = 7;
    const d = 3;
    const C = 4;
    const model = createLinearModel({ inputSize: d, outputSize: C, init: 'glorot-uniform' }, rng);
    const xs = Array.from({ length: N * d }, () => rng.normal());
    const ys = Array.from({ length: N }, (_, i) => i % C);
    const x = tf.tensor2d(xs, [N, d]);
    const y = tf.tensor1d(ys, 'int32');
    const W = model.params[0].arraySync() as number[][]; // (d, C)
    const b = model.params[1].arraySync() as number[]; // (C)
    const G = Array.from({ length: (d + 1) * C }, () => 0); // float64 mean of [x; 1] ⊗ u
    const norms: number[] = [];
    for (let i = 0; i < N; i++) {
      const xi = [...xs.slice(i * d, i * d + d), 1];
      const m = Array.from(
        { length: C },
        (_, k) => b[k] + xi.slice(0, d).reduce((s, v, j) => s + v * W[j][k], 0),
      );
      const mx = Math.max(...m);
      const e = m.map((v) => Math.exp(v - mx));
      const z = e.reduce((a, c) => a + c, 0);
      const u = e.map((v, k) => v / z - (k === ys[i] ? 1 : 0)); // softmax − onehot
      norms.push(Math.hypot(...u) * Math.hypot(...xi));
      xi.forEach((xv, j) => u.forEach((uv, k) => (G[j * C + k] += (xv * uv) / N)));
    }
    const gSq = G.reduce((a, v) => a + v * v, 0);
    const before = tf.memory().numTensors;
    const r = datasetGradients(model, softmaxCrossEntropy, x, y, 3); // chunks of 3, 3, 1
    assert.equal(tf.memory().numTensors, before, 'no leaks');
    for (let i = 0; i < N; i++) {
      assert.ok(
        Math.abs(r.norms[i] - norms[i]) <= TOL_F32 * norms[i],
        `‖g_${i}‖ ${r.norms[i]} vs ${norms[i]}`,
      );
    }
    assert.ok(Math.abs(r.gSq - gSq) <= TOL_F32 * gSq, `‖G‖² ${r.gSq} vs ${gSq}`);
    tf.dispose([x, y]);
    model.dispose();
  });
});
