import { verdict, type VerdictOp } from './verdict.js';

/**
 * One numerical check of a theory section, as a tuple `[label, value, op, bound]` or, for an empirical check
 * that is reported but must not stop the notebook, `[label, value, op, bound, { throws: false }]`.
 */
export type CheckSpec =
  | readonly [label: string, value: number, op: VerdictOp, bound: number]
  | readonly [label: string, value: number, op: VerdictOp, bound: number, options: { throws: boolean }];

/**
 * One row of a {@link checkTable}: the check, the measured value, the comparison and whether it holds. A type
 * alias, not an interface, so that rows are plain records for `table` of isgrad/notebook.
 */
export type CheckRow = {
  check: string;
  value: number;
  op: VerdictOp;
  bound: number;
  /** '✓' when `value op bound` holds, '✗' when not (NaN never holds). */
  holds: '✓' | '✗';
};

/**
 * The checks of one theory section as one table (a row per check), for `table(...)` in a notebook. Every check is
 * evaluated first; then, if any check without `{ throws: false }` fails, one Error lists every failing line
 * ("check failed: label = value op bound ✗"), so the notebook stops at this section with the whole picture.
 * @param checks the section's checks, `[label, value, op, bound]` or `[label, value, op, bound, { throws: false }]`.
 * @returns one row per check, in order.
 * @throws RangeError on an op other than ≤ < ≥ >; Error when a hard check fails.
 * @example
 * checkTable([
 *   ['|E[Ĝ] − G|', 3e-17, '≤', 1e-12],
 *   ['Spearman ρ', 0.8, '>', 0.5, { throws: false }],
 * ]); // two rows, both holds: '✓'
 */
export function checkTable(checks: readonly CheckSpec[]): CheckRow[] {
  const failed: string[] = [];
  const rows = checks.map((c): CheckRow => {
    const [check, value, op, bound] = c;
    const throws = c.length === 5 ? c[4].throws : true;
    const line = verdict(check, value, op, bound, { throws: false });
    const holds = line.endsWith('✓') ? '✓' : '✗';
    if (holds === '✗' && throws) failed.push(line);
    return { check, value, op, bound, holds };
  });
  if (failed.length > 0) throw new Error(`check failed: ${failed.join('; ')}`);
  return rows;
}
