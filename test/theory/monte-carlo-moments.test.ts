import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/random/rng.js';
import { enumerateMoments } from '../../src/theory/enumerate-moments.js';
import { monteCarloMoments } from '../../src/theory/monte-carlo-moments.js';

// Seeded Monte Carlo vs exact enumeration: 5 standard errors per coordinate (two-sided p ≈ 6e-7 for a normal mean).
const Z = 5;

describe('monteCarloMoments', () => {
  const p = [0.1, 0.2, 0.3, 0.4];
  const f = (idx: Int32Array) => [idx[0] * idx[1], idx[0] - idx[1]];
  it('mean within 5 SE of the exact mean; variance close; SE = sqrt(var/n)', () => {
    const exact = enumerateMoments([p, p], f);
    const mc = monteCarloMoments([p, p], f, { draws: 20_000, rng: createRng(3), record: [100, 1000] });
    for (let d = 0; d < 2; d++) {
      assert.ok(
        Math.abs(mc.mean[d] - exact.mean[d]) <= Z * mc.se[d],
        `coordinate ${d}: |${mc.mean[d]} − ${exact.mean[d]}| > ${Z}·${mc.se[d]}`,
      );
      assert.ok(Math.abs(mc.se[d] - Math.sqrt(mc.variance[d] / 20_000)) < 1e-15);
      // sample variance of 20 000 draws: relative SE ≈ sqrt(2/n)·(kurtosis factor) < 5%
      assert.ok(Math.abs(mc.variance[d] / exact.variance[d] - 1) < 0.05, `variance ${d}`);
    }
    assert.deepEqual(
      mc.history.map((h) => h.draws),
      [100, 1000],
    );
    assert.equal(mc.count, 20_000);
  });
  it('same seed, same numbers; draws only positive-probability indices', () => {
    const a = monteCarloMoments([[0, 0.5, 0.5]], (idx) => [idx[0]], { draws: 50, rng: createRng(9) });
    const b = monteCarloMoments([[0, 0.5, 0.5]], (idx) => [idx[0]], { draws: 50, rng: createRng(9) });
    assert.deepEqual(a, b);
    assert.ok(a.mean[0] >= 1);
  });
  it('rejects bad options', () => {
    assert.throws(
      () => monteCarloMoments([p], f, { draws: 1, rng: createRng(1) }),
      /draws must be an integer ≥ 2/,
    );
    assert.throws(
      () => monteCarloMoments([p], f, { draws: 10, rng: createRng(1), record: [20] }),
      /record entries must be integers in \[2, draws = 10\], got 20/,
    );
  });
});
