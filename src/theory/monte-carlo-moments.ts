import { cumulativeSum, drawFromCdf } from '../random/sample-cdf.js';
import type { Rng } from '../random/rng.js';
import { checkPmf, type Moments } from './enumerate-moments.js';

/** Monte-Carlo moments with standard errors and the running mean at chosen draw counts. */
export interface MonteCarloMoments extends Moments {
  /** Standard error of each coordinate of `mean`: sqrt(variance / count) (D). */
  se: Float64Array;
  /** Running mean and its standard error after each count in `options.record` (ascending, ≤ draws). */
  history: { draws: number; mean: Float64Array; se: Float64Array }[];
}

/** Options of {@link monteCarloMoments}. */
export interface MonteCarloMomentsOptions {
  /** Number of batches drawn (integer ≥ 2). Required. */
  draws: number;
  /** The seeded generator every draw goes through. Required. */
  rng: Rng;
  /** Draw counts at which the running mean is recorded in `history`. Default []. */
  record?: readonly number[];
}

/**
 * Monte-Carlo counterpart of `enumerateMoments`: draws `draws` batches (slot s: x_s ~ slots[s] by inversion,
 * one `rng.next()` per slot) and returns the sample mean, the unbiased per-coordinate sample variance (n − 1),
 * the standard errors of the mean and, at the counts in `record`, the running mean (Welford's update, float64).
 *
 * @param slots pmf of each slot (S ≥ 1), each finite ≥ 0 summing to 1 (±1e-9).
 * @param f estimator: index tuple (S; reused between calls) → y (D), finite.
 * @param options `{ draws, rng, record = [] }`.
 * @example
 * const mc = monteCarloMoments([p, p], (idx) => isEstimate(g, p, idx), { draws: 10_000, rng: createRng(1) });
 * // |mc.mean − G| is within a few mc.se of 0
 */
export function monteCarloMoments(
  slots: readonly ArrayLike<number>[],
  f: (idx: Int32Array) => ArrayLike<number>,
  options: MonteCarloMomentsOptions,
): MonteCarloMoments {
  const { draws, rng } = options;
  const record = [...(options.record ?? [])].sort((a, b) => a - b);
  if (!Number.isInteger(draws) || draws < 2)
    throw new RangeError(`monteCarloMoments: draws must be an integer ≥ 2, got ${draws}`);
  for (const r of record) {
    if (!Number.isInteger(r) || r < 2 || r > draws) {
      throw new RangeError(
        `monteCarloMoments: record entries must be integers in [2, draws = ${draws}], got ${r}`,
      );
    }
  }
  const S = slots.length;
  if (S < 1) throw new RangeError('monteCarloMoments: slots is empty; need at least one draw');
  slots.forEach((p, s) => checkPmf('monteCarloMoments', `slots[${s}]`, p));
  const cdfs = slots.map((p) => cumulativeSum(p)); // (S) × (N_s)
  const idx = new Int32Array(S); // (S)
  let mean: Float64Array | null = null; // (D)
  let m2: Float64Array | null = null; // (D)
  const history: MonteCarloMoments['history'] = [];
  let next = 0;
  const se = (n: number, m2v: Float64Array) => m2v.map((v) => Math.sqrt(Math.max(0, v / (n - 1)) / n));
  for (let n = 1; n <= draws; n++) {
    for (let s = 0; s < S; s++) idx[s] = drawFromCdf(cdfs[s], rng);
    const y = f(idx);
    if (mean === null || m2 === null) {
      mean = new Float64Array(y.length);
      m2 = new Float64Array(y.length);
    }
    if (y.length !== mean.length)
      throw new RangeError(`monteCarloMoments: f returned ${y.length} values, earlier ${mean.length}`);
    for (let d = 0; d < mean.length; d++) {
      const v = y[d];
      if (!Number.isFinite(v))
        throw new RangeError(`monteCarloMoments: f(${Array.from(idx).join(', ')})[${d}] = ${v}, not finite`);
      const delta = v - mean[d];
      mean[d] += delta / n; // Welford (1962)
      m2[d] += delta * (v - mean[d]);
    }
    while (next < record.length && record[next] === n) {
      history.push({ draws: n, mean: Float64Array.from(mean), se: se(n, m2) });
      next++;
    }
  }
  const m = mean ?? new Float64Array(0);
  const M2 = m2 ?? new Float64Array(0);
  const variance = M2.map((v) => Math.max(0, v / (draws - 1))); // (D) unbiased sample variance
  return {
    mean: m,
    variance,
    trCov: variance.reduce((a, b) => a + b, 0),
    count: draws,
    se: se(draws, M2),
    history,
  };
}
