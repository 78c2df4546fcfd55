import '../../src/builtins.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { methodNames } from '../../src/methods/method-spec.js';
import type { TrainConfig } from '../../src/train/config.js';
import { createTrainer, type Trainer } from '../../src/train/trainer.js';
import { stripTiming } from '../helpers/strip-timing.js';

type Options = Partial<TrainConfig> & Pick<TrainConfig, 'task' | 'method'>;

/** Methods whose warm-up would fill the 3 epochs: shortened so that the checkpoint falls in the main phase. */
const SHORT_WARMUP: Record<string, Record<string, number>> = {
  emais: { warmupEpochs: 1 },
  confidence: { warmupEpochs: 1 },
  confvar: { warmupEpochs: 1 },
};

function config(method: string, extra: Partial<TrainConfig> = {}): Options {
  // toy2d: N = 800, B = 64, so an epoch has 13 (scan) or 12 (with replacement) steps.
  return {
    task: 'toy2d',
    method,
    epochs: 3,
    batchSize: 64,
    seed: 3,
    backend: 'cpu',
    diagnosticsEvery: 2, // the diagnostics wrapper's counters are part of the state too
    methodOptions: SHORT_WARMUP[method] ?? {},
    ...extra,
  };
}

/** Step records (timing removed) of `t` until done, or until `stop` steps in total. */
function run(t: Trainer, stop = Infinity): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  while (!t.done && t.step < stop) out.push(stripTiming(t.runStep().record));
  return out;
}

/** The model's variables, for exact comparison. */
function weights(t: Trainer): number[][] {
  return t.model.params.map((p) => Array.from(p.dataSync()));
}

/**
 * The uninterrupted run against a run checkpointed after `cut(trainer)` steps, serialised through JSON (as on
 * disk), disposed, and restored into a freshly built trainer that runs the rest.
 */
async function compareResume(options: Options, cut: (t: Trainer) => number): Promise<void> {
  const label = `${options.method} (${options.optimizer ?? 'sgd'})`;
  const whole = await createTrainer(options);
  const expected = run(whole);
  const expectedEval = stripTiming(whole.evaluate());
  const expectedWeights = weights(whole);
  const k = cut(whole);
  whole.dispose();

  const first = await createTrainer(options);
  const got = run(first, k);
  assert.equal(first.step, k, `${label}: stopped at step ${first.step}, wanted ${k}`);
  const saved = JSON.parse(JSON.stringify(first.checkpoint())) as unknown;
  first.dispose();
  const tensors = tf.memory().numTensors;
  const second = await createTrainer(options);
  second.restore(saved as ReturnType<Trainer['checkpoint']>);
  assert.equal(second.step, k);
  got.push(...run(second));
  assert.equal(got.length, expected.length, `${label}: ${got.length} steps resumed vs ${expected.length}`);
  for (let s = 0; s < expected.length; s++) {
    assert.deepEqual(got[s], expected[s], `${label}, cut at step ${k}: step record ${s} differs`);
  }
  assert.deepEqual(stripTiming(second.evaluate()), expectedEval, `${label}: final evaluation differs`);
  assert.deepEqual(weights(second), expectedWeights, `${label}: final weights differ`);
  second.dispose();
  assert.equal(tf.memory().numTensors, tensors, `${label}: tensors leaked by restore`);
}

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
