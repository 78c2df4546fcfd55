import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatTInterval, t975, tInterval95 } from '../../src/figures/t-interval.js';

describe('t975', () => {
  it('reads the table for ν ≤ 30 and the Cornish–Fisher expansion beyond', () => {
    assert.equal(t975(1), 12.706);
    assert.equal(t975(2), 4.303);
    assert.equal(t975(30), 2.042);
    // SciPy t.ppf(0.975, ν): 31 → 2.03951, 60 → 2.00030, 1000 → 1.96234; expansion error < 1e-3
    for (const [nu, ref] of [
      [31, 2.03951],
      [60, 2.0003],
      [1000, 1.96234],
    ]) {
      assert.ok(Math.abs(t975(nu) - ref) < 1e-3, `ν = ${nu}: ${t975(nu)} vs ${ref}`);
    }
  });
  it('rejects ν < 1 and non-integers, naming ν', () => {
    assert.throws(() => t975(0), /ν must be an integer ≥ 1, got 0/);
    assert.throws(() => t975(1.5), /got 1.5/);
  });
});

describe('tInterval95', () => {
  it('gives mean ± t·s/√n (hand-worked for [1, 2, 3]: s = 1, half = 4.303/√3)', () => {
    const ci = tInterval95([1, 2, 3]);
    assert.equal(ci.n, 3);
    assert.equal(ci.mean, 2);
    assert.ok(Math.abs(ci.half - 4.303 / Math.sqrt(3)) < 1e-12);
    assert.ok(Math.abs(ci.lo - (2 - 2.4843382)) < 1e-6 && Math.abs(ci.hi - (2 + 2.4843382)) < 1e-6);
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
    assert.throws(() => tInterval95([]), /must not be empty/);
    assert.throws(() => tInterval95([1, NaN]), /values\[1\] is not finite/);
  });
});
