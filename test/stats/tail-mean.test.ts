import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { tailMean } from '../../src/stats/tail-mean.js';

describe('tailMean', () => {
  test('averages the last ⌈25%⌉ of each run’s evaluations, in x order', () => {
    // 8 evaluations → the last 2; given out of order on purpose
    const rows = [7, 0, 1, 2, 3, 4, 5, 6].map((s) => ({ run: 'a', step: s, y: s * 10 }));
    rows.push(...[0, 1, 2].map((s) => ({ run: 'b', step: s, y: 2 ** s })));
    const out = tailMean(rows, { y: 'y' });
    assert.deepEqual(out[0], { run: 'a', step: 7, y: 65, tailCount: 2 }); // (60 + 70) / 2
    assert.deepEqual(out[1], { run: 'b', step: 2, y: 4, tailCount: 1 }); // ⌈0.75⌉ = 1
    const g = tailMean(
      rows.filter((r) => r.run === 'b'),
      { y: 'y', fraction: 1, geometric: true },
    );
    assert.ok(Math.abs((g[0].y as number) - 2) < 1e-12); // geometric mean of 1, 2, 4
  });

  test('rejects a bad fraction and non-finite values in the tail', () => {
    assert.throws(() => tailMean([], { y: 'y', fraction: 0 }), /fraction must be in \(0, 1\]/);
    assert.throws(() => tailMean([{ run: 'a', step: 0, y: NaN }], { y: 'y' }), /run a has y = NaN/);
  });
});
