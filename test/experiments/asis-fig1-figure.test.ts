import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { asisFig1Defaults, top10Share } from '../../src/experiments/asis-fig1-figure.js';

describe('top10Share', () => {
  it('is 0.1 for equal weights and the top round(0.1·N) share otherwise (hand-worked)', () => {
    assert.ok(Math.abs(top10Share(new Array(20).fill(1)) - 0.1) < 1e-15);
    // N = 20 → top 2 of weights 10, 5, then 18 ones: (10 + 5)/(15 + 18) = 15/33
    assert.ok(Math.abs(top10Share([1, 10, ...new Array(17).fill(1), 5]) - 15 / 33) < 1e-15);
    assert.equal(top10Share([3]), 1); // N = 1: at least one point
  });
});

describe('asisFig1Defaults', () => {
  it('draws ours at three epochs and DLIS at epoch 100 ([AS-IS] Fig. 1)', () => {
    assert.equal(asisFig1Defaults.quick.oursEpochs.length, 3);
    assert.equal(asisFig1Defaults.full.dlisEpochs, 100);
  });
});
