import type { BackendRequest } from '../backend/setup-backend.js';
import {
  summarizeTraceChecks,
  traceCheck,
  traceCheckDefaults,
  type TraceCheck,
  type TraceCheckOptions,
  type TraceSummary,
} from '../emais/trace-check.js';
import { createRng } from '../random/rng.js';
import { createTrainer } from '../train/trainer.js';

/** Options of {@link validateTraces}: where to freeze θ, plus the {@link TraceCheckOptions} of each check. */
export interface ValidateTracesOptions extends TraceCheckOptions {
  /** Classification task trained with SGD-Scan ('uniform') between checkpoints. Default 'toy2d'. */
  task: string;
  /** Steps at which θ is frozen and the estimators are checked (increasing, ≥ 0). Default [0, 100, 300]. */
  checkpoints: number[];
  /** Run seed (model init, SGD-Scan order, IS draws). Default 0. */
  seed: number;
  /** Backend. Default 'cpu'. */
  backend: BackendRequest;
}

/** Defaults of {@link ValidateTracesOptions}. */
export const validateTracesDefaults: Readonly<ValidateTracesOptions> = Object.freeze({
  task: 'toy2d',
  checkpoints: [0, 100, 300],
  ...traceCheckDefaults, // batchSize 64, repeats 8, noise 0.5, maxDup 2
  seed: 0,
  backend: 'cpu' as BackendRequest,
});

/** One checkpoint of {@link validateTraces}: the step and the {@link TraceCheck} at it. */
export interface TraceCheckpoint extends TraceCheck {
  step: number;
}

/** Result of {@link validateTraces}: checkpoints and median relative errors over them. */
export interface ValidateTracesResult extends TraceSummary {
  checkpoints: TraceCheckpoint[];
}

/**
 * Validates the minibatch variance estimators ([EMAIS] Figs. 3–5): trains `task` with SGD-Scan
 * and runs {@link traceCheck} (exact vs estimated traces, the maths lives in src/emais/trace-check.ts) at each
 * checkpoint. Cost: N + repeats·B backward passes per checkpoint, plus the training steps.
 *
 * @param options partial {@link ValidateTracesOptions}; defaults `{ task: 'toy2d', checkpoints: [0, 100, 300],
 *   batchSize: 64, repeats: 8, noise: 0.5, maxDup: 2, seed: 0, backend: 'cpu' }`.
 * @example
 * const r = await validateTraces({ task: 'mnist-mlp', checkpoints: [100, 400] });
 * r.fullVsExact.trIS; // median relative error
 */
export async function validateTraces(
  options: Partial<ValidateTracesOptions> = {},
): Promise<ValidateTracesResult> {
  const o = { ...validateTracesDefaults, ...options };
  if (!Number.isInteger(o.repeats) || o.repeats < 1) {
    throw new RangeError(`validateTraces: repeats must be an integer ≥ 1, got ${o.repeats}`);
  }
  if (o.checkpoints.length === 0)
    throw new RangeError('validateTraces: checkpoints must list at least one step');
  const trainer = await createTrainer({
    task: o.task,
    method: 'uniform',
    seed: o.seed,
    backend: o.backend,
    epochs: 1000,
    evalEvery: 0,
  });
  const rng = createRng(o.seed).derive('validate-traces');
  const { task, model } = trainer;
  const checkOptions = { batchSize: o.batchSize, repeats: o.repeats, noise: o.noise, maxDup: o.maxDup };
  const checkpoints: TraceCheckpoint[] = [];
  try {
    for (const step of [...o.checkpoints].sort((a, b) => a - b)) {
      while (trainer.step < step) trainer.runStep();
      checkpoints.push({ step, ...traceCheck(model, task.loss, task.train, checkOptions, rng) });
    }
  } finally {
    trainer.dispose();
  }
  return { checkpoints, ...summarizeTraceChecks(checkpoints) };
}
