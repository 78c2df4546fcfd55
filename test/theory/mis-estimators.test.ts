import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mixtureWeights } from '../../src/mis/mixture.js';
import { omisEstimate, solveOmis } from '../../src/mis/omis-system.js';
import { createRng } from '../../src/random/rng.js';
import { enumerateMoments, stratifiedSlots } from '../../src/theory/enumerate-moments.js';
import { isEstimate, summarizeGradients } from '../../src/theory/is-estimator.js';
import {
  balanceEstimate,
  mixturePmf,
  omisBatchEstimate,
  omisSystemExact,
  omisWeightedEstimate,
  omisWeights,
} from '../../src/theory/mis-estimators.js';
import { randomPmf, toyGradients } from '../../src/theory/toy-problem.js';
import { assertAllClose } from '../helpers/reference.js';

// Float64 identities over ≤ 625 outcomes, J ≤ 3 well-conditioned systems: rounding only.
const EXACT = { rtol: 1e-10, atol: 1e-12 };

function problem(seed: number, N: number, J: number, P: number) {
  const rng = createRng(seed);
  const g = toyGradients({ N, P, rng });
  const pmfs = Array.from({ length: J }, () => randomPmf(N, rng));
  return { g, pmfs, ...summarizeGradients(g) };
}

describe('MIS estimators (METHODS §4.1–4.4)', () => {
  it('mixturePmf: hand-worked', () => {
    assert.deepEqual(
      Array.from(
        mixturePmf(
          [
            [1, 0],
            [0, 1],
          ],
          [1, 3],
        ),
      ),
      [0.25, 0.75],
    );
    assert.throws(() => mixturePmf([[1]], [0]), /counts sum to 0/);
  });

  it('balance heuristic = IS from the mixture, batch by batch, and E[Ĝ_BH] = G (enumeration)', () => {
    const { g, pmfs, G } = problem(1, 5, 2, 3);
    const counts = [2, 1];
    const N = 5;
    const slots = stratifiedSlots(pmfs, counts);
    const m = enumerateMoments(slots, (idx) => {
      const bh = balanceEstimate(g, pmfs, counts, idx);
      const probs = Float64Array.from(Array.from(idx).flatMap((x) => pmfs.map((p) => p[x])));
      const { lambda } = mixtureWeights(probs, counts, N);
      const viaMix = new Float64Array(3);
      idx.forEach((x, s) => g[x].forEach((v, d) => (viaMix[d] += (lambda[s] * v) / 3)));
      assertAllClose(bh, viaMix, EXACT, `batch ${Array.from(idx)}`);
      // and equals isEstimate with p_mix for the same indices
      assertAllClose(bh, isEstimate(g, mixturePmf(pmfs, counts), idx), EXACT, 'vs isEstimate(p_mix)');
      return bh;
    });
    assertAllClose(m.mean, G, EXACT, 'E[Ĝ_BH]');
  });

  it('exact A, b: Σ_j α_j = G; weights (4.2) sum to 1; OMIS with exact α is unbiased with variance ≤ balance', () => {
    const { g, pmfs, G } = problem(2, 5, 3, 2);
    const counts = [1, 2, 1];
    const { A, b } = omisSystemExact(g, pmfs, counts);
    const { x: coef, kind } = solveOmis(A, b, { jitterScale: 0 });
    assert.equal(kind, 'cholesky');
    assertAllClose(omisEstimate(coef, counts, 5), G, EXACT, 'Σ α_j vs G ([MIS] Eq. 8)');
    for (let x = 0; x < 5; x++) {
      const w = omisWeights(g, pmfs, counts, coef, x);
      for (let d = 0; d < 2; d++)
        assertAllClose([w[d] + w[2 + d] + w[4 + d]], [1], EXACT, `Σ_j w_j(${x})[${d}]`);
    }
    const slots = stratifiedSlots(pmfs, counts);
    const opt = enumerateMoments(slots, (idx) => omisWeightedEstimate(g, pmfs, counts, idx, coef));
    const bh = enumerateMoments(slots, (idx) => balanceEstimate(g, pmfs, counts, idx));
    assertAllClose(opt.mean, G, EXACT, 'E[Ĝ_OMIS(α exact)]');
    assert.ok(opt.trCov <= bh.trCov * (1 + 1e-12), `OMIS ${opt.trCov} vs balance ${bh.trCov}`);
  });

  it('OMIS with α = 0 reduces to the balance heuristic; omisWeights is NaN where f = 0', () => {
    const { g, pmfs } = problem(3, 4, 2, 2);
    const counts = [1, 1];
    const zero = new Float64Array(4);
    for (const idx of [
      [0, 1],
      [2, 3],
      [3, 3],
    ]) {
      assertAllClose(
        omisWeightedEstimate(g, pmfs, counts, idx, zero),
        balanceEstimate(g, pmfs, counts, idx),
        EXACT,
        'α = 0',
      );
    }
    const g0 = [[0, 1], ...g.slice(1)];
    assert.ok(Number.isNaN(omisWeights(g0, pmfs, counts, zero, 0)[0]));
  });

  it('omisBatchEstimate: J = 1 gives the IS estimate; forms a and b agree', () => {
    const { g, pmfs } = problem(4, 6, 2, 3);
    const idx = [0, 3, 5];
    assertAllClose(omisBatchEstimate(g, [pmfs[0]], [3], idx), isEstimate(g, pmfs[0], idx), EXACT, 'J = 1');
    const a = omisBatchEstimate(g, pmfs, [2, 1], idx, { form: 'a', jitterScale: 0 });
    const b = omisBatchEstimate(g, pmfs, [2, 1], idx, { form: 'b', jitterScale: 0 });
    assertAllClose(b, a, { rtol: 1e-8, atol: 1e-12 }, 'form b vs a');
    assert.throws(() => omisBatchEstimate(g, pmfs, [2, 1], [0, 1]), /idx has 2 indices, counts sum to B = 3/);
  });
});
