import { importancePmfDistances } from '../../diagnostics/importance-pmf-distances.js';
import { formatMeanCi, meanCi } from '../../stats/seed-summary.js';
import { runComputeJob, type ComputeJob } from '../../experiments/compute-job.js';
import {
  commonSettings,
  type FigureOutput,
  type FigureSpec,
  type Settings,
} from '../../experiments/figure-spec.js';
import type { ReproduceContext } from '../../experiments/types.js';
import { ciLineFigure } from '../../figures/ci-line-figure.js';
import type { OptionSpecs } from '../../options/option-spec.js';
import { scaleIntSetting } from '../train-settings.js';
import { createRng, permutation } from '../../random/rng.js';
import type { MemorySampler } from '../../samplers/memory-sampler.js';
import type { Sampler } from '../../samplers/types.js';
import { createTrainer, type Trainer } from '../../train/trainer.js';

/** Settings of the importance-distribution comparison at one scale. */
export interface ImportanceDistanceScale {
  /** Epochs of each training run (mnist-mlp, Adam 1e-3, B = 64). */
  epochs: number;
  /** Epochs after which the pmfs are compared (0 = the untrained network). */
  checkpoints: number[];
  /** Training samples M the pmfs are compared on (a fixed random subset; 8000 = all of mnist-mlp). */
  subset: number;
  /**
   * Memory weights α_q of extra memory-IS runs (besides the main IS run at the method's default α_q = 0.1), whose
   * memory pmf q is compared with p* at the same checkpoints: what the memory α buys ([AS-IS] §5.1, Eq. 7).
   */
  alphas: number[];
}

/**
 * Defaults per scale: quick `{ epochs: 4, checkpoints: [0, 1, 2, 4], subset: 400, alphas: [0, 0.5, 0.9] }` (M =
 * 400 of N = 8000: the reference ‖g_i‖ costs one backward pass per sample); full `{ epochs: 50, checkpoints: [0,
 * 1, 2, 5, 10, 20, 30, 40, 50], subset: 8000, alphas: [0, 0.2, 0.3, 0.5, 0.9] }` ([AS-IS] §5.1: 50 epochs,
 * α_q ∈ {0, 0.1, 0.2, 0.3}).
 */
export const importanceDistanceDefaults: Readonly<Record<'quick' | 'full', ImportanceDistanceScale>> =
  Object.freeze({
    quick: { epochs: 4, checkpoints: [0, 1, 2, 4], subset: 400, alphas: [0, 0.5, 0.9] },
    full: {
      epochs: 50,
      checkpoints: [0, 1, 2, 5, 10, 20, 30, 40, 50],
      subset: 8000,
      alphas: [0, 0.2, 0.3, 0.5, 0.9],
    },
  });

/** One row of the comparison: run, seed, epoch, candidate pmf and its distances. */
export interface ImportanceDistanceRow {
  /**
   * 'uniform' (the network of a uniform SGD run), 'is' (of the memory-IS run at the default α_q) or 'is-alpha' (of
   * an extra memory-IS run at `alpha`, {@link ImportanceDistanceScale.alphas}).
   */
  run: string;
  /** Memory weight α_q of the run ('is' and 'is-alpha' rows). */
  alpha?: number;
  seed: number;
  epoch: number;
  pmf: string;
  l2: number;
  /** null where undefined (uniform pmf). */
  spearman: number | null;
}

const IMPORTANCES = ['loss', 'output-grad', 'dlis-last-layer'] as const;

function isMemorySampler(s: Sampler): s is MemorySampler {
  return typeof (s as Partial<MemorySampler>).memory === 'function';
}

/** Runs `trainer` until `epoch` epochs have ended. */
function trainUntilEpoch(trainer: Trainer, epoch: number): void {
  while (trainer.epoch < epoch && !trainer.done) trainer.runStep();
}

