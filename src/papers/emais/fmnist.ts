import type { TrainConfig } from '../../train/config.js';
import type { TrainOptions } from '../../experiments/types.js';
import { scaleIntSetting } from '../train-settings.js';

/** Settings of the EMAIS FMNIST comparison at one scale ([EMAIS] Table 2, Figs. 1–2; METHODS §7.3). */
export interface EmaisFiguresScale {
  /** Training epochs (quick: 6 epochs of 10k images ≈ 470 steps; full: 54 epochs of 60k ≈ 25,000 steps). */
  epochs: number;
  /** Fixed τ values of Fig. 1 (FMNIST: {1000, 5000, 10000, 25000} at 25k steps; quick scales them by T/25000). */
  taus: number[];
  /** Seeds of the full scale ([EMAIS]: 5); the quick scale's default seeds are the job's (three). */
  seedCount: number;
  /** Steps of the moving average drawn over per-step curves (efficiency score, B_eff, learning rate). */
  smooth: number;
}

/** Defaults per scale: `{ quick: { epochs: 6, taus: [20, 100, 200, 470], seedCount: 3, smooth: 20 }, full: ... }`. */
export const emaisFiguresDefaults: Readonly<Record<'quick' | 'full', EmaisFiguresScale>> = Object.freeze({
  quick: { epochs: 6, taus: [20, 100, 200, 470], seedCount: 3, smooth: 20 },
  full: { epochs: 54, taus: [1000, 5000, 10000, 25000], seedCount: 5, smooth: 200 },
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
