/**
 * Linear interpolation of a curve (x ascending) at the points of `grid`; grid points outside [x_0, x_last] get
 * null (no extrapolation). Curves recorded at different x (wall-clock or CPU seconds differ between runs) can
 * then be averaged point by point.
 * @example
 * resampleCurve([0, 10], [1, 3], [0, 5, 20]); // [1, 2, null]
 */
export function resampleCurve(
  x: readonly number[],
  y: readonly number[],
  grid: readonly number[],
): (number | null)[] {
  if (x.length !== y.length) throw new RangeError(`x and y differ in length (${x.length} vs ${y.length})`);
  for (let i = 1; i < x.length; i++) {
    if (!(x[i] >= x[i - 1]))
      throw new RangeError(`x must be ascending; x[${i}] = ${x[i]} < x[${i - 1}] = ${x[i - 1]}`);
  }
  let j = 0;
  return grid.map((g) => {
    if (x.length === 0 || g < x[0] || g > x[x.length - 1]) return null;
    while (j > 0 && x[j] > g) j--;
    while (j < x.length - 2 && x[j + 1] < g) j++;
    if (x.length === 1) return y[0];
    const x0 = x[j];
    const x1 = x[j + 1];
    if (x1 === x0) return y[j + 1];
    const t = (g - x0) / (x1 - x0);
    return y[j] + t * (y[j + 1] - y[j]);
  });
}

/** Options of {@link resampleRuns}. */
export interface ResampleRunsOptions {
  /** Column of the curve's x (e.g. 'step', 'trainSeconds', 'trainCpuSeconds'). Required. */
  x: string;
  /** Column of the curve's y. Required. */
  y: string;
  /** Column identifying a run. Default 'run'. */
  series?: string;
  /** Grid points. Default: `points` evenly spaced points over the x range all runs cover. */
  grid?: number[];
  /** Number of grid points when `grid` is not given. Default 50. */
  points?: number;
}

/**
 * Puts every run's curve on one common x grid (by default over the range every run covers), so that curves
 * measured at different times can be averaged: returns one row per run and grid point, with the run's other
 * columns (from its first row), x = the grid point, y = the interpolated value. Grid points outside a run's
 * range are left out.
 * @example
 * resampleRuns(evals.objects(), { x: 'trainSeconds', y: 'excessLoss', points: 40 });
 */
export function resampleRuns(
  rows: readonly object[],
  options: ResampleRunsOptions,
): Record<string, unknown>[] {
  const series = options.series ?? 'run';
  const runs = new Map<unknown, Record<string, unknown>[]>();
  for (const row of rows) {
    const r = row as Record<string, unknown>;
    const list = runs.get(r[series]) ?? [];
    list.push(r);
    runs.set(r[series], list);
  }
  const curves = [...runs.values()].map((list) => {
    const sorted = [...list].sort((a, b) => (a[options.x] as number) - (b[options.x] as number));
    return {
      first: sorted[0],
      x: sorted.map((r) => r[options.x] as number),
      y: sorted.map((r) => r[options.y] as number),
    };
  });
  let grid = options.grid;
  if (grid === undefined) {
    const n = options.points ?? 50;
    if (!Number.isInteger(n) || n < 2) throw new RangeError(`points must be an integer ≥ 2, got ${n}`);
    const lo = Math.max(...curves.map((c) => c.x[0]));
    const hi = Math.min(...curves.map((c) => c.x[c.x.length - 1]));
    if (!(hi >= lo))
      throw new RangeError(`the runs share no ${options.x} range (max start ${lo} > min end ${hi})`);
    grid = Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
  }
  const g = grid;
  return curves.flatMap((c) => {
    const ys = resampleCurve(c.x, c.y, g);
    return g.flatMap((xv, i) =>
      ys[i] === null ? [] : [{ ...c.first, [options.x]: xv, [options.y]: ys[i] }],
    );
  });
}
