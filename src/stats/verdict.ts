import { pairedDifferences } from './paired-differences.js';
import { ciAbove, ciBelow, meanCi, type MeanCi } from './seed-summary.js';
import { tailMean } from './tail-mean.js';

/*
 * The one verdict module: every "agrees with the paper" of the kit's captions is computed here, from paired
 * differences over seeds (pairing removes the between-seed variance the arms share) and their 95% Student-t
 * intervals (MeanCi). compareArms / formatArmComparison are the general form; tailVerdict, ratioVerdict,
 * belowVerdict and pairedDifference are the phrasings older figures keep (their captions are pinned).
 */

type Row = Record<string, unknown>;

/** Options of {@link compareArms}. */
export interface CompareArmsOptions {
  /** Column naming the compared arms (e.g. 'curve' or 'method'). Required. */
  by: string;
  /** Metric column (e.g. 'excessLoss', 'testError'). Required. */
  y: string;
  /** The arm every other is compared with, paired by seed (e.g. 'uniform'). Required. */
  baseline: string;
  /** Column pairing the runs. Default 'seed'. */
  seed?: string;
  /** Column ordering a run's evaluations (the tail is its last share). Default 'step'. */
  x?: string;
  /** Share of each run's last evaluations averaged ({@link tailMean}); 1 / n_evals = the final value. Default 0.25. */
  fraction?: number;
  /** Average and compare log10(y) (losses over decades): means are geometric, comparisons ratios. Default false. */
  log10?: boolean;
  /**
   * Equal-budget axis (e.g. 'trainCpuSeconds'): each run keeps only its evaluations with axis ≤ the budget, the
   * baseline's smallest total over its seeds (every run is read within what the baseline spent). Default none
   * (every evaluation: equal steps / epochs).
   */
  budgetAxis?: string;
  /** Arms in this order first (others follow in first-seen order). Default []. */
  order?: readonly string[];
}

/** Defaults of {@link CompareArmsOptions}. */
export const compareArmsDefaults = Object.freeze({ seed: 'seed', x: 'step', fraction: 0.25, log10: false });

/** One arm of {@link compareArms}: its tail metric over seeds and its paired comparison with the baseline. */
export interface ArmSummary {
  arm: string;
  /** Seeds (pair keys) of the arm, ascending. */
  seeds: (string | number)[];
  /** Tail-averaged metric: mean over seeds (geometric with `log10`) and its 95% Student-t interval (null for n < 2). */
  mean: number;
  lower: number | null;
  upper: number | null;
  /**
   * Arm vs baseline over the seeds both have: with `log10` the ratio arm / baseline (10^mean of the paired
   * log10 differences, interval likewise), else the difference arm − baseline; null for the baseline itself.
   */
  vsBaseline: { estimate: number; lower: number | null; upper: number | null; n: number } | null;
  /**
   * 'lower' / 'higher' when the 95% interval of the paired comparison excludes no change (ratio 1, difference 0),
   * 'unclear' when it includes it or has n < 2; null for the baseline.
   */
  verdict: 'lower' | 'higher' | 'unclear' | null;
}

/** What {@link compareArms} returns. */
export interface ArmComparison {
  y: string;
  baseline: string;
  log10: boolean;
  fraction: number;
  /** Axis and value of the equal budget, or null (equal steps / epochs). */
  budget: { axis: string; value: number } | null;
  arms: ArmSummary[];
}

/**
 * Tail-averaged metric per arm with a 95% interval over seeds, and each arm against the baseline paired by seed
 * (pairing removes the between-seed variance the arms share): the numbers behind "matches / differs from the
 * paper" in the figure captions and notebooks. With `budgetAxis` the runs are read at equal budget (the
 * baseline's smallest total on that axis), else at equal steps / epochs (every evaluation).
 * @param rows evaluation rows, one per run and evaluation, with the `by`, `seed`, `x` and `y` columns (and
 *   `budgetAxis` when given); rows whose y is missing or not finite are an error naming the arm and seed.
 * @param options see {@link CompareArmsOptions}; defaults {@link compareArmsDefaults}.
 * @example
 * const c = compareArms(rows, { by: 'curve', y: 'excessLoss', baseline: 'SGD', log10: true });
 * c.arms.find((a) => a.arm === 'IS')?.vsBaseline?.estimate; // e.g. 0.4 (IS at 40% of SGD's excess loss)
 */
