import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mixtureWeights } from '../../src/mis/mixture.js';
import { assertAllClose } from '../helpers/reference.js';

// float64 identities: only rounding error, so 1e-12 relative.
const TOL = { rtol: 1e-12, atol: 1e-15 };

describe('mixtureWeights', () => {
  it('matches hand-worked S, W and λ', () => {
    // B = 2 rows, J = 2, n = [1, 1], N = 4.
    // row 0: p = [0.5, 0.25] → S = 0.75, W = [2/3, 1/3], λ = 2 / (4 · 0.75) = 2/3
    // row 1: p = [0.1, 0.3]  → S = 0.4,  W = [0.25, 0.75], λ = 2 / (4 · 0.4) = 1.25
    const { S, W, lambda } = mixtureWeights(Float64Array.of(0.5, 0.25, 0.1, 0.3), Int32Array.of(1, 1), 4);
    assertAllClose(S, [0.75, 0.4], TOL, 'S');
    assertAllClose(W, [2 / 3, 1 / 3, 0.25, 0.75], TOL, 'W');
    assertAllClose(lambda, [2 / 3, 1.25], TOL, 'lambda');
  });

  it('balance-heuristic MIS (4.1) equals IS from the mixture, by enumeration of every outcome', () => {
    // N = 4 scalar "gradients", J = 2 techniques with n = [1, 2] (B = 3); enumerate all N^B outcomes.
    const N = 4;
    const g = [1.5, -2, 0.5, 3];
    const p = [
      [0.1, 0.2, 0.3, 0.4],
      [0.4, 0.3, 0.2, 0.1],
    ];
    const n = [1, 2];
    let meanBh = 0;
    for (let a = 0; a < N; a++)
      for (let b = 0; b < N; b++)
        for (let c = 0; c < N; c++) {
          const rows = [a, b, c];
          const tech = [0, 1, 1];
          const prob = p[0][a] * p[1][b] * p[1][c];
          const probs = Float64Array.from(rows.flatMap((x) => [p[0][x], p[1][x]]));
          const { W, lambda } = mixtureWeights(probs, n, N);
          // (4.1) with w_j = W_j: Σ_j (1/n_j) Σ_s w_j(x) f(x)/p_j(x), f = g/N
          let bh = 0;
          let is = 0;
          rows.forEach((x, s) => {
            const j = tech[s];
            bh += (W[s * 2 + j] * (g[x] / N)) / (n[j] * p[j][x]);
            is += (lambda[s] * g[x]) / 3; // (1/B) Σ λ g
          });
          assert.ok(
            Math.abs(bh - is) <= 1e-12 * Math.max(1, Math.abs(is)),
            `outcome ${rows}: BH ${bh} vs IS ${is}`,
          );
          meanBh += prob * bh;
        }
    const G = g.reduce((s, v) => s + v, 0) / N;
    assert.ok(Math.abs(meanBh - G) <= 1e-12, `E[Ĝ_BH] = ${meanBh}, G = ${G} (unbiased, tol 1e-12)`);
  });

  it('rejects rows with S = 0 and counts that do not sum to B', () => {
    assert.throws(() => mixtureWeights(Float64Array.of(0, 0), Int32Array.of(1, 0), 4), /S\(x\) = 0 at row 0/);
    assert.throws(
      () => mixtureWeights(Float64Array.of(0.5, 0.5), Int32Array.of(1, 1), 4),
      /counts sum to 2, expected B = 1/,
    );
    assert.throws(
      () => mixtureWeights(Float64Array.of(0.5, 0.5, 0.1), Int32Array.of(1, 1), 4),
      /not a multiple of J = 2/,
    );
    assert.throws(
      () => mixtureWeights(Float64Array.of(0.5), Int32Array.of(1), 0),
      /N must be an integer ≥ 1, got 0/,
    );
  });
});
