import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { efficiencyScore } from '../../src/emais/efficiency-score.js';
import { exactTracesFromNorms } from '../../src/emais/exact-traces.js';
import { varianceTraces } from '../../src/emais/variance-traces.js';

const NORMS = [0.5, 1, 2, 4.5];
const G_SQ = 0.3;
const TOL = 1e-12; // float64 sums of four terms

describe('efficiencyScore', () => {
  it('is 0 at the optimal pmf p ∝ ‖g‖ and 1 at uniform (exact traces)', () => {
    const s = NORMS.reduce((a, b) => a + b, 0);
    const opt = exactTracesFromNorms(
      NORMS,
      G_SQ,
      NORMS.map((g) => g / s),
      8,
    );
    assert.ok(Math.abs(opt.efficiency) <= TOL, `optimal: ${opt.efficiency}`);
    const uni = exactTracesFromNorms(NORMS, G_SQ, [0.25, 0.25, 0.25, 0.25], 8);
    assert.ok(Math.abs(uni.efficiency - 1) <= TOL, `uniform: ${uni.efficiency}`);
    const worse = exactTracesFromNorms(NORMS, G_SQ, [0.4, 0.3, 0.2, 0.1], 8); // anti-correlated with ‖g‖
    assert.ok(worse.efficiency > 1, `worse than uniform: ${worse.efficiency}`);
  });

  it('is 0 and 1 for the plug-in minibatch estimate too: λ‖g‖ constant ⇒ S2 = S0²; λ ≡ 1 ⇒ S2 = S1', () => {
    // λ_b ‖g_b‖ = 2 for g = [1, 2, 4]: S2 = S0² = 4, S1 = (2 + 4 + 8)/3 = 14/3 > S0²
    const t = varianceTraces([2, 1, 0.5], [1, 2, 4], 0.1);
    assert.ok(Math.abs(efficiencyScore(t.trIS, t.trU, t.trOpt)) <= TOL);
    const u = varianceTraces([1, 1, 1], [1, 2, 3], 0.1);
    assert.equal(efficiencyScore(u.trIS, u.trU, u.trOpt), 1);
  });

  it('is 1 when uniform is already optimal, and rejects non-finite traces', () => {
    assert.equal(efficiencyScore(2, 1, 1), 1);
    assert.throws(() => efficiencyScore(NaN, 1, 0), /trIS must be finite, got NaN/);
  });
});
