import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { validateDataset } from '../../src/data/dataset.js';
import { makeShapes3d, shapes3dClassNames, shapes3dDefaults } from '../../src/data/shapes3d.js';

describe('makeShapes3d', () => {
  it('defaults: 2,000 / 500 clouds of 256 points, 8 classes, noise 0.02, scale ≤ 1.25, seed 0', () => {
    assert.deepEqual(shapes3dDefaults, {
      nTrain: 2000,
      nTest: 500,
      points: 256,
      classes: 8,
      noise: 0.02,
      maxScale: 1.25,
      seed: 0,
    });
    assert.deepEqual(
      [...shapes3dClassNames],
      ['sphere', 'cube', 'cylinder', 'cone', 'torus', 'ellipsoid', 'ripple-plane', 'helix'],
    );
  });

  it('shapes, balanced labels, clouds centred in the unit ball with max radius 1', () => {
    const { train, test } = makeShapes3d({ nTrain: 20, nTest: 9, points: 64, classes: 5, seed: 3 });
    validateDataset(train);
    validateDataset(test);
    assert.deepEqual(train.xShape, [64, 3]);
    assert.equal(train.numClasses, 5);
    assert.deepEqual(Array.from(test.y), [0, 1, 2, 3, 4, 0, 1, 2, 3]);
    const counts = new Array(5).fill(0);
    for (const c of train.y) counts[c] += 1;
    assert.deepEqual(counts, [4, 4, 4, 4, 4]);
    const TOL = 1e-5; // float32 storage of the normalised coordinates
    for (let i = 0; i < train.n; i++) {
      const mean = [0, 0, 0];
      let rMax = 0;
      for (let p = 0; p < 64; p++) {
        const o = (i * 64 + p) * 3;
        for (let k = 0; k < 3; k++) mean[k] += train.x[o + k] / 64;
        rMax = Math.max(rMax, Math.hypot(train.x[o], train.x[o + 1], train.x[o + 2]));
      }
      assert.ok(Math.abs(rMax - 1) < TOL, `cloud ${i}: max radius ${rMax}, expected 1 ± ${TOL}`);
      assert.ok(Math.hypot(...mean) < TOL, `cloud ${i}: centroid ${mean}`);
    }
  });

  it('is deterministic, prefix-stable in nTrain, and depends on the seed', () => {
    const a = makeShapes3d({ nTrain: 10, nTest: 2, points: 32, seed: 1 });
    const b = makeShapes3d({ nTrain: 10, nTest: 2, points: 32, seed: 1 });
    const c = makeShapes3d({ nTrain: 4, nTest: 2, points: 32, seed: 1 });
    const d = makeShapes3d({ nTrain: 10, nTest: 2, points: 32, seed: 2 });
    assert.deepEqual(a.train.x, b.train.x);
    assert.deepEqual(c.train.x, a.train.x.subarray(0, 4 * 32 * 3));
    assert.deepEqual(c.test.x, a.test.x);
    assert.notDeepEqual(a.train.x, d.train.x);
  });

  it('classes are geometrically distinct: the plane is thin, the sphere is round', () => {
    // Smallest eigen-direction spread: for the rippled plane (class 6) the covariance's smallest eigenvalue is
    // far below the sphere's (class 0, ≈ 1/3 of the mean squared radius). Compare via det / trace³.
    const { train } = makeShapes3d({ nTrain: 16, nTest: 1, points: 512, noise: 0, seed: 5 });
    const flatness = (i: number): number => {
      const C = [0, 0, 0, 0, 0, 0, 0, 0, 0];
      for (let p = 0; p < 512; p++) {
        const o = (i * 512 + p) * 3;
        for (let r = 0; r < 3; r++) for (let s = 0; s < 3; s++) C[3 * r + s] += (train.x[o + r] * train.x[o + s]) / 512;
      }
      const det =
        C[0] * (C[4] * C[8] - C[5] * C[7]) - C[1] * (C[3] * C[8] - C[5] * C[6]) + C[2] * (C[3] * C[7] - C[4] * C[6]);
      const tr = C[0] + C[4] + C[8];
      return det / tr ** 3; // 1/27 ≈ 0.037 for an isotropic cloud, → 0 for a flat one
    };
    // Samples 0 and 8 are spheres, 6 and 14 rippled planes (class = i mod 8).
    for (const i of [0, 8]) assert.ok(flatness(i) > 0.015, `sphere ${i}: det/tr³ ${flatness(i)}`);
    for (const i of [6, 14]) assert.ok(flatness(i) < 0.005, `plane ${i}: det/tr³ ${flatness(i)}`);
  });

  it('rejects bad options with the parameter, value and allowed range', () => {
    assert.throws(() => makeShapes3d({ classes: 9 }), /classes must be an integer in 2\.\.8, got 9/);
    assert.throws(() => makeShapes3d({ nTrain: 0 }), /nTrain must be an integer in 1\.\.Infinity, got 0/);
    assert.throws(() => makeShapes3d({ points: 2.5 }), /points must be an integer in 1\.\.Infinity, got 2\.5/);
    assert.throws(() => makeShapes3d({ noise: -1 }), /noise must be a finite number ≥ 0, got -1/);
    assert.throws(() => makeShapes3d({ maxScale: 0.5 }), /maxScale must be a finite number ≥ 1, got 0\.5/);
  });
});
