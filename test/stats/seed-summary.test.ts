import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/random/rng.js';
import {
  ciAbove,
  ciBelow,
  formatMeanCi,
  meanCi,
  scaleCi,
  summarizeSeeds,
} from '../../src/stats/seed-summary.js';

describe('meanCi', () => {
  test('hand-worked: [1, 2, 3] → mean 2, sd 1, half-width t_{.975,2}/√3 = 4.30265…/1.73205… = 2.48414…', () => {
    const r = meanCi([1, 2, 3]);
    assert.equal(r.n, 3);
    assert.equal(r.mean, 2);
    assert.equal(r.sd, 1);
    assert.ok(Math.abs((r.halfWidth as number) - 4.302652729749464 / Math.sqrt(3)) < 1e-12);
    assert.ok(Math.abs((r.lower as number) - (2 - 2.484137711750331)) < 1e-12);
  });

  test('formatMeanCi prints mean ± half-width (n) with 3 significant digits, and one value without a spread', () => {
    assert.equal(formatMeanCi(meanCi([1, 2, 3])), '2.00 ± 2.48 (n = 3)');
    assert.equal(formatMeanCi(meanCi([1, 2, 3]), 5), '2.0000 ± 2.4841 (n = 3)');
    assert.equal(formatMeanCi(meanCi([0.5])), '0.500 (n = 1)');
  });

  test('one value has no spread or interval (null, not NaN); bad input is an error', () => {
    assert.deepEqual(meanCi([5]), { n: 1, mean: 5, sd: null, halfWidth: null, lower: null, upper: null });
    assert.throws(() => meanCi([]), /no values/);
    assert.throws(() => meanCi([1, NaN]), /value 1 is not finite/);
    assert.throws(() => meanCi([1, 2], 1), /level must be in \(0, 1\)/);
  });

  test('coverage: the 95% interval of 5 normal draws covers the true mean in 95% ± 1.5% of 4000 repeats', () => {
    const rng = createRng(42);
    const normal = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
    let covered = 0;
    const R = 4000;
    for (let r = 0; r < R; r++) {
      const ci = meanCi(Array.from({ length: 5 }, () => 3 + 2 * normal()));
      if ((ci.lower as number) <= 3 && 3 <= (ci.upper as number)) covered++;
    }
    // binomial sd at 95%: sqrt(0.95·0.05/4000) = 0.34%; ±1.5% is > 4 sd
    assert.ok(Math.abs(covered / R - 0.95) < 0.015, `coverage ${covered / R}`);
  });
});

describe('summarizeSeeds', () => {
  test('groups by configuration and summarises the value (log10 on request)', () => {
    const rows = [
      { beta: 0, seed: 1, v: 10 },
      { beta: 0, seed: 2, v: 1000 },
      { beta: 0.9, seed: 1, v: 4 },
      { beta: 0.9, seed: 2, v: 6 },
    ];
    const s = summarizeSeeds(rows, { by: ['beta'], value: 'v' });
    assert.deepEqual(
      s.map((g) => [g.beta, g.n, g.mean]),
      [
        [0, 2, 505],
        [0.9, 2, 5],
      ],
    );
    const l = summarizeSeeds(rows, { by: ['beta'], value: 'v', log10: true });
    assert.equal(l[0].mean, 2); // (1 + 3) / 2
    assert.throws(
      () => summarizeSeeds([{ beta: 0, v: null }], { by: ['beta'], value: 'v' }),
      /row 0 has v = null/,
    );
  });
});

describe('ciBelow / ciAbove / scaleCi', () => {
  test('an interval is below or above x only when it has two values and lies wholly on that side', () => {
    const tight = meanCi([-3.1, -3, -2.9]); // mean −3, half 4.303·0.1/√3 = 0.248 → [−3.248, −2.752]
    assert.equal(ciBelow(tight), true);
    assert.equal(ciBelow(tight, -3), false, 'x inside the interval');
    assert.equal(ciAbove(tight, -4), true);
    assert.equal(ciAbove(tight), false);
    const wide = meanCi([-3, -2, -1]); // mean −2, half 2.484 → upper 0.484
    assert.equal(ciBelow(wide), false);
    const one = meanCi([-5]);
    assert.equal(ciBelow(one), false, 'one value has no interval');
    assert.equal(ciAbove(one, -10), false);
  });

  test('scaleCi multiplies every field but n (hand-worked) and rejects k ≤ 0', () => {
    const c = scaleCi(meanCi([0.01, 0.02, 0.03]), 100);
    assert.equal(c.n, 3);
    assert.ok(Math.abs(c.mean - 2) < 1e-12 && Math.abs((c.sd ?? NaN) - 1) < 1e-12);
    const ref = meanCi([1, 2, 3]);
    assert.ok(Math.abs((c.halfWidth ?? NaN) - (ref.halfWidth ?? NaN)) < 1e-12);
    assert.ok(Math.abs((c.lower ?? NaN) - (ref.lower ?? NaN)) < 1e-12);
    assert.equal(formatMeanCi(c), '2.00 ± 2.48 (n = 3)');
    assert.deepEqual(scaleCi(meanCi([0.5]), 2), {
      n: 1,
      mean: 1,
      sd: null,
      halfWidth: null,
      lower: null,
      upper: null,
    });
    assert.throws(() => scaleCi(c, 0), /k must be a finite number > 0, got 0/);
  });
});
