import { existsSync } from 'node:fs';
import type { BackendInfo } from '../backend/setup-backend.js';
import {
  checkpointPath,
  readCheckpoint,
  removeCheckpoint,
  writeCheckpoint,
} from '../records/checkpoint-file.js';
import { decodeState, encodeState, type StateValue } from '../checkpoint/state-codec.js';
import { codeHash } from '../records/code-hash.js';
import { runKey } from '../records/run-key.js';
import type { RunRecord } from '../records/types.js';
import { checkRunDirectory } from '../records/run-directory.js';
import { writeRunRecords } from '../records/write-run-records.js';
import type { TrainConfig } from './config.js';
import { checkConfigKeys } from './resolve-config.js';
import { interruptible, throwIfInterrupted, yieldIfDue } from './interrupt.js';
import { createProgressLine, defaultProgressMode } from './progress-line.js';
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
  /** Step the run resumed from (its checkpoint), or null when it started at step 0. */
  resumedFrom: number | null;
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
  /**
   * Notices about checkpoints, one line each: 'resuming from step s (<path>)', or why a damaged checkpoint was
   * ignored. The CLI prints them on stderr. Default: dropped.
   */
  log?(message: string): void;
  /**
   * The code hash the run is keyed with (checkpoint file and summary.json's `run`). Default `codeHash()`;
   * `runOrLoad` adds the source of user registrations (a notebook's importance function, …), so editing such a
   * function neither resumes an old checkpoint nor gives a folder whose summary names another key.
   */
  code?: string;
}

/** Seconds of wall time between automatic checkpoints (`checkpointEvery: null`). */
export const AUTO_CHECKPOINT_SECONDS = 60;

/** The records part of a checkpoint. */
type CheckpointRecords = { steps: StepRecord[]; evals: EvalRecord[]; wallMs: number };

/**
 * Trains one model with one sampling method and returns its records: an evaluation before the first step,
 * every `evalEvery` steps (or at each epoch end when 0) and at the end. With `out` set, the records are written
 * there (CSV + Arrow + summary.json) as one unit (`writeRunRecords`); `out` is checked before training (not
 * empty, not a file, no other files in it, its parent writable).
 *
 * Crash safety (with `out` set and `checkpointEvery` ≠ 0): the run's complete state (`Trainer.checkpoint`) and
 * its records so far are written atomically to `<out>.checkpoint-<runKey>` every `checkpointEvery` steps (default
 * null: at the first step end after each {@link AUTO_CHECKPOINT_SECONDS} s). A run started with the same run key
 * (same config, task data, code and backend) finds that file and resumes from it (`hooks.log`: 'resuming from
 * step s'); its records then equal those of an uninterrupted run, timing fields aside. A damaged checkpoint
 * (checksum mismatch) is ignored with a notice and the run starts at step 0. The file is deleted once the run
 * directory is committed. A sampler or estimator without `saveState`/`loadState` fails before the first step.
 *
 * Interrupts: SIGINT (Ctrl-C, Kernel > Interrupt) stops the run before its next step with an
 * `InterruptedError` (see `interruptible`); nothing is written to `out` then (a checkpoint already written stays
 * and resumes the run). The loop yields to the event loop every 100 ms so that the signal gets through.
 * @example
 * const r = await train({ task: 'poly6', method: 'is', seed: 1 });
 * r.final.excessLoss;
 */
export function train(
  options: Partial<TrainConfig> & Pick<TrainConfig, 'task' | 'method'>,
  hooks: TrainHooks = {},
): Promise<TrainResult> {
  if (hooks.onProgress !== undefined || defaultProgressMode() !== 'notebook') {
    return interruptible(() => trainRun(options, hooks));
  }
  // In a notebook, without a progress hook of the caller's: one line updated in place.
  const line = createProgressLine();
  const t0 = performance.now();
  const onProgress = (p: TrainProgress) => {
    const s = (performance.now() - t0) / 1000;
    const eta = p.step > 0 ? ((p.totalSteps - p.step) * s) / p.step : null;
    line.update(
      `train ${options.task}/${options.method} seed=${options.seed ?? 1}: step ${p.step}/${p.totalSteps}, ` +
        `train loss ${p.eval.trainLoss.toPrecision(4)}, ${s.toFixed(0)} s` +
        (p.step === p.totalSteps ? ', done' : eta === null ? '' : `, ETA ${eta.toFixed(0)} s`),
      p.step === p.totalSteps,
    );
  };
  return interruptible(() => trainRun(options, { ...hooks, onProgress })).finally(() => line.end());
}

