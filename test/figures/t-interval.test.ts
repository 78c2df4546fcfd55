import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatTInterval, tInterval95 } from '../../src/figures/t-interval.js';

describe('tInterval95', () => {
  it('gives mean ± t·s/√n (hand-worked for [1, 2, 3]: s = 1, half = t_{0.975,2}/√3, t_{0.975,2} = 4.302652729911275)', () => {
    const ci = tInterval95([1, 2, 3]);
    assert.equal(ci.n, 3);
    assert.equal(ci.mean, 2);
    assert.ok(Math.abs(ci.half - 4.302652729911275 / Math.sqrt(3)) < 1e-9); // quantile to ~1e-10
    assert.ok(Math.abs(ci.lo - (2 - 2.4841377)) < 1e-6 && Math.abs(ci.hi - (2 + 2.4841377)) < 1e-6);
  });
  it('n = 1: no spread, half = NaN, lo = hi = mean', () => {
    const ci = tInterval95([5]);
    assert.ok(Number.isNaN(ci.half));
    assert.equal(ci.lo, 5);
    assert.equal(ci.hi, 5);
    assert.equal(formatTInterval(ci), '5.00 (n = 1)');
  });
  it('covers the true mean in ≈ 95% of normal samples (seeded, 2000 trials of n = 3, band ±2.5%)', () => {
    let state = 12345;
    const uniform = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) + 0.5) / 2 ** 32; // LCG, seeded
    const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    let covered = 0;
    const trials = 2000;
    for (let t = 0; t < trials; t++) {
      const ci = tInterval95([normal(), normal(), normal()]);
      if (ci.lo <= 0 && 0 <= ci.hi) covered++;
    }
    assert.ok(Math.abs(covered / trials - 0.95) < 0.025, `coverage ${covered / trials}`);
  });
  it('formats and rejects empty or non-finite input', () => {
    assert.equal(formatTInterval(tInterval95([1, 2, 3]), 3), '2.00 ± 2.48 (n = 3)');
    assert.throws(() => tInterval95([]), /no values/);
    assert.throws(() => tInterval95([1, NaN]), /value 1 is not finite/);
  });
});
