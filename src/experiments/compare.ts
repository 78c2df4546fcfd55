import { createProgressLine, defaultProgressMode } from '../train/progress-line.js';
import { join, resolve } from 'node:path';
import { userRegistrations } from '../builtins.js';
import { toTrials } from '../sweep/expand-trials.js';
import { SweepFailedError } from '../sweep/sweep-failed-error.js';
import { failedTrialResult, inProcessTrialResult, type TrialResult } from '../sweep/trial-pool.js';
import { clearFailureFile, writeFailureFile } from '../sweep/write-failure-file.js';
import { isInterruptedError } from '../train/interrupt.js';
import { resolveConfig } from '../train/resolve-config.js';
import type { TrainConfig } from '../train/config.js';
import type { TrainHooks } from '../train/train.js';
import { runOrLoad, type RunRecords } from './run-or-load.js';
import type { TrainOptions } from './types.js';

/** One run of a comparison: its method, seed, batch size and records as plain rows. */
export interface CompareRun {
  method: string;
  seed: number;
  /** Minibatch size B of the run (examples per backward pass). */
  batchSize: number;
  /** Evaluation rows (`EvalRecord` fields: step, epoch, trainSeconds, testError, ...). */
  evals: Record<string, unknown>[];
  /**
   * Step rows (`StepRecord` fields with diagnostics as columns). Optional column `examplesScored` = extra
   * forward-only examples of the step (DLIS presample, OBS refresh, self-paced κ_0); missing or null = 0.
   */
  steps: Record<string, unknown>[];
}

/**
 * Budget axes a comparison can be aligned on. Time: `trainCpuSeconds` (process CPU time in steps, the default
 * for equal-time comparisons: it does not move with the load other processes put on the machine) or
 * `trainSeconds` (wall-clock, on request).
 */
export type BudgetAxis = 'epoch' | 'trainCpuSeconds' | 'trainSeconds' | 'backwardPasses' | 'examplesSeen';

/** The allowed {@link BudgetAxis} values. */
export const BUDGET_AXES: readonly BudgetAxis[] = [
  'epoch',
  'trainCpuSeconds',
  'trainSeconds',
  'backwardPasses',
  'examplesSeen',
];

/** The five timed phases of a step, in trainer order (see `StepRecord`). */
export const TIME_PHASES = ['msScore', 'msSample', 'msGather', 'msForwardBackward', 'msImportance'] as const;

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/**
 * Evaluation rows of a run with its work counters added (cumulative over the steps before each evaluation):
 * `backwardPasses` = steps taken (one backward pass each), `backwardExamples` = B·steps (rows back-propagated),
 * `examplesSeen` = backwardExamples + Σ `examplesScored` (every example the model ran forward on: DLIS forwards
 * B_pre + B per IS step but back-propagates B). Rows also get `method` and `seed`.
 * @param run one {@link CompareRun}; every eval row needs a numeric `step` within [0, steps.length].
 * @returns new rows, in the order of `run.evals`.
 * @example
 * budgetRows({ method: 'dlis', seed: 1, batchSize: 2, evals: [{ step: 1 }], steps: [{ examplesScored: 6 }] });
 * // [{ step: 1, method: 'dlis', seed: 1, backwardPasses: 1, backwardExamples: 2, examplesSeen: 8 }]
 */
export function budgetRows(run: CompareRun): Record<string, unknown>[] {
  const S = run.steps.length;
  const scored = new Float64Array(S + 1); // (S + 1) cumulative Σ examplesScored after k steps
  for (let k = 0; k < S; k++) scored[k + 1] = scored[k] + num(run.steps[k].examplesScored);
  return run.evals.map((e) => {
    const k = e.step;
    if (typeof k !== 'number' || !Number.isInteger(k) || k < 0 || k > S) {
      throw new RangeError(
        `budgetRows: eval row step must be an integer in [0, ${S}] (run ${run.method}/seed ${run.seed}), got ${String(k)}`,
      );
    }
    return {
      ...e,
      method: run.method,
      seed: run.seed,
      backwardPasses: k,
      backwardExamples: k * run.batchSize,
      examplesSeen: k * run.batchSize + scored[k],
    };
  });
}

