import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { median } from '../../src/stats/median.js';

describe('median', () => {
  it('odd and even counts, unsorted input left unchanged', () => {
    const v = [5, 1, 4];
    assert.equal(median(v), 4);
    assert.deepEqual(v, [5, 1, 4]);
    assert.equal(median([4, 1, 2, 3]), 2.5);
    assert.equal(median([-1]), -1);
  });

  it('no values is an error, not NaN', () => {
    assert.throws(() => median([]), /median: no values/);
  });
});
