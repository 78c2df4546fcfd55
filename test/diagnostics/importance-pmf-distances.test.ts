import '../../src/builtins.js';
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '../../src/backend/setup-backend.js';
import { gatherBatch, type Dataset } from '../../src/data/dataset.js';
import { distributionDistance } from '../../src/diagnostics/distribution-distance.js';
import { importancePmfDistances } from '../../src/diagnostics/importance-pmf-distances.js';
import { perSampleGradNorms } from '../../src/importance/full-grad.js';
import { softmaxCrossEntropy } from '../../src/losses/softmax-ce.js';
import { createMlp } from '../../src/models/mlp.js';
import { createRng } from '../../src/random/rng.js';

function data(n: number): Dataset {
  const rng = createRng(4);
  return {
    name: 'synthetic',
    n,
    xShape: [4],
    x: Float32Array.from({ length: n * 4 }, () => rng.normal()),
    yShape: [],
    y: Int32Array.from({ length: n }, () => rng.int(3)),
    numClasses: 3,
  };
}

describe('importancePmfDistances (cpu)', () => {
  before(async () => {
    await setupBackend('cpu');
  });

  it('uniform distance equals ‖1/M − p*‖₂ from the reference norms; the oracle itself is at distance 0, ρ = 1', () => {
    const model = createMlp({ inputSize: 4, hidden: [5], outputSize: 3, activation: 'tanh' }, createRng(1));
    const ds = data(30);
    const idx = Int32Array.from([3, 7, 1, 20, 25, 11, 12, 29]);
    const b = gatherBatch(ds, idx);
    const g = perSampleGradNorms(model, softmaxCrossEntropy, b.x, b.y);
    const gv = Float64Array.from(g.dataSync());
    tf.dispose([g, b.x, b.y]);
    const n0 = tf.memory().numTensors;
    const d = importancePmfDistances(
      model,
      softmaxCrossEntropy,
      ds,
      idx,
      ['loss', 'output-grad', 'full-grad'],
      {
        oracle: gv,
      },
    );
    assert.equal(tf.memory().numTensors, n0, 'no tensor leaks');
    assert.deepEqual(
      d.map((r) => r.pmf),
      ['loss', 'output-grad', 'full-grad', 'uniform', 'oracle'],
    );
    const uni = d[3];
    assert.ok(Math.abs(uni.l2 - distributionDistance(new Float64Array(8).fill(1), gv)) < 1e-12);
    assert.ok(Number.isNaN(uni.spearman));
    for (const r of [d[2], d[4]]) {
      assert.ok(r.l2 < 1e-6, `${r.pmf} l2 ${r.l2}`);
      assert.ok(Math.abs(r.spearman - 1) < 1e-12, `${r.pmf} ρ ${r.spearman}`);
    }
    for (const r of d) assert.ok(r.l2 >= 0 && r.l2 < Math.SQRT2);
    model.dispose();
  });

  it('rejects extra scores of the wrong length, naming them', () => {
    const model = createMlp({ inputSize: 4, hidden: [5], outputSize: 3, activation: 'tanh' }, createRng(1));
    assert.throws(
      () => importancePmfDistances(model, softmaxCrossEntropy, data(10), [0, 1, 2], [], { q: [1, 2] }),
      /extra 'q' has 2 scores, expected 3/,
    );
    model.dispose();
  });
});
