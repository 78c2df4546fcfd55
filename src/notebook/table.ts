import { escapeHtml } from '../figures/html-page.js';
import { display, type MimeBundle } from './display.js';

/**
 * What {@link table} accepts: an arquero table, a danfo DataFrame, or an array of row objects of any type (every
 * row type the kit returns, e.g. `MeanCi`, `PairedDifference`, `AblationValueRow`, `BudgetSummary`, with no cast).
 */
export type TableLike =
  | { columnNames(): string[]; numRows(): number; objects(options?: { limit?: number }): object[] }
  | { columns: string[]; values: unknown[]; shape: number[]; index?: unknown[] }
  | readonly object[];

/** Options of {@link table} and {@link tableBundle}. */
export interface TableOptions {
  /** Rows shown (the first ones); the output says how many were left out. Default 20. */
  limit?: number;
  /** Significant digits of non-integer numbers (exponent form below 1e-3 and from 1e6 on). Default 4. */
  digits?: number;
  /**
   * Show an estimate with its interval in one column, `m [lo, hi]`: `mean` with `lower` and `upper`, and any `x`
   * with `xLower` and `xUpper`. Default true.
   */
  intervals?: boolean;
}

/** Defaults of {@link table}: `limit: 20`, `digits: 4`, `intervals: true`. */
export const tableDefaults: Readonly<Required<TableOptions>> = { limit: 20, digits: 4, intervals: true };

interface Rows {
  columns: string[];
  rows: unknown[][];
  total: number;
}

function isArquero(
  t: unknown,
): t is { columnNames(): string[]; numRows(): number; objects(o?: object): object[] } {
  const x = t as { columnNames?: unknown; numRows?: unknown; objects?: unknown };
  return (
    typeof x.columnNames === 'function' && typeof x.numRows === 'function' && typeof x.objects === 'function'
  );
}

function isDanfo(
  t: unknown,
): t is { columns: string[]; values: unknown[]; shape: number[]; index?: unknown[] } {
  const x = t as { columns?: unknown; values?: unknown; shape?: unknown };
  return Array.isArray(x.columns) && Array.isArray(x.values) && Array.isArray(x.shape);
}

/** The first `limit` rows of any {@link TableLike}, as column names plus row arrays. */
function firstRows(t: TableLike, limit: number): Rows {
  if (Array.isArray(t)) {
    const columns: string[] = [];
    for (const r of t) for (const k of Object.keys(r as object)) if (!columns.includes(k)) columns.push(k);
    const rows = t.slice(0, limit).map((r) => columns.map((c) => (r as Record<string, unknown>)[c]));
    return { columns, rows, total: t.length };
  }
  if (isArquero(t)) {
    const columns = t.columnNames();
    const rows = t.objects({ limit }).map((r) => columns.map((c) => (r as Record<string, unknown>)[c]));
    return { columns, rows, total: t.numRows() };
  }
  if (isDanfo(t)) {
    const columns = t.columns.map(String);
    const rows = t.values.slice(0, limit).map((r) => (Array.isArray(r) ? [...r] : [r]));
    // A non-default index (e.g. describe()'s count, mean, std, ...) is shown as a first, unnamed column.
    const index = Array.isArray(t.index) ? t.index : [];
    if (index.some((v, i) => v !== i)) {
      rows.forEach((r, i) => r.unshift(index[i]));
      columns.unshift('');
    }
    return { columns, rows, total: t.shape[0] };
  }
  throw new Error(
    'table: expected an arquero table, a danfo DataFrame or an array of row objects; got ' +
      (t === null ? 'null' : typeof t),
  );
}

/** A number to `digits` significant digits: plain in [1e-3, 1e6), else exponent form (6.46e-5); integers as they are. */
function numberText(v: number, digits: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(digits - 1).replace(/\.?0+e/, 'e');
  return String(Number(v.toPrecision(digits)));
}

/** An estimate and its interval, merged from three columns by {@link mergeIntervals}. */
class Interval {
  constructor(
    readonly m: unknown,
    readonly lo: unknown,
    readonly hi: unknown,
  ) {}
}

/**
 * One cell as text: numbers by {@link numberText}, intervals as `m [lo, hi]` (just `m` without bounds), lists
 * comma-separated, null/undefined empty.
 */
function cellText(v: unknown, digits: number): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return numberText(v, digits);
  if (v instanceof Interval) {
    const m = cellText(v.m, digits);
    return v.lo == null || v.hi == null ? m : `${m} [${cellText(v.lo, digits)}, ${cellText(v.hi, digits)}]`;
  }
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map((x) => cellText(x, digits)).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/**
 * Merges each estimate with its interval bounds into one column `x [lo, hi]`: `mean` + `lower` + `upper`,
 * and `x` + `xLower` + `xUpper`.
 */
