import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatProgress } from '../../src/sweep/format-progress.js';

const p = {
  total: 12,
  done: 5,
  trained: 4,
  cached: 1,
  failed: 0,
  running: 2,
  elapsedSeconds: 35,
  etaSeconds: 49,
};

describe('formatProgress', () => {
  test('bar, counts, elapsed and ETA', () => {
    assert.equal(
      formatProgress(p, 12),
      '[#####.......] 5/12 done, 2 running, 0 failed, 1 cached, 35s elapsed, ETA 49s',
    );
    assert.match(formatProgress({ ...p, etaSeconds: null }), /ETA \?$/);
    assert.match(formatProgress({ ...p, etaSeconds: 3725 }), /ETA 1h02m$/);
    assert.match(formatProgress({ ...p, elapsedSeconds: 125 }), /2m05s elapsed/);
    assert.match(formatProgress({ ...p, done: 12, running: 0 }, 4), /^\[####\] 12\/12 done.*finished$/);
  });
});
