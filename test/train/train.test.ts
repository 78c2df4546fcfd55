import '../../src/builtins.js';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '../../src/backend/setup-backend.js';
import { train, type TrainProgress } from '../../src/train/train.js';

// poly6: N = 4096, default B = 32 ⇒ 128 steps per epoch; a linear model, so a run of one epoch takes well under
// a second on the cpu backend.
const base = { task: 'poly6', method: 'uniform', seed: 3, backend: 'cpu' as const };

describe('train', () => {
  let root = '';
  before(async () => {
    await setupBackend('cpu');
    root = mkdtempSync(join(tmpdir(), 'isgrad-train-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('one record per step, evaluations at 0, every evalEvery steps and at the end; hooks see each one', async () => {
    const progress: TrainProgress[] = [];
    const r = await train({ ...base, epochs: 1, evalEvery: 50 }, { onProgress: (p) => progress.push(p) });
    assert.equal(r.totalSteps, 128);
    assert.equal(r.steps.length, r.totalSteps);
    assert.deepEqual(
      r.steps.map((s) => s.step),
      Array.from({ length: 128 }, (_, k) => k),
      'step k is recorded with the step count before it (0-based)',
    );
    assert.deepEqual(
      r.evals.map((e) => e.step),
      [0, 50, 100, 128],
    );
    // onProgress: once per evaluation, with that evaluation and the run's totals
    assert.equal(progress.length, r.evals.length);
    progress.forEach((p, k) => {
      assert.equal(p.eval, r.evals[k]);
      assert.equal(p.step, r.evals[k].step);
      assert.equal(p.totalSteps, 128);
      assert.equal(p.epochs, 1);
    });
    assert.equal(r.config.evalEvery, 50);
    assert.equal(r.config.batchSize, 32); // poly6's own default, resolved into the stored config
    assert.equal(r.backend.name, 'cpu');
    assert.ok(r.wallSeconds > 0 && Number.isFinite(r.wallSeconds));
    assert.equal(r.recordsPath, null, 'no out ⇒ nothing written');
  });

  test('final metrics are the last evaluation (excess loss for poly6; no test error for a regression task)', async () => {
    const r = await train({ ...base, method: 'is', epochs: 2 });
    const last = r.evals[r.evals.length - 1];
    assert.deepEqual(
      r.evals.map((e) => e.step),
      [0, 128, 256], // evalEvery 0 ⇒ at each epoch end
    );
    assert.equal(r.final.trainLoss, last.trainLoss);
    assert.equal(r.final.excessLoss, last.excessLoss);
    assert.equal(r.final.testLoss, last.testLoss);
    assert.ok(r.final.excessLoss! > 0 && r.final.excessLoss! < r.evals[0].excessLoss!, 'training lowered F');
    assert.equal('testError' in r.final, last.testError !== undefined);
  });

  test('with out set, writes the records there and returns the folder', async () => {
    const out = join(root, 'nested', 'run');
    const r = await train({ ...base, epochs: 1, out });
    assert.equal(r.recordsPath, out);
    assert.deepEqual(readdirSync(out).sort(), [
      'evals.arrow',
      'evals.csv',
      'steps.arrow',
      'steps.csv',
      'summary.json',
    ]);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    assert.deepEqual(summary.final, r.final);
    assert.equal(summary.totalSteps, r.totalSteps);
    assert.equal(summary.config.out, out);
    assert.ok(existsSync(join(out, 'steps.csv')));
  });

  test('same seed ⇒ same records; tensors are released even when a hook throws', async () => {
    const a = await train({ ...base, epochs: 1 });
    const b = await train({ ...base, epochs: 1 });
    assert.deepEqual(
      a.steps.map((s) => s.batchLoss),
      b.steps.map((s) => s.batchLoss),
    );
    assert.deepEqual(a.final, b.final);
    const before = tf.memory().numTensors;
    await assert.rejects(
      train(
        { ...base, epochs: 1 },
        {
          onProgress: (p) => {
            if (p.step > 0) throw new Error('stop here');
          },
        },
      ),
      /stop here/,
    );
    assert.equal(tf.memory().numTensors, before, 'trainer disposed on the error path');
  });
});
