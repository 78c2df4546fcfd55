import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MovingStats } from '../../src/emais/moving-stats.js';

/** float64 sums of ≤ 10 terms vs a recursion: 1e-12 relative. */
const TOL = 1e-12;

/**
 * Reference: the EMA for uneven steps is the explicitly weighted mean Σ ω_j v_j with ω_0 = Π_{m≥1} a_m,
 * ω_j = (1 − a_j) Π_{m>j} a_m, a_m = exp(−(t_m − t_{m−1})/τ_m); [Finch]'s variance is Σ ω_j (v_j − μ)².
 */
function reference(times: number[], values: number[], taus: number[]) {
  const K = times.length;
  const a = times.map((t, m) => (m === 0 ? 0 : Math.exp(-(t - times[m - 1]) / taus[m])));
  const w = new Array<number>(K).fill(0);
  for (let j = 0; j < K; j++) {
    let prod = j === 0 ? 1 : 1 - a[j];
    for (let m = j + 1; m < K; m++) prod *= a[m];
    w[j] = prod;
  }
  const mu = values.reduce((s, v, j) => s + w[j] * v, 0);
  const v2 = values.reduce((s, v, j) => s + w[j] * (v - mu) ** 2, 0);
  return { mu, v2 };
}

describe('MovingStats', () => {
  it('first observation sets μ = v, σ² = 0 (METHODS §5.11)', () => {
    const s = new MovingStats(2);
    s.update(3, 1, 2.5, 10);
    assert.deepEqual([s.mean[1], s.variance[1], s.last[1]], [2.5, 0, 3]);
    assert.equal(s.importance(1, 'std'), 2.5);
  });

  it('matches the explicitly weighted float64 reference for uneven intervals, fixed τ and Linear-τ', () => {
    const times = [0, 1, 4, 5, 13, 14, 30];
    const values = [1.0, 0.4, 2.2, 0.9, 0.1, 1.7, 0.6];
    for (const linear of [false, true]) {
      const taus = times.map((t) => (linear ? t : 3)); // METHODS §5.9: τ = t
      const s = new MovingStats(1);
      times.forEach((t, m) => s.update(t, 0, values[m], taus[m] > 0 ? taus[m] : 1));
      const ref = reference(times, values, taus);
      assert.ok(Math.abs(s.mean[0] - ref.mu) <= TOL * Math.abs(ref.mu), `μ ${s.mean[0]} vs ${ref.mu}`);
      assert.ok(Math.abs(s.variance[0] - ref.v2) <= TOL * ref.v2, `σ² ${s.variance[0]} vs ${ref.v2}`);
      assert.ok(
        Math.abs(s.importance(0, 'std') - (ref.mu + Math.sqrt(ref.v2))) <= 1e-12,
        'importance = μ + σ',
      );
    }
  });

  it('constant Δ = 1 equals an ordinary EMA with decay e^{−1/τ}; hand-worked Finch variance', () => {
    const s = new MovingStats(1);
    const a = Math.exp(-1 / 2);
    s.update(0, 0, 0, 2);
    s.update(1, 0, 1, 2); // μ = (1 − a)·1, σ² = a(0 + (1 − a)·1²)
    assert.ok(Math.abs(s.mean[0] - (1 - a)) <= TOL);
    assert.ok(Math.abs(s.variance[0] - a * (1 - a)) <= TOL);
    assert.ok(Math.abs(s.importance(0, 'var') - (1 - a + a * (1 - a))) <= TOL);
  });

  it('rejects NaN and infinite norms with a clear error', () => {
    const s = new MovingStats(3);
    assert.throws(() => s.update(0, 2, NaN, 1), /value for sample 2 at step 0 must be finite and ≥ 0.*NaN/);
    assert.throws(() => s.update(0, 2, Infinity, 1), /must be finite and ≥ 0.*Infinity/);
    assert.throws(() => s.update(0, 3, 1, 1), /i must be an integer in \[0, 3\), got 3/);
    s.update(5, 0, 1, 1);
    assert.throws(() => s.update(4, 0, 1, 1), /t = 4 is before t_i = 5/);
    assert.throws(() => s.update(6, 0, 1, 0), /tau must be finite and > 0, got 0/);
  });
});
