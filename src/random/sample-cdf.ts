import type { Rng } from './rng.js';

/**
 * Inverse-CDF search: the smallest index j with `cdf[j] > u`, by binary search in O(log n).
 *
 * `cdf` holds the inclusive prefix sums c_j = Σ_{i≤j} w_i of n ≥ 1 non-negative weights (un-normalised is
 * fine). With u uniform on [0, c_{n−1}), index i comes out with probability w_i / c_{n−1}. An index with
 * w_i = 0 is never returned: its c_i equals c_{i−1} (or 0 for i = 0), so an earlier index already has c > u.
 * When u ≥ c_{n−1} (e.g. `rng.next() · total` rounded up to `total`), no c_j exceeds u; the answer is then the
 * last index with positive weight, so round-off never selects a zero-weight tail.
 *
 * @param cdf (n) non-decreasing prefix sums, n ≥ 1 (not checked: this is the inner loop of every sampler).
 * @param u position in [0, cdf[n − 1]).
 * @returns index in [0, n).
 * @example
 * searchCdf(Float64Array.of(1, 1, 4), 2.5); // 2 (weights 1, 0, 3)
 * searchCdf(Float64Array.of(1, 1, 4), 0.5); // 0
 */
export function searchCdf(cdf: ArrayLike<number>, u: number): number {
  let lo = 0;
  let hi = cdf.length - 1; // c_{n−1} > u, so the answer lies in [lo, hi]
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid] > u) hi = mid;
    else lo = mid + 1;
  }
  // Round-off guard: u ≥ c_{n−1} left lo at n − 1; step back over a zero-weight tail.
  while (lo > 0 && !(cdf[lo] > u) && cdf[lo] === cdf[lo - 1]) lo--;
  return lo;
}

/**
 * Prefix sums c_j = Σ_{i≤j} w_i in float64 (the `cdf` argument of {@link searchCdf} and {@link drawFromCdf}).
 *
 * @param w (n) non-negative weights (not checked).
 * @param out optional destination of length n; a new array otherwise.
 * @returns (n) prefix sums; the last entry is the total Σw.
 * @example
 * cumulativeSum([1, 0, 3]); // Float64Array [1, 1, 4]
 */
export function cumulativeSum(w: ArrayLike<number>, out?: Float64Array): Float64Array {
  const c = out ?? new Float64Array(w.length); // (n)
  let acc = 0;
  for (let i = 0; i < w.length; i++) c[i] = acc += w[i];
  return c;
}

/**
 * One draw i ~ w_i / Σw by inversion: u = `rng.next()` · c_{n−1}, then {@link searchCdf}. Consumes exactly one
 * `rng.next()`.
 *
 * @param cdf (n) prefix sums of non-negative weights with c_{n−1} > 0 (see {@link cumulativeSum}).
 * @param rng the kit's seeded generator.
 * @returns index in [0, n).
 * @example
 * const c = cumulativeSum([1, 0, 3]);
 * drawFromCdf(c, createRng(0)); // 0 w.p. 1/4, 2 w.p. 3/4, never 1
 */
export function drawFromCdf(cdf: ArrayLike<number>, rng: Rng): number {
  return searchCdf(cdf, rng.next() * cdf[cdf.length - 1]);
}