export function compareArms(rows: readonly object[], options: CompareArmsOptions): ArmComparison {
  const o = { ...compareArmsDefaults, ...options };
  for (const k of ['by', 'y', 'baseline'] as const) {
    if (typeof o[k] !== 'string' || o[k] === '') throw new Error(`compareArms: option '${k}' is required`);
  }
  if (!(o.fraction > 0 && o.fraction <= 1))
    throw new RangeError(`compareArms: fraction must be in (0, 1], got ${o.fraction}`);
  const all = rows as readonly Row[];
  let budget: ArmComparison['budget'] = null;
  let kept = all;
  if (o.budgetAxis !== undefined) {
    const axis = o.budgetAxis;
    const totals = new Map<string, number>();
    for (const r of all) {
      if (String(r[o.by]) !== o.baseline) continue;
      const v = r[axis];
      if (typeof v !== 'number' || !Number.isFinite(v)) continue;
      const s = String(r[o.seed]);
      totals.set(s, Math.max(totals.get(s) ?? -Infinity, v));
    }
    if (totals.size === 0) {
      throw new Error(`compareArms: no '${o.baseline}' rows with a finite ${axis} to set the equal budget`);
    }
    const value = Math.min(...totals.values());
    budget = { axis, value };
    kept = all.filter((r) => typeof r[axis] === 'number' && (r[axis] as number) <= value * (1 + 1e-9));
  }
  const series: Row[] = kept.map((r) => ({ ...r, __series: `${String(r[o.by])}\u0000${String(r[o.seed])}` }));
  for (const r of series) {
    const v = r[o.y];
    if (typeof v !== 'number' || !Number.isFinite(v) || (o.log10 && v <= 0)) {
      throw new RangeError(
        `compareArms: ${o.by} '${String(r[o.by])}' seed ${String(r[o.seed])} has ${o.y} = ${String(v)}, not a usable number`,
      );
    }
  }
  const tails = tailMean(series, {
    x: o.x,
    y: o.y,
    series: '__series',
    fraction: o.fraction,
    geometric: o.log10,
  });
  const names = [...new Set(tails.map((t) => String(t[o.by])))];
  if (!names.includes(o.baseline)) {
    throw new Error(
      `compareArms: no rows of baseline ${o.by} = '${o.baseline}'` +
        (budget === null ? '' : ` within ${budget.axis} ≤ ${budget.value}`) +
        `; arms: ${names.join(', ') || '(none)'}`,
    );
  }
  const order = [
    ...(o.order ?? []).filter((a) => names.includes(a)),
    ...names.filter((a) => !(o.order ?? []).includes(a)),
  ];
  const paired = pairedDifferences(tails, {
    by: o.by,
    baseline: o.baseline,
    pair: o.seed,
    value: o.y,
    log10: o.log10,
  });
  const back = (v: number | null) => (v === null ? null : o.log10 ? 10 ** v : v);
  const arms: ArmSummary[] = order.map((arm) => {
    const mine = tails.filter((t) => String(t[o.by]) === arm);
    const values = mine.map((t) => (o.log10 ? Math.log10(t[o.y] as number) : (t[o.y] as number)));
    const ci = meanCi(values);
    const seeds = mine.map((t) => t[o.seed] as string | number).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const p = paired.find((d) => d.arm === arm);
    const none = o.log10 ? 1 : 0;
    const vs =
      p === undefined
        ? null
        : { estimate: back(p.mean) as number, lower: back(p.lower), upper: back(p.upper), n: p.n };
    const verdict =
      vs === null
        ? null
        : vs.upper !== null && vs.upper < none
          ? 'lower'
          : vs.lower !== null && vs.lower > none
            ? 'higher'
            : 'unclear';
    return {
      arm,
      seeds,
      mean: back(ci.mean) as number,
      lower: back(ci.lower),
      upper: back(ci.upper),
      vsBaseline: vs,
      verdict,
    };
  });
  return { y: o.y, baseline: o.baseline, log10: o.log10, fraction: o.fraction, budget, arms };
}

/** Options of {@link formatArmComparison}. */
export interface FormatArmComparisonOptions {
  /** Significant digits. Default 3. */
  digits?: number;
  /** The paper's claim: arms it shows below the baseline (e.g. ['IS', 'OMIS J=4']). Default []. */
  paperLower?: readonly string[];
  /** The paper's claim: arms it shows above the baseline. Default []. */
  paperHigher?: readonly string[];
  /** Who makes the claim, e.g. '[MIS] Fig. 2'. Default 'the paper'. */
  paper?: string;
}

/**
 * A number with `d` significant digits, in exponent form below 1e-3 or from 1e4 (e.g. 2.39e-4), '–' for null.
 * @example
 * formatSignificant(0.000239, 3); // '2.39e-4'
 */
export function formatSignificant(v: number | null, d = 3): string {
  if (v === null) return '–';
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e4) ? v.toExponential(d - 1) : v.toPrecision(d);
}

