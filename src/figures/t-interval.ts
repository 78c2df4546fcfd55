/**
 * Two-sided 97.5% quantiles t_{0.975, ν} of Student's t for ν = 1..30 degrees of freedom (standard tables, e.g.
 * NIST/SEMATECH e-Handbook §1.3.6.7.2; 3 decimals). A stop-gap until the sweep helpers' float64 quantile lands.
 */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12,
  2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** Mean and 95% Student-t interval of a sample (float64). */
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
 * t_{0.975, ν}: the table above for ν ≤ 30; beyond, the Cornish–Fisher expansion z + (z³ + z)/(4ν) +
 * (5z⁵ + 16z³ + 3z)/(96ν²) with z = 1.959964 (error < 1e-3 for ν > 30).
 * @param nu degrees of freedom, integer ≥ 1.
 * @example
 * t975(2); // 4.303
 */
export function t975(nu: number): number {
  if (!Number.isInteger(nu) || nu < 1) throw new RangeError(`t975: ν must be an integer ≥ 1, got ${nu}`);
  if (nu <= 30) return T975[nu - 1];
  const z = 1.959964;
  return z + (z ** 3 + z) / (4 * nu) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * nu * nu);
}

/**
 * Mean and 95% t-interval mean ± t_{0.975, n−1} · s/√n of `values` (s the n − 1 standard deviation).
 * @param values finite numbers, at least one (n = 1 gives half = NaN, lo = hi = mean).
 * @example
 * tInterval95([1, 2, 3]); // { n: 3, mean: 2, half: 4.303 / √3 ≈ 2.484, lo: −0.484, hi: 4.484 }
 */
export function tInterval95(values: readonly number[]): TInterval {
  const n = values.length;
  if (n === 0) throw new RangeError('tInterval95: values must not be empty');
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(values[i])) throw new RangeError(`tInterval95: values[${i}] is not finite: ${values[i]}`);
  }
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { n, mean, half: NaN, lo: mean, hi: mean };
  const s2 = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  const half = (t975(n - 1) * Math.sqrt(s2)) / Math.sqrt(n);
  return { n, mean, half, lo: mean - half, hi: mean + half };
}

/**
 * `mean ± half` as text with `digits` significant digits, `(n = …)` appended; for n = 1 just the value.
 * @example
 * formatTInterval(tInterval95([1, 2, 3]), 3); // '2.00 ± 2.48 (n = 3)'
 */
export function formatTInterval(ci: TInterval, digits = 3): string {
  if (ci.n === 1) return `${ci.mean.toPrecision(digits)} (n = 1)`;
  return `${ci.mean.toPrecision(digits)} ± ${ci.half.toPrecision(digits)} (n = ${ci.n})`;
}
