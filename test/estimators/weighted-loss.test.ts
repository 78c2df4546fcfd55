import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '../../src/backend/setup-backend.js';
import type { EstimatorInput, StepWeights } from '../../src/estimators/types.js';
import { createWeightedLossEstimator, weightedLossGradients } from '../../src/estimators/weighted-loss.js';
import { meanSquaredError } from '../../src/losses/mse.js';
import { softmaxCrossEntropy } from '../../src/losses/softmax-ce.js';
import { createLinearModel } from '../../src/models/linear.js';
import { createMlp } from '../../src/models/mlp.js';
import type { Model } from '../../src/models/types.js';
import { createRng } from '../../src/random/rng.js';
import type { Batch } from '../../src/samplers/types.js';
import { assertAllClose, centralDiff, mlpForward64, mse64, softmaxCe64 } from '../helpers/reference.js';

// float32 gradients (TF.js) against float64 references: sums of a few float32 products agree to ~1e-6
// relative; 1e-4 relative plus 1e-5 absolute leaves room for the tanh layer without hiding a wrong weight
// (a wrong c_b changes the gradient by ≥ 10 %, see the weights below).
const F32 = { rtol: 1e-4, atol: 1e-5 };

/** A batch with the given weights (probabilities unused by the estimator). */
function batchOf(weights: Float64Array): Batch {
  const B = weights.length;
  return { indices: Int32Array.from({ length: B }, (_, b) => b), weights, probs: new Float64Array(B) };
}

/** Parameter values as float64 arrays, in the order of `model.params`. */
function paramsOf(model: Model): Float64Array[] {
  return model.params.map((p) => Float64Array.from(p.dataSync()));
}

/** Splits a flat parameter vector into arrays shaped like `like`. */
function unflatten(theta: Float64Array, like: Float64Array[]): Float64Array[] {
  let o = 0;
  return like.map((a) => theta.slice(o, (o += a.length)));
}

/** The estimator's gradient, flattened in parameter order, and the decision it returned. */
function estimateFlat<D extends StepWeights>(input: EstimatorInput<D>) {
  const out = createWeightedLossEstimator().estimate(input);
  const g = Float64Array.from(out.grads.flatMap((t) => Array.from(t.dataSync())));
  const losses = Float64Array.from(out.losses.dataSync());
  tf.dispose([...out.grads, out.output, out.hidden, out.losses]);
  return { g, losses, decision: out.decision };
}

