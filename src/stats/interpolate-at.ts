/**
 * Linear interpolation of y at x = `at` on a curve with increasing x; NaN outside [x₀, x_last].
 * @example
 * interpolateAt([0, 2], [1, 3], 1); // 2
 */
export function interpolateAt(x: readonly number[], y: readonly number[], at: number): number {
  if (x.length === 0 || at < x[0] || at > x[x.length - 1]) return NaN;
  for (let i = 1; i < x.length; i++) {
    if (at <= x[i]) {
      const t = x[i] === x[i - 1] ? 1 : (at - x[i - 1]) / (x[i] - x[i - 1]);
      return y[i - 1] + t * (y[i] - y[i - 1]);
    }
  }
  return y[y.length - 1];
}
