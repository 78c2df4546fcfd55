import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { pairedDifferences } from '../../src/stats/paired-differences.js';

describe('pairedDifferences', () => {
  test('differences per shared seed, and a narrower interval than unpaired when seeds share variance', () => {
    // the seed effect (100, 200, 300) is shared; 'is' is 1 lower with small noise
    const rows = [
      { method: 'uniform', seed: 1, v: 100 },
      { method: 'uniform', seed: 2, v: 200 },
      { method: 'uniform', seed: 3, v: 300 },
      { method: 'is', seed: 1, v: 99.1 },
      { method: 'is', seed: 2, v: 198.9 },
      { method: 'is', seed: 3, v: 299 },
      { method: 'is', seed: 4, v: 5 }, // no uniform seed 4: left out
    ];
    const [d] = pairedDifferences(rows, { by: 'method', baseline: 'uniform', value: 'v' });
    assert.equal(d.arm, 'is');
    assert.deepEqual(d.pairs, [1, 2, 3]);
    assert.deepEqual(
      d.differences.map((x) => Math.round(x * 1e9) / 1e9),
      [-0.9, -1.1, -1],
    );
    assert.ok(Math.abs(d.mean + 1) < 1e-12);
    assert.ok((d.upper as number) < 0, 'the paired interval excludes 0');
  });

  test('log10 compares ratios; errors name the problem', () => {
    const rows = [
      { method: 'uniform', seed: 1, v: 10 },
      { method: 'is', seed: 1, v: 1 },
    ];
    const [d] = pairedDifferences(rows, { by: 'method', baseline: 'uniform', value: 'v', log10: true });
    assert.deepEqual(d.differences, [-1]);
    assert.equal(d.sd, null);
    assert.throws(
      () => pairedDifferences(rows, { by: 'method', baseline: 'as', value: 'v' }),
      /no rows with method = 'as'/,
    );
    assert.throws(
      () => pairedDifferences([...rows, rows[0]], { by: 'method', baseline: 'uniform', value: 'v' }),
      /two rows for method = uniform, seed = 1/,
    );
  });
});
