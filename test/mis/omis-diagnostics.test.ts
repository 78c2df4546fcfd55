import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  conditionNumber,
  minTechniqueMass,
  omisDiagnostics,
  symmetricEigenvalues,
} from '../../src/mis/omis-diagnostics.js';
import { assertAllClose } from '../helpers/reference.js';

const TOL = { rtol: 1e-12, atol: 1e-14 };

describe('omis diagnostics', () => {
  it('symmetricEigenvalues: 2 × 2 closed form and a rotated 3 × 3 diagonal', () => {
    // [[a, c], [c, d]]: λ = (a + d)/2 ∓ sqrt(((a − d)/2)² + c²); a = 3, d = 1, c = 2 → 2 ∓ √5
    assertAllClose(
      symmetricEigenvalues(Float64Array.of(3, 2, 2, 1)),
      [2 - Math.sqrt(5), 2 + Math.sqrt(5)],
      TOL,
      '2×2',
    );
    // Q diag(1, 4, 9) Qᵀ with the Householder Q = I − 2 w wᵀ, w = (1, 2, 2)/3
    const w = [1 / 3, 2 / 3, 2 / 3];
    const d = [1, 4, 9];
    const Q = (i: number, k: number) => (i === k ? 1 : 0) - 2 * w[i] * w[k];
    const A = Float64Array.from({ length: 9 }, (_, ik) => {
      const [i, k] = [Math.floor(ik / 3), ik % 3];
      return d.reduce((s, dj, j) => s + Q(i, j) * dj * Q(k, j), 0);
    });
    assertAllClose(symmetricEigenvalues(A), d, { rtol: 1e-12, atol: 1e-12 }, '3×3');
  });

  it('conditionNumber: λmax/λmin, Infinity when singular', () => {
    assertAllClose([conditionNumber(Float64Array.of(2, 1, 1, 2))], [3], TOL, 'cond');
    assert.equal(conditionNumber(Float64Array.of(1, 0, 0, 0)), Infinity);
    assert.throws(() => conditionNumber(new Float64Array(3)), /not J × J/);
  });

  it('minTechniqueMass: min_j min_i N p_j(i); an all-zero memory counts as uniform', () => {
    // q_0 = [1, 3]: N p = 2·[0.25, 0.75] → 0.5; q_1 = [0, 0] → uniform (1)
    assert.equal(minTechniqueMass([Float64Array.of(1, 3), Float64Array.of(0, 0)]), 0.5);
  });

  it('omisDiagnostics: r_s = vᵀW_s, gradient ratio and coefficient spread from the given norms', () => {
    // J = 2, B = 2; v = [2, 1]; W rows [0.5, 0], [0.25, 0.5] → r = [1, 1]
    const d = omisDiagnostics({
      A: Float64Array.of(4, 0, 0, 1),
      v: Float64Array.of(2, 1),
      W: Float64Array.of(0.5, 0, 0.25, 0.5),
      memories: [Float64Array.of(1, 1), Float64Array.of(1, 3)],
      norms: { gradSq: 4, balanceSq: 16, coefSq: Float64Array.of(9, 1) },
    });
    // cond = 4; ‖Ĝ‖/‖Ĝ_BH‖ = 2/4; (‖α_0‖ + ‖α_1‖)/‖Ĝ‖ = (3 + 1)/2; min mass 2·0.25 = 0.5
    assert.deepEqual(d, {
      omisCond: 4,
      omisWeightMin: 1,
      omisWeightMax: 1,
      omisMinMass: 0.5,
      omisGradRatio: 0.5,
      omisCoefSpread: 2,
    });
  });
});
