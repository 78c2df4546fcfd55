import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lrAdjust } from '../../src/emais/lr-adjust.js';

describe('lrAdjust', () => {
  it('linear, sqrt and off ([EMAIS] Eq. 8, METHODS §5.6)', () => {
    assert.equal(lrAdjust(512, 128, 'linear'), 4);
    assert.equal(lrAdjust(512, 128, 'sqrt'), 2);
    assert.equal(lrAdjust(512, 128, 'off'), 1);
  });

  it('rejects unknown modes and bad sizes', () => {
    assert.throws(
      () => lrAdjust(1, 1, 'cubic' as 'linear'),
      /mode must be one of linear, sqrt, off, got 'cubic'/,
    );
    assert.throws(() => lrAdjust(NaN, 1, 'linear'), /bEff must be finite and > 0, got NaN/);
    assert.throws(() => lrAdjust(1, -2, 'linear'), /B must be finite and > 0, got -2/);
  });
});
