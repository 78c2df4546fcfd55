import '../../src/builtins.js';
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setupBackend } from '../../src/backend/setup-backend.js';
import { baselineMethodNames } from '../../src/methods/baselines.js';
import { samplerNames } from '../../src/samplers/registry.js';
import { createTrainer } from '../../src/train/trainer.js';
import { resolveConfig } from '../../src/train/resolve-config.js';
import { getMethod, resolveMethodOptions } from '../../src/methods/method-spec.js';

describe('baseline registrations (METHODS §6, §9)', () => {
  before(async () => {
    await setupBackend('cpu');
  });

  it('registers every baseline sampler and method', () => {
    for (const s of ['dlis', 'presampling-is', 'low', 'rais', 'confidence', 'confvar', 'self-paced', 'obs']) {
      assert.ok(samplerNames().includes(s), `sampler ${s}`);
    }
    for (const m of baselineMethodNames) assert.equal(getMethod(m).name, m);
    assert.equal(getMethod('lis').importance, 'loss');
    assert.equal(getMethod('lis').sampler, 'is');
    assert.equal(getMethod('is-dlis').importance, 'dlis-last-layer');
  });

  it('pins the METHODS §9 defaults of the method options', () => {
    assert.deepEqual(resolveMethodOptions('dlis'), {
      presampleFactor: 3,
      tauSmoothing: 0.9,
      tauThreshold: 0,
    });
    assert.deepEqual(resolveMethodOptions('low'), { lambdaLow: 0.1, gammaScale: 'official' });
    assert.deepEqual(resolveMethodOptions('confvar'), { warmupEpochs: 2 });
    assert.deepEqual(resolveMethodOptions('self-paced'), { initialFraction: 0.6, growth: 1.3 });
    assert.equal(resolveMethodOptions('obs').pressureStart, 100);
    assert.equal(resolveMethodOptions('obs').refreshFreq, 0);
    assert.deepEqual(resolveMethodOptions('rais'), {
      kappa: 1,
      rho: 0.1,
      warmupEpochs: 1,
      rMin: 0.5,
      rMax: 10,
      fixedIterations: false,
    });
    assert.throws(
      () => resolveMethodOptions('low', { lambdaLow: -1 }),
      /--lambda-low \(method low\) must be a number > 0, got -1/,
    );
    const c = resolveConfig({ task: 'toy2d', method: 'dlis', methodOptions: { presampleFactor: 5 } });
    assert.deepEqual(getMethod('dlis').samplerOptions(c), {
      presampleFactor: 5,
      tauSmoothing: 0.9,
      tauThreshold: 0,
    });
  });

  it('every baseline trains on a classification task through the unmodified trainer (toy2d, 2 epochs)', async () => {
    const warm = { confidence: { warmupEpochs: 1 }, confvar: { warmupEpochs: 1 } } as Record<
      string,
      Record<string, number>
    >;
    for (const method of baselineMethodNames) {
      const t = await createTrainer({
        task: 'toy2d',
        method,
        epochs: 2,
        seed: 2,
        backend: 'cpu',
        methodOptions: warm[method] ?? {},
      });
      const keys = new Set<string>();
      let scored = 0;
      try {
        while (!t.done) {
          const { record } = t.runStep();
          assert.ok(Number.isFinite(record.batchLoss), `${method}: loss ${record.batchLoss}`);
          for (const [k, v] of Object.entries(record.diagnostics ?? {})) {
            keys.add(k);
            if (k === 'examplesScored') scored += v;
          }
        }
        const e = t.evaluate();
        assert.ok(e.testError !== undefined && e.testError < 0.67, `${method}: test error ${e.testError}`);
      } finally {
        t.dispose();
      }
      if (method === 'presampling-is') assert.ok(scored > 0, 'presampling-is scores its presample');
      if (method === 'low') assert.ok(keys.has('lowWeightMax'));
      if (method === 'rais') assert.ok(keys.has('raisGain'));
      if (method === 'self-paced') assert.equal(scored, t.task.train.n, 'κ_0 scores the training set once');
    }
  });
});
