import '../../src/builtins.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../src/train/resolve-config.js';

describe('resolveConfig: seeds', () => {
  const base = { task: 'poly6', method: 'is' };

  it('seeds are safe integers in [0, 2^53 − 1] (the range the Rng tells apart)', () => {
    assert.equal(resolveConfig({ ...base, seed: 0 }).seed, 0);
    assert.equal(resolveConfig({ ...base, seed: Number.MAX_SAFE_INTEGER }).seed, 2 ** 53 - 1);
    assert.throws(
      () => resolveConfig({ ...base, seed: 1e20 }),
      /^RangeError: seed must be an integer in \[0, 2\^53 − 1\], got 100000000000000000000$/,
    );
    assert.throws(
      () => resolveConfig({ ...base, dataSeed: 2 ** 53 }),
      /^RangeError: dataSeed must be an integer in \[0, 2\^53 − 1\], got 9007199254740992$/,
    );
    assert.throws(
      () => resolveConfig({ ...base, seed: -1 }),
      /seed must be an integer in \[0, 2\^53 − 1\], got -1/,
    );
  });
});
