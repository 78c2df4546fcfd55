import { ciAbove, ciBelow, formatMeanCi, meanCi, scaleCi } from '../../stats/seed-summary.js';
import { scaleList, scaleListSetting } from '../train-settings.js';
import {
  commonSettings,
  type LoadedRun,
  type PlannedRun,
  type Settings,
} from '../../experiments/figure-spec.js';
import type { OptionSpecs } from '../../options/option-spec.js';
import type { TrainConfig } from '../../train/config.js';
import {
  emaisBaselineRuns,
  emaisEpochsRunOptions,
  emaisEpochsSetting,
  emaisFiguresDefaults,
} from './fmnist.js';

/**
 * Settings of the EMAIS FMNIST comparison ([EMAIS] Figs. 1–2, Table 2; METHODS §7.3): scale, seeds, the epochs of
 * every run and the fixed τ values. Each figure declares the ones it uses.
 */
export const emaisComparisonSettings = {
  ...commonSettings,
  epochs: emaisEpochsSetting,
  taus: scaleListSetting(
    "fixed τ values (steps, distinct integers ≥ 1) of the EMAIS runs beside Linear-τ; empty: the scale's (quick 20, " +
      '100, 200, 470; full 1000, 5000, 10000, 25000)',
  ),
} as const satisfies OptionSpecs;

/** The resolved comparison settings a figure may use (scale and seeds always; epochs and taus where declared). */
export type EmaisComparisonSettings = Pick<Settings<typeof emaisComparisonSettings>, 'scale' | 'seeds'> &
  Partial<Pick<Settings<typeof emaisComparisonSettings>, 'epochs' | 'taus'>>;

/** Label of the EMAIS run with the Linear-τ schedule (the method's default, METHODS §5.9). */
export const LINEAR = 'EMAIS Linear-τ';
/** Label of [EMAIS] Fig. 2's SGD-Uni run with EMAIS's per-step batch sizes. */
export const DYNAMIC = 'SGD-Uni (B = B_eff,t)';
/** Label of the EMAIS run with fixed τ. */
export const tauLabel = (tau: number): string => `EMAIS τ=${tau}`;

/**
 * The fixed τ values of the settings: `taus`, or the scale's when empty; anything but distinct integers ≥ 1 is an
 * error naming the figure and the setting.
 * @example
 * emaisTaus('emais/fig1-tau', { scale: 'quick', seeds: [1], taus: [] }); // [20, 100, 200, 470]
 */
export function emaisTaus(id: string, s: EmaisComparisonSettings): number[] {
  return scaleList(id, 'taus', s.taus ?? [], emaisFiguresDefaults[s.scale].taus, 1);
}

/** One planned run of the EMAIS set-up at the settings' epochs, its rows labelled `method: label`. */
function planned(
  s: EmaisComparisonSettings,
  label: string,
  o: Partial<TrainConfig> & Pick<TrainConfig, 'method'>,
  seed: number,
): PlannedRun {
  return {
    options: emaisEpochsRunOptions({ ...s, epochs: s.epochs ?? 0 }, o, seed),
    tags: { method: label },
  };
}

/**
 * The runs of the comparison, per seed in table order: the Table 2 baselines (with `baselines`), EMAIS Linear-τ,
 * then EMAIS per fixed τ (with `taus`). Each run's evaluation and step rows carry its label as `method`.
 * @example
 * emaisComparisonRuns('emais/table2', { scale: 'quick', seeds: [1] }, { baselines: true }).length; // 9
 */
export function emaisComparisonRuns(
  id: string,
  s: EmaisComparisonSettings,
  arms: { baselines?: boolean; taus?: boolean },
): PlannedRun[] {
  const taus = arms.taus ? emaisTaus(id, s) : [];
  return s.seeds.flatMap((seed) => [
    ...(arms.baselines
      ? emaisBaselineRuns.map(([label, method]) => planned(s, label, { method }, seed))
      : []),
    planned(s, LINEAR, { method: 'emais' }, seed),
    ...taus.map((tau) => planned(s, tauLabel(tau), { method: 'emais', methodOptions: { tau } }, seed)),
  ]);
}

/**
 * [EMAIS] Fig. 2's dependent runs: per seed, SGD-Uni drawing round(B_eff,t) samples at step t as recorded by that
 * seed's Linear-τ run (the learning rate scaled by B_eff,t/B, [EMAIS] Eq. 8's linear rule), for
 * `FigurePlan.dependents`.
 * @example
 * const plan = { runs, dependents: dynamicBatchRuns(s) };
 */
export function dynamicBatchRuns(s: EmaisComparisonSettings): (runs: readonly LoadedRun[]) => PlannedRun[] {
  return (runs) =>
    s.seeds.map((seed) => {
      const linear = runs.find((r) => r.tags.method === LINEAR && r.config.seed === seed);
      if (linear === undefined)
        throw new Error(`EMAIS Fig. 2: no Linear-τ run of seed ${seed} to read B_eff from`);
      // [EMAIS] Eq. 7: B_eff,t = B·trU/trIS, recorded per step (B = 128 where a step has no finite estimate)
      const ems = (linear.steps.objects() as Record<string, unknown>[]).map((r) =>
        typeof r.ems === 'number' && Number.isFinite(r.ems) ? r.ems : 128,
      );
      const batchSizes = ems.map((v) => Math.max(1, Math.round(v)));
      return planned(s, DYNAMIC, { method: 'uniform-dynamic', methodOptions: { batchSizes } }, seed);
    });
}

/** Final test errors of one curve of the comparison, one per seed (paired across curves by position). */
export interface EmaisFinals {
  label: string;
  errors: number[];
}

/**
 * The final test error of every run, per label in order of first appearance, seeds in run order.
 * @example
 * emaisFinals(input.runs).find((f) => f.label === LINEAR)?.errors; // one per seed
 */
export function emaisFinals(runs: readonly LoadedRun[]): EmaisFinals[] {
  const finals: EmaisFinals[] = [];
  for (const r of runs) {
    const label = String(r.tags.method);
    const ev = r.evals.objects() as Record<string, unknown>[];
    const last = ev[ev.length - 1]?.testError;
    let f = finals.find((x) => x.label === label);
    if (f === undefined) finals.push((f = { label, errors: [] }));
    if (typeof last === 'number') f.errors.push(last);
  }
  return finals;
}

/** The mean of a list. */
export const mean = (v: readonly number[]): number => v.reduce((a, b) => a + b, 0) / v.length;

/** 'a − b: d ± h (n = k) points' over seeds (paired by position), and its sign (0 when n < 2 or 0 is inside). */
export function diffText(a: EmaisFinals, b: EmaisFinals): { text: string; sign: number } {
  const c = meanCi(a.errors.map((e, i) => e - b.errors[i]));
  const sign = ciBelow(c) ? -1 : ciAbove(c) ? 1 : 0;
  const text = `${a.label} − ${b.label} ${formatMeanCi(scaleCi(c, 100), 3)} points`;
  return { text, sign };
}

/** The finals of a label; missing or empty is an error naming it. */
export function byLabel(finals: readonly EmaisFinals[], label: string): EmaisFinals {
  const f = finals.find((x) => x.label === label);
  if (f === undefined || f.errors.length === 0)
    throw new Error(`EMAIS part: no final test error for '${label}'`);
  return f;
}

/** Note added when one seed gives no interval. */
export const oneSeedNote = (n: number): string =>
  n < 2 ? ' With one seed there is no interval; pass more seeds (full scale: 5) for one.' : '';