/** Options of {@link alignAtBudget}. */
export interface AlignOptions {
  /** Budget axis. Required. */
  axis: BudgetAxis;
  /** Budget values at which every run is read. Required, finite numbers. */
  budgets: readonly number[];
  /** Relative slack: an evaluation at axis value ≤ budget·(1 + tolerance) counts as within the budget. Default 1e-9. */
  tolerance?: number;
}

/** Defaults of {@link AlignOptions}: `{ tolerance: 1e-9 }`. */
export const alignDefaults: Readonly<Required<Pick<AlignOptions, 'tolerance'>>> = Object.freeze({
  tolerance: 1e-9,
});

/**
 * Reads every run at equal budgets: for each run and budget, the **last evaluation whose axis value is within
 * the budget** (the model state a user would have when the budget ran out; no interpolation, since the model
 * between evaluations is unknown). A run whose first evaluation already exceeds a budget has no row there.
 * Rows: the evaluation's fields plus the counters of {@link budgetRows}, `budget` and `budgetAxis`.
 * @param runs the runs to align (any methods and seeds).
 * @param options `axis`, `budgets` (required), `tolerance = 1e-9`.
 * @example
 * alignAtBudget(runs, { axis: 'trainSeconds', budgets: [30] }); // each run's model after ≤ 30 s of training
 */
export function alignAtBudget(runs: readonly CompareRun[], options: AlignOptions): Record<string, unknown>[] {
  const { axis, budgets } = options;
  const tolerance = options.tolerance ?? alignDefaults.tolerance;
  if (!BUDGET_AXES.includes(axis)) {
    throw new Error(`alignAtBudget: axis must be one of ${BUDGET_AXES.join(', ')}, got '${String(axis)}'`);
  }
  if (!Array.isArray(budgets) || budgets.some((b) => typeof b !== 'number' || !Number.isFinite(b))) {
    throw new Error(`alignAtBudget: budgets must be finite numbers, got ${JSON.stringify(budgets)}`);
  }
  if (!(Number.isFinite(tolerance) && tolerance >= 0)) {
    throw new RangeError(`alignAtBudget: tolerance must be a finite number ≥ 0, got ${tolerance}`);
  }
  const out: Record<string, unknown>[] = [];
  for (const run of runs) {
    const rows = budgetRows(run);
    for (const budget of budgets) {
      const limit = budget + Math.abs(budget) * tolerance;
      let best: Record<string, unknown> | undefined;
      for (const r of rows) {
        const v = r[axis];
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          throw new RangeError(
            `alignAtBudget: run ${run.method}/seed ${run.seed} has ${axis} = ${String(v)}`,
          );
        }
        if (v <= limit && (best === undefined || v >= (best[axis] as number))) best = r;
      }
      if (best !== undefined) out.push({ ...best, budget, budgetAxis: axis });
    }
  }
  return out;
}

/** Mean and sample standard deviation over seeds of one metric of one method at one budget. */
export interface BudgetSummary {
  method: string;
  budget: number;
  budgetAxis: BudgetAxis;
  metric: string;
  mean: number;
  /** Sample std (n − 1); 0 for one seed. */
  std: number;
  /** Number of seeds with a value at this budget. */
  n: number;
}

/**
 * Summarises {@link alignAtBudget} rows per method, budget and metric (mean ± sample std over seeds). Rows whose
 * metric is missing or non-finite are left out (counted in `n`).
 * @param rows output of {@link alignAtBudget}.
 * @param metrics metric columns, e.g. ['testError', 'testLoss'].
 * @example
 * summarizeAtBudget(alignAtBudget(runs, { axis: 'epoch', budgets: [10] }), ['testError']);
 */
