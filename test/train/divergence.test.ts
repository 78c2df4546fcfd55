import '../../src/builtins.js';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setupBackend } from '../../src/backend/setup-backend.js';
import { createTrainer } from '../../src/train/trainer.js';
import { train } from '../../src/train/train.js';

/** poly6 quick has N = 4096: one full-batch step at η = 1e30 sends θ to ±Infinity (the step's own loss is finite). */
const blowUpOnLastStep = {
  task: 'poly6',
  method: 'uniform',
  batchSize: 4096,
  epochs: 1,
  lr: 1e30,
  backend: 'cpu' as const,
};

describe('divergence anywhere is reported', () => {
  let root = '';
  before(async () => {
    await setupBackend('cpu');
    root = mkdtempSync(join(tmpdir(), 'isgrad-diverge-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('a loss that turns non-finite on the last step fails the run (no result with trainLoss: null)', async () => {
    const out = join(root, 'run');
    await assert.rejects(
      train({ ...blowUpOnLastStep, out }),
      /^Error: training diverged at step 1 \(epoch 1\): the full train-set loss \(trainLoss\) is (Infinity|NaN); lower the learning rate \(now 1e\+30\)$/,
    );
    assert.equal(existsSync(out), false, 'no run directory is written for a diverged run');
  });

  it('every evaluation is checked, with the same message as a blow-up inside a step', async () => {
    const t = await createTrainer(blowUpOnLastStep);
    try {
      assert.ok(Number.isFinite(t.evaluate().trainLoss), 'the evaluation before the first step is finite');
      const { record } = t.runStep();
      assert.ok(Number.isFinite(record.batchLoss), "the step's own minibatch loss is finite");
      assert.throws(() => t.evaluate(), /^Error: training diverged at step 1 \(epoch 1\): /);
    } finally {
      t.dispose();
    }
    // a blow-up inside a step: the same prefix and advice
    const t2 = await createTrainer({ ...blowUpOnLastStep, batchSize: 1024, epochs: 2 });
    try {
      t2.runStep();
      assert.throws(() => {
        while (!t2.done) t2.runStep();
      }, /^Error: training diverged at step \d+ \(epoch \d+\): minibatch loss is (Infinity|NaN); lower the learning rate \(now 1e\+30\)$/);
    } finally {
      t2.dispose();
    }
  });
});