/**
 * Measures, for one seed, the L2 distance and Spearman ρ of the loss, output-gradient, DLIS-bound and uniform
 * pmfs to the gradient-norm pmf at each checkpoint of a uniform SGD run on mnist-mlp, and of the memory-blended
 * pmf q of a memory-IS run ('is', α_q = 0.1) together with the same instantaneous pmfs of that run's network.
 * @param seed run seed (model init, data order, subset).
 * @param s the scale's settings.
 * @example
 * const rows = await importanceDistanceRows(1, importanceDistanceDefaults.quick);
 */
export async function importanceDistanceRows(
  seed: number,
  s: ImportanceDistanceScale,
): Promise<ImportanceDistanceRow[]> {
  const rows: ImportanceDistanceRow[] = [];
  const plan: { method: 'uniform' | 'is'; run: string; alpha?: number }[] = [
    { method: 'uniform', run: 'uniform' },
    { method: 'is', run: 'is' },
    ...s.alphas.map((alpha) => ({ method: 'is' as const, run: 'is-alpha', alpha })),
  ];
  for (const { method, run, alpha } of plan) {
    const trainer = await createTrainer({
      task: 'mnist-mlp',
      method,
      seed,
      epochs: s.epochs,
      evalEvery: 0,
      ...(alpha !== undefined ? { methodOptions: { alpha } } : {}),
    });
    const runAlpha = method === 'is' ? trainer.config.methodOptions.alpha : undefined;
    try {
      const N = trainer.task.train.n;
      const M = Math.min(s.subset, N);
      const subset = permutation(N, createRng(seed).derive('importance-distance')).slice(0, M); // (M)
      const sampler = 'inner' in trainer.sampler ? (trainer.sampler.inner as Sampler) : trainer.sampler;
      for (const epoch of [...s.checkpoints].sort((a, b) => a - b)) {
        if (epoch > s.epochs) continue;
        trainUntilEpoch(trainer, epoch);
        const extra: Record<string, Float64Array> = {};
        if (method === 'is' && isMemorySampler(sampler)) {
          const q = sampler.memory(); // (N) un-normalised memory, [MIS] Alg. 1 / [AS-IS] Alg. 1
          extra['is-memory'] = Float64Array.from(subset, (i) => q[i]); // (M)
        }
        const d = importancePmfDistances(
          trainer.model,
          trainer.task.loss,
          trainer.task.train,
          subset,
          run === 'is-alpha' ? ['output-grad'] : IMPORTANCES, // the α runs: memory q vs fresh ‖u‖ only
          extra,
        );
        for (const r of d) {
          rows.push({
            run,
            ...(typeof runAlpha === 'number' ? { alpha: runAlpha } : {}),
            seed,
            epoch,
            pmf: r.pmf,
            l2: r.l2,
            spearman: Number.isFinite(r.spearman) ? r.spearman : null,
          });
        }
      }
    } finally {
      trainer.dispose();
    }
  }
  return rows;
}

/** Legend labels and `methodStyle` keys of the candidate pmfs. */
const LABELS: Record<string, string> = {
  'output-grad': 'output-gradient norm (ours, [AS-IS] Eq. 5)',
  loss: 'loss ([LIS])',
  'dlis-last-layer': 'DLIS bound (last layer)',
  uniform: 'uniform',
  'is-memory': 'IS memory q (α = 0.1), IS run',
  'is-run output-grad': 'output-gradient norm, IS run',
};
const STYLES: Record<string, string> = {
  'output-grad': 'is',
  loss: 'confidence',
  'dlis-last-layer': 'dlis',
  uniform: 'uniform',
  'is-memory': 'as',
  'is-run output-grad': 'omis',
};
const ORDER = Object.keys(LABELS);

/** The plotted rows: every pmf of the uniform run, plus the memory q and output-gradient pmf of the IS run. */
function plotted(rows: readonly ImportanceDistanceRow[]): Record<string, unknown>[] {
  return rows.flatMap((r) => {
    if (r.run === 'uniform') return [{ ...r, curve: r.pmf }];
    if (r.run !== 'is') return []; // the extra α runs have their own figure
    if (r.pmf === 'is-memory') return [{ ...r, curve: 'is-memory' }];
    if (r.pmf === 'output-grad') return [{ ...r, curve: 'is-run output-grad' }];
    return [];
  });
}