const fmt = formatSignificant;

/**
 * One sentence for a caption or a notebook: per arm the tail-averaged metric (mean and 95% interval over its
 * seeds) and its paired ratio / difference to the baseline with a 95% interval; then, for the arms the paper
 * places below (`paperLower`) or above (`paperHigher`) the baseline, whether the interval agrees ("matches"),
 * includes no change ("not resolved") or points the other way ("differs").
 * @param c a {@link compareArms} result.
 * @example
 * formatArmComparison(c, { paperLower: ['IS'], paper: '[MIS] Fig. 2' });
 * // 'excessLoss, geometric mean of the last 25% of evaluations [95% t-interval] over seeds 1, 2, 3: SGD 1.2e-3 …'
 */
export function formatArmComparison(c: ArmComparison, options: FormatArmComparisonOptions = {}): string {
  const d = options.digits ?? 3;
  const paper = options.paper ?? 'the paper';
  const seeds = [...new Set(c.arms.flatMap((a) => a.seeds))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const tail =
    c.fraction === 1
      ? 'mean of all evaluations'
      : `mean of the last ${Math.round(c.fraction * 100)}% of evaluations`;
  const at =
    c.budget === null
      ? ''
      : ` within ${c.budget.axis} ≤ ${c.budget.value.toPrecision(d)} (${c.baseline}'s total)`;
  const head = `${c.y}${at}, ${c.log10 ? 'geometric ' : ''}${tail} [95% t-interval] over seeds ${seeds.join(', ')}:`;
  const what = c.log10 ? `ratio to ${c.baseline}` : `difference to ${c.baseline}`;
  const parts = c.arms.map((a) => {
    const own = `${a.arm} ${fmt(a.mean, d)} [${fmt(a.lower, d)}, ${fmt(a.upper, d)}]`;
    if (a.vsBaseline === null) return own;
    const v = a.vsBaseline;
    return `${own}, ${what} ${fmt(v.estimate, d)} [${fmt(v.lower, d)}, ${fmt(v.upper, d)}] (n = ${v.n})`;
  });
  const claims: string[] = [];
  const judge = (arms: readonly string[], want: 'lower' | 'higher') => {
    for (const name of arms) {
      const a = c.arms.find((x) => x.arm === name);
      if (a === undefined || a.verdict === null) continue;
      const word =
        a.verdict === want
          ? 'matches'
          : a.verdict === 'unclear'
            ? 'not resolved (the interval includes no change)'
            : 'differs';
      claims.push(`${name} ${want} than ${c.baseline}: ${word}`);
    }
  };
  judge(options.paperLower ?? [], 'lower');
  judge(options.paperHigher ?? [], 'higher');
  const verdict = claims.length === 0 ? '' : ` Against ${paper}: ${claims.join('; ')}.`;
  return `${head} ${parts.join('; ')}.${verdict}`;
}

/** Options of {@link tailVerdict}. */
export interface TailVerdictOptions {
  /** Metric column at a noise floor, e.g. 'excessLoss' (> 0). */
  y: string;
  /** Column naming the curve. Default 'method'. */
  group?: string;
  /** Reference curve of the ratios, e.g. 'uniform'. */
  reference: string;
  /** Curves the paper shows below the reference. Default []. */
  expectBelow?: readonly string[];
  /** Share of each run's last evaluations averaged (geometric mean). Default 0.25. */
  fraction?: number;
  /** Display label per curve. Default the curve name. */
  labels?: Readonly<Record<string, string>>;
}

const e2 = (v: number) => v.toExponential(2);
const f2 = (v: number) => v.toPrecision(2);

/**
 * The verdict on an arm the paper shows below a reference, from the 95% interval of its paired difference (or log
 * ratio) to it: 'below (agrees)' when the interval lies below `zero`, 'above (differs)' when above, else 'not
 * resolved from <reference> (differs: the paper shows it below)'.
 * @param ci the paired interval (differences, or log10 ratios with `zero` 0).
 * @param reference how the reference is named in 'not resolved from …' (e.g. '1' for a ratio, 'SGD (uniform)').
 * @example
 * belowVerdict(meanCi([-0.11, -0.1, -0.09]), 'uniform'); // 'below (agrees)'
 */
export function belowVerdict(ci: MeanCi, reference: string, zero = 0): string {
  if (ciBelow(ci, zero)) return 'below (agrees)';
  if (ciAbove(ci, zero)) return 'above (differs)';
  return `not resolved from ${reference} (differs: the paper shows it below)`;
}

/**
 * One caption sentence for a metric at a noise floor: per run the tail-averaged metric (geometric mean of its last
 * `fraction` of evaluations, `tailMean`), per curve the geometric mean over seeds with the 95% t-interval of log10,
 * and per curve its ratio to the reference paired by seed (10^mean of the log10 differences, interval likewise);
 * for each curve in `expectBelow`, whether the ratio is below 1 with 95% confidence (agrees with the paper). Rows
 * whose metric is missing or ≤ 0 are left out.
 * @param rows evaluation rows with `seed`, `step`, the group column and `y`.
 * @param options see {@link TailVerdictOptions}.
 * @example
 * tailVerdict(evalRows, { y: 'excessLoss', reference: 'uniform', expectBelow: ['is'] });
 * // 'Tail-averaged excessLoss (last 25% of evaluations, geometric): uniform 3.1e-4 [2.4e-4, 4.0e-4] (n = 3), …'
 */
export function tailVerdict(rows: readonly Row[], options: TailVerdictOptions): string {
  const group = options.group ?? 'method';
  const fraction = options.fraction ?? 0.25;
  const label = (c: string) => options.labels?.[c] ?? c;
  const usable = rows.filter((r) => typeof r[options.y] === 'number' && (r[options.y] as number) > 0);
  const curves = [...new Set(usable.map((r) => String(r[group])))];
  const hasReference = curves.includes(options.reference);
  const c = compareArms(usable, {
    by: group,
    y: options.y,
    baseline: hasReference ? options.reference : curves[0],
    fraction,
    log10: true,
  });
  const perCurve = c.arms.map((a) => {
    const range = a.lower !== null && a.upper !== null ? ` [${e2(a.lower)}, ${e2(a.upper)}]` : '';
    return `${label(a.arm)} ${e2(a.mean)}${range} (n = ${a.seeds.length})`;
  });
  const ratios = !hasReference
    ? []
    : c.arms.flatMap((a) => {
        const v = a.vsBaseline;
        if (v === null) return [];
        const head =
          `${label(a.arm)} ÷ ${label(options.reference)} ${f2(v.estimate)}` +
          (v.lower !== null && v.upper !== null ? ` [${f2(v.lower)}, ${f2(v.upper)}]` : ' (one seed)');
        if (!(options.expectBelow ?? []).includes(a.arm)) return [head];
        const word =
          a.verdict === 'lower' ? 'below (agrees)' : a.verdict === 'higher' ? 'above (differs)' : null;
        return [`${head}: ${word ?? 'not resolved from 1 (differs: the paper shows it below)'}`];
      });
  return (
    `Tail-averaged ${options.y} (geometric mean of each run's last ${Math.round(fraction * 100)}% of evaluations), ` +
    `geometric mean over seeds [95% t-interval]: ${perCurve.join(', ')}. Ratios paired by seed: ` +
    `${ratios.join('; ') || 'none'}.`
  );
}

/**
 * The verdict on a ratio (arm ÷ reference) the paper shows below 1, from its 95% interval: 'at <where> <arm> is
 * lower (agrees with the paper)' when the interval is below 1, 'lower on average but the interval includes 1'
 * when only the mean is, else 'not lower (differs from the paper)'; `undefined` (no common range) is said.
 * @example
 * ratioVerdict(meanCi([0.4, 0.5, 0.6]), 'equal steps', 'IS'); // 'at equal steps IS is lower (agrees with the paper)'
 */
export function ratioVerdict(ci: MeanCi | undefined, where: string, arm: string): string {
  if (ci === undefined) return `at ${where}: no common time range`;
  if ((ci.upper ?? ci.mean) < 1) return `at ${where} ${arm} is lower (agrees with the paper)`;
  if (ci.mean < 1) return `at ${where} ${arm} is lower on average but the interval includes 1`;
  return `at ${where} ${arm} is not lower (differs from the paper)`;
}

/**
 * Paired comparison over seeds: the 95% t-interval of a_s − b_s (values paired by position, one per seed) and
 * its sign: −1 when the interval lies below 0, +1 above, 0 when it contains 0 or n < 2.
 * @example
 * pairedDifference([1, 2, 3], [2, 3, 5]).sign; // 0 (differences −1, −1, −2: the interval contains 0)
 */
export function pairedDifference(a: readonly number[], b: readonly number[]): MeanCi & { sign: -1 | 0 | 1 } {
  if (a.length !== b.length || a.length === 0) {
    throw new Error(
      `pairedDifference: need two equally long non-empty lists, got ${a.length} and ${b.length}`,
    );
  }
  const ci = meanCi(a.map((v, i) => v - b[i]));
  const sign = ciBelow(ci) ? -1 : ciAbove(ci) ? 1 : 0;
  return { ...ci, sign };
}
