import { createRequire } from 'node:module';
import { join } from 'node:path';
import { table as arqueroTable, type ColumnTable } from 'arquero';

/** The part of a danfo `DataFrame` the bridge reads. */
export interface DanfoFrameLike {
  columns: string[];
  /** Row-major values: one array per row (a one-column frame may hold bare values). */
  values: unknown[];
  shape: number[];
}

/** The part of the `danfojs-node` module the bridge uses. */
export interface DanfoModuleLike {
  DataFrame: new (data: Record<string, unknown[]>, options?: { columns?: string[] }) => DanfoFrameLike;
}

/** Options of {@link toDanfo}. */
export interface ToDanfoOptions<M extends DanfoModuleLike = DanfoModuleLike> {
  /**
   * The danfo module to build with. Default: `danfojs-node` resolved from the working directory (a notebook's
   * folder; notebooks/ installs it), else from the kit.
   */
  danfo?: M;
}

/** `danfojs-node` from the working directory's node_modules (the notebook environment), else the kit's. */
function loadDanfo(): DanfoModuleLike {
  const errors: string[] = [];
  for (const base of [join(process.cwd(), 'package.json'), import.meta.url]) {
    try {
      return createRequire(base)('danfojs-node') as DanfoModuleLike;
    } catch (e) {
      errors.push((e as Error).message.split('\n')[0]);
    }
  }
  throw new Error(
    'toDanfo: danfojs-node is not installed where this notebook runs; it comes with the notebook environment ' +
      `(npm install in notebooks/, see environment.md), or pass { danfo } (${errors.join('; ')})`,
  );
}

/**
 * Copies an arquero table (e.g. the kit's run records) into a danfo `DataFrame`, column by column in the same
 * order. Typed-array columns become plain arrays (danfo infers float32/int32/string dtypes from the values;
 * the numbers themselves are kept as JavaScript float64).
 *
 * @param t - an arquero table.
 * @param options - `danfo` = the `danfojs-node` module (default: resolved from the working directory); passing it
 *   also types the result as that module's `DataFrame`.
 * @returns a new DataFrame with `t.numRows()` rows.
 * @example
 * import * as dfd from 'danfojs-node';
 * import { toDanfo } from 'isgrad/notebook';
 * const df = toDanfo(runTables(run).evals, { danfo: dfd }); // typed dfd.DataFrame
 * df.describe().print();
 */
export function toDanfo<M extends DanfoModuleLike = DanfoModuleLike>(
  t: ColumnTable,
  options: ToDanfoOptions<M> = {},
): InstanceType<M['DataFrame']> {
  if (t === null || typeof t !== 'object' || typeof (t as ColumnTable).columnNames !== 'function') {
    throw new Error(`toDanfo: expected an arquero table; got ${t === null ? 'null' : typeof t}`);
  }
  const danfo = options.danfo ?? (loadDanfo() as M);
  const names = t.columnNames();
  if (names.length === 0)
    throw new Error('toDanfo: the table has no columns; danfo cannot hold an empty frame');
  const columns: Record<string, unknown[]> = {};
  for (const name of names) columns[name] = Array.from(t.array(name) as ArrayLike<unknown>);
  return new danfo.DataFrame(columns, { columns: names }) as InstanceType<M['DataFrame']>;
}

/**
 * Copies a danfo `DataFrame` into an arquero table (the kit's table type), column by column in the same order.
 *
 * @param df - a danfo DataFrame (anything with `columns`, row-major `values` and `shape`).
 * @returns a new arquero table with `df.shape[0]` rows.
 * @example
 * import { fromDanfo } from 'isgrad/notebook';
 * const t = fromDanfo(df.groupby(['method']).mean());
 */
export function fromDanfo(df: DanfoFrameLike): ColumnTable {
  if (df === null || typeof df !== 'object' || !Array.isArray(df.columns) || !Array.isArray(df.values)) {
    throw new Error(
      `fromDanfo: expected a danfo DataFrame (columns, values); got ${df === null ? 'null' : typeof df}`,
    );
  }
  const names = df.columns.map(String);
  const columns: Record<string, unknown[]> = {};
  names.forEach((name, j) => {
    columns[name] = df.values.map((row) => (Array.isArray(row) ? row[j] : row));
  });
  return arqueroTable(columns, names);
}
