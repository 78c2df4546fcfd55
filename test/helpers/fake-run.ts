import type { RunRecord } from '../../src/records/types.js';

type Diagnostics = Record<string, number>;

/** A hand-made run: three steps (diagnostics on the last two, one extra key on the second), two evaluations. */
export function fakeRun(): RunRecord {
  // Rows with more columns than StepRow/EvalRow name (as StepRecord/EvalRecord have); built apart so that the
  // object-literal excess-property check does not apply.
  const steps = [
    { step: 0, epoch: 0, lr: 0.1, batchLoss: 2.5 },
    { step: 1, epoch: 0, lr: 0.1, batchLoss: 1.5, diagnostics: { ess: 0.8, wMax: 3 } as Diagnostics },
    { step: 2, epoch: 1, lr: 0.05, batchLoss: 1.25, diagnostics: { ess: 0.9 } as Diagnostics },
  ];
  const evals = [
    { step: 0, epoch: 0, trainLoss: 3, excessLoss: 2 },
    { step: 3, epoch: 1, trainLoss: 1.5, excessLoss: 0.5, testLoss: 1.75 },
  ];
  return {
    config: { task: 'poly6', method: 'is', seed: 7 },
    backend: { requested: 'cpu', name: 'cpu', tfBackend: 'cpu', skipped: [] },
    steps,
    evals,
    final: { trainLoss: 1.5, excessLoss: 0.5, testLoss: 1.75 },
    wallSeconds: 0.25,
    totalSteps: 3,
  };
}
