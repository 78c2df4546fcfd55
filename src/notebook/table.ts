import { escapeHtml } from '../figures/html-page.js';
import { display, type MimeBundle } from './display.js';

/** What {@link table} accepts: an arquero table, a danfo DataFrame, or an array of row objects. */
export type TableLike =
  | { columnNames(): string[]; numRows(): number; objects(options?: { limit?: number }): object[] }
  | { columns: string[]; values: unknown[]; shape: number[]; index?: unknown[] }
  | readonly Record<string, unknown>[];

/** Options of {@link table} and {@link tableBundle}. */
export interface TableOptions {
  /** Rows shown (the first ones); the output says how many were left out. Default 20. */
  limit?: number;
  /** Significant digits of non-integer numbers. Default 6. */
  digits?: number;
}

/** Defaults of {@link table}: `limit: 20`, `digits: 6`. */
export const tableDefaults: Readonly<Required<TableOptions>> = { limit: 20, digits: 6 };

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

/** One cell as text: integers as they are, other numbers to `digits` significant digits, null/undefined empty. */
function cellText(v: unknown, digits: number): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(digits)));
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
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
  return { limit, digits };
}

/**
 * The MIME bundle of a table, without sending it: an HTML table (every header and cell escaped; numbers
 * right-aligned) and an aligned plain-text table, each showing the first `limit` rows and saying how many
 * were left out.
 *
 * @param t - an arquero table, a danfo DataFrame, or an array of row objects.
 * @param options - `limit = 20` rows, `digits = 6` significant digits.
 * @example
 * tableBundle([{ method: 'is', loss: 0.0123456789 }])['text/plain'];
 * // 'method  loss\n------  ---------\nis      0.0123457\n(1 row)'
 */
export function tableBundle(t: TableLike, options: TableOptions = {}): MimeBundle {
  const { limit, digits } = checkOptions(options);
  const { columns, rows, total } = firstRows(t, limit);
  const text = rows.map((r) => r.map((v) => cellText(v, digits)));
  const numeric = columns.map(
    (_, j) => rows.length > 0 && rows.every((r) => typeof r[j] === 'number' || r[j] == null),
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
 * DataFrames or arrays of row objects, first `limit` rows.
 *
 * @param t - the table.
 * @param options - `limit = 20` rows, `digits = 6` significant digits.
 * @example
 * import { runTables } from 'isgrad';
 * import { table } from 'isgrad/notebook';
 * table(runTables(run).evals, { limit: 5 });
 */
export function table(t: TableLike, options: TableOptions = {}): void {
  display(tableBundle(t, options));
}