/** Curve name of the fresh output-gradient pmf in the α figure. */
const FRESH = 'fresh ‖u‖';
/** `methodStyle` keys (distinct colours) of the α curves other than the main IS run's. */
const ALPHA_STYLES = ['emais', 'low', 'self-paced', 'rais', 'obs', 'lis'] as const;

/**
 * Rows of the memory-α figure: the memory pmf q of every IS run, one curve per α_q (`curve` = 'α = 0.5'), plus the
 * fresh output-gradient pmf ‖u‖ of the main IS run's network (`curve` = 'fresh ‖u‖'): what q would be if every
 * score were recomputed at every step. Other rows are left out.
 * @param rows rows of {@link importanceDistanceRows}.
 * @returns the rows with a `curve` column, for `ciLineFigure(…, { group: 'curve' })`.
 * @example
 * memoryAlphaRows(rows).map((r) => r.curve); // ['α = 0.1', 'fresh ‖u‖', 'α = 0', …]
 */
export function memoryAlphaRows(rows: readonly ImportanceDistanceRow[]): Record<string, unknown>[] {
  return rows.flatMap((r) => {
    if ((r.run === 'is' || r.run === 'is-alpha') && r.pmf === 'is-memory' && typeof r.alpha === 'number') {
      return [{ ...r, curve: `α = ${r.alpha}` }];
    }
    if (r.run === 'is' && r.pmf === 'output-grad') return [{ ...r, curve: FRESH }];
    return [];
  });
}

/** What {@link memoryAlphaSummary} finds at the last checkpoint. */
export interface MemoryAlphaSummary {
  /** The last checkpoint epoch. */
  last: number;
  /** Per α (ascending), then the fresh pmf: label and mean ± 95% t half-width of the L2 distance. */
  text: string;
  /** The α_q whose memory pmf has the smallest mean L2 distance at `last`. */
  best: number;
  /** α_q values found, ascending. */
  alphas: number[];
  /** α_q of the main IS run (run 'is'), whose curves the other figures show; null without one. */
  mainAlpha: number | null;
}

/**
 * Caption numbers of the memory-α figure: the L2 distance of each α's memory pmf to p* at the last checkpoint (mean
 * ± 95% t over seeds), the fresh output-gradient pmf's, and the α with the smallest mean.
 * @param rows rows of {@link importanceDistanceRows} (with the α runs).
 * @example
 * memoryAlphaSummary(rows).best; // e.g. 0.5
 */
export function memoryAlphaSummary(rows: readonly ImportanceDistanceRow[]): MemoryAlphaSummary {
  const pts = memoryAlphaRows(rows).filter((r) => r.curve !== FRESH);
  if (pts.length === 0) throw new RangeError('memoryAlphaSummary: no memory-pmf rows with an alpha');
  const last = Math.max(...pts.map((r) => r.epoch as number));
  const at = (keep: (r: Record<string, unknown>) => boolean) =>
    memoryAlphaRows(rows)
      .filter((r) => r.epoch === last && keep(r))
      .map((r) => r.l2 as number);
  const alphas = [...new Set(pts.map((r) => r.alpha as number))].sort((a, b) => a - b);
  const means = alphas.map((a) => {
    const v = at((r) => r.curve !== FRESH && r.alpha === a);
    return v.reduce((x, y) => x + y, 0) / v.length;
  });
  const fresh = at((r) => r.curve === FRESH);
  const text = [
    ...alphas.map(
      (a) => `α = ${a}: ${formatMeanCi(meanCi(at((r) => r.curve !== FRESH && r.alpha === a)), 3)}`,
    ),
    ...(fresh.length > 0 ? [`fresh ‖u‖: ${formatMeanCi(meanCi(fresh), 3)}`] : []),
  ].join('; ');
  const main = rows.find((r) => r.run === 'is' && typeof r.alpha === 'number');
  return {
    last,
    text,
    best: alphas[means.indexOf(Math.min(...means))],
    alphas,
    mainAlpha: main?.alpha ?? null,
  };
}

