import '../../src/builtins.js';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setupBackend } from '../../src/backend/setup-backend.js';
import { createRng } from '../../src/random/rng.js';
import { cifarResnetSizes, cifarResnetTask, createCifarResnetTask } from '../../src/tasks/cifar-resnet.js';
import { registerTask } from '../../src/tasks/registry.js';
import { createTrainer } from '../../src/train/trainer.js';

let dir = '';
const tiny = { quick: { nTrain: 8, nTest: 2 }, full: { nTrain: 8, nTest: 2 } };

before(async () => {
  await setupBackend('wasm');
  // CIFAR-100 binary fixture: records of (coarse, fine) label bytes + 3072 pixel bytes.
  dir = mkdtempSync(join(tmpdir(), 'isgrad-cifar-resnet-'));
  const rng = createRng(9);
  const records = (n: number): Uint8Array => {
    const out = new Uint8Array(n * 3074);
    for (let r = 0; r < n; r++) {
      out[r * 3074] = rng.int(20);
      out[r * 3074 + 1] = rng.int(100);
      for (let p = 0; p < 3072; p++) out[r * 3074 + 2 + p] = rng.int(256);
    }
    return out;
  };
  mkdirSync(join(dir, 'cifar-100-binary'));
  writeFileSync(join(dir, 'cifar-100-binary', 'train.bin'), records(8));
  writeFileSync(join(dir, 'cifar-100-binary', 'test.bin'), records(2));
});

after(() => rmSync(dir, { recursive: true, force: true }));

describe('cifar-resnet task', () => {
  it('AS-IS settings: SGD momentum 0.9, lr 0.01, batch 64, ÷10 at epochs 100 and 200 of 300', () => {
    assert.equal(cifarResnetTask.name, 'cifar-resnet');
    assert.deepEqual(cifarResnetTask.defaults, {
      epochs: 300,
      batchSize: 64,
      lr: 0.01,
      optimizer: 'sgd',
      momentum: 0.9,
      schedule: 'step',
      milestones: [100, 200],
      gamma: 0.1,
    });
    assert.deepEqual(cifarResnetTask.fingerprint, {
      variant: 'cifar100',
      label: 'fine',
      data: cifarResnetSizes,
      model: { blocksPerStage: 3, widths: [16, 32, 64] },
    });
    assert.equal(createCifarResnetTask({ variant: 'cifar10' }).name, 'cifar10-resnet');
    assert.throws(
      () => createCifarResnetTask({ variant: 'stl10' as never }),
      /variant must be one of cifar10, cifar100; got 'stl10'/,
    );
  });

  it('loads a CIFAR-100 fixture and takes SGD steps on wasm with a ResNet-8', async () => {
    const spec = createCifarResnetTask({ dir, sizes: tiny, blocksPerStage: 1 });
    registerTask(spec, { override: true });
    const inst = await spec.create({ dataSeed: 0, scale: 'quick' });
    assert.equal(inst.train.n, 8);
    assert.equal(inst.train.numClasses, 100);
    const model = inst.createModel(createRng(0));
    assert.equal(model.name, 'resnet8-small(32x32x3-100, 16-32-64, skipinit)');
    model.dispose();
    const t = await createTrainer({ task: 'cifar-resnet', method: 'uniform', batchSize: 4, backend: 'wasm' });
    const losses = [0, 1].map(() => t.runStep().record.batchLoss);
    // 100 classes at initialisation: loss ≈ log 100 ≈ 4.6.
    assert.ok(
      losses.every((l) => Number.isFinite(l) && l > 3 && l < 7),
      `batch losses ${losses}`,
    );
    t.dispose();
    registerTask(cifarResnetTask, { override: true });
  });

  it('without data: the error says where to get CIFAR and names ISGRAD_CIFAR_DIR', async () => {
    const spec = createCifarResnetTask({ dir: join(dir, 'missing') });
    await assert.rejects(spec.create({ dataSeed: 0, scale: 'quick' }), /kriz\/cifar\.html.*ISGRAD_CIFAR_DIR/);
  });
});
