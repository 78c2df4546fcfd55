import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { distributionDistance } from '../../src/diagnostics/distribution-distance.js';
import { spearmanCorrelation } from '../../src/diagnostics/spearman-correlation.js';

describe('distributionDistance', () => {
  it('normalises both inputs, then takes ‖pA − pB‖₂ (hand-worked)', () => {
    // (0.5, 0.5) vs (1, 0): √(0.25 + 0.25) = √0.5
    assert.ok(Math.abs(distributionDistance([1, 1], [1, 0]) - Math.SQRT1_2) < 1e-15);
    // (0.2, 0.3, 0.5) vs (1/3)·3: √((0.2−1/3)² + (0.3−1/3)² + (0.5−1/3)²) = √(0.04667) ≈ 0.216025
    assert.ok(Math.abs(distributionDistance([2, 3, 5], [7, 7, 7]) - 0.2160247) < 1e-7);
    assert.equal(distributionDistance([1, 2], [2, 4]), 0); // scale-free
  });
  it('rejects mismatched lengths, negative or non-finite scores, and zero sums', () => {
    assert.throws(() => distributionDistance([1], [1, 2]), /same length ≥ 1, got 1, 2/);
    assert.throws(() => distributionDistance([1, -1], [1, 1]), /a\[1\] must be finite and ≥ 0, got -1/);
    assert.throws(() => distributionDistance([1, 1], [0, 0]), /b sums to 0/);
  });
});

describe('spearmanCorrelation', () => {
  it('is Pearson on ranks (hand-worked: ranks (1,2,3) vs (1,3,2) → 1 − 6·2/(3·8) = 0.5)', () => {
    assert.ok(Math.abs(spearmanCorrelation([1, 2, 3], [10, 30, 20]) - 0.5) < 1e-15);
    assert.equal(spearmanCorrelation([1, 2, 3, 4], [1, 4, 9, 16]), 1); // monotone, not linear
    assert.equal(spearmanCorrelation([1, 2, 3], [3, 2, 1]), -1);
  });
  it('gives ties their average rank', () => {
    // a ranks (1, 2.5, 2.5, 4), b ranks (1, 2, 3, 4): Pearson = 4.5/√(4.5·5) = 0.948683
    assert.ok(Math.abs(spearmanCorrelation([0, 1, 1, 2], [1, 2, 3, 4]) - 0.9486833) < 1e-7);
  });
  it('is NaN for a constant input and rejects bad input', () => {
    assert.ok(Number.isNaN(spearmanCorrelation([1, 1, 1], [1, 2, 3])));
    assert.throws(() => spearmanCorrelation([1], [1]), /≥ 2 values, got 1, 1/);
    assert.throws(() => spearmanCorrelation([1, Infinity], [1, 2]), /values at 1 must be finite/);
  });
});
