import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkOption } from '../../src/options/option-spec.js';
import { scaleIntSetting, scaleValue } from '../../src/papers/train-settings.js';

describe('scaleIntSetting / scaleValue', () => {
  it("0 stands for the scale's value, any other value for itself; negatives and fractions are refused", () => {
    const perScale = { quick: 5, full: 50 };
    assert.equal(scaleValue(0, perScale, 'quick'), 5);
    assert.equal(scaleValue(0, perScale, 'full'), 50);
    assert.equal(scaleValue(2, perScale, 'full'), 2);
    const o = scaleIntSetting("epochs; 0: the scale's");
    assert.equal(o.default, 0);
    checkOption('epochs', o, 3);
    assert.throws(() => checkOption('epochs', o, -1), /epochs/);
    assert.throws(() => checkOption('epochs', o, 1.5), /epochs/);
  });
});
