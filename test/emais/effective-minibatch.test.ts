import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { effectiveMinibatch } from '../../src/emais/effective-minibatch.js';
import { varianceTracesFromVectors } from '../../src/emais/variance-traces.js';
import { exactTracesFromNorms } from '../../src/emais/exact-traces.js';

describe('effectiveMinibatch', () => {
  it('is B·trU/trIS ([EMAIS] Eq. 7)', () => {
    assert.equal(effectiveMinibatch(128, 3, 1.5), 256);
  });

  it('equals B under uniform sampling: minibatch estimate with λ ≡ 1 and exact traces with p = 1/N', () => {
    const t = varianceTracesFromVectors([1, 1, 1], [1, 2, 0, 3, -1, 1], 2); // λ ≡ 1 ⇒ S2 = S1 ⇒ trIS = trU
    assert.equal(effectiveMinibatch(3, t.trU, t.trIS), 3);
    const ex = exactTracesFromNorms([1, 2, 5], 0.5, [1 / 3, 1 / 3, 1 / 3], 64);
    assert.ok(Math.abs(ex.ems - 64) <= 1e-12, `exact ems ${ex.ems}`);
  });

  it('falls back to B for non-positive or non-finite traces (METHODS §5.5 guard)', () => {
    assert.equal(effectiveMinibatch(32, -1, 2), 32);
    assert.equal(effectiveMinibatch(32, 1, 0), 32);
    assert.equal(effectiveMinibatch(32, NaN, 1), 32);
    assert.throws(() => effectiveMinibatch(0, 1, 1), /B must be a finite number > 0, got 0/);
  });
});
