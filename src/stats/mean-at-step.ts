type Row = Record<string, unknown>;

/**
 * Per method and step, the mean of `col` over the rows of its seeds (for plotting all replicates at one x, e.g.
 * the mean CPU time of a step).
 * @example
 * meanAtStep([{ method: 'a', step: 1, t: 1 }, { method: 'a', step: 1, t: 3 }], 't').get('a|1'); // 2
 */
export function meanAtStep(rows: readonly Row[], col: string): Map<string, number> {
  const acc = new Map<string, { s: number; n: number }>();
  for (const r of rows) {
    const v = r[col];
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    const key = `${String(r.method)}|${String(r.step)}`;
    const a = acc.get(key) ?? { s: 0, n: 0 };
    a.s += v;
    a.n += 1;
    acc.set(key, a);
  }
  return new Map([...acc].map(([k, a]) => [k, a.s / a.n]));
}
