import { createRng } from '../random/rng.js';

/** Options of {@link bootstrapCi}. */
export interface BootstrapCiOptions {
  /** Confidence level in (0, 1). Default 0.95. */
  level?: number;
  /** Bootstrap resamples. Default 4000. */
  resamples?: number;
  /** Seed of the resampling. Default 0. */
  seed?: number;
}

/** Defaults of {@link bootstrapCi}: `{ level: 0.95, resamples: 4000, seed: 0 }`. */
export const bootstrapCiDefaults = { level: 0.95, resamples: 4000, seed: 0 };

/**
 * Percentile bootstrap interval of the mean (Efron 1979; Efron & Tibshirani 1993, ch. 13): resample the values
 * with replacement `resamples` times and take the (1 ∓ level)/2 quantiles of the resampled means. Unlike the t
 * interval it assumes no normality, but with few seeds (n < 10) it is too narrow; prefer {@link meanCi} there.
 * @example
 * bootstrapCi([1, 2, 3, 10, 4], { seed: 1 }); // { mean: 4, lower: …, upper: … }
 */
export function bootstrapCi(
  values: readonly number[],
  options: BootstrapCiOptions = {},
): { mean: number; lower: number; upper: number } {
  const o = { ...bootstrapCiDefaults, ...options };
  if (!(o.level > 0 && o.level < 1)) throw new RangeError(`level must be in (0, 1), got ${o.level}`);
  if (!Number.isInteger(o.resamples) || o.resamples < 100) {
    throw new RangeError(`resamples must be an integer ≥ 100, got ${o.resamples}`);
  }
  if (values.length === 0) throw new RangeError('bootstrapCi: no values');
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new RangeError(`bootstrapCi: value ${i} is not finite (${v})`);
  });
  const n = values.length;
  const rng = createRng(o.seed);
  const means = new Float64Array(o.resamples);
  for (let r = 0; r < o.resamples; r++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += values[rng.int(n)];
    means[r] = s / n;
  }
  means.sort();
  // Quantile by linear interpolation between order statistics (Hyndman & Fan 1996, type 7).
  const q = (p: number) => {
    const h = (o.resamples - 1) * p;
    const lo = Math.floor(h);
    return means[lo] + (h - lo) * (means[Math.min(lo + 1, o.resamples - 1)] - means[lo]);
  };
  const mean = values.reduce((a, v) => a + v, 0) / n;
  return { mean, lower: q((1 - o.level) / 2), upper: q((1 + o.level) / 2) };
}
