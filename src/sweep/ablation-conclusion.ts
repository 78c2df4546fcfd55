import { pairedDifferences } from '../stats/paired-differences.js';
import { summarizeSeeds } from '../stats/seed-summary.js';
import { resolveConfig } from '../train/resolve-config.js';
import { ablations, type AblationName } from './ablation-specs.js';

/** Options of {@link ablationConclusion}. */
export interface AblationConclusionOptions {
  /** Column of the swept value (e.g. 'beta'). Required. */
  key: string;
  /** Column of the metric, one row per run; lower is better (e.g. a tail-averaged 'excessLoss'). Required. */
  y: string;
  /**
   * The value the others are compared with (the default, e.g. β = 0.7); must be one of the swept values; `null`
   * compares none (each value's mean and interval only). Required.
   */
  reference: number | string | null;
  /** Symbol of the swept value in the text, e.g. 'β'. Default: `key`. */
  symbol?: string;
  /** Name of the metric in the text. Default: `y`. */
  metric?: string;
  /** Column pairing the runs of two values (same seed = same data order and initialisation). Default 'seed'. */
  pair?: string;
  /** Compare log10(y): means are geometric, paired differences are ratios. Default true. */
  log10?: boolean;
  /** Confidence level of every interval. Default 0.95. */
  level?: number;
}

/** Defaults of {@link ablationConclusion}. */
export const ablationConclusionDefaults = { pair: 'seed', log10: true, level: 0.95 };

/** Verdict of one value against the reference: does the paired interval exclude "no difference"? */
export type AblationVerdict =
  'reference' | 'lower' | 'higher' | 'not significant' | 'too few pairs' | 'no reference';

/**
 * One swept value: its mean over seeds with an interval, and its paired comparison with the reference. (A type
 * alias, not an interface, so an array of rows is a table for `table` from isgrad/notebook.)
 */
export type AblationValueRow = {
  /** The swept value. */
  value: number | string;
  /** Seeds (pair keys) of this value, ascending. */
  seeds: (number | string)[];
  /** Mean of y over seeds (geometric when `log10`), with the `level` Student-t interval (null with one seed). */
  mean: number;
  lower: number | null;
  upper: number | null;
  /**
   * Paired comparison with the reference over the seeds both have: the mean ratio y/y_ref (geometric, when
   * `log10`) or difference y − y_ref, and its interval; 1 and [1, 1] (or 0) for the reference itself; null
   * without a reference.
   */
  vsReference: number | null;
  vsReferenceLower: number | null;
  vsReferenceUpper: number | null;
  /** Seeds both this value and the reference have. */
  pairs: (number | string)[];
  verdict: AblationVerdict;
};

/** What an ablation supports, computed from its runs: see {@link ablationConclusion}. */
export interface AblationConclusion {
  key: string;
  symbol: string;
  metric: string;
  level: number;
  log10: boolean;
  reference: number | string | null;
  /** One row per swept value, ascending. */
  rows: AblationValueRow[];
  /** The row with the lowest mean. */
  best: AblationValueRow;
  /** The reference's row; null without a reference. */
  referenceRow: AblationValueRow | null;
  /** Values whose paired interval lies entirely below (lower) / above (higher) the reference. */
  lower: (number | string)[];
  higher: (number | string)[];
  /** The conclusion in one paragraph, every number computed here. */
  text: string;
  /** The verdict in one short sentence (for a caption; the per-value numbers go in {@link ablationConclusionTable}). */
  summary: string;
}

/** A number for prose: 3 significant digits, exponent form outside [1e-3, 1e4). */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e4)) return v.toExponential(2);
  return String(Number(v.toPrecision(3)));
}

