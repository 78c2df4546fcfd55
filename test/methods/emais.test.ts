import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '../../src/backend/setup-backend.js';
import '../../src/builtins.js';
import { getMethod, resolveMethodOptions } from '../../src/methods/method-spec.js';
import { createTrainer } from '../../src/train/trainer.js';
import { resolveConfig } from '../../src/train/resolve-config.js';

describe('emais methods', () => {
  before(async () => {
    await setupBackend('cpu');
  });

  it('registers emais and uniform-dynamic with their options; auto LR rule follows the optimiser', () => {
    assert.deepEqual(resolveMethodOptions('emais', { maxDup: 2 }), {
      tau: 0,
      maxDup: 2,
      warmupEpochs: 2,
      lrAdjust: 'auto',
      importanceForm: 'std',
      cap: 'water',
      unbiased: false,
    });
    const spec = getMethod('emais');
    const adam = resolveConfig({ task: 'toy2d', method: 'emais', optimizer: 'adam' });
    const sgd = resolveConfig({ task: 'toy2d', method: 'emais', optimizer: 'sgd' });
    assert.equal(spec.samplerOptions(adam).lrAdjust, 'sqrt');
    assert.equal(spec.samplerOptions(sgd).lrAdjust, 'linear');
    assert.throws(
      () => resolveMethodOptions('emais', { cap: 'clip' }),
      /--cap \(method emais\) must be one of water, mix/,
    );
    assert.deepEqual(resolveMethodOptions('uniform-dynamic', {}), { batchSizes: [], scaleLr: true });
  });

  it('trains toy2d with EMAIS: records carry the traces, EMS and efficiency; lr = scheduled × B_eff/B; no leaks', async () => {
    const t = await createTrainer({
      task: 'toy2d',
      method: 'emais',
      seed: 1,
      epochs: 3,
      batchSize: 32,
      optimizer: 'sgd',
      lr: 0.05,
      schedule: 'constant',
      backend: 'cpu',
      methodOptions: { warmupEpochs: 1, maxDup: 2 },
    });
    const before = tf.memory().numTensors;
    const recs = [];
    while (!t.done) recs.push(t.runStep().record);
    assert.equal(tf.memory().numTensors, before, 'no tensors leak across steps');
    const warm = recs.filter((r) => r.epoch === 0);
    const main = recs.filter((r) => r.epoch > 0);
    assert.ok(warm.every((r) => r.lrScale === 1 && r.diagnostics?.ems === 32));
    for (const r of main) {
      const d = r.diagnostics ?? {};
      for (const k of ['trIS', 'trU', 'trOpt', 'ems', 'efficiency'])
        assert.ok(Number.isFinite(d[k]), `${k} at ${r.step}`);
      assert.ok(Math.abs(r.lrScale - d.ems / 32) <= 1e-12, '[EMAIS] Eq. 8 linear rule');
      assert.ok(Math.abs(r.lr - 0.05 * r.lrScale) <= 1e-12);
    }
    const meanS = main.reduce((a, r) => a + (r.diagnostics?.efficiency ?? 0), 0) / main.length;
    assert.ok(meanS < 1, `mean efficiency after warm-up ${meanS} should be < 1`);
    t.dispose();
  });

  it('trains uniform-dynamic with the given batch sizes', async () => {
    const t = await createTrainer({
      task: 'toy2d',
      method: 'uniform-dynamic',
      epochs: 1,
      batchSize: 32,
      backend: 'cpu',
      methodOptions: { batchSizes: [32, 64, 16] },
    });
    const sizes = [0, 1, 2, 3].map(() => t.runStep().record.diagnostics?.batchSize);
    assert.deepEqual(sizes, [32, 64, 16, 16]);
    t.dispose();
  });
});