export function summarizeAtBudget(
  rows: readonly Record<string, unknown>[],
  metrics: readonly string[],
): BudgetSummary[] {
  const groups = new Map<
    string,
    { method: string; budget: number; axis: BudgetAxis; values: Map<string, number[]> }
  >();
  for (const r of rows) {
    const key = `${String(r.method)}\u0000${String(r.budget)}\u0000${String(r.budgetAxis)}`;
    let g = groups.get(key);
    if (g === undefined) {
      g = {
        method: String(r.method),
        budget: r.budget as number,
        axis: r.budgetAxis as BudgetAxis,
        values: new Map(),
      };
      groups.set(key, g);
    }
    for (const m of metrics) {
      const v = r[m];
      if (typeof v === 'number' && Number.isFinite(v)) g.values.set(m, [...(g.values.get(m) ?? []), v]);
    }
  }
  const out: BudgetSummary[] = [];
  for (const g of groups.values()) {
    for (const m of metrics) {
      const vs = g.values.get(m) ?? [];
      if (vs.length === 0) continue;
      const mean = vs.reduce((s, v) => s + v, 0) / vs.length;
      const std =
        vs.length > 1 ? Math.sqrt(vs.reduce((s, v) => s + (v - mean) ** 2, 0) / (vs.length - 1)) : 0;
      out.push({
        method: g.method,
        budget: g.budget,
        budgetAxis: g.axis,
        metric: m,
        mean,
        std,
        n: vs.length,
      });
    }
  }
  return out;
}

/**
 * The budget "the reference method's total": the smallest over the reference method's runs of their final value
 * on `axis` (e.g. uniform's total training seconds, so every seed of every method is read within it).
 * @param runs the comparison's runs.
 * @param axis the budget axis.
 * @param reference method name. Default 'uniform'.
 * @example
 * referenceBudget(runs, 'trainSeconds'); // uniform's training time
 */
export function referenceBudget(
  runs: readonly CompareRun[],
  axis: BudgetAxis,
  reference = 'uniform',
): number {
  const ref = runs.filter((r) => r.method === reference);
  if (ref.length === 0) {
    const have = [...new Set(runs.map((r) => r.method))].join(', ');
    throw new Error(`referenceBudget: no run of reference method '${reference}'; methods: ${have}`);
  }
  return Math.min(
    ...ref.map((r) => {
      const rows = budgetRows(r);
      return Math.max(...rows.map((row) => num(row[axis])));
    }),
  );
}

/** Mean time split of one method's steps (ms per step), with its per-epoch cost. */
export interface TimeSplitRow {
  method: string;
  /** Steps pooled over seeds. */
  steps: number;
  msScore: number;
  msSample: number;
  msGather: number;
  msForwardBackward: number;
  msImportance: number;
  /** Sum of the five phases. */
  msTotal: number;
  /** Mean over seeds of the training seconds per epoch (Σ step time / epochs). */
  secondsPerEpoch: number;
  /** Mean forward examples per step (B + examplesScored). */
  examplesPerStep: number;
}

/**
 * Per-method time split (scoring / sampling / gathering / forward+backward / update-of-importance), mean ms per
 * step pooled over seeds, plus seconds per epoch and forward examples per step.
 * @param runs the comparison's runs (step rows need the five `ms*` columns and `epoch`).
 * @returns one row per method, in order of first appearance.
 * @example
 * timeSplitTable(runs).map((r) => [r.method, r.secondsPerEpoch]);
 */
