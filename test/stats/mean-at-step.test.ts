import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { meanAtStep } from '../../src/stats/mean-at-step.js';

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
