import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { interpolateAt } from '../../src/stats/interpolate-at.js';

describe('interpolateAt', () => {
  it('interpolates linearly inside the curve and gives NaN outside', () => {
    assert.equal(interpolateAt([0, 2, 4], [1, 3, 11], 1), 2);
    assert.equal(interpolateAt([0, 2, 4], [1, 3, 11], 3), 7); // 3 + (1/2)(11 − 3)
    assert.equal(interpolateAt([0, 2, 4], [1, 3, 11], 4), 11);
    assert.ok(Number.isNaN(interpolateAt([0, 2], [1, 3], 2.5)));
    assert.ok(Number.isNaN(interpolateAt([], [], 0)));
  });
});
