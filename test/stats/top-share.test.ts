import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { topShare } from '../../src/stats/top-share.js';

const EPS = 1e-15; // float64 sums of a few small integers

describe('topShare', () => {
  it('is the fraction for equal weights and the top round(fraction·N) share otherwise (hand-worked)', () => {
    assert.ok(Math.abs(topShare(new Array(20).fill(1)) - 0.1) < EPS);
    // N = 20 → top 2 of weights 10, 5, then 18 ones: (10 + 5)/(15 + 18) = 15/33
    assert.ok(Math.abs(topShare([1, 10, ...new Array(17).fill(1), 5]) - 15 / 33) < EPS);
    // N = 4, fraction 0.5 → top 2 of (4, 3, 2, 1): 7/10
    assert.ok(Math.abs(topShare([2, 4, 1, 3], 0.5) - 0.7) < EPS);
    assert.equal(topShare([3]), 1); // N = 1: at least one point
  });

  it('rejects an empty list and a fraction outside (0, 1]', () => {
    assert.throws(() => topShare([]), /topShare: no weights/);
    assert.throws(() => topShare([1], 0), /fraction must be in \(0, 1\], got 0/);
    assert.throws(() => topShare([1], 1.5), /got 1.5/);
  });
});