export interface ImportanceDistanceSummary {
  /** The last checkpoint epoch. */
  last: number;
  /** Per curve at `last`: label and mean ± 95% t half-width. */
  text: string;
  /** Epochs > 0 checked. */
  epochs: number[];
  /** Epochs where the output-gradient pmf's mean is below both the loss and the uniform pmf's ([AS-IS] §5.2). */
  oursBeatsLossAndUniform: number[];
  /** Epochs where the DLIS last-layer bound's mean is below the output-gradient pmf's. */
  dlisCloser: number[];
}

/**
 * Caption numbers of the comparison: per curve, mean ± 95% t half-width of `y` at the last checkpoint, and at
 * which epochs the output-gradient pmf is closer (smaller mean L2) than the loss and uniform pmfs ([AS-IS] §5.2:
 * "closer to the gradient norm than loss-based importance"; [MIS] §4: "smallest difference") and where the DLIS
 * last-layer bound is closer still.
 * @param rows rows of {@link importanceDistanceRows} for one or more seeds.
 * @param y 'l2' or 'spearman' (for `text`; the epoch lists always compare L2).
 * @example
 * importanceDistanceSummary(rows, 'l2').oursBeatsLossAndUniform; // e.g. [1, 2, 4]
 */
export function importanceDistanceSummary(
  rows: readonly ImportanceDistanceRow[],
  y: 'l2' | 'spearman',
): ImportanceDistanceSummary {
  const pts = plotted(rows);
  if (pts.length === 0) throw new RangeError('importanceDistanceSummary: no rows to summarise');
  const last = Math.max(...pts.map((r) => r.epoch as number));
  const at = (curve: string, epoch: number, col: string) =>
    pts
      .filter((r) => r.curve === curve && r.epoch === epoch && typeof r[col] === 'number')
      .map((r) => r[col] as number);
  const text = ORDER.filter((c) => at(c, last, y).length > 0)
    .map((c) => `${LABELS[c]} ${formatMeanCi(meanCi(at(c, last, y)), 3)}`)
    .join('; ');
  const epochs = [...new Set(pts.map((r) => r.epoch as number))].filter((e) => e > 0).sort((a, b) => a - b);
  const mean = (v: number[]) => (v.length === 0 ? NaN : v.reduce((a, b) => a + b, 0) / v.length);
  const m = (c: string, e: number) => mean(at(c, e, 'l2'));
  return {
    last,
    text,
    epochs,
    oursBeatsLossAndUniform: epochs.filter(
      (e) => m('output-grad', e) < m('loss', e) && m('output-grad', e) < m('uniform', e),
    ),
    dlisCloser: epochs.filter((e) => m('dlis-last-layer', e) < m('output-grad', e)),
  };
}

/** The stored value of one seed: its rows and the CPU seconds they took. */
export interface ImportanceDistanceValue {
  rows: ImportanceDistanceRow[];
  cpuSeconds: number;
}

/**
 * Computes one seed's {@link ImportanceDistanceValue} (what {@link importanceDistanceJob} stores).
 * @example
 * const v = await importanceDistanceValue(1, importanceDistanceDefaults.quick);
 */
export async function importanceDistanceValue(
  seed: number,
  s: ImportanceDistanceScale,
): Promise<ImportanceDistanceValue> {
  const c0 = process.cpuUsage();
  const rows = await importanceDistanceRows(seed, s);
  const c = process.cpuUsage(c0);
  return { rows, cpuSeconds: (c.user + c.system) / 1e6 };
}

/**
 * The measurement of one seed as a job (stored in `results/importance-distance/`), for the runner's workers and
 * for the figure.
 * @param s the settings of the measurement (a scale's {@link importanceDistanceDefaults}, or changed ones).
 * @example
 * importanceDistanceJob(importanceDistanceDefaults.quick, 1).settings; // { task: 'mnist-mlp', seed: 1, epochs: 4, ... }
 */
