import type { BackendInfo } from '../backend/setup-backend.js';
import type { RunRecord } from '../records/types.js';
import { checkRunDirectory } from '../records/run-directory.js';
import { writeRunRecords } from '../records/write-run-records.js';
import type { TrainConfig } from './config.js';
import { createTrainer, type EvalRecord, type StepRecord } from './trainer.js';

/** Final metrics of a run (its last evaluation). */
export interface FinalMetrics {
  trainLoss: number;
  excessLoss?: number;
  testLoss?: number;
  testError?: number;
}

/** What {@link train} returns; a {@link RunRecord}, so the records layer can table and write it. */
export interface TrainResult extends RunRecord {
  /** The fully resolved configuration. */
  config: TrainConfig;
  backend: BackendInfo;
  steps: StepRecord[];
  evals: EvalRecord[];
  final: FinalMetrics;
  /** Total wall-clock seconds including data loading and evaluations. */
  wallSeconds: number;
  /** Number of optimisation steps. */
  totalSteps: number;
  /** Folder with the persisted records, when `config.out` was set. */
  recordsPath: string | null;
  /** Warnings about the run's settings (the trainer's `warnings`); also in summary.json. */
  warnings: string[];
}

/** Progress report, sent after each evaluation. */
export interface TrainProgress {
  epochs: number;
  step: number;
  totalSteps: number;
  eval: EvalRecord;
}

/** Callbacks of {@link train}. */
export interface TrainHooks {
  onProgress?(p: TrainProgress): void;
  /** Called once per warning about the run's settings, before the first step (the CLI prints them on stderr). */
  onWarning?(message: string): void;
}

/**
 * Trains one model with one sampling method and returns its records: an evaluation before the first step,
 * every `evalEvery` steps (or at each epoch end when 0) and at the end. With `out` set, the records are written
 * there (CSV + Arrow + summary.json) as one unit (`writeRunRecords`); `out` is checked before training (not
 * empty, not a file, no other files in it, its parent writable).
 * @example
 * const r = await train({ task: 'poly6', method: 'is', seed: 1 });
 * r.final.excessLoss;
 */
export async function train(
  options: Partial<TrainConfig> & Pick<TrainConfig, 'task' | 'method'>,
  hooks: TrainHooks = {},
): Promise<TrainResult> {
  const tStart = performance.now();
  // The output folder is checked before any work, so a bad --out fails in milliseconds, not after training.
  if (options.out !== undefined && options.out !== null) checkRunDirectory(options.out, 'out (--out)');
  const t = await createTrainer(options);
  const { config } = t;
  for (const w of t.warnings) hooks.onWarning?.(w);
  const steps: StepRecord[] = [];
  const evals: EvalRecord[] = [];
  const runEval = () => {
    const e = t.evaluate();
    evals.push(e);
    hooks.onProgress?.({ epochs: config.epochs, step: t.step, totalSteps: t.totalSteps, eval: e });
  };
  try {
    runEval();
    while (!t.done) {
      const { record, endedEpoch } = t.runStep();
      steps.push(record);
      const periodic = config.evalEvery > 0 ? t.step % config.evalEvery === 0 : endedEpoch;
      if (periodic || t.done) runEval();
    }
  } finally {
    t.dispose();
  }
  const last = evals[evals.length - 1];
  const final: FinalMetrics = { trainLoss: last.trainLoss };
  if (last.excessLoss !== undefined) final.excessLoss = last.excessLoss;
  if (last.testLoss !== undefined) final.testLoss = last.testLoss;
  if (last.testError !== undefined) final.testError = last.testError;
  const result: TrainResult = {
    config,
    backend: t.backend,
    steps,
    evals,
    final,
    wallSeconds: (performance.now() - tStart) / 1000,
    totalSteps: t.totalSteps,
    recordsPath: null,
    warnings: [...t.warnings],
  };
  if (config.out !== null) result.recordsPath = await writeRunRecords(config.out, result);
  return result;
}
