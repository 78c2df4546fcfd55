import type { StudyRun } from '../../src/papers/emais/study-runs.js';

/**
 * A synthetic run of an EMAIS study: 4 epochs of `iters / 4` steps (2 warm-up epochs with s = 1),
 * efficiency `eff(step)` after the warm-up, 10 ms CPU per step, and one evaluation per epoch whose last test
 * error is `err` and train loss `loss`.
 */
export function studyRunFixture(
  label: string,
  seed: number,
  eff: (step: number) => number,
  err: number,
  loss = 0.3,
  iters = 40,
): StudyRun {
  const steps = Array.from({ length: iters }, (_, step) => {
    const epoch = Math.floor(step / (iters / 4));
    return { step, epoch, efficiency: epoch < 2 ? 1 : eff(step), msCpu: 10 };
  });
  const evals = [1, 2, 3, 4].map((epoch) => ({
    epoch,
    step: (epoch * iters) / 4,
    testError: epoch === 4 ? err : 0.5,
    trainLoss: epoch === 4 ? loss : 1,
  }));
  return { label, seed, iters, evals, steps };
}
