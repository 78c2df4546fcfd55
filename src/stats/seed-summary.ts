import { studentTQuantile } from './student-t.js';

/** Mean, spread and a Student-t confidence interval of replicate values (e.g. one metric over seeds). */
export interface MeanCi {
  /** Number of values. */
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1 denominator); null when n < 2. */
  sd: number | null;
  /** Half-width t_{(1+level)/2, n−1} · sd / √n; null when n < 2. */
  halfWidth: number | null;
  /** mean − halfWidth; null when n < 2. */
  lower: number | null;
  /** mean + halfWidth; null when n < 2. */
  upper: number | null;
}

/**
 * Mean, standard deviation and the `level` two-sided Student-t confidence interval of the mean, in float64
 * (t quantile from {@link studentTQuantile}). Values must be finite; n < 2 gives null spread and interval.
 * @param level confidence level in (0, 1). Default 0.95.
 * @example
 * meanCi([1, 2, 3]); // { n: 3, mean: 2, sd: 1, halfWidth: 2.484…, lower: −0.484…, upper: 4.484… }
 */
export function meanCi(values: readonly number[], level = 0.95): MeanCi {
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  if (values.length === 0) throw new RangeError('meanCi: no values');
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new RangeError(`meanCi: value ${i} is not finite (${v})`);
  });
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  if (n < 2) return { n, mean, sd: null, halfWidth: null, lower: null, upper: null };
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  const halfWidth = (studentTQuantile(0.5 + level / 2, n - 1) * sd) / Math.sqrt(n);
  return { n, mean, sd, halfWidth, lower: mean - halfWidth, upper: mean + halfWidth };
}

/** Options of {@link summarizeSeeds}. */
export interface SummarizeSeedsOptions {
  /** Columns that identify a configuration (e.g. ['method', 'beta']). Required. */
  by: string[];
  /** Column of the value to summarise (e.g. 'final.excessLoss'). Required. */
  value: string;
  /** Summarise log10(value) (for losses spanning decades); the interval is then on the log scale. Default false. */
  log10?: boolean;
  /** Confidence level. Default 0.95. */
  level?: number;
}

/**
 * Groups rows (one per run, e.g. `collectRuns(...).runs.objects()`) by configuration and summarises a value
 * over the replicates (seeds) of each with {@link meanCi}. Rows whose value is null are an error naming the row.
 * @example
 * summarizeSeeds(runs.objects(), { by: ['beta'], value: 'final.excessLoss', log10: true });
 */
export function summarizeSeeds(
  rows: readonly object[],
  options: SummarizeSeedsOptions,
): (Record<string, unknown> & MeanCi)[] {
  const groups = new Map<string, { keys: Record<string, unknown>; values: number[] }>();
  rows.forEach((row, i) => {
    const r = row as Record<string, unknown>;
    const keys = Object.fromEntries(options.by.map((k) => [k, r[k] ?? null]));
    const v = r[options.value];
    if (typeof v !== 'number' || !Number.isFinite(v) || (options.log10 === true && v <= 0)) {
      throw new RangeError(
        `summarizeSeeds: row ${i} has ${options.value} = ${String(v)}, not a usable number`,
      );
    }
    const id = JSON.stringify(keys);
    const g = groups.get(id) ?? { keys, values: [] };
    g.values.push(options.log10 === true ? Math.log10(v) : v);
    groups.set(id, g);
  });
  return [...groups.values()].map((g) => ({ ...g.keys, ...meanCi(g.values, options.level ?? 0.95) }));
}

/**
 * 'mean ± halfWidth (n = k)' with `digits` significant digits, or 'mean (n = 1)': the interval as the captions
 * print it.
 * @param ci an interval from {@link meanCi}.
 * @param digits significant digits. Default 3.
 * @example
 * formatMeanCi(meanCi([1, 2, 3])); // '2.00 ± 2.48 (n = 3)'
 */
export function formatMeanCi(ci: MeanCi, digits = 3): string {
  if (ci.halfWidth === null) return `${ci.mean.toPrecision(digits)} (n = ${ci.n})`;
  return `${ci.mean.toPrecision(digits)} ± ${ci.halfWidth.toPrecision(digits)} (n = ${ci.n})`;
}

/**
 * True when the whole interval lies below `x` (so at least two values): the mean is below `x` with the interval's
 * confidence.
 * @example
 * ciBelow(meanCi([-3.1, -3, -2.9])); // true: the interval is [−3.25, −2.75]
 */
export function ciBelow(ci: MeanCi, x = 0): boolean {
  return ci.upper !== null && ci.upper < x;
}

/**
 * True when the whole interval lies above `x` (so at least two values).
 * @example
 * ciAbove(meanCi([1, 2, 3])); // false: the interval is [−0.48, 4.48]
 */
export function ciAbove(ci: MeanCi, x = 0): boolean {
  return ci.lower !== null && ci.lower > x;
}

/**
 * The interval of the values times `k` > 0 (e.g. 100 for percent), without the values.
 * @example
 * formatMeanCi(scaleCi(meanCi([0.01, 0.02, 0.03]), 100)); // '2.00 ± 2.48 (n = 3)'
 */
export function scaleCi(ci: MeanCi, k: number): MeanCi {
  if (!(k > 0 && Number.isFinite(k)))
    throw new RangeError(`scaleCi: k must be a finite number > 0, got ${k}`);
  const times = (v: number | null) => (v === null ? null : k * v);
  return {
    n: ci.n,
    mean: k * ci.mean,
    sd: times(ci.sd),
    halfWidth: times(ci.halfWidth),
    lower: times(ci.lower),
    upper: times(ci.upper),
  };
}
