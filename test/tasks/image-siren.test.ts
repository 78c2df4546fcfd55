import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '../../src/backend/setup-backend.js';
import {
  createImageSirenTask,
  imageDataset,
  imageSirenSize,
  reconstruct,
} from '../../src/tasks/image-siren.js';
import { createRng } from '../../src/random/rng.js';
import { assertAllClose } from '../helpers/reference.js';

describe('image-siren task', () => {
  before(async () => {
    await setupBackend('cpu');
  });

  it('maps pixel centres to [−1, 1]² and keeps RGB targets', () => {
    const ds = imageDataset({ width: 2, height: 1, data: Float32Array.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6) });
    assert.equal(ds.n, 2);
    assertAllClose(ds.x, [-0.5, 0, 0.5, 0], { rtol: 0, atol: 1e-7 }, 'coordinates');
    assertAllClose(ds.y, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6], { rtol: 0, atol: 1e-7 }, 'targets');
  });

  it('builds the quick dataset (56 × 37), J = 3 for OMIS, and reconstructs with per-pixel errors', async () => {
    const spec = createImageSirenTask({ quickFactor: 16 }, 'image-siren-test');
    assert.deepEqual(spec.methodDefaults, { omis: { J: 3 }, 'mis-bh': { J: 3 } });
    const task = await spec.create({ dataSeed: 0, scale: 'quick' });
    assert.equal(task.train.n, 28 * 18); // 451/16 × 300/16
    assert.deepEqual(imageSirenSize('quick', { quickFactor: 16 }), { width: 28, height: 18 });
    assert.deepEqual(imageSirenSize('full'), { width: 112, height: 75 });
    const model = task.createModel(createRng(1));
    const n0 = tf.memory().numTensors;
    const rec = reconstruct(model, task.train, 28);
    assert.equal(tf.memory().numTensors, n0, 'reconstruct leaked');
    assert.equal(rec.height, 18);
    assert.ok(rec.rgb.every((v) => v >= 0 && v <= 1));
    assert.ok(rec.error.every((v) => Number.isFinite(v) && v >= 0));
    assert.throws(() => reconstruct(model, task.train, 5), /width must divide the dataset size 504, got 5/);
    model.dispose();
  });
});