export function timeSplitTable(runs: readonly CompareRun[]): TimeSplitRow[] {
  const byMethod = new Map<string, CompareRun[]>();
  for (const r of runs) byMethod.set(r.method, [...(byMethod.get(r.method) ?? []), r]);
  const out: TimeSplitRow[] = [];
  for (const [method, rs] of byMethod) {
    const sums: Record<string, number> = Object.fromEntries(TIME_PHASES.map((p) => [p, 0]));
    let steps = 0;
    let examples = 0;
    let secPerEpoch = 0;
    for (const r of rs) {
      let ms = 0;
      const epochs = new Set<number>();
      for (const s of r.steps) {
        for (const p of TIME_PHASES) {
          const v = s[p];
          if (typeof v !== 'number' || !Number.isFinite(v)) {
            throw new RangeError(
              `timeSplitTable: step row of ${method}/seed ${r.seed} has ${p} = ${String(v)}`,
            );
          }
          sums[p] += v;
          ms += v;
        }
        examples += r.batchSize + num(s.examplesScored);
        epochs.add(num(s.epoch));
      }
      steps += r.steps.length;
      secPerEpoch += ms / 1000 / Math.max(epochs.size, 1) / rs.length;
    }
    const row = {
      method,
      steps,
      secondsPerEpoch: secPerEpoch,
      examplesPerStep: examples / Math.max(steps, 1),
    };
    const phases = Object.fromEntries(TIME_PHASES.map((p) => [p, sums[p] / Math.max(steps, 1)])) as Record<
      (typeof TIME_PHASES)[number],
      number
    >;
    out.push({ ...row, ...phases, msTotal: TIME_PHASES.reduce((s, p) => s + phases[p], 0) });
  }
  return out;
}

/**
 * One run's records as a {@link CompareRun} of `method` at `seed`.
 * @example
 * compareRunOf('is', 1, await runOrLoad({ task: 'poly6', method: 'is' }, 'results')).evals.length;
 */
export function compareRunOf(
  method: string,
  seed: number,
  r: Pick<RunRecords, 'config' | 'evals' | 'steps'>,
): CompareRun {
  return {
    method,
    seed,
    batchSize: r.config.batchSize,
    evals: r.evals.objects() as Record<string, unknown>[],
    steps: r.steps.objects() as Record<string, unknown>[],
  };
}

/**
 * The runs of a {@link runComparison}: every method × seed (methods outermost) with the shared settings.
 * @example
 * comparisonPlan('poly6', ['uniform', 'is'], [1, 2], { epochs: 3 }).length; // 4
 */
export function comparisonPlan(
  task: string,
  methods: readonly string[],
  seeds: readonly number[],
  overrides: Partial<TrainConfig> = {},
): TrainOptions[] {
  return methods.flatMap((method) => seeds.map((seed) => ({ ...overrides, task, method, seed })));
}

/** Options of {@link runComparison}. */
export interface RunComparisonOptions {
  task: string;
  methods: readonly string[];
  seeds: readonly number[];
  /** Config fields shared by every run (epochs, scale, backend, ...). Default {}. */
  overrides?: Partial<TrainConfig>;
  /** Root folder of run records (`runOrLoad`). */
  results: string;
  /** Progress hook per run label. Default none. */
  hooks?: (label: string) => TrainHooks;
  /** Called after each run. Default none. */
  log?: (line: string) => void;
  /**
   * Trains the comparison's runs first on the sweep runner's worker processes (`ReproduceContext.prefetch`); the
   * loop then loads them. Runs that use code registered in this process only ({@link userRegistrations}: a method
   * or importance function from a notebook cell) are not handed to it — the workers know the built-ins only — and
   * train in this process (said once through `log`). Default none: one run at a time, in this process.
   */
  prefetch?: (plan: readonly TrainOptions[]) => Promise<unknown>;
  /**
   * When false (the default), a run that failed makes `runComparison` reject with a `SweepFailedError` once every
   * other run ran (or loaded): it lists the failed runs, the first line of each error and the folder of their
   * failure files (`<results>/failures`, error and stack per run). When true, it returns the runs that finished,
   * with the failed ones in `failures`. An interrupt stops the comparison at once either way.
   */
  allowFailures?: boolean;
}

/** The runs of a {@link runComparison} that finished (methods outermost, as planned), with those that failed. */
export type ComparisonRuns = CompareRun[] & {
  /** One result per failed run (its `trial.label`, `error` and `failureFile`); [] when none failed. */
  failures: TrialResult[];
};

