import { from, type ColumnTable } from 'arquero';
import type { RunRecord } from './types.js';

/** A run's records as arquero tables, tagged with the run's task, method and seed so tables can be stacked. */
export interface RunTables {
  /** One row per optimisation step. */
  steps: ColumnTable;
  /** One row per evaluation over the full train/test sets. */
  evals: ColumnTable;
}

/**
 * Converts a run's records (a {@link RunRecord}, e.g. what `train()` returns) into arquero tables with `task`,
 * `method` and `seed` columns.
 * @example
 * const { evals } = runTables(await train({ task: 'poly6', method: 'is' }));
 * evals.print();
 */
export function runTables(r: RunRecord): RunTables {
  const tag = { task: r.config.task, method: r.config.method, seed: r.config.seed };
  // Per-step diagnostics become columns; steps without a value (e.g. warm-up) get null.
  const stepRows = r.steps.map(({ diagnostics, ...s }) => ({ ...tag, ...s, ...(diagnostics ?? {}) }));
  return { steps: tableOf(stepRows), evals: tableOf(r.evals.map((e) => ({ ...tag, ...e }))) };
}

/** An arquero table over the union of the rows' keys (arquero alone would take the first row's keys). */
function tableOf(rows: Record<string, unknown>[]): ColumnTable {
  const names = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return from(
    rows.map((row) => Object.fromEntries(names.map((k) => [k, row[k] ?? null]))),
    names,
  );
}
