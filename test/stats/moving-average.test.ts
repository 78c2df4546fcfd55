import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { movingAverage, movingAverageBy, thinRows } from '../../src/stats/moving-average.js';

describe('movingAverage', () => {
  it('averages the trailing k values in step order, skipping non-finite values (hand-worked)', () => {
    const rows = [
      { step: 2, y: 5 },
      { step: 0, y: 1 },
      { step: 1, y: 3 },
      { step: 3, y: NaN },
      { step: 4, y: 7 },
    ];
    // step order 0, 1, 2, (3 skipped), 4: windows [1], [1,3], [1,3,5]→k=2 [3,5], [5,7]
    assert.deepEqual(
      movingAverage(rows, 'y', 2).map((r) => [r.step, r.y]),
      [
        [0, 1],
        [1, 2],
        [2, 4],
        [4, 6],
      ],
    );
    assert.throws(() => movingAverage(rows, 'y', 0), /k must be an integer ≥ 1, got 0/);
  });
});

describe('movingAverageBy', () => {
  it('averages within each series of equal `by` values, series in first-row order (hand-worked)', () => {
    const rows = [
      { m: 'b', seed: 1, step: 0, y: 10 },
      { m: 'a', seed: 1, step: 0, y: 1 },
      { m: 'b', seed: 1, step: 1, y: 20 },
      { m: 'a', seed: 2, step: 0, y: 100 },
      { m: 'a', seed: 1, step: 1, y: 3 },
    ];
    // series b|1: 10, (10+20)/2; a|1: 1, (1+3)/2; a|2: 100 — no window crosses a series
    assert.deepEqual(
      movingAverageBy(rows, ['m', 'seed'], 'y', 2).map((r) => [r.m, r.seed, r.step, r.y]),
      [
        ['b', 1, 0, 10],
        ['b', 1, 1, 15],
        ['a', 1, 0, 1],
        ['a', 1, 1, 2],
        ['a', 2, 0, 100],
      ],
    );
  });
});

describe('thinRows', () => {
  it('keeps every `every`-th row by position from the first; a non-integer or < 1 is an error', () => {
    assert.deepEqual(thinRows(['a', 'b', 'c', 'd', 'e'], 2), ['a', 'c', 'e']);
    assert.deepEqual(thinRows([1, 2, 3], 1), [1, 2, 3]);
    assert.throws(() => thinRows([1], 0), /every must be an integer ≥ 1, got 0/);
    assert.throws(() => thinRows([1], 1.5), /every must be an integer ≥ 1, got 1\.5/);
  });
});
