import '../../src/builtins.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  movingAverage,
  reproduceEmaisExtra,
  traceOrderShare,
} from '../../src/experiments/emais-extra-figures.js';

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
    assert.equal(typeof reproduceEmaisExtra, 'function');
  });
});

describe('traceOrderShare', () => {
  it('counts post-warm-up steps with trOpt ≤ trIS ≤ trU, skipping warm-up and incomplete rows (hand-worked)', () => {
    const rows = [
      { epoch: 0, trOpt: 5, trIS: 1, trU: 0 }, // warm-up: ignored
      { epoch: 2, trOpt: 1, trIS: 2, trU: 3 }, // ordered
      { epoch: 2, trOpt: 1, trIS: 4, trU: 3 }, // trIS > trU
      { epoch: 3, trOpt: 2, trIS: 2, trU: 2 }, // ties count as ordered
      { epoch: 3, trOpt: 1, trIS: NaN, trU: 3 }, // incomplete: ignored
      { epoch: 4, trIS: 1, trU: 3 }, // missing trOpt: ignored
    ];
    assert.equal(traceOrderShare(rows, 2), 2 / 3);
    assert.ok(Number.isNaN(traceOrderShare(rows.slice(0, 1), 2)));
  });
});
