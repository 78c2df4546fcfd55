/** One row of a curve: a step and named values. */
type Row = Record<string, unknown>;

/**
 * Trailing moving average of `y` over `k` rows of one series (the rows of one run), ordered by `step`; rows with a
 * non-finite y are skipped. Returns new rows with y replaced.
 * @example
 * movingAverage([{ step: 0, y: 1 }, { step: 1, y: 3 }], 'y', 2); // y: 1, 2
 */
export function movingAverage(rows: readonly Row[], y: string, k: number): Row[] {
  if (!Number.isInteger(k) || k < 1)
    throw new RangeError(`movingAverage: k must be an integer ≥ 1, got ${k}`);
  const out: Row[] = [];
  let sum = 0;
  const win: number[] = [];
  for (const r of [...rows].sort((a, b) => (a.step as number) - (b.step as number))) {
    const v = r[y];
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    win.push(v);
    sum += v;
    if (win.length > k) sum -= win.shift() ?? 0;
    out.push({ ...r, [y]: sum / win.length });
  }
  return out;
}

/**
 * {@link movingAverage} within each series of rows that share the values of `by` (e.g. method and seed), series in
 * the order of their first row.
 * @example
 * movingAverageBy(rows, ['method', 'seed'], 'efficiency', 20);
 */
export function movingAverageBy(rows: readonly Row[], by: readonly string[], y: string, k: number): Row[] {
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const key = by.map((c) => String(r[c])).join('|');
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [r]);
    else g.push(r);
  }
  return [...groups.values()].flatMap((g) => movingAverage(g, y, k));
}

/**
 * Every `every`-th row by position, so step-wise intervals stay light in a figure's HTML.
 * @example
 * thinRows([a, b, c, d, e], 2); // [a, c, e]
 */
export function thinRows<R>(rows: readonly R[], every: number): R[] {
  if (!Number.isInteger(every) || every < 1)
    throw new RangeError(`thinRows: every must be an integer ≥ 1, got ${every}`);
  return rows.filter((_, i) => i % every === 0);
}