function compareValues(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

const interval = (lo: number | null, hi: number | null) =>
  lo === null || hi === null ? 'no interval' : `[${formatNumber(lo)}, ${formatNumber(hi)}]`;

/**
 * What an ablation supports: per swept value the mean of a lower-is-better metric over seeds with a Student-t
 * interval; the value with the lowest mean; and each value compared with the reference (the default) by paired
 * differences on shared seeds (`pairedDifferences`, of log10 values by default, so a ratio y/y_ref with its
 * interval). A value is 'lower' or 'higher' than the reference only when its paired interval excludes no
 * difference (ratio 1); otherwise 'not significant'. `text` states the best value, whether it beats the reference
 * significantly, and every significant difference, with seeds and intervals.
 * @param rows - one row per run with columns `key`, `y` and `pair` (e.g. `tailMean(evals, { y: 'excessLoss',
 *   geometric: true })`).
 * @param options - `key`, `y`, `reference` (required), `symbol = key`, `metric = y`, `pair = 'seed'`,
 *   `log10 = true`, `level = 0.95`.
 * @example
 * ablationConclusion(tail, { key: 'beta', y: 'excessLoss', reference: 0.7, symbol: 'β' }).text;
 * // 'β (3 seeds: 1, 2, 3): the lowest mean excessLoss is at β = 0.9 …'
 */
export function ablationConclusion(
  rows: readonly object[],
  options: AblationConclusionOptions,
): AblationConclusion {
  const o = { ...ablationConclusionDefaults, ...options };
  const symbol = o.symbol ?? o.key;
  const metric = o.metric ?? o.y;
  if (rows.length === 0) throw new Error('ablationConclusion: rows is empty');
  rows.forEach((row, i) => {
    const v = (row as Record<string, unknown>)[o.key];
    if (!((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'string')) {
      throw new RangeError(
        `ablationConclusion: row ${i} has ${o.key} = ${JSON.stringify(v)}, not a swept value`,
      );
    }
  });
  const arm = (v: unknown) => String(v);
  const values = [...new Set(rows.map((r) => (r as Record<string, unknown>)[o.key] as number | string))].sort(
    compareValues,
  );
  if (o.reference !== null && !values.some((v) => arm(v) === arm(o.reference))) {
    throw new RangeError(
      `ablationConclusion: reference ${o.key} = ${JSON.stringify(o.reference)} is not among the swept values ` +
        `(${values.map(arm).join(', ')})`,
    );
  }
  const back = (v: number) => (o.log10 ? 10 ** v : v);
  const summary = summarizeSeeds(rows, { by: [o.key], value: o.y, log10: o.log10, level: o.level });
  const paired =
    o.reference === null
      ? []
      : pairedDifferences(
          rows.map((r) => ({ ...r, ablationArm: arm((r as Record<string, unknown>)[o.key]) })),
          {
            by: 'ablationArm',
            baseline: arm(o.reference),
            pair: o.pair,
            value: o.y,
            log10: o.log10,
            level: o.level,
          },
        );
  const seedsOf = (v: number | string) =>
    rows
      .map((r) => r as Record<string, unknown>)
      .filter((r) => arm(r[o.key]) === arm(v))
      .map((r) => r[o.pair] as number | string)
      .sort(compareValues);
  const none = o.log10 ? 1 : 0;
  const table: AblationValueRow[] = values.map((v) => {
    const s = summary.find((x) => arm(x[o.key]) === arm(v));
    if (s === undefined) throw new Error(`ablationConclusion: no summary for ${o.key} = ${arm(v)}`); // unreachable
    const seeds = seedsOf(v);
    const common = {
      value: v,
      seeds,
      mean: back(s.mean),
      lower: s.lower === null ? null : back(s.lower),
      upper: s.upper === null ? null : back(s.upper),
    };
    if (o.reference === null) {
      return {
        ...common,
        vsReference: null,
        vsReferenceLower: null,
        vsReferenceUpper: null,
        pairs: [],
        verdict: 'no reference',
      };
    }
    if (arm(v) === arm(o.reference)) {
      return {
        ...common,
        vsReference: none,
        vsReferenceLower: none,
        vsReferenceUpper: none,
        pairs: seeds,
        verdict: 'reference',
      };
    }
    const d = paired.find((p) => p.arm === arm(v));
    if (d === undefined) throw new Error(`ablationConclusion: no paired difference for ${o.key} = ${arm(v)}`); // unreachable
    const verdict: AblationVerdict =
      d.lower === null || d.upper === null
        ? 'too few pairs'
        : d.upper < 0
          ? 'lower'
          : d.lower > 0
            ? 'higher'
            : 'not significant';
    return {
      ...common,
      vsReference: back(d.mean),
      vsReferenceLower: d.lower === null ? null : back(d.lower),
      vsReferenceUpper: d.upper === null ? null : back(d.upper),
      pairs: d.pairs,
      verdict,
    };
  });
  const best = table.reduce((b, r) => (r.mean < b.mean ? r : b));
  const referenceRow = table.find((r) => r.verdict === 'reference') ?? null;
  const lower = table.filter((r) => r.verdict === 'lower').map((r) => r.value);
  const higher = table.filter((r) => r.verdict === 'higher').map((r) => r.value);

  const pct = `${Math.round(o.level * 100)}%`;
  const allSeeds = [...new Set(table.flatMap((r) => r.seeds))].sort(compareValues);
  const rel = o.log10 ? 'ratio' : 'difference';
  const cmp = (r: AblationValueRow) =>
    `${o.log10 ? '×' : ''}${formatNumber(r.vsReference ?? NaN)} (${pct} CI ${interval(r.vsReferenceLower, r.vsReferenceUpper)}, ` +
    `${r.pairs.length} paired seeds)`;
  const at = (r: AblationValueRow) =>
    `${formatNumber(r.mean)} (${pct} CI ${interval(r.lower, r.upper)}, ${r.seeds.length} seeds)`;
  const head =
    `${symbol} (seeds ${allSeeds.map(String).join(', ')}; lower ${metric} is better; ` +
    `${o.log10 ? 'geometric ' : ''}means with ${pct} Student-t intervals): ` +
    `the lowest mean is at ${symbol} = ${arm(best.value)}, ${at(best)}`;
  const found = {
    key: o.key,
    symbol,
    metric,
    level: o.level,
    log10: o.log10,
    reference: o.reference,
    rows: table,
    best,
    referenceRow,
    lower,
    higher,
  };
  if (referenceRow === null) {
    return {
      ...found,
      text: `${head}. No reference value: the values are not compared pairwise.`,
      summary: `Lowest ${metric} at ${symbol} = ${arm(best.value)} (no reference value compared).`,
    };
  }
  const parts = [`${head}; the default ${symbol} = ${arm(o.reference)} gives ${at(referenceRow)}.`];
  if (best === referenceRow) {
    parts.push(`The default is the best value tried.`);
  } else {
    const sig =
      best.verdict === 'lower'
        ? `significantly lower at ${pct} (the interval excludes ${none})`
        : best.verdict === 'too few pairs'
          ? 'not testable (fewer than 2 paired seeds)'
          : `not significant at ${pct} (the interval contains ${none})`;
    parts.push(`${symbol} = ${arm(best.value)} vs the default, paired ${rel}: ${cmp(best)}: ${sig}.`);
  }
  const list = (vs: (number | string)[]) =>
    vs.length === 0
      ? 'none'
      : vs
          .map((v) => `${symbol} = ${arm(v)} ${cmp(table.find((r) => r.value === v) as AblationValueRow)}`)
          .join('; ');
  const count = (v: AblationVerdict) => table.filter((r) => r.verdict === v).length;
  const few = count('too few pairs');
  parts.push(
    `Paired against the default, significantly lower: ${list(lower)}; significantly higher: ${list(higher)}; ` +
      `${count('not significant')} of ${table.length - 1} values differ from it by less than their intervals` +
      (few > 0 ? `; ${few} could not be tested (fewer than 2 paired seeds).` : '.'),
  );
  return {
    ...found,
    text: parts.join(' '),
    summary:
      best === referenceRow
        ? `Lowest ${metric} at the default ${symbol} = ${arm(o.reference)}.`
        : `Lowest ${metric} at ${symbol} = ${arm(best.value)}, ${o.log10 ? '×' : ''}${formatNumber(best.vsReference ?? NaN)} ` +
          `the default ${symbol} = ${arm(o.reference)} (${pct} CI ${interval(best.vsReferenceLower, best.vsReferenceUpper)}): ` +
          (best.verdict === 'lower'
            ? 'significantly lower.'
            : best.verdict === 'too few pairs'
              ? 'not testable.'
              : 'not significant.'),
  };
}

/** Verdicts as a reader says them. */
const VERDICT_TEXT: Readonly<Record<AblationVerdict, string>> = {
  reference: 'default',
  lower: 'lower (better)',
  higher: 'higher (worse)',
  'not significant': 'no significant difference',
  'too few pairs': 'too few paired seeds',
  'no reference': '',
};

/**
 * The conclusion as a short table with readable column names, one row per swept value: the value (the default
 * marked), its seeds, the mean of the metric with its interval (`m [lo, hi]`), the paired ratio (or difference)
 * to the default with its interval, and the verdict. For `table` in a notebook and the gallery's verdict page.
 * @example
 * table(ablationConclusionTable(conclusion));
 * // α | seeds | geometric mean tail excess loss [95% CI] | ratio to α = 0.1 [95% CI] | verdict
 */
export function ablationConclusionTable(c: AblationConclusion): Record<string, string | number>[] {
  const pct = `${Math.round(c.level * 100)}% CI`;
  const meanCol = `${c.log10 ? 'geometric mean ' : 'mean '}${c.metric} [${pct}]`;
  const vsCol = `${c.log10 ? 'ratio' : 'difference'} to ${c.symbol} = ${String(c.reference)} [${pct}]`;
  const withCi = (m: number, lo: number | null, hi: number | null) =>
    lo === null || hi === null
      ? formatNumber(m)
      : `${formatNumber(m)} [${formatNumber(lo)}, ${formatNumber(hi)}]`;
  if (c.reference === null) {
    return c.rows.map((r) => ({
      [c.symbol]: r.value,
      seeds: r.seeds.length,
      [meanCol]: withCi(r.mean, r.lower, r.upper),
    }));
  }
  return c.rows.map((r) => ({
    [c.symbol]: r.verdict === 'reference' ? `${String(r.value)} (default)` : r.value,
    seeds: r.seeds.length,
    [meanCol]: withCi(r.mean, r.lower, r.upper),
    [vsCol]:
      r.verdict === 'reference' || r.vsReference === null
        ? ''
        : withCi(r.vsReference, r.vsReferenceLower, r.vsReferenceUpper),
    'paired seeds': r.verdict === 'reference' ? '' : r.pairs.length,
    verdict: VERDICT_TEXT[r.verdict],
  }));
}

/**
 * The kit's default of an ablation's swept value for its method and task (what a run gets without the option;
 * METHODS §9): α_q = 0.1 for IS, β = 0.7 for OMIS, τ = 0 (Linear-τ) for EMAIS, J = 2 for OMIS on poly6. Resolved
 * from the method's option declarations and the task's method defaults, so it follows them.
 * @example
 * ablationReference('beta'); // 0.7
 */
export function ablationReference(name: AblationName): number | string {
  const a = ablations[name];
  if (a === undefined) {
    throw new RangeError(
      `ablationReference: unknown ablation '${String(name)}'; allowed: ${Object.keys(ablations).join(', ')}`,
    );
  }
  const base = a.spec.base as { task: string; method: string };
  const c = resolveConfig({ task: base.task, method: base.method }) as unknown as Record<string, unknown> & {
    methodOptions: Record<string, unknown>;
  };
  const v = a.key in c.methodOptions ? c.methodOptions[a.key] : c[a.key];
  if (typeof v !== 'number' && typeof v !== 'string') {
    throw new Error(
      `ablationReference: ${name}: the default of '${a.key}' is ${JSON.stringify(v)}, not a value`,
    );
  }
  return v;
}

/** One row of {@link ablationOverview} (a type alias, so the rows are a table for `table`). */
export type AblationOverviewRow = {
  ablation: AblationName;
  symbol: string;
  task: string;
  method: string;
  /** The swept values, comma-separated in grid order. */
  values: string;
  /** Seeds of each value, comma-separated. */
  seeds: string;
  /** Trials of the sweep (values × seeds). */
  trials: number;
  /** The kit's default of the swept value ({@link ablationReference}), the one the others are compared with. */
  default: number | string;
};

/**
 * The four ready ablations at a glance, one row each: what is swept, over which values and seeds, on which
 * task and method, and the default the others are compared with.
 * @example
 * ablationOverview().map((r) => r.symbol); // ['α', 'β', 'τ', 'J']
 */
export function ablationOverview(): AblationOverviewRow[] {
  return (Object.keys(ablations) as AblationName[]).map((name) => {
    const a = ablations[name];
    const values = (a.spec.grid ?? {})[a.key] ?? [];
    const seeds = a.spec.seeds;
    return {
      ablation: name,
      symbol: a.symbol,
      task: String(a.spec.base.task),
      method: String(a.spec.base.method),
      values: values.map(String).join(', '),
      seeds: seeds.map(String).join(', '),
      trials: values.length * seeds.length,
      default: ablationReference(name),
    };
  });
}