export function importanceDistanceJob(s: ImportanceDistanceScale, seed: number): ComputeJob {
  return {
    folder: 'importance-distance',
    settings: { task: 'mnist-mlp', seed, ...s },
    module: import.meta.url,
    fn: 'importanceDistanceValue',
    args: [seed, s],
    label: `importance distances seed ${seed}`,
  };
}

/** Options of {@link importanceDistances}: the main job's scale, seeds, results folder and log. */
export type ImportanceDistancesOptions = Pick<ReproduceContext, 'scale' | 'seeds' | 'results'> &
  Partial<Pick<ReproduceContext, 'log'>>;

/**
 * The rows of the importance-distribution comparison for every seed ({@link importanceDistanceRows} at the scale's
 * {@link importanceDistanceDefaults}), each seed's rows stored in `results/importance-distance/` and loaded from
 * there when present (the figure 'asis/pmf-distance' at its default settings writes the same files, so after it
 * this only reads).
 * @param options `scale`, `seeds`, `results` (the main job's), `log` (one line per seed; default none).
 * @returns all seeds' rows and the CPU seconds their measurement took (summed over seeds, as stored).
 * @example
 * const { rows } = await importanceDistances({ scale: 'quick', seeds: [1, 2, 3], results: '../results' });
 */
export async function importanceDistances(
  options: ImportanceDistancesOptions,
): Promise<{ rows: ImportanceDistanceRow[]; cpuSeconds: number }> {
  const s = importanceDistanceDefaults[options.scale];
  if (s === undefined)
    throw new Error(`importanceDistances: scale must be quick or full, got '${String(options.scale)}'`);
  const values: ImportanceDistanceValue[] = [];
  for (const seed of options.seeds) {
    const r = await runComputeJob<ImportanceDistanceValue>(options.results, importanceDistanceJob(s, seed));
    options.log?.(
      `${r.cached ? 'loaded' : 'measured'} importance distances seed ${seed} (${r.value.cpuSeconds.toFixed(1)} s CPU) → ${r.path}`,
    );
    values.push(r.value);
  }
  return pooledValues(values);
}

/** Every seed's rows and the summed CPU seconds of their measurement. */
function pooledValues(values: readonly ImportanceDistanceValue[]): {
  rows: ImportanceDistanceRow[];
  cpuSeconds: number;
} {
  return {
    rows: values.flatMap((v) => v.rows),
    cpuSeconds: values.reduce((a, v) => a + v.cpuSeconds, 0),
  };
}

const settings = {
  ...commonSettings,
  epochs: scaleIntSetting(
    "epochs of every run (mnist-mlp, Adam 1e-3, B = 64); 0: the scale's (quick 4, full 50)",
  ),
  checkpoints: {
    kind: 'list',
    default: [],
    help: "epochs at which the pmfs are compared (0 = the untrained network; those past `epochs` are left out); empty: the scale's (quick 0, 1, 2, 4; full 0, 1, 2, 5, 10, …, 50)",
  },
  subset: scaleIntSetting(
    "training samples M the pmfs are compared on (a fixed random subset; one backward pass each per checkpoint); 0: the scale's (quick 400, full all 8000)",
  ),
  alphas: {
    kind: 'list',
    default: [],
    help: "memory weights α_q in [0, 1) of the extra memory-IS runs of the α figure (the main IS run has α_q = 0.1); empty: the scale's (quick 0, 0.5, 0.9; full 0, 0.2, 0.3, 0.5, 0.9)",
  },
} as const satisfies OptionSpecs;

/**
 * The measurement settings of the figure's settings: each 0 or empty setting is the scale's
 * {@link importanceDistanceDefaults} (so the default settings give the stored values the part had before).
 * @example
 * importanceDistanceScale({ scale: 'quick', epochs: 2, checkpoints: [], subset: 0, alphas: [] }).epochs; // 2
 */
