import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseShard, shardTrials } from '../../src/sweep/shard-trials.js';

describe('shardTrials', () => {
  test('the shards of n partition the trials: each exactly once, sizes within one', () => {
    for (const total of [0, 1, 5, 12, 37]) {
      const trials = Array.from({ length: total }, (_, i) => `t${i}`);
      for (const n of [1, 2, 3, 4, 7, 16, 40]) {
        const parts = Array.from({ length: n }, (_, k) => shardTrials(trials, { k: k + 1, n }));
        const seen = parts.flat();
        assert.equal(seen.length, total, `total ${total}, n ${n}`);
        assert.deepEqual([...seen].sort(), [...trials].sort(), `total ${total}, n ${n}`);
        const sizes = parts.map((p) => p.length);
        assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `sizes ${sizes}`);
      }
    }
  });

  test('deterministic: the same shard of the same trials is the same list', () => {
    const trials = Array.from({ length: 10 }, (_, i) => i);
    assert.deepEqual(shardTrials(trials, { k: 2, n: 3 }), [1, 4, 7]);
    assert.deepEqual(shardTrials(trials, { k: 2, n: 3 }), shardTrials([...trials], parseShard('2/3')));
  });

  test('parseShard accepts k/n with 1 ≤ k ≤ n and rejects the rest with the flag in the message', () => {
    assert.deepEqual(parseShard('3/4'), { k: 3, n: 4 });
    for (const bad of ['0/4', '5/4', '1/0', '1', 'a/b', '1/2/3', '-1/2']) {
      assert.throws(() => parseShard(bad), /--shard must be k\/n with integers 1 ≤ k ≤ n/, bad);
    }
    assert.throws(() => shardTrials([1], { k: 2, n: 1 }), /shard must have integers/);
  });
});
