import { from, type ColumnTable } from 'arquero';
import type { TrainResult } from '../train/train.js';

/** A run's records as arquero tables, tagged with the run's task, method and seed so tables can be stacked. */
export interface RunTables {
  /** One row per optimisation step. */
  steps: ColumnTable;
  /** One row per evaluation over the full train/test sets. */
  evals: ColumnTable;
}

/**
 * Converts a {@link TrainResult} into arquero tables with `task`, `method` and `seed` columns.
 * @example
 * const { evals } = runTables(await train({ task: 'poly6', method: 'is' }));
 * evals.print();
 */
export function runTables(r: TrainResult): RunTables {
  const tag = { task: r.config.task, method: r.config.method, seed: r.config.seed };
  return {
    steps: from(r.steps.map((s) => ({ ...tag, ...s }))),
    evals: from(r.evals.map((e) => ({ ...tag, ...e }))),
  };
}
