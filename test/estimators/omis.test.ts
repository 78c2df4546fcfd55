import '../../src/builtins.js';
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '../../src/backend/setup-backend.js';
import { createOmisEstimator, omisEstimatorDefaults } from '../../src/estimators/omis.js';
import type { EstimatorInput } from '../../src/estimators/types.js';
import { meanSquaredError } from '../../src/losses/mse.js';
import { accumulateA, accumulateB, omisCoefficients, solveOmis } from '../../src/mis/omis-system.js';
import { createMlp } from '../../src/models/mlp.js';
import type { Model } from '../../src/models/types.js';
import { createRng } from '../../src/random/rng.js';
import type { MisSampler } from '../../src/samplers/mis-sampler.js';
import type { Batch } from '../../src/samplers/types.js';
import { assertOnePassEqualsPasses } from '../helpers/omis-rows.js';
import { assertAllClose } from '../helpers/reference.js';

// TF.js computes the gradients in float32; the reference combines float32 per-sample gradients in float64.
// Relative error ≈ a few float32 ulps times the spread of the weights γ_s: 1e-4 relative, 1e-6 absolute.
const F32 = { rtol: 1e-4, atol: 1e-6 };
const [N, B, D, H, C, J] = [40, 6, 3, 4, 2, 2];

/** A stub MIS sampler that records the technique scores it is given. */
function stubSampler(): MisSampler & { got: Float64Array[] } {
  const got: Float64Array[] = [];
  return {
    name: 'mis',
    J,
    got,
    setTechniqueScores: (s: Float64Array) => void got.push(s),
  } as unknown as MisSampler & { got: Float64Array[] };
}

/** A MIS batch with the given technique pmf values (B × J) and counts [3, 3]. */
function misBatch(probs: number[]): Batch {
  return {
    indices: Int32Array.from({ length: B }, (_, i) => i),
    weights: new Float64Array(B).fill(1),
    probs: new Float64Array(B).fill(1 / N),
    mis: {
      J,
      counts: Int32Array.of(3, 3),
      technique: Int32Array.of(0, 0, 0, 1, 1, 1),
      probs: Float64Array.from(probs),
    },
  };
}

/** Per-sample gradients ∇ℓ_s flattened in model.params order (B × P), computed one row at a time. */
function perSampleGrads(model: Model, x: tf.Tensor2D, y: tf.Tensor2D): { g: Float64Array; P: number } {
  const rows: number[][] = [];
  for (let s = 0; s < B; s++) {
    const { value, grads } = tf.variableGrads(() => {
      const xs = x.slice([s, 0], [1, D]);
      const ys = y.slice([s, 0], [1, C]);
      return meanSquaredError.perSample(model.apply(xs, true).output, ys).sum() as tf.Scalar;
    }, model.params);
    rows.push(model.params.flatMap((p) => Array.from(grads[p.name].dataSync())));
    value.dispose();
    tf.dispose(Object.values(grads));
  }
  return { g: Float64Array.from(rows.flat()), P: rows[0].length };
}

function flat(grads: tf.Tensor[]): Float64Array {
  return Float64Array.from(grads.flatMap((t) => Array.from(t.dataSync())));
}

function setup(seed: number) {
  const rng = createRng(seed);
  const model = createMlp({ inputSize: D, hidden: [H], outputSize: C, activation: 'tanh' }, rng.derive('m'));
  const x = tf.tensor2d(
    Float32Array.from({ length: B * D }, () => rng.normal()),
    [B, D],
  );
  const y = tf.tensor2d(
    Float32Array.from({ length: B * C }, () => rng.normal()),
    [B, C],
  );
  let applies = 0;
  const counted: Model = {
    ...model,
    params: model.params,
    apply: (xx, t) => (applies++, model.apply(xx, t)),
    dispose: () => model.dispose(),
  };
  const input = (batch: Batch): EstimatorInput => ({
    model: counted,
    loss: meanSquaredError,
    x,
    y,
    batch,
    afterForward: () => ({ weights: batch.weights, lrScale: 1 }),
  });
  return { model, x, y, input, applies: () => applies, dispose: () => (model.dispose(), tf.dispose([x, y])) };
}

const probsA = [0.05, 0.01, 0.02, 0.03, 0.04, 0.02, 0.01, 0.06, 0.03, 0.03, 0.02, 0.05];
const probsB = [0.02, 0.02, 0.05, 0.01, 0.01, 0.04, 0.03, 0.02, 0.02, 0.06, 0.04, 0.01];

