import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTable } from '../../src/theory/check-table.js';

describe('checkTable', () => {
  test('one row per check, in order, with holds ✓ or ✗', () => {
    const rows = checkTable([
      ['|E[Ĝ] − G|', 3e-17, '≤', 1e-12],
      ['V(p) − V(p*)', 0.25, '≥', 0],
      ['Spearman ρ', 0.3, '>', 0.5, { throws: false }], // empirical: fails, reported, does not throw
    ]);
    assert.deepEqual(rows, [
      { check: '|E[Ĝ] − G|', value: 3e-17, op: '≤', bound: 1e-12, holds: '✓' },
      { check: 'V(p) − V(p*)', value: 0.25, op: '≥', bound: 0, holds: '✓' },
      { check: 'Spearman ρ', value: 0.3, op: '>', bound: 0.5, holds: '✗' },
    ]);
  });

  test('rows are plain records (what table() of isgrad/notebook takes)', () => {
    const rows: readonly Record<string, unknown>[] = checkTable([['x', 0, '≤', 1]]); // compiled by tsc in npm test
    assert.equal(rows.length, 1);
  });

  test('strict and non-strict comparisons at the bound', () => {
    const rows = checkTable([
      ['a', 1, '≤', 1],
      ['b', 1, '<', 1, { throws: false }],
      ['c', 1, '≥', 1],
      ['d', 1, '>', 1, { throws: false }],
    ]);
    assert.deepEqual(
      rows.map((r) => r.holds),
      ['✓', '✗', '✓', '✗'],
    );
  });

  test('a failing hard check throws after all checks ran, naming every failure; NaN never holds', () => {
    assert.throws(
      () =>
        checkTable([
          ['first', 2, '≤', 1],
          ['fine', 0, '≤', 1],
          ['second', NaN, '≥', 0],
        ]),
      { message: 'check failed: first = 2 ≤ 1 ✗; second = NaN ≥ 0 ✗' },
    );
  });

  test('a bad comparison is a RangeError', () => {
    assert.throws(
      () => checkTable([['x', 1, '=' as never, 1]]),
      /verdict: op must be one of ≤ < ≥ >, got '='/,
    );
  });
});
