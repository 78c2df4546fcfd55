import type { FigureOutput, LoadedRun, PlannedRun } from '../../experiments/figure-spec.js';
import type { Figure } from '../../figures/types.js';
import type { TrainOptions } from '../../experiments/types.js';
import { canonicalJson } from '../../records/config-hash.js';
import { formatMeanCi, scaleCi, type MeanCi } from '../../stats/seed-summary.js';
import { pairedDifference } from '../../stats/verdict.js';
import type { TrainConfig } from '../../train/config.js';
import { emaisFiguresDefaults, emaisRunOptions, emaisSmooth, finalEval } from './fmnist.js';

/** Evaluation or step rows of a run. */
type Row = Record<string, unknown>;

/** Settings of the [EMAIS] studies (Fig. 7, Table 6, Fig. 10) at one scale, on fmnist-lenet. */
export interface EmaisStudyScale {
  /** Fig. 7: refresh periods K in steps (the paper's K is lost; quick ≈ T/9 and T/3, full T/25 and T/5). */
  refreshEvery: number[];
  /** Table 6: epochs of each total-iteration budget, Adam lr 1e-3 (full: 6250, 12500, 25000 iterations). */
  adamEpochs: number[];
  /** Fig. 10: epochs of each total-iteration budget (full: [EMAIS] Table 1's 6250, 12500, 25000 iterations). */
  budgetEpochs: number[];
  /** Steps of the moving average drawn over per-step efficiency scores. */
  smooth: number;
}

/**
 * Defaults per scale: quick `{ refreshEvery: [50, 150], adamEpochs: [4], budgetEpochs: [4, 6], smooth: 20 }`
 * (≈ 2 min of CPU per study on wasm); full `{ refreshEvery: [1000, 5000], adamEpochs: [13, 27, 54],
 * budgetEpochs: [13, 27, 54], smooth: 200 }` (60k images, 469 steps per epoch: 13, 27, 54 epochs ≈ 6250, 12500,
 * 25000 iterations).
 */
export const emaisStudyDefaults: Readonly<Record<'quick' | 'full', EmaisStudyScale>> = Object.freeze({
  quick: { refreshEvery: [50, 150], adamEpochs: [4], budgetEpochs: [4, 6], smooth: 20 },
  full: { refreshEvery: [1000, 5000], adamEpochs: [13, 27, 54], budgetEpochs: [13, 27, 54], smooth: 200 },
});

/** One run of a study, as plain rows: a label (curve or table column), its seed and its records. */
export interface StudyRun {
  /** Curve or column label, e.g. 'EMAIS, refresh every K = 50' or 'Adam-Scan'. */
  label: string;
  seed: number;
  /** Total training iterations T of the run's budget (the same for every run of one budget). */
  iters: number;
  /** Evaluation rows (step, epoch, trainLoss, testError, ...). */
  evals: Row[];
  /** Step rows (step, epoch, efficiency, ems, ...). */
  steps: Row[];
}

/** One output of a study: a figure (`{ data, layout }`) or a table page, with its title and caption. */
export interface StudyOutput extends FigureOutput {
  figure?: Figure;
}

/** Options shared by the study builders. */
export interface StudyOptions {
  /** Seeds, in the order runs are paired. */
  seeds: number[];
  /** 'quick' or 'full', for captions. */
  scale: 'quick' | 'full';
  /** Moving-average window (steps) of per-step curves. */
  smooth: number;
  /** Uniform warm-up epochs of EMAIS (METHODS §5.11). Default 2. */
  warmupEpochs?: number;
}

/**
 * The {@link StudyOptions} of a study figure's settings: its seeds and scale, and the moving-average window
 * (`smooth` 0: the scale's, {@link emaisSmooth}).
 * @example
 * studyOptions({ scale: 'full', seeds: [1, 2], smooth: 0 }).smooth; // 200
 */
export function studyOptions(s: { scale: 'quick' | 'full'; seeds: number[]; smooth: number }): StudyOptions {
  return { seeds: s.seeds, scale: s.scale, smooth: emaisSmooth(s) };
}

/**
 * A mean and 95% interval of fractions as percent (points), three significant digits.
 * @example
 * percentCi(meanCi([0.1, 0.12, 0.11])); // '11.0 ± 2.48 (n = 3)'
 */
export function percentCi(ci: MeanCi): string {
  return formatMeanCi(scaleCi(ci, 100), 3);
}

/**
 * Mean of `col` over a run's step rows with epoch ≥ `fromEpoch` and step < `toStep` (NaN when none).
 * @example
 * stepMean([{ step: 0, epoch: 2, efficiency: 0.4 }], 'efficiency', 2); // 0.4
 */
export function stepMean(steps: readonly Row[], col: string, fromEpoch: number, toStep = Infinity): number {
  let s = 0;
  let n = 0;
  for (const r of steps) {
    const v = r[col];
    if ((r.epoch as number) < fromEpoch || (r.step as number) >= toStep) continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    s += v;
    n++;
  }
  return n === 0 ? NaN : s / n;
}

/**
 * Per seed (in `seeds` order) one number from the run labelled `label`; throws when a run is missing.
 * @example
 * perSeed(runs, 'SGD-Scan', [1, 2, 3], (r) => finalEval(r.evals, 'testError'));
 */
export function perSeed(
  runs: readonly StudyRun[],
  label: string,
  seeds: readonly number[],
  f: (r: StudyRun) => number,
): number[] {
  return seeds.map((seed) => {
    const r = runs.find((x) => x.label === label && x.seed === seed);
    if (r === undefined) throw new Error(`EMAIS study: no run '${label}' for seed ${seed}`);
    return f(r);
  });
}

