// The resume check shared by the checkpoint tests on cpu and on the native TensorFlow backend.
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import type { TrainConfig } from '../../src/train/config.js';
import { createTrainer, type Trainer } from '../../src/train/trainer.js';
import { stripTiming } from './strip-timing.js';

export type Options = Partial<TrainConfig> & Pick<TrainConfig, 'task' | 'method'>;

/** Methods whose warm-up would fill the 3 epochs: shortened so that the checkpoint falls in the main phase. */
const SHORT_WARMUP: Record<string, Record<string, number>> = {
  emais: { warmupEpochs: 1 },
  confidence: { warmupEpochs: 1 },
  confvar: { warmupEpochs: 1 },
};

/** toy2d, 3 epochs, on `backend` (default cpu): N = 800, B = 64, so an epoch has 13 (scan) or 12 steps. */
export function resumeConfig(
  method: string,
  extra: Partial<TrainConfig> = {},
  backend: TrainConfig['backend'] = 'cpu',
): Options {
  return {
    task: 'toy2d',
    method,
    epochs: 3,
    batchSize: 64,
    seed: 3,
    backend,
    diagnosticsEvery: 2, // the diagnostics wrapper's counters are part of the state too
    methodOptions: SHORT_WARMUP[method] ?? {},
    ...extra,
  };
}

/** Step records (timing removed) of `t` until done, or until `stop` steps in total. */
export function runSteps(t: Trainer, stop = Infinity): Record<string, unknown>[] {
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
export async function compareResume(options: Options, cut: (t: Trainer) => number): Promise<void> {
  const label = `${options.method} (${options.optimizer ?? 'sgd'})`;
  const whole = await createTrainer(options);
  const expected = runSteps(whole);
  const expectedEval = stripTiming(whole.evaluate());
  const expectedWeights = weights(whole);
  const k = cut(whole);
  whole.dispose();

  const first = await createTrainer(options);
  const got = runSteps(first, k);
  assert.equal(first.step, k, `${label}: stopped at step ${first.step}, wanted ${k}`);
  const saved = JSON.parse(JSON.stringify(first.checkpoint())) as unknown;
  first.dispose();
  const tensors = tf.memory().numTensors;
  const second = await createTrainer(options);
  second.restore(saved as ReturnType<Trainer['checkpoint']>);
  assert.equal(second.step, k);
  got.push(...runSteps(second));
  assert.equal(got.length, expected.length, `${label}: ${got.length} steps resumed vs ${expected.length}`);
  for (let s = 0; s < expected.length; s++) {
    assert.deepEqual(got[s], expected[s], `${label}, cut at step ${k}: step record ${s} differs`);
  }
  assert.deepEqual(stripTiming(second.evaluate()), expectedEval, `${label}: final evaluation differs`);
  assert.deepEqual(weights(second), expectedWeights, `${label}: final weights differ`);
  second.dispose();
  assert.equal(tf.memory().numTensors, tensors, `${label}: tensors leaked by restore`);
}