describe('weighted-loss estimator (METHODS Eq. 1.1)', () => {
  before(async () => {
    await setupBackend('cpu');
  });

  it('MLP + softmax-CE: Ĝ = (1/B) Σ c_b ∇ℓ_b equals central differences of the float64 objective', () => {
    const [B, d, H, C] = [5, 3, 4, 3];
    const rng = createRng(11);
    const model = createMlp({ inputSize: d, outputSize: C, hidden: [H], activation: 'tanh' }, rng);
    const xv = Float64Array.from({ length: B * d }, () => rng.normal());
    const yv = Int32Array.of(0, 2, 1, 1, 0);
    const c = Float64Array.of(0.5, 2, 1.25, 0.8, 3); // IS-like weights c_b = 1/(N p_b)
    const x = tf.tensor2d(Float32Array.from(xv), [B, d]);
    const y = tf.tensor1d(yv, 'int32');
    const theta0 = paramsOf(model);
    // Reference objective L(θ) = (1/B) Σ_b c_b ℓ_b(θ), all in float64.
    const lossRow = (ps: Float64Array[], b: number) =>
      softmaxCe64(mlpForward64(ps, [d, H, C], 'tanh', xv.subarray(b * d, (b + 1) * d)).output, yv[b]);
    const L = (theta: Float64Array) => {
      const ps = unflatten(theta, theta0);
      let s = 0;
      for (let b = 0; b < B; b++) s += c[b] * lossRow(ps, b);
      return s / B;
    };
    const flat0 = Float64Array.from(theta0.flatMap((a) => Array.from(a)));
    const expected = centralDiff(L, flat0);
    const n0 = tf.memory().numTensors;
    const { g, losses } = estimateFlat({
      model,
      loss: softmaxCrossEntropy,
      x,
      y,
      batch: batchOf(c),
      afterForward: () => ({ weights: c, lrScale: 1 }),
    });
    assert.equal(tf.memory().numTensors, n0, 'the estimate leaves no tensor behind once the caller disposes');
    assertAllClose(g, expected, F32, '∇ (1/B) Σ c ℓ');
    const l64 = Float64Array.from({ length: B }, (_, b) => lossRow(theta0, b));
    assertAllClose(losses, l64, F32, 'forward losses ℓ_b');
    tf.dispose([x, y]);
    model.dispose();
  });

  it('linear + MSE: matches the closed form (1/B) Σ c_b x_b ⊗ (2/C)(m_b − y_b); the weights are the decision', () => {
    const [B, d, C] = [4, 3, 2];
    const rng = createRng(5);
    const model = createLinearModel({ inputSize: d, outputSize: C, init: 'glorot-uniform' }, rng);
    const xv = Float64Array.from({ length: B * d }, () => rng.normal());
    const yv = Float64Array.from({ length: B * C }, () => rng.normal());
    const x = tf.tensor2d(Float32Array.from(xv), [B, d]);
    const y = tf.tensor2d(Float32Array.from(yv), [B, C]);
    const [W, bias] = paramsOf(model); // W (d, C) row-major, b (C)
    // The sampler reweights after the forward pass (LOW, self-paced): the batch carries c = 1, the decision c'.
    const decided = Float64Array.of(0.25, 4, 1.5, 0.5);
    const closedForm = (w: Float64Array) => {
      const gW = new Float64Array(d * C);
      const gb = new Float64Array(C);
      for (let b = 0; b < B; b++) {
        for (let k = 0; k < C; k++) {
          let m = bias[k];
          for (let i = 0; i < d; i++) m += xv[b * d + i] * W[i * C + k];
          const u = ((2 / C) * (m - yv[b * C + k]) * w[b]) / B; // c_b ∂ℓ_b/∂m_bk / B
          for (let i = 0; i < d; i++) gW[i * C + k] += xv[b * d + i] * u;
          gb[k] += u;
        }
      }
      return Float64Array.from([...gW, ...gb]);
    };
    let calls = 0;
    let seenLosses: Float32Array | null = null;
    const decision = { weights: decided, lrScale: 0.5, tag: 'trainer data travels back unchanged' };
    const { g, decision: back } = estimateFlat({
      model,
      loss: meanSquaredError,
      x,
      y,
      batch: batchOf(new Float64Array(B).fill(1)),
      afterForward: (losses) => {
        calls += 1;
        seenLosses = losses.dataSync() as Float32Array;
        return decision;
      },
    });
    assert.equal(calls, 1, 'afterForward is called exactly once');
    assert.equal(back, decision, 'the estimate returns the decision object itself');
    assertAllClose(g, closedForm(decided), F32, 'gradient with the decided weights');
    const withBatchWeights = closedForm(new Float64Array(B).fill(1));
    const gap = Math.max(...g.map((v, k) => Math.abs(v - withBatchWeights[k])));
    assert.ok(gap > 0.1, `the batch's own weights must not be used (max gap ${gap})`);
    const l64 = Float64Array.from({ length: B }, (_, b) => {
      const m = Float64Array.from({ length: C }, (_, k) => {
        let s = bias[k];
        for (let i = 0; i < d; i++) s += xv[b * d + i] * W[i * C + k];
        return s;
      });
      return mse64(m, yv.subarray(b * C, (b + 1) * C));
    });
    assertAllClose(seenLosses ?? [], l64, F32, 'losses given to afterForward');
    tf.dispose([x, y]);
    model.dispose();
  });

  it('IS weights make Ĝ unbiased: Σ over all ordered batches of P(batch)·Ĝ equals the full gradient', () => {
    // N = 4 samples, B = 2 drawn i.i.d. from p; c_b = 1/(N p_{i_b}) (METHODS Eq. 1.1). Enumerating all N^B = 16
    // ordered batches gives E[Ĝ] exactly: Σ_{i,j} p_i p_j (1/2)(∇ℓ_i/(N p_i) + ∇ℓ_j/(N p_j)) = (1/N) Σ_i ∇ℓ_i.
    const [N, d, C] = [4, 2, 1];
    const p = [0.1, 0.2, 0.3, 0.4];
    const rng = createRng(9);
    const model = createLinearModel({ inputSize: d, outputSize: C, init: 'glorot-uniform' }, rng);
    const xv = Float64Array.from({ length: N * d }, () => rng.normal());
    const yv = Float64Array.from({ length: N }, () => rng.normal());
    const [W, bias] = paramsOf(model);
    // Full gradient (1/N) Σ_i ∇ℓ_i in float64, ℓ_i = (m_i − y_i)², m_i = x_i·W + b.
    const full = new Float64Array(d + 1);
    for (let i = 0; i < N; i++) {
      let m = bias[0];
      for (let k = 0; k < d; k++) m += xv[i * d + k] * W[k];
      const u = 2 * (m - yv[i]);
      for (let k = 0; k < d; k++) full[k] += (u * xv[i * d + k]) / N;
      full[d] += u / N;
    }
    const expectation = (weightOf: (i: number) => number) => {
      const e = new Float64Array(d + 1);
      for (let i = 0; i < N; i++) {
        for (let j = 0; j < N; j++) {
          const idx = [i, j];
          const x = tf.tensor2d(Float32Array.from(idx.flatMap((s) => [...xv.subarray(s * d, (s + 1) * d)])), [
            2,
            d,
          ]);
          const y = tf.tensor2d(
            Float32Array.from(idx, (s) => yv[s]),
            [2, 1],
          );
          const w = Float64Array.from(idx, weightOf);
          const { g } = estimateFlat({
            model,
            loss: meanSquaredError,
            x,
            y,
            batch: batchOf(w),
            afterForward: () => ({ weights: w, lrScale: 1 }),
          });
          for (let k = 0; k <= d; k++) e[k] += p[i] * p[j] * g[k];
          tf.dispose([x, y]);
        }
      }
      return e;
    };
    assertAllClose(
      expectation((i) => 1 / (N * p[i])),
      full,
      F32,
      'E[Ĝ] with c = 1/(N p)',
    );
    // Control: without the correction the same enumeration is biased toward the likely samples.
    const biased = expectation(() => 1);
    const gap = Math.max(...biased.map((v, k) => Math.abs(v - full[k])));
    assert.ok(gap > 0.05, `c = 1 under p ≠ uniform must be biased (max gap ${gap})`);
    model.dispose();
  });

  it("weightedLossGradients: 'sum' is B × 'mean'; a throwing weigh leaves no tensor allocated", () => {
    const [B, d] = [3, 2];
    const rng = createRng(3);
    const model = createLinearModel({ inputSize: d, outputSize: 1, init: 'glorot-uniform' }, rng);
    const x = tf.tensor2d(
      Float32Array.from({ length: B * d }, () => rng.normal()),
      [B, d],
    );
    const y = tf.tensor2d(
      Float32Array.from({ length: B }, () => rng.normal()),
      [B, 1],
    );
    const pass = { model, loss: meanSquaredError, x, y };
    const w = Float64Array.of(1, 2, 0.5);
    const run = (reduce: 'mean' | 'sum') => {
      const r = weightedLossGradients(pass, () => ({ weights: w, result: reduce }), reduce);
      assert.equal(r.result, reduce);
      const g = Float64Array.from(r.grads.flatMap((t) => Array.from(t.dataSync())));
      tf.dispose([...r.grads, r.forward.output, r.forward.hidden, r.forward.losses]);
      return g;
    };
    const mean = run('mean');
    assertAllClose(
      run('sum'),
      mean.map((v) => B * v),
      F32,
      'sum = B · mean',
    );
    const n0 = tf.memory().numTensors;
    assert.throws(
      () =>
        weightedLossGradients(
          pass,
          () => {
            throw new Error('sampler refused the batch');
          },
          'mean',
        ),
      /sampler refused the batch/,
    );
    assert.equal(tf.memory().numTensors, n0, 'tensors leaked when weigh threw');
    tf.dispose([x, y]);
    model.dispose();
  });
});
