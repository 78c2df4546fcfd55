import '../../src/builtins.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/random/rng.js';
import { createLow, lowDefaults, lowWeights } from '../../src/samplers/low.js';

/** float64 arithmetic on ≤ 64 terms. */
const TOL = 1e-12;

describe('lowWeights (METHODS §6.3)', () => {
  it('pins the defaults', () => {
    assert.deepEqual({ ...lowDefaults }, { lambdaLow: 0.1, gammaScale: 'official' });
  });

  it('satisfies the constraints w ≥ 0, Σw = B and equals the unclipped closed form 1 + (γ² − mean γ²)/(2λ)', () => {
    const rng = createRng(11);
    const B = 32;
    const gamma = Float64Array.from({ length: B }, () => 0.3 * rng.next());
    const w = lowWeights(gamma, 0.1);
    const g2mean = gamma.reduce((s, g) => s + g * g, 0) / B;
    assert.ok(Math.abs(w.reduce((s, v) => s + v, 0) - B) < TOL * B);
    for (let b = 0; b < B; b++) {
      const expected = 1 + (gamma[b] ** 2 - g2mean) / (2 * 0.1); // METHODS §6.3 closed form, no clipping here
      assert.ok(w[b] >= 0);
      assert.ok(Math.abs(w[b] - expected) < 1e-12, `b=${b}: ${w[b]} vs ${expected} (tol 1e-12)`);
    }
  });

  it('maximises Σ w γ² − λ‖w − 1‖² over the scaled simplex (clipping case, vs random feasible points)', () => {
    const gamma = Float64Array.of(0, 0, 0, 2); // c = (0.5, 0.5, 0.5, 20.5) → heavy clipping
    const lambda = 0.1;
    const w = lowWeights(gamma, lambda);
    // hand-worked: projecting c onto Σ = 4 gives ν = 16.5 → (0, 0, 0, 4)
    assert.deepEqual(Array.from(w), [0, 0, 0, 4]);
    const obj = (v: ArrayLike<number>) => {
      let s = 0;
      for (let b = 0; b < 4; b++) s += v[b] * gamma[b] ** 2 - lambda * (v[b] - 1) ** 2;
      return s;
    };
    const rng = createRng(5);
    for (let t = 0; t < 500; t++) {
      const r = Float64Array.from({ length: 4 }, () => rng.next());
      const s = r.reduce((a, b) => a + b, 0);
      assert.ok(obj(w) >= obj(r.map((v) => (4 * v) / s)) - TOL);
    }
  });

  it('reproduces the scaling finding: official γ = ‖u‖/B keeps weights within 2.5e-3 of 1 at B = 64', () => {
    // Softmax-CE has ‖u‖² ≤ 2, so |w − 1| ≤ (2/B²)/(2λ) = 1/(64²·0.1) ≈ 2.44e-3.
    const B = 64;
    const C = 10;
    const rng = createRng(2);
    const s = createLow({ n: 640, batchSize: B, rng: createRng(1) });
    s.beginEpoch(0);
    const batch = s.next();
    const u = new Float32Array(B * C);
    for (let b = 0; b < B; b++) {
      // u = softmax − e_y with a random softmax: the extreme norms arise for confident wrong predictions
      const z = Float64Array.from({ length: C }, () => 6 * rng.normal());
      const m = Math.max(...z);
      const e = z.map((v) => Math.exp(v - m));
      const tot = e.reduce((a, v) => a + v, 0);
      for (let k = 0; k < C; k++) u[b * C + k] = e[k] / tot - (k === b % C ? 1 : 0);
    }
    const d = s.afterForward?.({ batch, losses: new Float32Array(B), outputGrad: u, numOutputs: C });
    const w = (d as { weights: Float64Array }).weights;
    for (const v of w)
      assert.ok(Math.abs(v - 1) <= 1 / (B * B * 0.1) + 1e-9, `weight ${v} outside 1 ± 2.44e-3`);
    assert.ok(Math.max(...w) > Math.min(...w), 'weights are not all equal');
    const diag = s.diagnostics?.() ?? {};
    assert.equal(diag.lowWeightMax, Math.max(...w));
    // per-sample γ spreads them far more
    const s2 = createLow({ n: 640, batchSize: B, rng: createRng(1) }, { gammaScale: 'per-sample' });
    s2.beginEpoch(0);
    const d2 = s2.afterForward?.({
      batch: s2.next(),
      losses: new Float32Array(B),
      outputGrad: u,
      numOutputs: C,
    });
    const w2 = (d2 as { weights: Float64Array }).weights;
    assert.ok(Math.max(...w2) - Math.min(...w2) > 1, 'per-sample scaling spreads the weights');
  });

  it('rejects bad options and inputs', () => {
    const ctx = { n: 10, batchSize: 2, rng: createRng(1) };
    assert.throws(() => createLow(ctx, { lambdaLow: 0 }), /option lambdaLow must be a number > 0, got 0/);
    assert.throws(
      () => createLow(ctx, { gammaScale: 'x' }),
      /gammaScale must be one of official, per-sample, got "x"/,
    );
    assert.throws(
      () => createLow(ctx, { foo: 1 }),
      /unknown option 'foo'; allowed options: lambdaLow, gammaScale/,
    );
    assert.throws(() => lowWeights(Float64Array.of(NaN)), /gamma\[0\] must be finite and ≥ 0, got NaN/);
  });
});
