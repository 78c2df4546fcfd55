import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/random/rng.js';
import { blendMemory, epsilonFloor, memoryOptions } from '../../src/samplers/importance-memory.js';
import { createMemoryIs, memorySamplerDefaults } from '../../src/samplers/memory-sampler.js';
import { createMisSampler, misSamplerDefaults } from '../../src/samplers/mis-sampler.js';

describe('importance memory (blend and ε floor)', () => {
  test('blendMemory: α_q q + (1 − α_q) φ, hand-worked', () => {
    assert.equal(blendMemory(2, 4, 0.25), 3.5); // 0.25·2 + 0.75·4
    assert.equal(blendMemory(2, 4, 0), 4); // α_q = 0: no memory
    assert.equal(blendMemory(7, 0, 0.5), 3.5);
  });

  test('epsilonFloor: ε·mean(q) when relative, ε when absolute', () => {
    assert.equal(epsilonFloor(50, 100, 1e-3, 'relative'), 5e-4); // 1e-3 · 50/100
    assert.equal(epsilonFloor(50, 100, 1e-3, 'absolute'), 1e-3);
    assert.equal(epsilonFloor(0, 100, 1e-3, 'relative'), 0);
  });

  test('one declaration: both samplers take their defaults from memoryOptions', () => {
    assert.deepEqual(memoryOptions.alpha.default, 0.1);
    for (const d of [memorySamplerDefaults, misSamplerDefaults]) {
      assert.equal(d.alpha, memoryOptions.alpha.default);
      assert.equal(d.eps, memoryOptions.eps.default);
      assert.equal(d.epsMode, memoryOptions.epsMode.default);
    }
  });

  test('both samplers reject α_q = 1 with the declared range [0, 1)', () => {
    const ctx = { n: 8, batchSize: 4, rng: createRng(0) };
    assert.throws(
      () => createMemoryIs(ctx, { alpha: 1 }),
      /is: option alpha must be a number in \[0, 1\), got 1/,
    );
    assert.throws(
      () => createMisSampler(ctx, { alpha: 1 }),
      /mis: option alpha must be a number in \[0, 1\), got 1/,
    );
    assert.doesNotThrow(() => createMisSampler(ctx, { alpha: 0 }));
  });
});
