import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/random/rng.js';
import { createDlis, createPresamplingIs, dlisDefaults, dlisTauTerm } from '../../src/samplers/dlis.js';
import type { DrawContext } from '../../src/samplers/types.js';

/** A DrawContext that scores index i by phi[i] and remembers the presample it was asked about. */
function fixedScores(phi: ArrayLike<number>): DrawContext & { last: Int32Array | null } {
  const ctx = {
    step: 0,
    last: null as Int32Array | null,
    evaluate(indices: Int32Array) {
      ctx.last = indices.slice();
      return {
        losses: new Float32Array(indices.length),
        scores: Float32Array.from(indices, (i) => phi[i]), // float32, as from the trainer
      };
    },
  };
  return ctx;
}

describe('dlis / presampling-is (METHODS §6.2)', () => {
  it('pins the defaults and the Eq. 29 threshold (B_pre + 3b)/(3b) = 2 for B_pre = 3b', () => {
    assert.deepEqual(
      { ...dlisDefaults },
      { presampleFactor: 3, tauSmoothing: 0.9, tauThreshold: 0, useSwitch: true },
    );
    const s = createDlis({ n: 100, batchSize: 10, rng: createRng(1) });
    assert.equal(s.tauThreshold, 2);
    assert.equal(
      createDlis({ n: 100, batchSize: 10, rng: createRng(1) }, { presampleFactor: 5 }).tauThreshold,
      8 / 3,
    );
  });

  it('dlisTauTerm equals sqrt(n‖g‖²) (float64 reference, tol 1e-12)', () => {
    const rng = createRng(4);
    for (let t = 0; t < 50; t++) {
      const n = 2 + rng.int(30);
      const s = Float64Array.from({ length: n }, () => rng.next() ** 3);
      const tot = s.reduce((a, v) => a + v, 0);
      const ref = Math.sqrt(n * s.reduce((a, v) => a + (v / tot) ** 2, 0));
      assert.ok(Math.abs(dlisTauTerm(s) - ref) < 1e-12, `n=${n}: ${dlisTauTerm(s)} vs ${ref}`);
    }
    assert.equal(dlisTauTerm(Float64Array.of(0, 0, 0)), 1);
  });

  it('weights are 1/(B_pre g) of the presample, so the step is conditionally unbiased for mean_U (exact)', () => {
    const N = 50;
    const B = 4;
    // float32-representable scores, so the float64 reference sees exactly what the sampler sees
    const phi = Float64Array.from({ length: N }, (_, i) => Math.fround(0.1 + (i % 7)));
    const v = Float64Array.from({ length: N }, (_, i) => Math.sin(i) + 2); // any per-sample quantity
    const s = createPresamplingIs({ n: N, batchSize: B, rng: createRng(9) });
    const ctx = fixedScores(phi);
    s.beginEpoch(0);
    for (let t = 0; t < s.stepsInEpoch(0); t++) {
      const batch = s.next(ctx);
      const U = ctx.last as Int32Array;
      assert.equal(U.length, 3 * B);
      const tot = Array.from(U).reduce((a, i) => a + phi[i], 0);
      for (let b = 0; b < B; b++) {
        const g = phi[batch.indices[b]] / tot; // pmf on U of this index (per copy)
        assert.ok(Math.abs(batch.weights[b] - 1 / (3 * B * g)) < 1e-9, 'w = 1/(B_pre g)');
        assert.ok(Math.abs(batch.weights[b] - 1 / (N * batch.probs[b])) < 1e-9, 'λ = 1/(N p)');
      }
      // E_resample[c v] = Σ_j g_j · v_{U_j}/(B_pre g_j) = mean_U v
      let cond = 0;
      for (let j = 0; j < U.length; j++) cond += (phi[U[j]] / tot) * (v[U[j]] / (3 * B * (phi[U[j]] / tot)));
      const meanU = Array.from(U).reduce((a, i) => a + v[i], 0) / U.length;
      assert.ok(Math.abs(cond - meanU) < 1e-12);
      s.observe({ indices: batch.indices, losses: new Float32Array(B) });
      assert.equal(s.diagnostics?.().examplesScored, 3 * B);
      assert.equal(s.diagnostics?.().isActive, 1);
    }
    s.endEpoch(0);
  });

  it('the switched-on estimate is unbiased over draws (seed 21, 4000 steps, |mean − target| < 4 SE)', () => {
    const N = 12;
    const B = 2;
    const phi = Float64Array.from({ length: N }, (_, i) => (i + 1) ** 2);
    const v = Float64Array.from({ length: N }, (_, i) => (i % 3) - 0.5 + i / 4);
    const target = v.reduce((a, x) => a + x, 0) / N;
    const s = createPresamplingIs({ n: N, batchSize: B, rng: createRng(21) });
    const ctx = fixedScores(phi);
    const est: number[] = [];
    for (let e = 0; est.length < 4000; e++) {
      s.beginEpoch(e);
      for (let t = 0; t < s.stepsInEpoch(e); t++) {
        const batch = s.next(ctx);
        let g = 0;
        for (let b = 0; b < B; b++) g += (batch.weights[b] * v[batch.indices[b]]) / B; // (1/B) Σ c_b v_b
        est.push(g);
        s.observe({ indices: batch.indices, losses: new Float32Array(B) });
      }
      s.endEpoch(e);
    }
    const m = est.reduce((a, x) => a + x, 0) / est.length;
    const sd = Math.sqrt(est.reduce((a, x) => a + (x - m) ** 2, 0) / (est.length - 1));
    const se = sd / Math.sqrt(est.length);
    assert.ok(Math.abs(m - target) < 4 * se, `mean ${m} vs target ${target}, 4 SE = ${4 * se}`);
  });

  it('the switch stays off for uniform scores and turns on for concentrated ones', () => {
    const N = 1000;
    const B = 20;
    const run = (phi: (i: number) => number, steps: number) => {
      const s = createDlis({ n: N, batchSize: B, rng: createRng(5) });
      const ctx = fixedScores(Float64Array.from({ length: N }, (_, i) => phi(i)));
      const active: number[] = [];
      s.beginEpoch(0);
      for (let t = 0; t < steps; t++) {
        const batch = s.next(ctx);
        active.push(s.diagnostics?.().isActive ?? -1);
        const wants = s.wantsScores();
        assert.equal(wants, active[t] === 0, 'scores are requested exactly on uniform steps');
        s.observe({
          indices: batch.indices,
          losses: new Float32Array(B),
          scores: wants ? Float32Array.from(batch.indices, (i) => phi(i)) : undefined,
        });
      }
      return { s, active };
    };
    // Uniform scores: every τ term is exactly 1 < τ_th = 2, so importance sampling never pays.
    const flat = run(() => 1, 40);
    assert.ok(flat.active.every((a) => a === 0));
    assert.ok(Math.abs(flat.s.tauVr() - (1 - 0.9 ** 40)) < 1e-12, 'τ_vr = Σ_{k<40} 0.1·0.9^k·1');
    // One sample in 10 carries all the score: with k of the n = 20 batch scores non-zero the term is sqrt(n/k)
    // ≈ sqrt(10) > 2, so τ_vr crosses τ_th and IS turns on.
    const peaked = run((i) => (i % 10 === 0 ? 1 : 0), 40);
    assert.equal(peaked.active[0], 0, 'τ_vr(0) = 0: the first step is uniform');
    assert.ok(peaked.active.includes(1), `switch never turned on (τ_vr = ${peaked.s.tauVr()})`);
  });

  it('needs the DrawContext when IS is on and rejects bad options', () => {
    const s = createPresamplingIs({ n: 10, batchSize: 2, rng: createRng(1) });
    s.beginEpoch(0);
    assert.throws(() => s.next(), /needs the trainer's DrawContext/);
    const ctx = { n: 10, batchSize: 2, rng: createRng(1) };
    assert.throws(
      () => createDlis(ctx, { presampleFactor: 0 }),
      /presampleFactor must be an integer ≥ 1, got 0/,
    );
    assert.throws(
      () => createDlis(ctx, { tauSmoothing: 1 }),
      /tauSmoothing must be a number in \[0, 1\), got 1/,
    );
    assert.throws(() => createDlis(ctx, { tauThreshold: -1 }), /tauThreshold must be a number ≥ 0/);
    assert.throws(() => createDlis(ctx, { bogus: 1 }), /unknown option 'bogus'/);
  });
  it('rejects a NaN score on a uniform step (τ_vr would turn NaN and the switch never fire)', () => {
    const s = createDlis({ n: 10, batchSize: 2, rng: createRng(1) });
    s.beginEpoch(0);
    const batch = s.next(fixedScores(new Float64Array(10).fill(1))); // τ_vr(0) = 0: a uniform step
    assert.equal(s.isActive(), false);
    assert.ok(s.wantsScores());
    assert.throws(
      () =>
        s.observe({
          indices: batch.indices,
          losses: Float32Array.of(1, 1),
          scores: Float32Array.of(1, Number.NaN),
        }),
      /^RangeError: dlis: observe\(\): obs\.scores\[1\]: importance score of sample index \d+ \(batch position 1\) is NaN; importance scores must be finite and ≥ 0/,
    );
    assert.equal(s.tauVr(), 0, 'τ_vr is unchanged by the rejected observation');
  });
});
