import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createUniformDynamic, uniformDynamicDefaults } from '../../src/samplers/uniform-dynamic.js';
import { createRng } from '../../src/random/rng.js';

describe('uniform-dynamic sampler', () => {
  it('draws B_t indices per step (rounded, last entry repeats) and scales the LR by B_t/B', () => {
    assert.deepEqual({ ...uniformDynamicDefaults }, { batchSizes: [], scaleLr: true });
    const s = createUniformDynamic(
      { n: 100, batchSize: 10, rng: createRng(0) },
      { batchSizes: [10, 24.6, 5] },
    );
    assert.equal(s.stepsInEpoch(0), 10);
    s.beginEpoch(0);
    const sizes: number[] = [];
    const scales: number[] = [];
    for (let t = 0; t < 4; t++) {
      const batch = s.next();
      sizes.push(batch.indices.length);
      assert.ok(batch.weights.every((c) => c === 1) && batch.probs.every((p) => p === 1 / 100));
      assert.ok(batch.indices.every((i) => i >= 0 && i < 100));
      const d = s.afterForward?.({ batch, losses: new Float32Array(0), numOutputs: 1 });
      scales.push(d?.lrScale ?? NaN);
    }
    assert.deepEqual(sizes, [10, 25, 5, 5]);
    assert.deepEqual(scales, [1, 2.5, 0.5, 0.5]);
    assert.equal(s.diagnostics?.().batchSize, 5);
  });

  it('uses B when the list is empty, and rejects bad sizes', () => {
    const s = createUniformDynamic({ n: 20, batchSize: 4, rng: createRng(0) }, { scaleLr: false });
    assert.equal(s.next().indices.length, 4);
    assert.throws(
      () => createUniformDynamic({ n: 20, batchSize: 4, rng: createRng(0) }, { batchSizes: [4, 0.2] }),
      /batchSizes\[1\] must be a finite number ≥ 0.5, got 0.2/,
    );
    assert.throws(
      () => createUniformDynamic({ n: 20, batchSize: 4, rng: createRng(0) }, { sizes: [] }),
      /unknown option 'sizes'/,
    );
  });
});