export function importanceDistanceScale(
  s: Pick<Settings<typeof settings>, 'scale' | 'epochs' | 'checkpoints' | 'subset' | 'alphas'>,
): ImportanceDistanceScale {
  const d = importanceDistanceDefaults[s.scale];
  const bad = s.alphas.find((a) => !(a >= 0 && a < 1));
  if (bad !== undefined) throw new RangeError(`asis/pmf-distance: alphas must lie in [0, 1), got ${bad}`);
  const early = s.checkpoints.find((e) => !(Number.isInteger(e) && e >= 0));
  if (early !== undefined) {
    throw new RangeError(`asis/pmf-distance: checkpoints must be epochs (integers ≥ 0), got ${early}`);
  }
  const m = {
    epochs: s.epochs === 0 ? d.epochs : s.epochs,
    checkpoints: s.checkpoints.length === 0 ? d.checkpoints : s.checkpoints,
    subset: s.subset === 0 ? d.subset : s.subset,
    alphas: s.alphas.length === 0 ? d.alphas : s.alphas,
  };
  if (!m.checkpoints.some((e) => e <= m.epochs)) {
    throw new RangeError(
      `asis/pmf-distance: no checkpoint within the ${m.epochs} epochs (checkpoints ${m.checkpoints.join(', ')})`,
    );
  }
  return m;
}

/**
 * The importance-distribution comparison ([MIS] §4 inline figure, [AS-IS] §5.2 inline figure; METHODS §2.6,
 * §7.1–7.2) on mnist-mlp: L2 distance and Spearman ρ of candidate pmfs to the gradient-norm pmf vs epoch, and the
 * memory pmf q by memory weight α_q, mean and 95% t-interval over seeds. One stored measurement per seed
 * (`results/importance-distance/`).
 */
