import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { maxAbsDiff, roundoffBound, verdict } from '../../src/theory/verdict.js';

describe('verdict', () => {
  it('formats a passing check', () => {
    assert.equal(verdict('|E[Ĝ] − G|', 3e-17, '≤', 1e-12), '|E[Ĝ] − G| = 3.00e-17 ≤ 1.00e-12 ✓');
    assert.equal(verdict('ρ', 0.8766, '>', 0.5), 'ρ = 0.877 > 0.5 ✓');
  });
  it('a failing check throws with its line, or returns ✗ with throws: false; NaN never passes', () => {
    assert.throws(() => verdict('x', 2, '<', 1), /check failed: x = 2 < 1 ✗/);
    assert.equal(verdict('x', 2, '<', 1, { throws: false }), 'x = 2 < 1 ✗');
    assert.equal(verdict('x', NaN, '≥', 0, { throws: false }), 'x = NaN ≥ 0 ✗');
    // @ts-expect-error an unknown operator is rejected at run time too
    assert.throws(() => verdict('x', 1, '=', 1), /op must be one of/);
  });
});

describe('maxAbsDiff and roundoffBound', () => {
  it('hand values and errors', () => {
    assert.equal(maxAbsDiff([1, 2], [1, 2.5]), 0.5);
    assert.ok(Number.isNaN(maxAbsDiff([NaN], [0])));
    assert.throws(() => maxAbsDiff([1], [1, 2]), /lengths differ, 1 vs 2/);
    assert.equal(roundoffBound(1, 1), 4 * Number.EPSILON);
    assert.throws(() => roundoffBound(0, 1), /terms must be ≥ 1/);
    assert.throws(() => roundoffBound(1, -1), /scale must be finite and ≥ 0/);
  });
});
