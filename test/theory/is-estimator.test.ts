import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { exactTracesFromNorms } from '../../src/emais/exact-traces.js';
import { createRng } from '../../src/random/rng.js';
import { enumerateMoments } from '../../src/theory/enumerate-moments.js';
import {
  isEstimate,
  isVarianceTrace,
  optimalPmf,
  pmfFromScores,
  summarizeGradients,
} from '../../src/theory/is-estimator.js';
import { randomPmf, toyGradients } from '../../src/theory/toy-problem.js';
import { assertAllClose } from '../helpers/reference.js';

// Float64 enumeration over ≤ 125 outcomes of O(1..10) terms: rounding only.
const EXACT = { rtol: 1e-11, atol: 1e-13 };

describe('IS estimator (METHODS §1.1–1.2)', () => {
  it('summarizeGradients: hand-worked G, ‖G‖², norms', () => {
    const s = summarizeGradients([
      [1, 0],
      [0, 3],
    ]);
    assert.deepEqual(Array.from(s.G), [0.5, 1.5]);
    assert.equal(s.gSq, 2.5);
    assert.deepEqual(Array.from(s.norms), [1, 3]);
    assert.throws(() => summarizeGradients([[1], [1, 2]]), /g\[1\] has 2 coordinates, g\[0\] has 1/);
    assert.throws(() => summarizeGradients([[NaN]]), /g\[0\]\[0\] = NaN, not finite/);
  });

  it('isEstimate: hand-worked λ g', () => {
    // N = 2, p = (0.25, 0.75): draws (1, 0) → (1/2)(3/(2·0.75) + 1/(2·0.25)) = (2 + 2)/2 = 2
    assert.deepEqual(Array.from(isEstimate([[1], [3]], [0.25, 0.75], [1, 0])), [2]);
    assert.throws(() => isEstimate([[1], [3]], [0, 1], [0]), /drawn index 0 has p = 0/);
  });

  it('enumeration: E[Ĝ] = G and tr Cov = Eq. 1.2 / B for B = 1, 2, 3 and several pmfs', () => {
    const rng = createRng(5);
    const g = toyGradients({ N: 5, P: 3, rng });
    const { G, norms, gSq } = summarizeGradients(g);
    for (const p of [new Float64Array(5).fill(0.2), optimalPmf(norms), randomPmf(5, rng)]) {
      for (const B of [1, 2, 3]) {
        const m = enumerateMoments(Array(B).fill(p), (idx) => isEstimate(g, p, idx));
        assertAllClose(m.mean, G, EXACT, `B = ${B}: E[Ĝ]`);
        assertAllClose([m.trCov], [isVarianceTrace(g, p, B)], EXACT, `B = ${B}: tr Cov`);
        assertAllClose(
          [isVarianceTrace(g, p, B)],
          [exactTracesFromNorms(norms, gSq, p, B).trIS / B],
          EXACT,
          'vs trIS',
        );
      }
    }
  });

  it('p* ∝ ‖g‖ attains ((1/N) Σ‖g‖)² − ‖G‖² and beats uniform and 50 random pmfs', () => {
    const rng = createRng(6);
    const g = toyGradients({ N: 8, P: 2, rng });
    const { norms, gSq } = summarizeGradients(g);
    const vOpt = isVarianceTrace(g, optimalPmf(norms));
    const mean = norms.reduce((a, b) => a + b, 0) / 8;
    assertAllClose([vOpt], [mean * mean - gSq], EXACT, 'closed-form minimum (EMAIS Eq. 6)');
    assert.ok(vOpt <= isVarianceTrace(g, new Float64Array(8).fill(1 / 8)));
    for (let t = 0; t < 50; t++) assert.ok(vOpt <= isVarianceTrace(g, randomPmf(8, rng)) + 1e-12);
  });

  it('pmfFromScores / optimalPmf: normalise; all-zero norms give uniform; errors', () => {
    assert.deepEqual(Array.from(pmfFromScores([1, 3])), [0.25, 0.75]);
    assert.deepEqual(Array.from(optimalPmf([0, 0])), [0.5, 0.5]);
    assert.throws(() => pmfFromScores([0, 0]), /scores sum to 0/);
    assert.throws(() => pmfFromScores([1, -1]), /q\[1\] must be finite and ≥ 0/);
    assert.throws(() => isVarianceTrace([[1], [2]], [1, 0]), /p\[1\] = 0 but ‖g_1‖ = 2 > 0/);
    assert.throws(() => isVarianceTrace([[1]], [1], 0), /B must be an integer ≥ 1, got 0/);
  });
});