/**
 * Runs (or loads) every method × seed on one task with the same shared settings and returns the runs as
 * {@link CompareRun}s (the same data seed everywhere; seeds vary model initialisation and sampling). Every run
 * is validated before any trains. A run that fails does not stop the others; the call then rejects with a
 * `SweepFailedError` listing the failures, unless `allowFailures` (see {@link RunComparisonOptions}).
 * @param options see {@link RunComparisonOptions}.
 * @example
 * const runs = await runComparison({ task: 'mnist-mlp', methods: ['uniform', 'is'], seeds: [1, 2, 3], results: 'results' });
 */
export async function runComparison(options: RunComparisonOptions): Promise<ComparisonRuns> {
  const { task, methods, seeds, overrides = {}, results } = options;
  const plan = comparisonPlan(task, methods, seeds, overrides);
  toTrials(plan, 'runComparison'); // every run's config resolves, before any trains
  const failuresFolder = resolve(join(results, 'failures')); // the sweep runner's default, for the same store
  if (options.prefetch !== undefined) {
    const local = new Map<string, string>(); // method → why it stays in this process
    for (const p of plan) {
      const user = userRegistrations(resolveConfig({ ...p, out: null }));
      if (user.length > 0) local.set(p.method, user.map((u) => `${u.kind} '${u.name}'`).join(', '));
    }
    if (local.size > 0) {
      options.log?.(
        `training in this process, not on workers (registered here only, workers know the built-ins): ` +
          [...local].map(([m, why]) => `${m} (${why})`).join('; '),
      );
    }
    const remote = plan.filter((p) => !local.has(p.method));
    if (remote.length > 0) await options.prefetch(remote);
  }
  const runs: CompareRun[] = [];
  const outcomes: TrialResult[] = [];
  // In a notebook, without hooks of the caller's: one line for the whole comparison, updated in place.
  const line =
    options.hooks === undefined && defaultProgressMode() === 'notebook' ? createProgressLine() : null;
  const hooks = (label: string, i: number): TrainHooks =>
    line === null
      ? (options.hooks?.(label) ?? {})
      : {
          onProgress: (p) =>
            line.update(
              `runComparison: run ${i + 1}/${plan.length} ${label}: step ${p.step}/${p.totalSteps}`,
            ),
        };
  try {
    for (const method of methods) {
      for (const seed of seeds) {
        const label = `${task}/${method}/seed ${seed}`;
        const i = methods.indexOf(method) * seeds.length + seeds.indexOf(seed);
        const trial = { ...toTrials([plan[i]], 'runComparison')[0], index: i };
        let r: Awaited<ReturnType<typeof runOrLoad>>;
        try {
          r = await runOrLoad(plan[i], results, hooks(label, i));
        } catch (e) {
          if (isInterruptedError(e)) throw e;
          const error = e instanceof Error ? e.message : String(e);
          const stack = e instanceof Error ? (e.stack ?? error) : error;
          const failureFile = writeFailureFile(failuresFolder, trial, error, stack);
          outcomes.push({ ...failedTrialResult(trial, error), failureFile });
          options.log?.(`failed ${label}: ${error.split('\n')[0]} (details: ${failureFile})`);
          continue;
        }
        clearFailureFile(failuresFolder, trial); // an earlier failure of this run is resolved
        outcomes.push(inProcessTrialResult(trial, r, null));
        options.log?.(
          `${r.cached ? 'loaded' : 'trained'} ${label} (${r.backend}, ${r.wallSeconds.toFixed(1)} s) → ${r.dir}`,
        );
        runs.push(compareRunOf(method, seed, r));
      }
    }
  } finally {
    line?.end();
  }
  const failures = outcomes.filter((o) => o.status === 'failed');
  if (failures.length > 0 && options.allowFailures !== true) {
    throw new SweepFailedError(outcomes, failuresFolder, 'comparison runs');
  }
  return Object.assign(runs, { failures });
}
