import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '../../src/backend/setup-backend.js';
import { feedTechniqueScores } from '../../src/estimators/feed-technique-scores.js';
import { softmaxCrossEntropy } from '../../src/losses/softmax-ce.js';
import type { Loss } from '../../src/losses/types.js';
import type { MisSampler } from '../../src/samplers/mis-sampler.js';
import { assertAllClose } from '../helpers/reference.js';

// Closed form vs autodiff in float32: 1e-6 absolute on |u| ≤ 1.
const F32 = { rtol: 0, atol: 1e-6 };

function recorder(J: number) {
  const got: { scores: Float64Array; K: number }[] = [];
  const s = {
    name: 'mis',
    J,
    setTechniqueScores: (scores: Float64Array, K: number) => void got.push({ scores, K }),
  };
  return { sampler: s as unknown as MisSampler, got };
}

describe('feedTechniqueScores', () => {
  before(async () => {
    await setupBackend('cpu');
  });

  it('hands |u| per output node (K = C), the same with the closed form and with autodiff; no leak', () => {
    const m = tf.tensor2d([1, 2, 0.5, -1, 0, 3], [2, 3]);
    const h = tf.tensor2d([0, 0], [2, 1]);
    const y = tf.tensor1d([2, 0], 'int32');
    const noClosedForm: Loss = {
      name: 'ce-autodiff',
      classification: true,
      perSample: softmaxCrossEntropy.perSample,
    };
    const a = recorder(2);
    const b = recorder(2);
    const n0 = tf.memory().numTensors;
    feedTechniqueScores(a.sampler, softmaxCrossEntropy, m, h, y);
    feedTechniqueScores(b.sampler, noClosedForm, m, h, y);
    assert.equal(tf.memory().numTensors, n0, 'leaked tensors');
    assert.equal(a.got[0].K, 3);
    // row 0: softmax(1, 2, 0.5) − e_2
    const e = [Math.exp(1), Math.exp(2), Math.exp(0.5)];
    const z = e[0] + e[1] + e[2];
    assertAllClose(
      a.got[0].scores.subarray(0, 3),
      [e[0] / z, e[1] / z, 1 - e[2] / z],
      F32,
      'closed form row 0',
    );
    assertAllClose(b.got[0].scores, a.got[0].scores, F32, 'autodiff vs closed form');
    tf.dispose([m, h, y]);
  });

  it("nodes 'groups': hands the J group norms ‖u_G_j‖ (K = J) of softmax − onehot (float64 closed form)", () => {
    const m = tf.tensor2d([1, 2, 0.5, -1, 0, 3], [2, 3]);
    const h = tf.tensor2d([0, 0], [2, 1]);
    const y = tf.tensor1d([2, 0], 'int32');
    const r = recorder(2);
    const n0 = tf.memory().numTensors;
    feedTechniqueScores(r.sampler, softmaxCrossEntropy, m, h, y, 'groups');
    assert.equal(tf.memory().numTensors, n0, 'leaked tensors');
    assert.equal(r.got[0].K, 2);
    // C = 3, J = 2 → groups {0, 1}, {2}; u = softmax(m_b) − e_{y_b}
    const ref = [
      [[1, 2, 0.5], 2],
      [[-1, 0, 3], 0],
    ].flatMap(([row, label]) => {
      const e = (row as number[]).map(Math.exp);
      const z = e[0] + e[1] + e[2];
      const u = e.map((v, c) => v / z - (c === label ? 1 : 0));
      return [Math.hypot(u[0], u[1]), Math.abs(u[2])];
    });
    assertAllClose(r.got[0].scores, ref, F32, 'group norms');
    tf.dispose([m, h, y]);
  });
});
