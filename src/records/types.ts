import type { BackendInfo } from '../backend/setup-backend.js';

/**
 * What the records layer needs from a finished run: the shape {@link runTables} and {@link training.writeRunRecords}
 * read. `train()`'s `TrainResult` extends it (src/train/train.ts), so records never import the trainer and
 * train can write records without an import cycle.
 */
export interface RunRecord {
  /** The resolved configuration; `task`, `method` and `seed` tag every table row, the whole object goes to
   * summary.json. */
  config: RunConfigTag;
  /** Backend the run used (summary.json keeps `name`, `tfBackend` and `requested`). */
  backend: BackendInfo;
  /** One row per optimisation step; `diagnostics` (if any) are spread into columns. */
  steps: StepRow[];
  /** One row per evaluation. */
  evals: EvalRow[];
  /** Final metrics (the last evaluation). */
  final: object;
  /** Total wall-clock seconds. */
  wallSeconds: number;
  /** Number of optimisation steps. */
  totalSteps: number;
  /** Warnings of the run (e.g. a run no longer than its method's warm-up), written to summary.json. Default []. */
  warnings?: readonly string[];
  /** The run key (`runKey`), stored in summary.json's `run.key`. Default null (not keyed). */
  key?: string | null;
  /** Hash of the code that produced the run, stored in summary.json's `run.codeHash`. Default `codeHash()`. */
  codeHash?: string;
}

/** The configuration fields that tag a run's rows. */
export interface RunConfigTag {
  readonly task: string;
  readonly method: string;
  readonly seed: number;
}

/** A step row: the step index, other numeric columns, and optional per-step diagnostics. */
export interface StepRow {
  step: number;
  diagnostics?: Record<string, number>;
}

/** An evaluation row: the step it was taken at, and metric columns. */
export interface EvalRow {
  step: number;
}
