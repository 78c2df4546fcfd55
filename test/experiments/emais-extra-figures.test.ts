import '../../src/builtins.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  movingAverage,
  reproduceEmaisExtra,
  traceOrderShare,
} from '../../src/experiments/emais-extra-figures.js';
import { emaisTraceDefaults } from '../../src/experiments/emais-trace-figures.js';
import { importanceDistanceDefaults } from '../../src/experiments/importance-distance-figure.js';

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

describe('settings of the extra figures', () => {
  it('EMAIS Figs. 3–5 checkpoints follow the paper (5000 and 25000 of 25000 iterations); full scale uses B = 128', () => {
    for (const s of [emaisTraceDefaults.quick, emaisTraceDefaults.full])
      assert.deepEqual(s.checkpoints, [0.2, 1]);
    assert.equal(emaisTraceDefaults.full.batchSize, 128);
    assert.equal(emaisTraceDefaults.full.population, 500); // [EMAIS] Fig. 3: 500 random training points
  });
  it('the importance-distance comparison uses all 8000 samples and 50 epochs at full scale ([AS-IS] §5.1)', () => {
    assert.equal(importanceDistanceDefaults.full.subset, 8000);
    assert.equal(importanceDistanceDefaults.full.epochs, 50);
    for (const s of Object.values(importanceDistanceDefaults)) {
      assert.ok(s.checkpoints.every((e) => e <= s.epochs) && s.checkpoints[0] === 0);
    }
  });
});