async function trainRun(
  options: Partial<TrainConfig> & Pick<TrainConfig, 'task' | 'method'>,
  hooks: TrainHooks,
): Promise<TrainResult> {
  const tStart = performance.now();
  checkConfigKeys(options, 'train'); // null, or a mistyped key, fails here with its name
  // The output folder is checked before any work, so a bad --out fails in milliseconds, not after training.
  if (options.out !== undefined && options.out !== null) checkRunDirectory(options.out, 'out (--out)');
  let t = await createTrainer(options);
  const { config } = t;
  const code = hooks.code ?? codeHash();
  const key = config.out !== null ? runKey(config, t.backend.name, code) : null;
  const ckpt =
    key === null || config.checkpointEvery === 0
      ? null
      : { key, path: checkpointPath(config.out as string, key) };
  let steps: StepRecord[] = [];
  let evals: EvalRecord[] = [];
  let wallBefore = 0; // wall milliseconds of the earlier, interrupted processes of this run
  let resumedFrom: number | null = null;
  if (ckpt !== null) {
    t.assertCheckpointable(); // fail now, not at the first checkpoint
    const found = readCheckpoint(ckpt.path, ckpt.key);
    if (found !== null && 'problem' in found) {
      hooks.log?.(`ignoring the checkpoint ${ckpt.path}: ${found.problem}; starting at step 0`);
    } else if (found !== null) {
      try {
        t.restore(found.body.trainer);
        const r = decodeState(found.body.records) as unknown as CheckpointRecords;
        ({ steps, evals } = r);
        wallBefore = r.wallMs;
        resumedFrom = t.step;
        hooks.log?.(`resuming from step ${t.step} of ${t.totalSteps} (${ckpt.path})`);
      } catch (e) {
        hooks.log?.(`ignoring the checkpoint ${ckpt.path}: ${(e as Error).message}; starting at step 0`);
        t.dispose();
        t = await createTrainer(options);
      }
    }
  }
  const trainer = t;
  for (const w of trainer.warnings) hooks.onWarning?.(w);
  const runEval = () => {
    const e = trainer.evaluate();
    evals.push(e);
    hooks.onProgress?.({
      epochs: config.epochs,
      step: trainer.step,
      totalSteps: trainer.totalSteps,
      eval: e,
    });
  };
  let lastCheckpoint = performance.now();
  const checkpointDue = (): boolean => {
    if (trainer.done) return false; // the run directory is written next
    if (config.checkpointEvery !== null) return trainer.step % config.checkpointEvery === 0;
    return performance.now() - lastCheckpoint >= AUTO_CHECKPOINT_SECONDS * 1000;
  };
  const where = () =>
    `${config.task}/${config.method} seed=${config.seed} stopped before step ${trainer.step + 1} of ${trainer.totalSteps}` +
    (ckpt !== null && existsSync(ckpt.path) ? ` (its checkpoint resumes it: ${ckpt.path})` : '');
  let lastYield = performance.now();
  try {
    if (resumedFrom === null) runEval();
    while (!trainer.done) {
      throwIfInterrupted(where());
      const { record, endedEpoch } = trainer.runStep();
      steps.push(record);
      const periodic = config.evalEvery > 0 ? trainer.step % config.evalEvery === 0 : endedEpoch;
      if (periodic || trainer.done) runEval();
      if (ckpt !== null && checkpointDue()) {
        const records: CheckpointRecords = { steps, evals, wallMs: wallBefore + performance.now() - tStart };
        writeCheckpoint(ckpt.path, {
          key: ckpt.key,
          step: trainer.step,
          trainer: trainer.checkpoint(),
          records: encodeState(records as unknown as StateValue),
        });
        lastCheckpoint = performance.now();
      }
      lastYield = await yieldIfDue(lastYield);
    }
  } finally {
    trainer.dispose();
  }
  const last = evals[evals.length - 1];
  const final: FinalMetrics = { trainLoss: last.trainLoss };
  if (last.excessLoss !== undefined) final.excessLoss = last.excessLoss;
  if (last.testLoss !== undefined) final.testLoss = last.testLoss;
  if (last.testError !== undefined) final.testError = last.testError;
  const result: TrainResult = {
    config,
    backend: trainer.backend,
    steps,
    evals,
    final,
    wallSeconds: (wallBefore + performance.now() - tStart) / 1000,
    totalSteps: trainer.totalSteps,
    recordsPath: null,
    warnings: [...trainer.warnings],
    resumedFrom,
    key,
    codeHash: code,
  };
  if (config.out !== null) result.recordsPath = await writeRunRecords(config.out, result);
  if (ckpt !== null) removeCheckpoint(ckpt.path); // the committed run directory supersedes it
  return result;
}