describe('omis estimator', () => {
  before(async () => {
    await setupBackend('cpu');
  });

  it('pins its defaults', () =>
    assert.deepEqual(omisEstimatorDefaults, { beta: 0.7, accumulate: 'A', nodes: 'groups' }));

  it('β = 0: one weighted backward pass equal to Σ_j α̂_j of the float64 system', () => {
    const t = setup(1);
    const est = createOmisEstimator({ n: N, options: { beta: 0 }, sampler: stubSampler() });
    const batch = misBatch(probsA);
    const { g, P } = perSampleGrads(t.model, t.x, t.y);
    const before = t.applies();
    const out = est.estimate(t.input(batch));
    assert.equal(t.applies() - before, 1, 'β = 0 must run exactly one forward/backward pass');
    const { W, c } = omisCoefficients(batch.mis!.probs, batch.mis!.counts, N);
    const A = new Float64Array(J * J);
    const b = new Float64Array(J * P);
    accumulateA(A, W, 0);
    accumulateB(b, c, g, 0, J);
    const coef = solveOmis(A, b).x;
    const ref = Float64Array.from({ length: P }, (_, p) => coef[p] + coef[P + p]);
    assertAllClose(flat(out.grads), ref, F32, 'Ĝ');
    tf.dispose([...out.grads, out.output, out.hidden, out.losses]);
    est.dispose();
    t.dispose();
  });

  it("accumulate 'Ab', β = 0.7 over two steps matches the float64 momentum accumulation; no tensor leak", () => {
    const t = setup(2);
    const sampler = stubSampler();
    const beta = 0.7;
    const est = createOmisEstimator({ n: N, options: { beta, accumulate: 'Ab' }, sampler });
    const { g, P } = perSampleGrads(t.model, t.x, t.y);
    const A = new Float64Array(J * J);
    const b = new Float64Array(J * P);
    let n1 = 0;
    for (const [step, probs] of [probsA, probsB].entries()) {
      const batch = misBatch(probs);
      const out = est.estimate(t.input(batch));
      const { W, c } = omisCoefficients(batch.mis!.probs, batch.mis!.counts, N);
      accumulateA(A, W, beta);
      accumulateB(b, c, g, beta, J);
      const coef = solveOmis(A, b).x;
      const ref = Float64Array.from({ length: P }, (_, p) => coef[p] + coef[P + p]);
      assertAllClose(flat(out.grads), ref, F32, `Ĝ at step ${step}`);
      tf.dispose([...out.grads, out.output, out.hidden, out.losses]);
      if (step === 0) n1 = tf.memory().numTensors;
      else assert.equal(tf.memory().numTensors, n1, 'the second step leaked tensors');
    }
    assert.equal(sampler.got.length, 2, 'technique scores fed once per step');
    assert.equal(sampler.got[0].length, B * C, 'one candidate per output node (B × C)');
    const n2 = tf.memory().numTensors;
    est.dispose();
    assert.equal(
      tf.memory().numTensors,
      n2 - t.model.params.length,
      'dispose frees b (one stacked J-row tensor per parameter)',
    );
    t.dispose();
  });

  it('an empty technique gives a finite step through the pseudo-inverse, logged in the diagnostics', () => {
    const t = setup(3);
    const est = createOmisEstimator({ n: N, options: { beta: 0 }, sampler: stubSampler() });
    const probs = probsA.map((v, i) => (i % 2 === 1 ? 0 : v)); // technique 1 has no mass at any drawn row
    const batch = misBatch(probs);
    batch.mis!.counts = Int32Array.of(6, 0);
    const out = est.estimate(t.input(batch));
    assert.ok(flat(out.grads).every(Number.isFinite), 'Ĝ must be finite');
    const { omisSolve, omisWarnings, omisJitter, omisRowsOnePass, omisCond } = est.diagnostics!();
    assert.deepEqual(
      { omisSolve, omisWarnings, omisJitter, omisRowsOnePass },
      { omisSolve: 1, omisWarnings: 1, omisJitter: 0, omisRowsOnePass: 0 },
    );
    assert.equal(omisCond, Infinity, 'A is singular when a technique has no mass');
    tf.dispose([...out.grads, out.output, out.hidden, out.losses]);
    est.dispose();
    t.dispose();
  });

  it('init-epoch batches (no mis) take the plain mean-gradient step', () => {
    const t = setup(4);
    const est = createOmisEstimator({ n: N, options: {}, sampler: stubSampler() });
    const batch: Batch = {
      indices: Int32Array.from({ length: B }, (_, i) => i),
      weights: new Float64Array(B).fill(1),
      probs: new Float64Array(B).fill(1 / N),
    };
    const { g, P } = perSampleGrads(t.model, t.x, t.y);
    const ref = Float64Array.from({ length: P }, (_, p) => {
      let s = 0;
      for (let r = 0; r < B; r++) s += g[r * P + p] / B;
      return s;
    });
    const out = est.estimate(t.input(batch));
    assertAllClose(flat(out.grads), ref, F32, 'mean gradient');
    tf.dispose([...out.grads, out.output, out.hidden, out.losses]);
    est.dispose();
    t.dispose();
  });

  it("accumulate 'A' (default), β = 0.7: Ĝ_t = 1ᵀ (A_t/(1 − β^t))⁻¹ b̂_t with b̂_t of batch t only", () => {
    // The kit's default (METHODS §4.6): b carries no momentum, so a step's Ĝ depends on earlier batches only through A.
    const t = setup(5);
    const beta = 0.7;
    const est = createOmisEstimator({ n: N, options: { beta }, sampler: stubSampler() });
    const { g, P } = perSampleGrads(t.model, t.x, t.y);
    const A = new Float64Array(J * J);
    for (const [step, probs] of [probsA, probsB].entries()) {
      const batch = misBatch(probs);
      const out = est.estimate(t.input(batch));
      const { W, c } = omisCoefficients(batch.mis!.probs, batch.mis!.counts, N);
      accumulateA(A, W, beta);
      const Ahat = A.map((x) => x / (1 - beta ** (step + 1))); // bias-corrected EMA: Ahat = Â at step 0
      const b = new Float64Array(J * P);
      accumulateB(b, c, g, 0, J); // b̂ of this batch only
      const coef = solveOmis(Ahat, b).x;
      const ref = Float64Array.from({ length: P }, (_, p) => coef[p] + coef[P + p]);
      assertAllClose(flat(out.grads), ref, F32, `Ĝ at step ${step}`);
      const d = est.diagnostics!();
      assert.ok(d.omisCond >= 1 && Number.isFinite(d.omisCond), `omisCond ${d.omisCond}`);
      assert.ok(d.omisCoefSpread >= 1 - 1e-6, `omisCoefSpread ${d.omisCoefSpread} must be ≥ 1`);
      assert.ok(d.omisGradRatio > 0 && Number.isFinite(d.omisGradRatio), `omisGradRatio ${d.omisGradRatio}`);
      assert.ok(d.omisWeightMin <= d.omisWeightMax, 'omisWeightMin ≤ omisWeightMax');
      tf.dispose([...out.grads, out.output, out.hidden, out.losses]);
    }
    est.dispose();
    t.dispose();
  });

  it('rejects a non-MIS sampler and a bad β', () => {
    assert.throws(
      () => createOmisEstimator({ n: N, options: {}, sampler: { name: 'is' } as unknown as MisSampler }),
      /needs the 'mis' sampler, got 'is'/,
    );
    assert.throws(
      () => createOmisEstimator({ n: N, options: { beta: 1 }, sampler: stubSampler() }),
      /option beta must be a number in \[0, 0.999\], got 1/,
    );
    assert.throws(
      () => createOmisEstimator({ n: N, options: { accumulate: 'b' }, sampler: stubSampler() }),
      /omis estimator: option accumulate must be one of A, Ab, got "b"/,
    );
    assert.throws(
      () => createOmisEstimator({ n: N, options: { nodes: 'all' }, sampler: stubSampler() }),
      /omis estimator: option nodes must be one of groups, top, got "all"/,
    );
  });
});

