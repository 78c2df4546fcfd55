import '../../src/builtins.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/random/rng.js';
import { createRaisLite, raisGainRatio, raisLiteDefaults } from '../../src/samplers/rais-lite.js';

/** Feeds one step of constant per-sample output gradients u_i = (φ_i, 0) to the sampler. */
function step(s: ReturnType<typeof createRaisLite>, phi: ArrayLike<number>, t: number): Float64Array {
  const batch = s.next();
  const u = new Float32Array(batch.indices.length * 2);
  batch.indices.forEach((i, b) => (u[2 * b] = phi[i]));
  s.afterForward?.({ batch, losses: new Float32Array(batch.indices.length), outputGrad: u, numOutputs: 2 });
  s.observe({
    indices: batch.indices,
    losses: new Float32Array(batch.indices.length),
    outputGrad: u,
    step: t,
  });
  return batch.weights;
}

describe("rais (RAIS-lite, the kit's reconstruction; METHODS §6.4)", () => {
  it('pins the defaults', () => {
    assert.deepEqual(
      { ...raisLiteDefaults },
      {
        kappa: 1,
        rho: 0.1,
        warmupEpochs: 1,
        rMin: 0.5,
        rMax: 10,
        fixedIterations: false,
      },
    );
  });

  it('raisGainRatio: 1 for uniform weights, and the §5.4 unbiased formula otherwise (float64 reference)', () => {
    const u = Float32Array.of(1, 0, 0, 2, 3, 1, 0.5, 0.5);
    assert.equal(raisGainRatio(Float64Array.of(1, 1, 1, 1), u, 2), 1); // S1 = S2 ⇒ trU = trIS
    const lam = Float64Array.of(0.5, 2, 0.8, 1.5);
    // reference, written out: S2 = mean λ²‖u‖², S1 = mean λ‖u‖², K = ‖mean λu‖², K_u = (4K − S2)/3
    const n2 = [1, 4, 10, 0.5];
    const S2 = n2.reduce((a, v, b) => a + lam[b] ** 2 * v, 0) / 4;
    const S1 = n2.reduce((a, v, b) => a + lam[b] * v, 0) / 4;
    const m0 = (0.5 * 1 + 2 * 0 + 0.8 * 3 + 1.5 * 0.5) / 4;
    const m1 = (0.5 * 0 + 2 * 2 + 0.8 * 1 + 1.5 * 0.5) / 4;
    const Ku = (4 * (m0 * m0 + m1 * m1) - S2) / 3;
    const ref = (Ku + (S1 - Ku) / 4) / (Ku + (S2 - Ku) / 4);
    const got = raisGainRatio(lam, u, 2, [1e-6, 1e6]);
    assert.ok(Math.abs(got - ref) < 1e-6, `${got} vs ${ref} (tol 1e-6: u is float32)`);
    assert.equal(raisGainRatio(lam, u, 2, [2, 3]), Math.min(Math.max(ref, 2), 3));
  });

  it('after warm-up: pmf = (1 − ρ)·w/Σw + ρ/N with w = μ + κσ, floor ρ/N, and weights 1/(N p) (unbiased)', () => {
    const N = 40;
    const B = 8;
    const phi = Float64Array.from({ length: N }, (_, i) => Math.fround(0.05 + (i % 9)));
    const s = createRaisLite({ n: N, batchSize: B, rng: createRng(3) });
    let t = 0;
    s.beginEpoch(0);
    for (let k = 0; k < s.stepsInEpoch(0); k++) step(s, phi, t++);
    s.endEpoch(0);
    // constant φ: σ = 0 and μ = φ, so w = φ
    const p = s.probabilities();
    const tot = phi.reduce((a, v) => a + v, 0);
    let sum = 0;
    for (let i = 0; i < N; i++) {
      const ref = (0.9 * phi[i]) / tot + 0.1 / N;
      assert.ok(Math.abs(p[i] - ref) < 1e-12, `p[${i}] = ${p[i]} vs ${ref}`);
      assert.ok(p[i] >= 0.1 / N);
      sum += p[i];
    }
    assert.ok(Math.abs(sum - 1) < 1e-12);
    s.beginEpoch(1);
    const w = step(s, phi, t++);
    assert.ok(w.every((c) => Number.isFinite(c) && c > 0));
    // Σ_i p_i λ_i v_i = mean v for any v: the IS weights are exact
    const v = Float64Array.from({ length: N }, (_, i) => Math.cos(i));
    const e = p.reduce((a, pi, i) => a + pi * (1 / (N * pi)) * v[i], 0);
    assert.ok(Math.abs(e - v.reduce((a, x) => a + x, 0) / N) < 1e-12);
    assert.ok((s.diagnostics?.().raisGain ?? 0) >= 0.5 && s.effectiveIterations() > t - 1);
  });

  it('rejects bad options', () => {
    const ctx = { n: 10, batchSize: 2, rng: createRng(1) };
    assert.throws(() => createRaisLite(ctx, { rho: 0 }), /option rho must be a number in \(0, 1\], got 0/);
    assert.throws(
      () => createRaisLite(ctx, { rMax: 0.1 }),
      /option rMax must be a number ≥ rMin = 0.5, got 0.1/,
    );
    assert.throws(() => createRaisLite(ctx, { x: 1 }), /unknown option 'x'/);
  });
});

describe('RAIS-lite in the trainer: schedule on effective iterations (METHODS §6.4)', () => {
  it('lr_t = r_t · η(t̃), the cosine schedule runs on t̃ and training stops at t̃ ≥ T; fixedIterations keeps real steps', async () => {
    const { setupBackend } = await import('../../src/backend/setup-backend.js');
    const { train } = await import('../../src/train/train.js');
    await setupBackend('cpu');
    const opts = {
      task: 'toy2d',
      method: 'rais',
      epochs: 4,
      schedule: 'cosine' as const,
      lr: 0.01,
      backend: 'cpu' as const,
    };
    const r = await train(opts);
    const T = r.totalSteps;
    for (const s of r.steps) {
      const tEff = (s.diagnostics?.effectiveIterations as number) - s.lrScale; // t̃ before this step's increment
      const eta = 0.01 * 0.5 * (1 + Math.cos((Math.PI * Math.min(tEff, T)) / T));
      const expected = s.lrScale * eta;
      assert.ok(
        Math.abs(s.lr - expected) <= 1e-12 * Math.max(1, expected),
        `step ${s.step}: lr ${s.lr} vs r·η(t̃) ${expected}`,
      );
    }
    const last = r.steps[r.steps.length - 1];
    const tEnd = last.diagnostics?.effectiveIterations as number;
    // Either t̃ reached T (and the run stopped there) or the epochs ran out first.
    assert.ok(tEnd >= T || r.steps.length === T, `t̃ = ${tEnd}, T = ${T}, steps = ${r.steps.length}`);
    if (tEnd >= T) {
      const before =
        r.steps.length >= 2 ? (r.steps[r.steps.length - 2].diagnostics?.effectiveIterations as number) : 0;
      assert.ok(before < T, 'stopped at the first step with t̃ ≥ T');
    }
    const fixed = await train({ ...opts, methodOptions: { fixedIterations: true } });
    assert.equal(fixed.steps.length, T);
    assert.ok(Math.abs(fixed.steps[0].lr / fixed.steps[0].lrScale - 0.01) < 1e-12);
  });
});