function mergeIntervals({ columns, rows, total }: Rows): Rows {
  const merges: { at: number; lo: number; hi: number; name: string }[] = [];
  columns.forEach((c, at) => {
    const [lo, hi] = c === 'mean' ? ['lower', 'upper'] : [`${c}Lower`, `${c}Upper`];
    const l = columns.indexOf(lo);
    const h = columns.indexOf(hi);
    if (l >= 0 && h >= 0) merges.push({ at, lo: l, hi: h, name: `${c} [lo, hi]` });
  });
  if (merges.length === 0) return { columns, rows, total };
  const drop = new Set(merges.flatMap((m) => [m.lo, m.hi]));
  const keep = columns.map((_, j) => j).filter((j) => !drop.has(j));
  const merged = (r: unknown[], j: number) => {
    const m = merges.find((x) => x.at === j);
    return m === undefined ? r[j] : new Interval(r[j], r[m.lo], r[m.hi]);
  };
  return {
    columns: keep.map((j) => merges.find((x) => x.at === j)?.name ?? columns[j]),
    rows: rows.map((r) => keep.map((j) => merged(r, j))),
    total,
  };
}

function checkOptions(options: TableOptions): Required<TableOptions> {
  const limit = options.limit ?? tableDefaults.limit;
  if (!Number.isInteger(limit) || limit < 0) {
    throw new Error(`table: options.limit must be a non-negative integer; got ${limit}`);
  }
  const digits = options.digits ?? tableDefaults.digits;
  if (!Number.isInteger(digits) || digits < 1 || digits > 21) {
    throw new Error(`table: options.digits must be an integer in [1, 21]; got ${digits}`);
  }
  const intervals = options.intervals ?? tableDefaults.intervals;
  if (typeof intervals !== 'boolean')
    throw new Error(`table: options.intervals must be true or false; got ${intervals}`);
  return { limit, digits, intervals };
}

/**
 * The MIME bundle of a table, without sending it: an HTML table (every header and cell escaped; numbers
 * right-aligned) and an aligned plain-text table, each showing the first `limit` rows and saying how many
 * were left out.
 *
 * @param t - an arquero table, a danfo DataFrame, or an array of row objects.
 * @param options - `limit = 20` rows, `digits = 4` significant digits, `intervals = true` (`m [lo, hi]` columns).
 * @example
 * tableBundle([{ method: 'is', mean: 0.0123456789, lower: 0.011, upper: 0.014 }])['text/plain'];
 * // 'method           mean [lo, hi]\n------  ----------------------\nis      0.01235 [0.011, 0.014]\n(1 row)'
 */
export function tableBundle(t: TableLike, options: TableOptions = {}): MimeBundle {
  const { limit, digits, intervals } = checkOptions(options);
  const first = firstRows(t, limit);
  const { columns, rows, total } = intervals ? mergeIntervals(first) : first;
  const text = rows.map((r) => r.map((v) => cellText(v, digits)));
  const numeric = columns.map(
    (_, j) =>
      rows.length > 0 &&
      rows.every((r) => typeof r[j] === 'number' || r[j] instanceof Interval || r[j] == null),
  );
  const note =
    rows.length < total
      ? `(showing ${rows.length} of ${total} rows)`
      : `(${total} row${total === 1 ? '' : 's'})`;
  const head = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = text
    .map(
      (r) =>
        '<tr>' +
        r
          .map((v, j) => `<td${numeric[j] ? ' style="text-align: right"' : ''}>${escapeHtml(v)}</td>`)
          .join('') +
        '</tr>',
    )
    .join('\n');
  const html =
    `<table class="isgrad-table">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>\n` +
    `<p style="font-size: smaller; color: #666666">${escapeHtml(note)}</p>`;
  const widths = columns.map((c, j) => Math.max(c.length, ...text.map((r) => r[j].length)));
  const line = (cells: string[]) =>
    cells
      .map((v, j) => (numeric[j] ? v.padStart(widths[j]) : v.padEnd(widths[j])))
      .join('  ')
      .trimEnd();
  const plain = [line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...text.map(line), note].join(
    '\n',
  );
  return { 'text/html': html, 'text/plain': plain };
}

/**
 * Shows a table in the notebook as HTML (text in a terminal): arquero tables (the kit's run records), danfo
 * DataFrames or arrays of row objects of any type (the kit's result rows included, with no cast), first `limit`
 * rows. Numbers show 4 significant digits; an estimate and its interval bounds show as one `m [lo, hi]` column.
 *
 * @param t - the table.
 * @param options - `limit = 20` rows, `digits = 4` significant digits, `intervals = true` (`m [lo, hi]` columns).
 * @example
 * import { runTables } from 'isgrad';
 * import { table } from 'isgrad/notebook';
 * table(runTables(run).evals, { limit: 5 });
 */
export function table(t: TableLike, options: TableOptions = {}): void {
  display(tableBundle(t, options));
}