export const asisPmfDistance: FigureSpec<typeof settings> = {
  id: 'asis/pmf-distance',
  title: '[AS-IS]/[MIS] inline: distance of importance pmfs to the gradient-norm pmf',
  paper: '[AS-IS] §5.2, [MIS] §4 (inline figures)',
  settings,
  plan: (s) => {
    const m = importanceDistanceScale(s);
    return { runs: [], computations: s.seeds.map((seed) => importanceDistanceJob(m, seed)) };
  },
  make: ({ computed }, st) => {
    const s = importanceDistanceScale(st);
    const { rows, cpuSeconds } = pooledValues(computed as ImportanceDistanceValue[]);
    const l2 = importanceDistanceSummary(rows, 'l2');
    const rho = importanceDistanceSummary(rows, 'spearman');
    const where = `mnist-mlp (Adam 1e-3, B = 64), ${s.subset >= 8000 ? 'all 8000' : `a fixed random subset of ${s.subset} of the 8000`} training samples, seeds ${st.seeds.join(', ')}; mean and 95% t-interval over seeds (for L2: geometric mean, interval on log10); ${st.scale} scale (${cpuSeconds.toFixed(0)} s CPU to measure).`;
    const all = (v: number[]) => v.length === l2.epochs.length;
    const verdict =
      (all(l2.oursBeatsLossAndUniform)
        ? 'Matches [AS-IS] §5.2: the output-gradient pmf is closer to the gradient-norm pmf than the loss and the ' +
          'uniform pmfs at every epoch after 0. '
        : `Differs from [AS-IS] §5.2: the output-gradient pmf beats the loss and uniform pmfs only at epochs ` +
          `${l2.oursBeatsLossAndUniform.join(', ') || 'none'} of ${l2.epochs.join(', ')}. `) +
      (l2.dlisCloser.length === 0
        ? 'Matches [MIS] §4: no other candidate is closer.'
        : `Differs from [MIS] §4 (ours the closest): the DLIS last-layer bound ‖u‖·√(‖h‖² + 1) is closer at epochs ` +
          `${l2.dlisCloser.join(', ')} — it is the exact norm of the last layer's gradient, which dominates ‖∇_θ ℓ‖ ` +
          "here; the bound in [MIS]'s plot may be a different one (METHODS §8 #7).");
    const entries: FigureOutput[] = [];
    const emit = (
      file: string,
      title: string,
      short: string,
      caption: string,
      y: 'l2' | 'spearman',
      yTitle: string,
    ) => {
      const fig = ciLineFigure(plotted(rows), {
        x: 'epoch',
        y,
        group: 'curve',
        title: short,
        xTitle: 'epoch',
        yTitle,
        order: ORDER,
        labels: LABELS,
        styles: STYLES,
        logY: y === 'l2',
        legend: 'outside',
      });
      entries.push({ file, title, caption, figure: fig });
    };
    emit(
      'importance-distance-l2',
      '[MIS]/[AS-IS] inline: L2 distance of importance pmfs to the gradient-norm pmf (mnist-mlp)',
      'L2 distance to the gradient-norm pmf',
      `‖p_φ − p*‖₂ with p* ∝ ‖∇_θ ℓ_i‖ (per-sample gradients over all parameters), both pmfs on the same frozen ` +
        `network; solid curves from a uniform SGD run, "IS run" curves from a memory-IS run. ${where} ${verdict} ` +
        `Mean ± 95% t at epoch ${l2.last}: ${l2.text}.`,
      'l2',
      '‖p_φ − p*‖₂',
    );
    emit(
      'importance-distance-spearman',
      'Importance pmfs vs gradient-norm pmf: Spearman rank correlation (mnist-mlp)',
      'Spearman ρ with the gradient norm',
      `Spearman ρ between each candidate's scores and ‖∇_θ ℓ_i‖ (uniform has none); same runs as the L2 figure. ` +
        `${where} The papers report L2 only. ` +
        `Mean ± 95% t at epoch ${rho.last}: ${rho.text}.`,
      'spearman',
      'Spearman ρ',
    );
    const alpha = memoryAlphaSummary(rows);
    const alphaFig = ciLineFigure(memoryAlphaRows(rows), {
      x: 'epoch',
      y: 'l2',
      group: 'curve',
      title: 'Memory pmf q vs the gradient-norm pmf, by memory weight α',
      xTitle: 'epoch',
      yTitle: '‖q/Σq − p*‖₂',
      order: [...alpha.alphas.map((a) => `α = ${a}`), FRESH],
      // The main run's q and fresh ‖u‖ keep their colours of the L2 figure ('as', 'omis'); the other α get distinct ones.
      styles: {
        ...Object.fromEntries(
          alpha.alphas
            .filter((a) => a !== alpha.mainAlpha)
            .map((a, k) => [`α = ${a}`, ALPHA_STYLES[k % ALPHA_STYLES.length]]),
        ),
        ...(alpha.mainAlpha !== null ? { [`α = ${alpha.mainAlpha}`]: 'as' } : {}),
        [FRESH]: 'omis',
      },
      labels: {
        ...Object.fromEntries(alpha.alphas.map((a) => [`α = ${a}`, `memory q, α = ${a}`])),
        [FRESH]: `fresh ‖u‖, α = ${alpha.mainAlpha ?? '?'} run`,
      },
      logY: true,
      legend: 'outside',
    });
    const alphaTitle = 'What the memory α buys: memory pmf q vs the gradient-norm pmf (mnist-mlp)';
    entries.push({
      file: 'importance-distance-alpha',
      title: alphaTitle,
      figure: alphaFig,
      caption:
        `‖q/Σq − p*‖₂ of the memory q of memory-IS runs with α_q ∈ {${alpha.alphas.join(', ')}} (q_i ← α_q q_i + ` +
        `(1 − α_q) ‖u_i‖ when i is drawn, [AS-IS] Eq. 7; α_q = 0 keeps only the latest score), each run's own ` +
        `network; the fresh output-gradient pmf of the α = 0.1 run is what q would be with no staleness. ${where} ` +
        `Mean ± 95% t at epoch ${alpha.last}: ${alpha.text}; closest memory: α = ${alpha.best}. The papers give no ` +
        `such plot ([AS-IS] §5.1 tunes α_q ∈ {0, 0.1, 0.2, 0.3} by the loss).`,
    });
    return entries;
  },
};
