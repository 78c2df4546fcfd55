import '../../src/builtins.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { methodNames } from '../../src/methods/method-spec.js';
import { createTrainer } from '../../src/train/trainer.js';
import { compareResume, resumeConfig as config, runSteps as run } from '../helpers/compare-resume.js';

describe('Trainer.checkpoint / restore', () => {
  // One loop over every registered method: a checkpoint mid-epoch in the main phase (step 30 of epoch 2) and one
  // right after an epoch end (step 13 or 12), each restored into a fresh trainer: the records (timing excluded),
  // the final evaluation and the weights equal the uninterrupted run's exactly (cpu backend, deterministic).
  for (const method of methodNames()) {
    it(`${method}: a resumed run equals the uninterrupted run`, async () => {
      await compareResume(config(method), () => 30);
      await compareResume(config(method), (t) => t.sampler.stepsInEpoch(0));
    });
  }

  it('restores the optimiser slots: SGD momentum buffers, Adam m, v and step count', async () => {
    await compareResume(config('is', { momentum: 0.9 }), () => 20);
    await compareResume(config('is', { optimizer: 'adam', lr: 0.003 }), () => 20);
  });

  it('a checkpoint before the first step restores a fresh run', async () => {
    await compareResume(config('emais'), () => 0);
  });

  it('refuses the state of another method or model, naming the mismatch', async () => {
    const a = await createTrainer(config('is'));
    const b = await createTrainer(config('as'));
    const c = await createTrainer({ ...config('is'), task: 'poly6', batchSize: 64 });
    try {
      run(a, 5);
      const s = a.checkpoint();
      assert.throws(() => b.restore(s), /as: loadState got the state of 'is'/);
      assert.throws(() => c.restore(s), /restore: saved variable 0 has shape|saved model has/);
    } finally {
      a.dispose();
      b.dispose();
      c.dispose();
    }
  });

  it('a sampler without saveState/loadState fails at assertCheckpointable, naming it', async () => {
    const t = await createTrainer({ ...config('uniform'), diagnosticsEvery: 0 });
    try {
      const s = t.sampler as { saveState?: unknown; loadState?: unknown };
      delete s.saveState;
      delete s.loadState;
      assert.throws(() => t.assertCheckpointable(), /sampler 'uniform' has no saveState\(\)\/loadState\(\)/);
      assert.throws(() => t.checkpoint(), /sampler 'uniform' has no saveState/);
    } finally {
      t.dispose();
    }
  });
});
