import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createFullBatch } from '../../src/samplers/full-batch.js';
import { createRng } from '../../src/random/rng.js';

describe('full-batch sampler', () => {
  it('returns the whole set with weights 1, floor(N/B) steps per epoch', () => {
    const s = createFullBatch({ n: 10, batchSize: 3, rng: createRng(1) });
    assert.equal(s.stepsInEpoch(0), 3);
    s.beginEpoch(0);
    const b = s.next();
    assert.deepEqual([...b.indices], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.ok(b.weights.every((w) => w === 1));
    assert.ok(b.probs.every((p) => p === 0.1));
    assert.equal(s.wantsScores(), false);
    s.endEpoch(0);
    assert.deepEqual([...s.probabilities()], new Array(10).fill(0.1));
  });
  it('rejects next() outside an epoch and bad epochs', () => {
    const s = createFullBatch({ n: 4, batchSize: 2, rng: createRng(1) });
    assert.throws(() => s.next(), /outside an epoch/);
    assert.throws(() => s.stepsInEpoch(-1), /epoch must be an integer ≥ 0, got -1/);
  });
});
