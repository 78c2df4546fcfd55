/**
 * A record as produced by the sweep runner or by arquero's `table.objects()` (typed there as `object`):
 * columns are read by name, e.g. `{ method: 'is', seed: 0, step: 100, loss: 0.25 }`.
 */
export type RunRow = object;

/** Band drawn around the mean: ± one standard deviation, replicate min..max, or none. */
export type BandKind = 'std' | 'minmax' | 'none';

/** The allowed {@link BandKind} values, for validation and error messages. */
export const BAND_KINDS: readonly BandKind[] = ['std', 'minmax', 'none'];

/** Options of {@link summarizeRuns}. */
export interface SummarizeRunsOptions {
  /** Column holding the x value (e.g. `'step'`, `'epoch'`); must be a finite number in every row. Required. */
  x: string;
  /** Column holding the y value (e.g. `'loss'`). Required. */
  y: string;
  /** Column whose value names the curve (method). Default `'method'`. */
  group?: string;
  /** Column identifying a replicate (run) within a group. Default `'seed'`. */
  replicate?: string;
  /** Band kind. Default `'std'`. */
  band?: BandKind;
  /** Summarise on log10(y) (geometric mean; band on the log scale). Default `false`. */
  logY?: boolean;
  /**
   * Column on which replicates are matched, when it differs from `x`: e.g. `x: 'trainSeconds'` with
   * `alignBy: 'epoch'` pools the replicates' evaluations of the same epoch and plots them at the mean of their
   * x values (wall-clock time differs between runs, so x itself never matches). Default: the `x` column.
   */
  alignBy?: string;
}

/** Defaults of {@link summarizeRuns}: `group: 'method'`, `replicate: 'seed'`, `band: 'std'`, `logY: false`. */
export const summarizeRunsDefaults: Readonly<Required<Omit<SummarizeRunsOptions, 'x' | 'y' | 'alignBy'>>> = {
  group: 'method',
  replicate: 'seed',
  band: 'std',
  logY: false,
};

/** Rows left out of a summary, by reason. */
export interface DroppedCounts {
  /** y was NaN, ±Infinity, null or undefined. */
  nonFinite: number;
  /** y ≤ 0 while `logY` was set (log10 undefined). */
  nonPositive: number;
}

/** Per-x summary of one group (method); all arrays have the same length, x ascending. */
export interface GroupSummary {
  /** The group's value, as a string (e.g. `'is'`). */
  group: string;
  /** Distinct x values that kept at least one replicate, ascending. */
  x: number[];
  /** Mean over replicates (geometric mean when `logY`). */
  mean: number[];
  /** Lower band edge (equals `mean` for band `'none'`). */
  lower: number[];
  /** Upper band edge (equals `mean` for band `'none'`). */
  upper: number[];
  /** Number of replicates that contributed at this x. */
  count: number[];
  /** Rows of this group that were left out. */
  dropped: DroppedCounts;
}

/** Result of {@link summarizeRuns}. */
export interface RunsSummary {
  /** One entry per group, in order of first appearance in the rows. */
  groups: GroupSummary[];
  /** Rows left out over all groups. */
  dropped: DroppedCounts;
  /** The resolved options. */
  options: Required<SummarizeRunsOptions>;
}

function describe(v: unknown): string {
  return typeof v === 'string' ? `'${v}'` : typeof v === 'number' ? String(v) : JSON.stringify(v) ?? String(v);
}

/**
 * Summarises replicated runs into mean and band per group and x, for line-and-band figures.
 *
 * Rows are grouped by `row[group]`; within a group, the replicates' values at the **same** x are pooled (x is
 * matched exactly, so log x at the same steps in every run). Each x keeps the replicates that have a usable
 * value there, so replicate counts may differ between x values and groups (`count` reports them).
 *
 * Statistics over the n values v_1..v_n at one x (u_k = v_k, or u_k = log10 v_k when `logY`):
 * - m = (1/n) Σ u_k, s = sqrt(Σ (u_k − m)² / (n − 1)) (sample std; s = 0 when n = 1);
 * - `'std'`: band [m − s, m + s]; `'minmax'`: [min u, max u]; `'none'`: lower = upper = mean;
 * - with `logY` every number is mapped back by 10^(·): mean = geometric mean, std band = [m/g, m·g] with the
 *   geometric std g = 10^s, so the band is symmetric on a log axis and always positive.
 *
 * Dropped (counted, never emitted as NaN): rows whose y is non-finite, null or undefined; with `logY`, rows
 * whose y ≤ 0. An x where every replicate was dropped is left out.
 *
 * Errors: missing x/y option, a band outside {'std','minmax','none'}, a row without a group value, a
 * non-finite x, a non-numeric y, or two rows for the same group, replicate and x.
 *
 * @param rows - records, e.g. `table.objects()` from arquero.
 * @param options - `x`, `y` (required), `group = 'method'`, `replicate = 'seed'`, `band = 'std'`,
 *   `logY = false`.
 * @example
 * const rows = [
 *   { method: 'is', seed: 0, step: 0, loss: 1 },
 *   { method: 'is', seed: 1, step: 0, loss: 3 },
 * ];
 * summarizeRuns(rows, { x: 'step', y: 'loss' }).groups[0].mean; // [2]
 */
