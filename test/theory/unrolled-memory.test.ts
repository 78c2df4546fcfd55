import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/random/rng.js';
import { blendMemory } from '../../src/samplers/importance-memory.js';
import { unrolledMemory } from '../../src/theory/unrolled-memory.js';

describe('unrolledMemory ([AS-IS] Eq. 7 unrolled)', () => {
  it('hand value and α = 0 keeps only the latest score', () => {
    assert.equal(unrolledMemory(2, [4], 0.25), 3.5);
    assert.equal(unrolledMemory(2, [4, 7, 1], 0), 1);
    assert.equal(unrolledMemory(2, [], 0.5), 2);
  });
  it('equals k repeated blendMemory calls for random scores and α', () => {
    const rng = createRng(8);
    for (let t = 0; t < 20; t++) {
      const alpha = 0.99 * rng.next();
      const phis = Array.from({ length: 1 + rng.int(30) }, () => rng.next() * 5);
      const iterated = phis.reduce((q, phi) => blendMemory(q, phi, alpha), 1.5);
      assert.ok(Math.abs(unrolledMemory(1.5, phis, alpha) - iterated) < 1e-12, `trial ${t}`);
    }
  });
  it('rejects α outside [0, 1)', () => {
    assert.throws(() => unrolledMemory(1, [1], 1), /alpha must be in \[0, 1\), got 1/);
  });
});
