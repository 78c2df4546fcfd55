import '../../src/builtins.js';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '../../src/backend/setup-backend.js';
import { createRng } from '../../src/random/rng.js';
import {
  createPointcloudTask,
  pointcloudModelNet40Task,
  pointcloudSizes,
  pointcloudTask,
} from '../../src/tasks/pointcloud.js';
import { registerTask } from '../../src/tasks/registry.js';
import { createTrainer } from '../../src/train/trainer.js';

let dir = '';

before(async () => {
  await setupBackend('wasm');
  registerTask(pointcloudTask, { override: true });
  // A two-class ModelNet40-layout fixture: unit cubes and square pyramids.
  dir = mkdtempSync(join(tmpdir(), 'isgrad-pointcloud-'));
  const cube =
    'OFF\n8 6 0\n0 0 0\n1 0 0\n1 1 0\n0 1 0\n0 0 1\n1 0 1\n1 1 1\n0 1 1\n' +
    '4 0 1 2 3\n4 4 5 6 7\n4 0 1 5 4\n4 1 2 6 5\n4 2 3 7 6\n4 3 0 4 7\n';
  const pyramid =
    'OFF5 5 0\n0 0 0\n1 0 0\n1 1 0\n0 1 0\n0.5 0.5 1\n4 0 1 2 3\n3 0 1 4\n3 1 2 4\n3 2 3 4\n3 3 0 4\n';
  for (const [c, text] of [
    ['cube', cube],
    ['pyramid', pyramid],
  ] as const) {
    for (const split of ['train', 'test']) {
      mkdirSync(join(dir, c, split), { recursive: true });
      for (let k = 1; k <= (split === 'train' ? 8 : 2); k++)
        writeFileSync(join(dir, c, split, `${c}_${k}.off`), text);
    }
  }
});

after(() => rmSync(dir, { recursive: true, force: true }));

describe('pointcloud task', () => {
  it('defaults follow AS-IS for PointNet (Adam, batch 64, weight decay 1e-3); fingerprint holds data and model', () => {
    assert.equal(pointcloudTask.name, 'pointcloud');
    assert.deepEqual(pointcloudTask.defaults, {
      epochs: 5,
      batchSize: 64,
      lr: 1e-3,
      optimizer: 'adam',
      weightDecay: 1e-3,
    });
    assert.deepEqual(pointcloudTask.fingerprint, {
      source: 'shapes3d',
      data: pointcloudSizes.shapes3d,
      model: { shared: [64, 128, 256], head: [128] },
    });
    assert.equal(pointcloudModelNet40Task.name, 'pointcloud-modelnet40');
    assert.equal(pointcloudModelNet40Task.fingerprint.source, 'modelnet40');
    assert.throws(
      () => createPointcloudTask({ source: 'shapenet' as never }),
      /source must be one of shapes3d, modelnet40; got 'shapenet'/,
    );
  });

  it('quick scale: 2,000 / 500 synthetic clouds of 256 points, 8 classes; data depend on dataSeed only', async () => {
    const a = await pointcloudTask.create({ dataSeed: 0, scale: 'quick' });
    assert.equal(a.train.n, 2000);
    assert.equal(a.test!.n, 500);
    assert.deepEqual(a.train.xShape, [256, 3]);
    assert.equal(a.train.numClasses, 8);
    const model = a.createModel(createRng(0));
    assert.equal(model.name, 'pointnet(256x3, shared 64-128-256, head 128, 8)');
    model.dispose();
    const b = await pointcloudTask.create({ dataSeed: 1, scale: 'quick' });
    assert.notDeepEqual(a.train.x.subarray(0, 768), b.train.x.subarray(0, 768));
  });

  it('trains on wasm through createTrainer (uniform and IS): finite batch losses, no leak', async () => {
    for (const method of ['uniform', 'is']) {
      const t = await createTrainer({ task: 'pointcloud', method, seed: 1, batchSize: 16, backend: 'wasm' });
      let n0 = 0;
      for (let s = 0; s < 3; s++) {
        const { record } = t.runStep();
        assert.ok(Number.isFinite(record.batchLoss), `${method} step ${s}: batch loss ${record.batchLoss}`);
        if (s === 0) n0 = tf.memory().numTensors; // Adam creates its moment tensors in the first step
      }
      assert.equal(tf.memory().numTensors, n0, `${method}: steps leaked tensors`);
      t.dispose();
    }
  });

  it('ModelNet40 source: reads a fixture in the published layout and trains a step', async () => {
    const spec = createPointcloudTask({ source: 'modelnet40', dir });
    registerTask(spec, { override: true });
    const inst = await spec.create({ dataSeed: 0, scale: 'quick' });
    assert.equal(inst.train.n, 16);
    assert.equal(inst.test!.n, 4);
    assert.deepEqual(inst.train.xShape, [256, 3]);
    assert.equal(inst.train.numClasses, 2);
    const t = await createTrainer({
      task: 'pointcloud-modelnet40',
      method: 'uniform',
      batchSize: 8,
      backend: 'wasm',
    });
    const losses = [0, 1, 2, 3].map(() => t.runStep().record.batchLoss);
    // Two classes: the first loss is near log 2 ≈ 0.69; Adam at lr 1e-3 must keep it finite.
    assert.ok(losses.every(Number.isFinite), `batch losses ${losses}`);
    t.dispose();
  });
});
