import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/random/rng.js';
import { cumulativeSum, drawFromCdf, searchCdf } from '../../src/random/sample-cdf.js';
import { chiSquare } from '../helpers/chi-square.js';

/** Linear-scan reference: first j with c_j > u, else the last index with positive weight. */
function scanCdf(cdf: ArrayLike<number>, u: number): number {
  for (let j = 0; j < cdf.length; j++) if (cdf[j] > u) return j;
  let j = cdf.length - 1;
  while (j > 0 && cdf[j] === cdf[j - 1]) j--;
  return j;
}

describe('cumulativeSum', () => {
  it('gives inclusive prefix sums in float64, into `out` when given', () => {
    assert.deepEqual([...cumulativeSum([1, 0, 3, 0.5])], [1, 1, 4, 4.5]);
    const out = new Float64Array(3);
    assert.equal(cumulativeSum([2, 2, 2], out), out);
    assert.deepEqual([...out], [2, 4, 6]);
  });
});

describe('searchCdf', () => {
  it('matches a linear scan at every breakpoint and between them (zeros inside and at both ends)', () => {
    const w = [0, 0.5, 0, 0, 2, 1e-9, 3, 0, 0.25, 0]; // weights, zeros at 0, 2, 3, 7, 9
    const cdf = cumulativeSum(w);
    const us = [0];
    for (const c of cdf) us.push(c, Math.max(0, c - 1e-12), c + 1e-12); // on, just below, just above each c_j
    for (const u of us) {
      if (u >= cdf[cdf.length - 1]) continue; // round-off case, tested below
      assert.equal(searchCdf(cdf, u), scanCdf(cdf, u), `u = ${u}`);
    }
    // Seeded random positions, on a random pmf of 37 rows with ~1/3 zeros.
    const rng = createRng(11);
    const w2 = Array.from({ length: 37 }, () => (rng.next() < 0.33 ? 0 : rng.next()));
    const c2 = cumulativeSum(w2);
    for (let t = 0; t < 2000; t++) {
      const u = rng.next() * c2[36];
      const j = searchCdf(c2, u);
      assert.equal(j, scanCdf(c2, u), `u = ${u}`);
      assert.ok(w2[j] > 0, `zero weight at ${j} returned for u = ${u}`);
    }
  });

  it('handles u at the bounds: u = 0 gives the first positive weight, u just below the total the last', () => {
    const cdf = cumulativeSum([0, 0, 1, 2, 0]);
    assert.equal(searchCdf(cdf, 0), 2);
    assert.equal(searchCdf(cdf, 3 - 2 ** -50), 3);
    assert.equal(searchCdf(Float64Array.of(5), 0), 0); // n = 1
    assert.equal(searchCdf(Float64Array.of(5), 4.999), 0);
  });

  it('never returns a zero-weight tail when round-off pushes u to (or past) the total', () => {
    const cdf = cumulativeSum([0.1, 0.2, 0, 0, 0]); // total 0.30000000000000004
    const total = cdf[4];
    assert.equal(searchCdf(cdf, total), 1); // a plain "first c > u" search would return 4 (weight 0)
    assert.equal(searchCdf(cdf, total * (1 + 1e-15)), 1);
    // The largest rng.next() is 1 − 2⁻⁵³; (1 − 2⁻⁵³)·total can round to total itself.
    const uMax = (1 - 2 ** -53) * total;
    assert.equal(searchCdf(cdf, uMax), 1);
  });
});

describe('drawFromCdf', () => {
  it('draws i with probability w_i / Σw (χ², seeded) and never a zero weight', () => {
    const w = [3, 0, 1, 0.5, 0, 7, 2, 0.25, 0, 4, 1.5, 0.75]; // 9 positive cells ⇒ df = 8
    const cdf = cumulativeSum(w);
    const M = 100_000; // draws
    const counts = new Float64Array(w.length);
    const rng = createRng(2024);
    for (let t = 0; t < M; t++) counts[drawFromCdf(cdf, rng)]++;
    assert.equal(counts[1] + counts[4] + counts[8], 0, 'zero weight drawn');
    const { stat, df } = chiSquare(counts, w, M);
    assert.equal(df, 8);
    // χ²_8 upper 0.001 quantile = 26.124: a correct sampler fails this one seed with probability 0.001.
    assert.ok(stat < 26.124, `χ² = ${stat} ≥ 26.124 (df 8, α = 0.001); counts ${counts.join(',')}`);
  });

  it('consumes exactly one rng.next() per draw and equals searchCdf(cdf, next · total)', () => {
    const cdf = cumulativeSum([1, 2, 3]);
    const a = createRng(5);
    const b = createRng(5);
    for (let t = 0; t < 100; t++) assert.equal(drawFromCdf(cdf, a), searchCdf(cdf, b.next() * cdf[2]));
  });
});
