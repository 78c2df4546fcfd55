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
      refreshEvery: 0,
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

  it('state refresh: --refresh-every is an integer ≥ 0 and needs the output-grad importance (the method default)', () => {
    assert.throws(
      () => resolveMethodOptions('emais', { refreshEvery: -1 }),
      /--refresh-every \(method emais\) must be an integer ≥ 0, got -1/,
    );
    const c = resolveConfig({ task: 'poly6', method: 'emais', methodOptions: { refreshEvery: 3 } });
    assert.equal(
      c.importance,
      'output-grad',
      'EMAIS scores logit gradients (METHODS §5.10), whatever the task',
    );
    assert.equal(getMethod('emais').samplerOptions(c).refreshEvery, 3);
    const loss = resolveConfig({ ...c, importance: 'loss' });
    assert.throws(
      () => getMethod('emais').samplerOptions(loss),
      /--refresh-every \(method emais\) feeds ‖u_i‖ to UpdateStats \(\[EMAIS\] Eq\. 9\) and needs --importance output-grad, got 'loss'/,
    );
  });

  it('trains toy2d with a state refresh every 5 steps: N forward-only examples on those steps, timed as scoring', async () => {
    const t = await createTrainer({
      task: 'toy2d',
      method: 'emais',
      seed: 1,
      epochs: 2,
      batchSize: 32,
      backend: 'cpu',
      methodOptions: { warmupEpochs: 1, refreshEvery: 5 },
    });
    const N = t.task.train.n;
    const recs = [];
    while (!t.done) recs.push(t.runStep().record);
    for (const r of recs) {
      const due = r.step > 0 && r.step % 5 === 0;
      assert.equal(r.diagnostics?.examplesScored, due ? N : 0, `step ${r.step}`);
      if (due) assert.ok(r.msScore > 0, `refresh at step ${r.step} is timed as scoring`);
      else assert.equal(r.msScore, 0);
    }
    t.dispose();
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
