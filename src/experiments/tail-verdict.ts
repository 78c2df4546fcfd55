import { pairedDifferences } from '../stats/paired-differences.js';
import { ciAbove, ciBelow, meanCi, type MeanCi } from '../stats/seed-summary.js';
import { tailMean } from '../stats/tail-mean.js';

type Row = Record<string, unknown>;

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
 * One caption sentence for a metric at a noise floor: per run the tail-averaged metric (geometric mean of its last
 * `fraction` of evaluations, `tailMean`), per curve the geometric mean over seeds with the 95% t-interval of log10,
 * and per curve its ratio to the reference paired by seed (10^mean of the log10 differences, interval likewise);
 * for each curve in `expectBelow`, whether the ratio is below 1 with 95% confidence (agrees with the paper).
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
  const tails = tailMean(
    usable.map((r) => ({ ...r, run: `${String(r[group])}|${String(r.seed)}` })),
    { y: options.y, geometric: true, fraction },
  );
  const curves = [...new Set(tails.map((r) => String(r[group])))];
  const perCurve = curves.map((c) => {
    const ci = meanCi(
      tails.filter((r) => String(r[group]) === c).map((r) => Math.log10(r[options.y] as number)),
    );
    const range =
      ci.lower !== null && ci.upper !== null ? ` [${e2(10 ** ci.lower)}, ${e2(10 ** ci.upper)}]` : '';
    return `${label(c)} ${e2(10 ** ci.mean)}${range} (n = ${ci.n})`;
  });
  const ratios = tails.some((r) => String(r[group]) === options.reference)
    ? pairedDifferences(tails, { by: group, baseline: options.reference, value: options.y, log10: true }).map(
        (d) => {
          const ci = meanCi(d.differences);
          const head =
            `${label(d.arm)} ÷ ${label(options.reference)} ${f2(10 ** ci.mean)}` +
            (ci.lower !== null && ci.upper !== null
              ? ` [${f2(10 ** ci.lower)}, ${f2(10 ** ci.upper)}]`
              : ' (one seed)');
          if (!(options.expectBelow ?? []).includes(d.arm)) return head;
          if (ciBelow(ci)) return `${head}: below (agrees)`;
          if (ciAbove(ci)) return `${head}: above (differs)`;
          return `${head}: not resolved from 1 (differs: the paper shows it below)`;
        },
      )
    : [];
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
