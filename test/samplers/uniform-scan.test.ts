import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/random/rng.js';
import { createUniformScan } from '../../src/samplers/uniform-scan.js';

describe('createUniformScan', () => {
  it('covers every index exactly once per epoch in ceil(N/B) slices, the last partial', () => {
    const N = 10;
    const B = 4;
    const s = createUniformScan({ n: N, batchSize: B, rng: createRng(1) });
    assert.equal(s.name, 'uniform');
    assert.equal(s.stepsInEpoch(0), 3);
    assert.equal(s.wantsScores(), false);
    for (let e = 0; e < 3; e++) {
      s.beginEpoch(e);
      const seen = new Array<number>(N).fill(0);
      const sizes: number[] = [];
      for (let t = 0; t < s.stepsInEpoch(e); t++) {
        const batch = s.next();
        sizes.push(batch.indices.length);
        assert.equal(batch.weights.length, batch.indices.length);
        assert.equal(batch.probs.length, batch.indices.length);
        for (let b = 0; b < batch.indices.length; b++) {
          seen[batch.indices[b]]++;
          assert.equal(batch.weights[b], 1);
          assert.equal(batch.probs[b], 1 / N);
        }
        s.observe({ indices: batch.indices, losses: new Float32Array(batch.indices.length) });
      }
      assert.deepEqual(sizes, [4, 4, 2]);
      assert.deepEqual(seen, new Array<number>(N).fill(1), `epoch ${e}: counts ${seen.join(',')}`);
      assert.throws(() => s.next(), /more than stepsInEpoch = 3 times in epoch/);
      s.endEpoch(e);
    }
  });

  it('uses a different permutation each epoch, and the same ones for the same seed', () => {
    const run = (seed: number): number[][] => {
      const s = createUniformScan({ n: 50, batchSize: 50, rng: createRng(seed) });
      const orders: number[][] = [];
      for (let e = 0; e < 3; e++) {
        s.beginEpoch(e);
        orders.push(Array.from(s.next().indices));
        s.endEpoch(e);
      }
      return orders;
    };
    const a = run(7);
    // P(two uniform permutations of 50 coincide) = 1/50!, so any equality here is a bug.
    assert.notDeepEqual(a[0], a[1]);
    assert.notDeepEqual(a[1], a[2]);
    assert.deepEqual(run(7), a);
    assert.notDeepEqual(run(8)[0], a[0]);
  });

  it('B = N and N = 1 edge cases', () => {
    const one = createUniformScan({ n: 1, batchSize: 1, rng: createRng(0) });
    assert.equal(one.stepsInEpoch(0), 1);
    one.beginEpoch(0);
    assert.deepEqual(Array.from(one.next().indices), [0]);
    one.endEpoch(0);
    assert.deepEqual(Array.from(one.probabilities()), [1]);
    const full = createUniformScan({ n: 5, batchSize: 5, rng: createRng(0) });
    full.beginEpoch(0);
    assert.deepEqual(
      Array.from(full.next().indices).sort((x, y) => x - y),
      [0, 1, 2, 3, 4],
    );
    assert.deepEqual(Array.from(full.probabilities()), [0.2, 0.2, 0.2, 0.2, 0.2]);
  });

  it('rejects a bad context, options and lifecycle misuse', () => {
    const rng = createRng(0);
    assert.throws(() => createUniformScan({ n: 0, batchSize: 1, rng }), /ctx\.n .* integer ≥ 1, got 0/);
    assert.throws(
      () => createUniformScan({ n: 4, batchSize: 5, rng }),
      /batchSize must be an integer in \[1, N = 4\], got 5/,
    );
    assert.throws(
      () => createUniformScan({ n: 4, batchSize: 2, rng }, { alpha: 1 }),
      /unknown option 'alpha'/,
    );
    const s = createUniformScan({ n: 4, batchSize: 2, rng });
    assert.throws(() => s.next(), /outside an epoch; call beginEpoch/);
    assert.throws(() => s.beginEpoch(-1), /epoch must be an integer ≥ 0, got -1/);
    s.beginEpoch(0);
    assert.throws(() => s.beginEpoch(1), /epoch 0 is still open/);
    assert.throws(() => s.endEpoch(1), /endEpoch\(1\) does not match the open epoch \(0\)/);
  });
});
