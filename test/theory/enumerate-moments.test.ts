import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { enumerateMoments, stratifiedSlots } from '../../src/theory/enumerate-moments.js';
import { assertAllClose } from '../helpers/reference.js';

// Enumeration sums a handful of float64 products: rounding only.
const EXACT = { rtol: 1e-12, atol: 1e-14 };

describe('enumerateMoments', () => {
  it('hand-worked two-slot example: mean, variance, count', () => {
    // slot 0 ~ (0.25, 0.75) over {0, 1}, slot 1 ~ (0.5, 0.5); y = x0 + 2·x1
    // E = 0.75 + 2·0.5 = 1.75; Var = 0.25·0.75 + 4·0.25 = 1.1875
    const m = enumerateMoments(
      [
        [0.25, 0.75],
        [0.5, 0.5],
      ],
      (idx) => [idx[0] + 2 * idx[1], 1],
    );
    assertAllClose(m.mean, [1.75, 1], EXACT, 'mean');
    assertAllClose(m.variance, [1.1875, 0], EXACT, 'variance');
    assert.ok(Math.abs(m.trCov - 1.1875) < 1e-12);
    assert.equal(m.count, 4);
  });

  it('skips zero-probability indices (f is never called there)', () => {
    const m = enumerateMoments([[0, 1, 0]], (idx) => {
      assert.equal(idx[0], 1);
      return [5];
    });
    assert.deepEqual(Array.from(m.mean), [5]);
    assert.equal(m.count, 1);
  });

  it('B i.i.d. draws of a scalar IS estimator: variance = (Σ g²/(N² p) − G²)/B', () => {
    const g = [1, -2, 4];
    const p = [0.2, 0.3, 0.5];
    const N = 3;
    const G = (1 - 2 + 4) / 3;
    const v1 = g.reduce((s, gi, i) => s + (gi * gi) / (N * N * p[i]), 0) - G * G;
    for (const B of [1, 2, 3]) {
      const m = enumerateMoments(Array(B).fill(p), (idx) => [
        Array.from(idx).reduce((s, i) => s + g[i] / (N * p[i]), 0) / B,
      ]);
      assertAllClose(m.mean, [G], EXACT, `B = ${B} mean`);
      assertAllClose([m.trCov], [v1 / B], EXACT, `B = ${B} variance`);
      assert.equal(m.count, 3 ** B);
    }
  });

  it('rejects an empty batch, a non-pmf, too many outcomes and non-finite values', () => {
    assert.throws(() => enumerateMoments([], () => [0]), /slots is empty/);
    assert.throws(() => enumerateMoments([[0.5, 0.6]], () => [0]), /slots\[0\] sums to 1.1/);
    assert.throws(() => enumerateMoments([[-0.5, 1.5]], () => [0]), /slots\[0\]\[0\] must be finite and ≥ 0/);
    assert.throws(
      () => enumerateMoments(Array(8).fill([0.5, 0.5]), () => [0], { maxOutcomes: 100 }),
      /256 outcomes exceed maxOutcomes = 100/,
    );
    assert.throws(() => enumerateMoments([[1]], () => [NaN]), /f\(0\)\[0\] = NaN/);
  });
});

describe('stratifiedSlots', () => {
  it('repeats each pmf n_j times, technique by technique', () => {
    const a = [1, 0];
    const b = [0, 1];
    assert.deepEqual(stratifiedSlots([a, b], [2, 1]), [a, a, b]);
    assert.throws(() => stratifiedSlots([a], [1, 2]), /one count per pmf/);
    assert.throws(() => stratifiedSlots([a], [1.5]), /counts\[0\] must be an integer ≥ 0, got 1.5/);
  });
});
