import { meanCi } from '../stats/seed-summary.js';

/** Mean and 95% Student-t interval of a sample (float64), in the shape the figure captions use. */
export interface TInterval {
  /** Sample size. */
  n: number;
  mean: number;
  /** Half-width t_{0.975, n−1} · s / √n; NaN for n = 1 (no spread is known). */
  half: number;
  lo: number;
  hi: number;
}

/**
 * Mean ± t_{0.975, n−1} · s/√n of the values: {@link meanCi} at level 0.95 (float64 Student-t quantile), with
 * n = 1 giving half = NaN and lo = hi = mean.
 * @param values a non-empty list of finite numbers (e.g. one per seed).
 * @example
 * tInterval95([1, 2, 3]); // { n: 3, mean: 2, half: 2.484…, lo: −0.484…, hi: 4.484… }
 */
export function tInterval95(values: readonly number[]): TInterval {
  const c = meanCi(values, 0.95);
  if (c.halfWidth === null || c.lower === null || c.upper === null) {
    return { n: c.n, mean: c.mean, half: NaN, lo: c.mean, hi: c.mean };
  }
  return { n: c.n, mean: c.mean, half: c.halfWidth, lo: c.lower, hi: c.upper };
}

/**
 * 'mean ± half (n = k)' with `digits` significant digits, or 'mean (n = 1)'.
 * @param ci an interval from {@link tInterval95}.
 * @param digits significant digits. Default 3.
 * @example
 * formatTInterval(tInterval95([1, 2, 3])); // '2.00 ± 2.48 (n = 3)'
 */
export function formatTInterval(ci: TInterval, digits = 3): string {
  if (ci.n === 1) return `${ci.mean.toPrecision(digits)} (n = 1)`;
  return `${ci.mean.toPrecision(digits)} ± ${ci.half.toPrecision(digits)} (n = ${ci.n})`;
}
