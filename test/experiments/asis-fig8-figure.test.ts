import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { interpolateAt, meanAtStep } from '../../src/experiments/asis-fig8-figure.js';

describe('interpolateAt', () => {
  it('interpolates linearly inside the curve and gives NaN outside', () => {
    assert.equal(interpolateAt([0, 2, 4], [1, 3, 11], 1), 2);
    assert.equal(interpolateAt([0, 2, 4], [1, 3, 11], 3), 7); // 3 + (1/2)(11 − 3)
    assert.equal(interpolateAt([0, 2, 4], [1, 3, 11], 4), 11);
    assert.ok(Number.isNaN(interpolateAt([0, 2], [1, 3], 2.5)));
    assert.ok(Number.isNaN(interpolateAt([], [], 0)));
  });
});

describe('meanAtStep', () => {
  it('averages a column per (method, step) over seeds, skipping non-finite values', () => {
    const m = meanAtStep(
      [
        { method: 'is', step: 32, seed: 1, t: 1 },
        { method: 'is', step: 32, seed: 2, t: 3 },
        { method: 'is', step: 32, seed: 3, t: NaN },
        { method: 'uniform', step: 32, seed: 1, t: 5 },
      ],
      't',
    );
    assert.equal(m.get('is|32'), 2);
    assert.equal(m.get('uniform|32'), 5);
    assert.equal(m.size, 2);
  });
});
