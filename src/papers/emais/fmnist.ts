import { emaisOptions } from '../../samplers/emais-sampler.js';
import { formatMeanCi, meanCi, scaleCi } from '../../stats/seed-summary.js';
import type { TrainConfig } from '../../train/config.js';
import type { TrainOptions } from '../../experiments/types.js';
import { scaleIntSetting, scaleValue } from '../train-settings.js';

/** Settings of the EMAIS FMNIST comparison at one scale ([EMAIS] Table 2, Figs. 1–2; METHODS §7.3). */
export interface EmaisFiguresScale {
  /** Training epochs (quick: 6 epochs of 10k images ≈ 470 steps; full: 54 epochs of 60k ≈ 25,000 steps). */
  epochs: number;
  /** Fixed τ values of Fig. 1 (FMNIST: {1000, 5000, 10000, 25000} at 25k steps; quick scales them by T/25000). */
  taus: number[];
  /** Steps of the moving average drawn over per-step curves (efficiency score, B_eff, learning rate). */
  smooth: number;
}

/** Defaults per scale: `{ quick: { epochs: 6, taus: [20, 100, 200, 470], smooth: 20 }, full: ... }`. */
export const emaisFiguresDefaults: Readonly<Record<'quick' | 'full', EmaisFiguresScale>> = Object.freeze({
  quick: { epochs: 6, taus: [20, 100, 200, 470], smooth: 20 },
  full: { epochs: 54, taus: [1000, 5000, 10000, 25000], smooth: 200 },
});

/**
 * Options of one run of the EMAIS set-up on fmnist-lenet (the task's SGD settings: lr 0.01, momentum 0.9, weight
 * decay 1e-3, B = 128; the scale's epochs, cosine schedule, an evaluation per epoch): the one definition shared
 * by the EMAIS figures, so that they load each other's runs.
 * @example
 * emaisRunOptions({ scale: 'quick' }, { method: 'emais' }, 1); // { task: 'fmnist-lenet', epochs: 6, ... }
 */
export function emaisRunOptions(
  at: { scale: 'quick' | 'full' },
  options: Partial<TrainConfig> & Pick<TrainConfig, 'method'>,
  seed: number,
): TrainOptions {
  const epochs = emaisFiguresDefaults[at.scale].epochs;
  const base: Partial<TrainConfig> = { scale: at.scale, epochs, schedule: 'cosine', evalEvery: 0 };
  return { task: 'fmnist-lenet', ...base, ...options, seed };
}

/** The fixed-method runs of [EMAIS] Table 2 (label, method), in table order; EMAIS itself follows them. */
export const emaisBaselineRuns: readonly (readonly [string, string])[] = [
  ['SGD-Scan', 'uniform'],
  ['SGD-Uni', 'uniform-replace'],
  ['IS', 'is'],
  // [EMAIS] Table 2's other baselines (METHODS §6): all with a plain or IS-weighted gradient, same budget
  ['RAIS-lite', 'rais'],
  ['Presampling-IS', 'presampling-is'],
  ['Confidence', 'confidence'],
  ['ConfVar', 'confvar'],
  ['Self-paced', 'self-paced'],
];

/** The `smooth` setting of the EMAIS figures: 0 means the scale's window (quick 20, full 200 steps). */
export const smoothSetting = scaleIntSetting(
  "steps of the moving average over per-step curves; 0: the scale's (quick 20, full 200)",
);

/** Evaluation or step rows of a run. */
type Row = Record<string, unknown>;

/**
 * The final value of `col` in a run's evaluation rows (NaN when absent).
 * @example
 * finalEval([{ testError: 0.3 }, { testError: 0.2 }], 'testError'); // 0.2
 */
export function finalEval(evals: readonly Row[], col: string): number {
  const v = evals[evals.length - 1]?.[col];
  return typeof v === 'number' ? v : NaN;
}

/** EMAIS's SGD-Scan warm-up epochs (its `warmupEpochs` default): Figs. 6 and 9 read the steps after them. */
export const emaisWarmupEpochs = emaisOptions.warmupEpochs.default;

/** The `epochs` setting of the EMAIS extra figures: 0 means the scale's (quick 6, full 54). */
export const emaisEpochsSetting = scaleIntSetting(
  "epochs of every run (fmnist-lenet, cosine LR); 0: the scale's (quick 6, full 54)",
);

/**
 * Epochs of the runs: the `epochs` setting, or the scale's ({@link emaisFiguresDefaults}) when it is 0.
 * @example
 * emaisEpochs({ scale: 'full', epochs: 0 }); // 54
 */
export function emaisEpochs(s: { scale: 'quick' | 'full'; epochs: number }): number {
  const d = emaisFiguresDefaults;
  return scaleValue(s.epochs, { quick: d.quick.epochs, full: d.full.epochs }, s.scale);
}

/**
 * Options of one EMAIS-set-up run with the `epochs` setting (at the default, the options and run keys of the
 * EMAIS part's runs, so the figures load each other's runs).
 * @example
 * emaisEpochsRunOptions({ scale: 'quick', epochs: 3 }, { method: 'emais' }, 1).epochs; // 3
 */
export function emaisEpochsRunOptions(
  s: { scale: 'quick' | 'full'; epochs: number },
  options: Partial<TrainConfig> & Pick<TrainConfig, 'method'>,
  seed: number,
): TrainOptions {
  return emaisRunOptions(s, { ...options, epochs: emaisEpochs(s) }, seed);
}

/**
 * The epochs of a figure that reads the steps after EMAIS's warm-up: 0 (the scale's) or more than the
 * {@link emaisWarmupEpochs}; else an error naming the figure and the setting.
 * @example
 * checkPostWarmupEpochs('emais/fig9-traces', 2); // throws 'figure emais/fig9-traces: setting epochs ...'
 */
export function checkPostWarmupEpochs(id: string, epochs: number): void {
  if (epochs !== 0 && epochs <= emaisWarmupEpochs) {
    throw new RangeError(
      `figure ${id}: setting epochs must be 0 (the scale's) or more than the ${emaisWarmupEpochs} SGD-Scan ` +
        `warm-up epochs of EMAIS, got ${epochs}`,
    );
  }
}

/**
 * Steps of the moving average: the `smooth` setting, or when it is 0 the scale's
 * ({@link emaisFiguresDefaults}).
 * @example
 * emaisSmooth({ scale: 'quick', smooth: 0 }); // 20
 */
export function emaisSmooth(s: { scale: 'quick' | 'full'; smooth: number }): number {
  const d = emaisFiguresDefaults;
  return scaleValue(s.smooth, { quick: d.quick.smooth, full: d.full.smooth }, s.scale);
}

/**
 * The caption's seeds clause of the EMAIS figures.
 * @example
 * seedsText({ scale: 'quick', seeds: [1, 2] }); // 'seeds 1, 2, mean and 95% t-interval over seeds, quick …'
 */
export function seedsText(s: { scale: 'quick' | 'full'; seeds: readonly number[] }): string {
  return `seeds ${s.seeds.join(', ')}, mean and 95% t-interval over seeds, ${s.scale} scale`;
}

/**
 * Final test errors (fractions) in percent: mean ± 95% t-interval (n), three significant digits.
 * @example
 * pctCi([0.1, 0.12, 0.11]); // '11.0 ± 2.48 (n = 3)'
 */
export const pctCi = (v: readonly number[]): string =>
  formatMeanCi(scaleCi(meanCi(v.filter(Number.isFinite)), 100), 3);
