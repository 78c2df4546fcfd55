// OMIS batch losses with the rows of b from one traced backward pass or from J passes, for the tests that
// compare the two paths (cpu and the native TensorFlow backend).
import assert from 'node:assert/strict';
import type { TrainConfig } from '../../src/train/config.js';
import { createTrainer } from '../../src/train/trainer.js';

/**
 * Batch losses and the row path taken (`omisRowsOnePass`: 1 one pass, 0 J passes) of the first `steps` steps
 * after OMIS's init epoch (plain SGD-Scan steps, identical in both paths), J = 3, β = 0.7, 2 epochs.
 */
export async function omisRowsRun(
  task: string,
  rows: 'auto' | 'passes',
  backend: TrainConfig['backend'],
  seed: number,
  steps = 12,
): Promise<{ losses: number[]; modes: number[] }> {
  const t = await createTrainer({
    task,
    method: 'omis',
    epochs: 2,
    seed,
    backend,
    methodOptions: { J: 3, beta: 0.7, rows },
  });
  const losses: number[] = [];
  const modes: number[] = [];
  try {
    while (!t.done && modes.length < steps) {
      const { record } = t.runStep();
      if (record.epoch < 1) continue;
      losses.push(record.batchLoss);
      modes.push(record.diagnostics?.omisRowsOnePass ?? -1);
    }
  } finally {
    t.dispose();
  }
  return { losses, modes };
}

/**
 * Asserts that 'auto' takes the one-pass path on every step, 'passes' never does, and that the batch losses of
 * the two agree within 1e-4 relative (floor 1e-2): the same float32 products summed in another order.
 */
export async function assertOnePassEqualsPasses(
  task: string,
  backend: TrainConfig['backend'],
  seed: number,
): Promise<void> {
  const a = await omisRowsRun(task, 'auto', backend, seed);
  const p = await omisRowsRun(task, 'passes', backend, seed);
  assert.deepEqual(a.modes, new Array<number>(12).fill(1));
  assert.deepEqual(p.modes, new Array<number>(12).fill(0));
  a.losses.forEach((v, i) => {
    const tol = 1e-4 * Math.max(1e-2, Math.abs(p.losses[i]));
    assert.ok(Math.abs(v - p.losses[i]) <= tol, `step ${i}: one-pass ${v} vs passes ${p.losses[i]}`);
  });
}
