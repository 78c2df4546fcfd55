import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { stringifyFinite } from '../../src/records/stringify-finite.js';

describe('stringifyFinite: JSON that never turns a number into a silent null', () => {
  it('writes finite values exactly as JSON.stringify does (nulls that were null stay null)', () => {
    const v = { a: 1, b: [0.5, -2, null], c: { d: 'x', e: true }, f: undefined };
    assert.equal(stringifyFinite(v), JSON.stringify(v));
    assert.equal(stringifyFinite(v, 2), JSON.stringify(v, null, 2));
  });

  it('throws naming the key path and the value of a NaN or ±Infinity', () => {
    assert.throws(
      () => stringifyFinite({ final: { trainLoss: Number.NaN } }),
      /^RangeError: final\.trainLoss is NaN; a result number must be finite \(JSON would write it as null\)$/,
    );
    assert.throws(
      () => stringifyFinite({ config: { milestones: [1, Number.POSITIVE_INFINITY] } }),
      /^RangeError: config\.milestones\[1\] is Infinity/,
    );
    assert.throws(() => stringifyFinite(Number.NEGATIVE_INFINITY), /^RangeError: \(value\) is -Infinity/);
  });
});