describe('OMIS rows of b from one traced backward pass (METHODS §4.7)', () => {
  it("equals the J-pass path: same losses step by step on toy2d (MLP), β = 0.7, J = 3; 'auto' takes the one-pass path", async () => {
    const { setupBackend } = await import('../../src/backend/setup-backend.js');
    const { createTrainer } = await import('../../src/train/trainer.js');
    await setupBackend('cpu');
    const run = async (rows: 'auto' | 'passes') => {
      const t = await createTrainer({
        task: 'toy2d',
        method: 'omis',
        epochs: 2,
        seed: 3,
        backend: 'cpu',
        methodOptions: { J: 3, beta: 0.7, rows },
      });
      const losses: number[] = [];
      const modes: number[] = [];
      try {
        while (!t.done) {
          const { record } = t.runStep();
          losses.push(record.batchLoss);
          if (record.diagnostics?.omisRowsOnePass !== undefined && record.epoch >= 1) {
            modes.push(record.diagnostics.omisRowsOnePass);
          }
        }
      } finally {
        t.dispose();
      }
      return { losses, modes };
    };
    const a = await run('auto');
    const p = await run('passes');
    assert.ok(a.modes.length > 0 && a.modes.every((m) => m === 1), `auto modes ${a.modes}`);
    assert.ok(p.modes.every((m) => m === 0));
    // Same float32 products summed in another order: trajectories agree to ~1e-5 relative over these steps.
    a.losses.forEach((v, i) => {
      const tol = 1e-4 * Math.max(1, Math.abs(p.losses[i]));
      assert.ok(
        Math.abs(v - p.losses[i]) <= tol,
        `step ${i}: one-pass ${v} vs passes ${p.losses[i]} (tol ${tol})`,
      );
    });
  });

  it('takes the one-pass path on the SIREN of image-siren (dense layers with sine activations) and matches J passes', async () => {
    await assertOnePassEqualsPasses('image-siren', 'cpu', 1);
  });
});