/**
 * Per budget T (ascending), the paired difference of final test errors `a − b` over seeds (95% t-interval),
 * as caption text in percent points and the sign of each interval.
 * @example
 * budgetDiffs(runs, 'EMAIS-Adam', 'Adam-Scan', [1, 2, 3]).text; // 'EMAIS-Adam − Adam-Scan: T = 40: …'
 */
export function budgetDiffs(
  runs: readonly StudyRun[],
  a: string,
  b: string,
  seeds: readonly number[],
): { text: string; signs: number[] } {
  const budgets = [...new Set(runs.map((r) => r.iters))].sort((x, y) => x - y);
  const parts: string[] = [];
  const signs: number[] = [];
  for (const T of budgets) {
    const at = runs.filter((r) => r.iters === T);
    const err = (r: StudyRun) => finalEval(r.evals, 'testError');
    const d = pairedDifference(perSeed(at, a, seeds, err), perSeed(at, b, seeds, err));
    signs.push(d.sign);
    parts.push(`T = ${T}: ${percentCi(d)} points`);
  }
  return { text: `${a} − ${b}: ${parts.join(', ')}`, signs };
}

/** One arm of a study: its label (curve or table column) and its options over the EMAIS set-up. */
export interface StudyArm {
  label: string;
  options: Partial<TrainConfig> & Pick<TrainConfig, 'method'>;
}

/**
 * The runs other EMAIS figures train at their default settings (options over the EMAIS set-up): Linear-τ
 * (the figures of the 'emais' and 'emais-extra' parts) and SGD-Scan ([EMAIS] Table 2), at the scale's epochs.
 * A study run with the same options is shared: the runner trains it once, and the study does not count it in
 * its cost.
 */
const sharedArms: readonly StudyArm['options'][] = [{ method: 'emais' }, { method: 'uniform' }];

/**
 * Whether a run has the options of a run another EMAIS figure trains at its default settings (so it is not
 * this study's own cost): EMAIS Linear-τ or SGD-Scan at the scale's epochs, any seed.
 * @example
 * sharedWithEmaisFigures(emaisRunOptions({ scale: 'quick' }, { method: 'emais' }, 4)); // true
 */
export function sharedWithEmaisFigures(options: TrainOptions): boolean {
  const scale = options.scale === 'full' ? 'full' : 'quick';
  const key = canonicalJson(options);
  return sharedArms.some((a) => canonicalJson(emaisRunOptions({ scale }, a, options.seed ?? 1)) === key);
}

/**
 * The planned runs of a study: per arm (in order) one run per seed over the EMAIS set-up
 * ({@link emaisRunOptions}), tagged with its label, seed, epochs (its budget) and whether another EMAIS
 * figure trains it too (`shared`: 1, see {@link sharedWithEmaisFigures}).
 * @example
 * studyPlan('quick', [1, 2], [{ label: 'SGD-Scan', options: { method: 'uniform', epochs: 4 } }]).length; // 2
 */
export function studyPlan(
  scale: 'quick' | 'full',
  seeds: readonly number[],
  arms: readonly StudyArm[],
): PlannedRun[] {
  return arms.flatMap(({ label, options }) =>
    seeds.map((seed) => {
      const o = emaisRunOptions({ scale }, options, seed);
      const epochs = o.epochs ?? emaisFiguresDefaults[scale].epochs;
      return { options: o, tags: { label, seed, epochs, shared: sharedWithEmaisFigures(o) ? 1 : 0 } };
    }),
  );
}

/**
 * The loaded runs of a {@link studyPlan} as {@link StudyRun}s, in plan order. A budget's T is its longest run
 * (SGD-Scan: epochs·⌈N/B⌉; EMAIS draws ⌊N/B⌋ per IS epoch, RAIS may stop early): every run of one budget
 * (epochs) gets the most steps any of them took.
 * @example
 * const runs = studyRuns(input.runs);
 */
export function studyRuns(loaded: readonly LoadedRun[]): StudyRun[] {
  const iters = new Map<unknown, number>();
  const runs = loaded.map((r) => {
    const steps = r.steps.objects() as Row[];
    iters.set(r.tags.epochs, Math.max(iters.get(r.tags.epochs) ?? 0, steps.length));
    const evals = r.evals.objects() as Row[];
    return { label: String(r.tags.label), seed: Number(r.tags.seed), steps, evals, epochs: r.tags.epochs };
  });
  return runs.map(({ epochs, ...r }) => ({ ...r, iters: iters.get(epochs) ?? r.steps.length }));
}

/**
 * Appends a study's training cost to an output's caption: the CPU seconds in the training steps (`msCpu`) of
 * its runs that no other EMAIS figure trains (tag `shared` 0, see {@link studyPlan}).
 * @example
 * withStudyCost(outputs[0], input.runs).caption; // '… Cost: 42 s CPU in the training steps of …'
 */
export function withStudyCost(x: StudyOutput, loaded: readonly LoadedRun[]): StudyOutput {
  const ms = loaded
    .filter((r) => r.tags.shared !== 1)
    .reduce((a, r) => {
      const col = r.steps.columnNames().includes('msCpu') ? (r.steps.array('msCpu') as unknown[]) : [];
      return a + col.reduce<number>((b, v) => b + (typeof v === 'number' ? v : 0), 0);
    }, 0);
  const seconds = ms / 1000;
  return {
    ...x,
    caption: `${x.caption} Cost: ${seconds.toFixed(0)} s CPU in the training steps of this study's own runs.`,
  };
}
