import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '../../src/backend/setup-backend.js';
import type { Dataset } from '../../src/data/dataset.js';
import { effectiveMinibatch } from '../../src/emais/effective-minibatch.js';
import { traceScatter } from '../../src/emais/trace-scatter.js';
import { softmaxCrossEntropy } from '../../src/losses/softmax-ce.js';
import type { Model } from '../../src/models/types.js';
import { createRng } from '../../src/random/rng.js';

/**
 * A model whose only parameter is an output bias β (C): m = x + β. Then ∇_β ℓ_i = ∂ℓ_i/∂m_i = u_i exactly, so
 * the full-gradient and logit-gradient quantities must agree (up to float32 rounding).
 */
function biasOnlyModel(C: number): Model {
  const beta = tf.variable(tf.tensor1d([0.3, -0.2, 0.1].slice(0, C)));
  return {
    name: `bias-only(${C})`,
    params: [beta],
    numParams: C,
    apply: (x) => {
      const output = tf.add(x, beta) as tf.Tensor2D; // (B, C)
      return { output, hidden: x as tf.Tensor2D };
    },
    dispose: () => beta.dispose(),
  };
}

function data(n: number, C: number): Dataset {
  const rng = createRng(7);
  return {
    name: 'synthetic',
    n,
    xShape: [C],
    x: Float32Array.from({ length: n * C }, () => 2 * rng.normal()),
    yShape: [],
    y: Int32Array.from({ length: n }, () => rng.int(C)),
    numClasses: C,
  };
}

const REL = 2e-4; // float32 sums over B = 16 samples; relative tolerance

function close(a: number, b: number, what: string): void {
  assert.ok(
    Math.abs(a - b) <= REL * Math.max(Math.abs(a), Math.abs(b), 1e-6),
    `${what}: ${a} vs ${b}, rel tol ${REL}`,
  );
}

describe('traceScatter (cpu)', () => {
  before(async () => {
    await setupBackend('cpu');
  });

  it('bias-only model: ‖g_i‖ = ‖u_i‖ and every logit trace, B_eff and s equal the full-gradient ones', () => {
    const C = 3;
    const model = biasOnlyModel(C);
    const ds = data(40, C);
    const indices = Int32Array.from({ length: 30 }, (_, i) => i + 5);
    const n0 = tf.memory().numTensors;
    const t = traceScatter(
      model,
      softmaxCrossEntropy,
      ds,
      indices,
      { batchSize: 16, minibatches: 4 },
      createRng(3),
    );
    assert.equal(tf.memory().numTensors, n0, 'no tensor leaks');
    assert.equal(t.uNorm.length, 30);
    t.uNorm.forEach((u, i) => close(u, t.gNorm[i], `norm ${i}`));
    assert.equal(t.minibatches.length, 4);
    for (const [k, m] of t.minibatches.entries()) {
      for (const key of ['trIS', 'trU', 'trOpt', 'ems', 'efficiency'] as const) {
        close(m.logit[key], m.full[key], `minibatch ${k} ${key}`);
      }
      close(m.logit.ems, effectiveMinibatch(16, m.logit.trU, m.logit.trIS), `minibatch ${k} Eq. 7`);
    }
    model.dispose();
  });

  it('is deterministic for a seed and validates its options', () => {
    const model = biasOnlyModel(3);
    const ds = data(20, 3);
    const idx = Int32Array.from({ length: 20 }, (_, i) => i);
    const a = traceScatter(
      model,
      softmaxCrossEntropy,
      ds,
      idx,
      { batchSize: 4, minibatches: 2 },
      createRng(9),
    );
    const b = traceScatter(
      model,
      softmaxCrossEntropy,
      ds,
      idx,
      { batchSize: 4, minibatches: 2 },
      createRng(9),
    );
    assert.deepEqual(a, b);
    assert.throws(
      () => traceScatter(model, softmaxCrossEntropy, ds, idx, { minibatches: 0 }, createRng(1)),
      /minibatches must be an integer ≥ 1, got 0/,
    );
    assert.throws(
      () => traceScatter(model, softmaxCrossEntropy, ds, [1], {}, createRng(1)),
      /need ≥ 2 indices, got 1/,
    );
    model.dispose();
  });
});
