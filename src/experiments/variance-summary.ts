import type { CompareRun } from './compare.js';

/** Options of {@link varianceSummary}. */
export interface VarianceSummaryOptions {
  /** Only steps of this epoch and later count (e.g. 1: after the memory samplers' uniform first epoch). Default 0. */
  fromEpoch?: number;
}

/** Defaults of {@link VarianceSummaryOptions}: `{ fromEpoch: 0 }`. */
export const varianceSummaryDefaults: Readonly<Required<VarianceSummaryOptions>> = Object.freeze({
  fromEpoch: 0,
});

/** Per-run means of the per-step variance diagnostics (`withDiagnostics`, `diagnosticsEvery > 0`). */
export interface VarianceSummaryRow {
  method: string;
  seed: number;
  /** Trace steps averaged (steps of epoch ≥ `fromEpoch` with `trIS`, `trU`, `trOpt` and `efficiency`). */
  steps: number;
  /** Mean efficiency score s = (trIS − trOpt)/(trU − trOpt): 0 optimal IS, 1 uniform (METHODS §5.7). */
  efficiency: number;
  /** Mean of trIS/trU: the step's gradient variance relative to uniform sampling ([EMAIS] Eqs. 10–11). */
  varianceVsUniform: number;
  /** Mean of trOpt/trU: what the optimal pmf p ∝ ‖u‖ would reach relative to uniform ([EMAIS] Eq. 12). */
  optimalVsUniform: number;
  /** Mean effective minibatch size over B: B_eff/B = trU/trIS ([EMAIS] Eq. 7). */
  emsFraction: number;
}

const fin = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Averages each run's per-step variance diagnostics over its trace steps (those that carry `trIS`, `trU`, `trOpt`
 * and `efficiency`, i.e. every `diagnosticsEvery`-th step) from epoch `fromEpoch` on: the efficiency score, the
 * variance relative to uniform trIS/trU, the optimal pmf's trOpt/trU and the effective minibatch fraction
 * B_eff/B = trU/trIS. Each ratio is taken per step, then averaged. One row per run, for `summarizeSeeds` and
 * `pairedDifferences` (by 'method', paired on 'seed').
 * @param runs runs of `runComparison` trained with `diagnosticsEvery > 0`.
 * @param options `fromEpoch = 0`, an integer ≥ 0.
 * @returns one {@link VarianceSummaryRow} per run, in the order of `runs`; a run without a trace step in range
 *   is an error naming it and `diagnosticsEvery`.
 * @example
 * const rows = varianceSummary(runs, { fromEpoch: 1 });
 * summarizeSeeds(rows, { by: ['method'], value: 'efficiency' });
 */
export function varianceSummary(
  runs: readonly CompareRun[],
  options: VarianceSummaryOptions = {},
): VarianceSummaryRow[] {
  const { fromEpoch } = { ...varianceSummaryDefaults, ...options };
  if (!Number.isInteger(fromEpoch) || fromEpoch < 0) {
    throw new RangeError(`varianceSummary: fromEpoch must be an integer ≥ 0, got ${fromEpoch}`);
  }
  return runs.map((run) => {
    let n = 0;
    let eff = 0;
    let vu = 0;
    let ou = 0;
    let ems = 0;
    for (const s of run.steps) {
      const { trIS, trU, trOpt, efficiency, epoch } = s;
      if (!fin(epoch) || epoch < fromEpoch) continue;
      if (!fin(trIS) || !fin(trU) || !fin(trOpt) || !fin(efficiency) || !(trU > 0) || !(trIS > 0)) continue;
      n += 1;
      eff += efficiency;
      vu += trIS / trU; // variance relative to uniform, [EMAIS] Eqs. 10–11
      ou += trOpt / trU; // optimal IS relative to uniform, [EMAIS] Eq. 12
      ems += trU / trIS; // B_eff / B, [EMAIS] Eq. 7
    }
    if (n === 0) {
      throw new RangeError(
        `varianceSummary: run ${run.method}/seed ${run.seed} has no trace step in epoch ≥ ${fromEpoch} ` +
          '(train it with diagnosticsEvery > 0, e.g. overrides: { diagnosticsEvery: 5 })',
      );
    }
    return {
      method: run.method,
      seed: run.seed,
      steps: n,
      efficiency: eff / n,
      varianceVsUniform: vu / n,
      optimalVsUniform: ou / n,
      emsFraction: ems / n,
    };
  });
}
