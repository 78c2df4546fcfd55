import { meanCi, type MeanCi } from './seed-summary.js';

/** Options of {@link pairedDifferences}. */
export interface PairedDifferencesOptions {
  /** Column naming the compared arms (e.g. 'method'). Required. */
  by: string;
  /** The arm every other is compared with (e.g. 'uniform'). Required. */
  baseline: string;
  /** Column pairing the runs (e.g. 'seed': the same seed = the same data order and initialisation). Default 'seed'. */
  pair?: string;
  /** Column of the compared value. Required. */
  value: string;
  /** Compare log10(value) (the difference is then a log-ratio). Default false. */
  log10?: boolean;
  /** Confidence level. Default 0.95. */
  level?: number;
}

/** The paired comparison of one arm with the baseline. */
export interface PairedDifference extends MeanCi {
  /** The arm (value of the `by` column). */
  arm: string;
  /** Pair keys (e.g. seeds) present in both arms, ascending. */
  pairs: (string | number)[];
  /** arm − baseline per pair (of log10 values when `log10`). */
  differences: number[];
}

/**
 * Paired differences between each arm and the baseline over the pairs (seeds) both have, with the mean and a
 * Student-t interval of the differences: pairing removes the between-seed variance the arms share, so the
 * interval is narrower than that of the difference of two independent means.
 * @example
 * pairedDifferences(runs, { by: 'method', baseline: 'uniform', value: 'final.excessLoss', log10: true });
 */
export function pairedDifferences(
  rows: readonly object[],
  options: PairedDifferencesOptions,
): PairedDifference[] {
  const pairKey = options.pair ?? 'seed';
  const byArm = new Map<string, Map<string | number, number>>();
  rows.forEach((row, i) => {
    const r = row as Record<string, unknown>;
    const arm = String(r[options.by]);
    const p = r[pairKey] as string | number;
    let v = r[options.value];
    if (typeof v !== 'number' || !Number.isFinite(v) || (options.log10 === true && v <= 0)) {
      throw new RangeError(
        `pairedDifferences: row ${i} has ${options.value} = ${String(v)}, not a usable number`,
      );
    }
    if (options.log10 === true) v = Math.log10(v);
    const m = byArm.get(arm) ?? new Map<string | number, number>();
    if (m.has(p))
      throw new Error(`pairedDifferences: two rows for ${options.by} = ${arm}, ${pairKey} = ${p}`);
    m.set(p, v as number);
    byArm.set(arm, m);
  });
  const base = byArm.get(options.baseline);
  if (base === undefined) {
    throw new Error(`pairedDifferences: no rows with ${options.by} = '${options.baseline}' (the baseline)`);
  }
  const out: PairedDifference[] = [];
  for (const [arm, m] of byArm) {
    if (arm === options.baseline) continue;
    const pairs = [...m.keys()].filter((p) => base.has(p)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (pairs.length === 0)
      throw new Error(`pairedDifferences: arm '${arm}' shares no ${pairKey} with the baseline`);
    const differences = pairs.map((p) => (m.get(p) as number) - (base.get(p) as number));
    out.push({ arm, pairs, differences, ...meanCi(differences, options.level ?? 0.95) });
  }
  return out;
}
