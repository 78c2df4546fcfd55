import '../../src/builtins.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { meanSquaredError } from '../../src/losses/mse.js';
import { getLoss, lossNames } from '../../src/losses/registry.js';
import { softmaxCrossEntropy } from '../../src/losses/softmax-ce.js';

describe('loss registry', () => {
  it('lists the registered names in order', () => {
    assert.deepEqual(lossNames(), ['softmax-ce', 'mse']);
  });

  it('returns each loss by its own name', () => {
    assert.equal(getLoss('softmax-ce'), softmaxCrossEntropy);
    assert.equal(getLoss('mse'), meanSquaredError);
    for (const name of lossNames()) assert.equal(getLoss(name).name, name);
  });

  it('rejects an unknown name, listing the allowed ones', () => {
    assert.throws(() => getLoss('hinge'), /unknown loss 'hinge'; allowed: softmax-ce, mse/);
  });
});
