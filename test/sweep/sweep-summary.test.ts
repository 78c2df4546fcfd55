import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Trial } from '../../src/sweep/expand-trials.js';
import type { TrialResult } from '../../src/sweep/run-trials.js';
import { sweepSummary } from '../../src/sweep/sweep-summary.js';

const trial = (index: number): Trial => ({
  index,
  id: `id${index}`,
  label: `poly6/is seed=${index}`,
  values: {},
  options: { task: 'poly6', method: 'is', seed: index },
});
const result = (index: number, status: TrialResult['status'], cpu: number | null): TrialResult => ({
  trial: trial(index),
  status,
  dir: status === 'failed' ? null : `/r/${index}`,
  key: null,
  backend: 'cpu',
  steps: 10,
  wallSeconds: 1,
  cpuSeconds: cpu,
  timing: [],
  ...(status === 'failed' ? { error: 'boom', failureFile: '/r/failures/id2.json' } : {}),
});

describe('sweepSummary', () => {
  test('counts, CPU seconds of trained trials and the failures', () => {
    const s = sweepSummary(
      's',
      [result(0, 'trained', 1.5), result(1, 'cached', null), result(2, 'failed', null)],
      {
        shard: { k: 1, n: 2 },
        workers: 2,
        wallSeconds: 3,
      },
    );
    assert.deepEqual(s, {
      sweep: 's',
      shard: { k: 1, n: 2 },
      workers: 2,
      trials: 3,
      trained: 1,
      cached: 1,
      failed: 1,
      wallSeconds: 3,
      cpuSeconds: 1.5,
      failures: [
        { index: 2, id: 'id2', label: 'poly6/is seed=2', error: 'boom', file: '/r/failures/id2.json' },
      ],
    });
  });
});
