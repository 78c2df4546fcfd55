import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { logAxisTicks } from '../../src/figures/log-axis-ticks.js';

describe('logAxisTicks', () => {
  it('labels whole decades when two or more powers of ten lie in the data', () => {
    assert.deepEqual(logAxisTicks([1e-5, 3e-3]), { exponentformat: 'power', dtick: 1 });
    assert.deepEqual(logAxisTicks([1.0000000001e-5, 1e-4]), { exponentformat: 'power', dtick: 1 }, 'float error');
  });

  it('labels 1, 2, 5 × 10^k in full (no bare digits) across one decade', () => {
    // 4e-5 .. 6e-4 holds one power of ten (1e-4): plotly alone would write '100μ' then bare '2 … 5'.
    assert.deepEqual(logAxisTicks([4e-5, 6e-4]), {
      exponentformat: 'power',
      tickvals: [5e-5, 1e-4, 2e-4, 5e-4],
      ticktext: ['5×10⁻⁵', '10⁻⁴', '2×10⁻⁴', '5×10⁻⁴'],
    });
  });

  it('labels every digit within a factor of a few, and writes numbers near 1 plainly', () => {
    assert.deepEqual(logAxisTicks([5.5e-5, 6.8e-5]), {
      exponentformat: 'power',
      tickvals: [5e-5, 6e-5, 7e-5, 8e-5],
      ticktext: ['5×10⁻⁵', '6×10⁻⁵', '7×10⁻⁵', '8×10⁻⁵'],
    });
    assert.deepEqual(logAxisTicks([2, 50]).ticktext, ['2', '5', '10', '20', '50']);
  });

  it('ignores non-positive and non-finite values, and gives {} without a positive one', () => {
    assert.deepEqual(logAxisTicks([0, -1, NaN, Infinity]), {});
    assert.deepEqual(logAxisTicks([0, 1e-5, 3e-3, NaN]), { exponentformat: 'power', dtick: 1 });
  });
});