export function summarizeRuns(rows: readonly RunRow[], options: SummarizeRunsOptions): RunsSummary {
  const d = summarizeRunsDefaults;
  const o: Required<SummarizeRunsOptions> = {
    x: options.x,
    y: options.y,
    group: options.group ?? d.group,
    replicate: options.replicate ?? d.replicate,
    band: options.band ?? d.band,
    logY: options.logY ?? d.logY,
    alignBy: options.alignBy ?? options.x,
  };
  for (const key of ['x', 'y', 'group', 'replicate', 'alignBy'] as const) {
    if (typeof o[key] !== 'string' || o[key] === '') {
      throw new Error(`summarizeRuns: ${key} must be a non-empty column name; got ${describe(o[key])}`);
    }
  }
  if (!BAND_KINDS.includes(o.band)) {
    throw new Error(
      `summarizeRuns: band must be one of ${BAND_KINDS.map((b) => `'${b}'`).join(', ')}; got ${describe(o.band)}`,
    );
  }
  if (typeof o.logY !== 'boolean') {
    throw new Error(`summarizeRuns: logY must be true or false; got ${describe(o.logY)}`);
  }

  // group → alignment key → replicate → (value, x) (Maps keep first-appearance order of groups).
  type Point = Map<string, { u: number; x: number }>;
  const byGroup = new Map<string, { points: Map<number, Point>; dropped: DroppedCounts }>();
  const total: DroppedCounts = { nonFinite: 0, nonPositive: 0 };
  rows.forEach((r, i) => {
    if (r === null || typeof r !== 'object') {
      throw new Error(`summarizeRuns: rows[${i}] must be an object (a record); got ${describe(r)}`);
    }
    const row = r as Readonly<Record<string, unknown>>;
    const g = row[o.group];
    if (typeof g !== 'string' && typeof g !== 'number') {
      throw new Error(
        `summarizeRuns: row ${i} has no usable value in group column '${o.group}'; got ${describe(g)} ` +
          `(allowed: a string or number)`,
      );
    }
    const x = row[o.x];
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw new Error(
        `summarizeRuns: row ${i} has x column '${o.x}' = ${describe(x)}; allowed: a finite number`,
      );
    }
    const a = row[o.alignBy];
    if (typeof a !== 'number' || !Number.isFinite(a)) {
      throw new Error(
        `summarizeRuns: row ${i} has alignBy column '${o.alignBy}' = ${describe(a)}; allowed: a finite number`,
      );
    }
    const y = row[o.y];
    if (y !== null && y !== undefined && typeof y !== 'number') {
      throw new Error(
        `summarizeRuns: row ${i} has y column '${o.y}' = ${describe(y)}; allowed: a number, null or undefined`,
      );
    }
    const key = String(g);
    let entry = byGroup.get(key);
    if (entry === undefined) {
      entry = { points: new Map(), dropped: { nonFinite: 0, nonPositive: 0 } };
      byGroup.set(key, entry);
    }
    if (typeof y !== 'number' || !Number.isFinite(y)) {
      entry.dropped.nonFinite++;
      total.nonFinite++;
      return;
    }
    if (o.logY && y <= 0) {
      entry.dropped.nonPositive++;
      total.nonPositive++;
      return;
    }
    const rep = String(row[o.replicate]);
    let atX = entry.points.get(a);
    if (atX === undefined) {
      atX = new Map();
      entry.points.set(a, atX);
    }
    if (atX.has(rep)) {
      throw new Error(
        `summarizeRuns: two rows for ${o.group} '${key}', ${o.replicate} ${rep}, ${o.alignBy} ${a}; ` +
          `filter the rows or set the replicate option to the column that tells runs apart`,
      );
    }
    atX.set(rep, { u: o.logY ? Math.log10(y) : y, x });
  });

  const back = o.logY ? (u: number) => 10 ** u : (u: number) => u;
  const groups: GroupSummary[] = [];
  for (const [group, { points, dropped }] of byGroup) {
    const keys = [...points.keys()].sort((a, b) => a - b);
    const s: GroupSummary = { group, x: [], mean: [], lower: [], upper: [], count: [], dropped };
    for (const k of keys) {
      const reps = [...(points.get(k) as Point).values()];
      const u = reps.map((r) => r.u);
      const n = u.length;
      s.x.push(reps.reduce((acc, r) => acc + r.x, 0) / n); // = x itself when aligning on x
      let m = 0;
      for (const v of u) m += v;
      m /= n;
      let lo = m;
      let hi = m;
      if (o.band === 'std') {
        let ss = 0;
        for (const v of u) ss += (v - m) ** 2;
        const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
        lo = m - sd;
        hi = m + sd;
      } else if (o.band === 'minmax') {
        lo = Math.min(...u);
        hi = Math.max(...u);
      }
      s.mean.push(back(m));
      s.lower.push(back(lo));
      s.upper.push(back(hi));
      s.count.push(n);
    }
    groups.push(s);
  }
  return { groups, dropped: total, options: o };
}
