import * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import { gatherBatch, range } from '../data/dataset.js';
import { spearmanCorrelation } from '../diagnostics/spearman-correlation.js';
import { importanceMapFigure, type ImportancePoint } from '../figures/importance-map-figure.js';
import { formatTInterval, tInterval95 } from '../figures/t-interval.js';
import { writeFigureHtml, writeFigureJson } from '../figures/write-figure-html.js';
import { getImportance } from '../importance/registry.js';
import type { DlisSampler } from '../samplers/dlis.js';
import type { MemorySampler } from '../samplers/memory-sampler.js';
import type { Sampler } from '../samplers/types.js';
import { createTrainer, type Trainer } from '../train/trainer.js';
import { runComputeJob, type ComputeJob } from './compute-job.js';
import type { ComputePlan, ExperimentModule, FigureEntry, PlanContext, ReproduceContext } from './types.js';

/** Settings of [AS-IS] Fig. 1 (toy2d, 800 points, the task's defaults: Adam 0.01, B = 32). */
export interface AsisFig1Scale {
  /** Epochs at which our memory q is drawn ([AS-IS] Fig. 1: three epochs). */
  oursEpochs: number[];
  /** Epochs of the DLIS run; its scores are drawn at the end ([AS-IS] Fig. 1: epoch 100). */
  dlisEpochs: number;
}

/** Defaults: `{ oursEpochs: [1, 3, 10], dlisEpochs: 100 }` at both scales (the toy task is cheap). */
export const asisFig1Defaults: Readonly<Record<'quick' | 'full', AsisFig1Scale>> = Object.freeze({
  quick: { oursEpochs: [1, 3, 10], dlisEpochs: 100 },
  full: { oursEpochs: [1, 3, 10], dlisEpochs: 100 },
});

/** What one seed of [AS-IS] Fig. 1 measures. */
export interface AsisFig1Seed {
  /** Points (x₁, x₂) and labels of the training set (N each). */
  x1: number[];
  x2: number[];
  labels: number[];
  /** Our memory q at each of `oursEpochs`, with the Spearman ρ of q and −margin (boundary focus). */
  ours: { epoch: number; q: number[]; boundaryRho: number; top10: number }[];
  /** DLIS: first step it sampled by importance (−1 if never), and its scores at the end. */
  dlis: { switchStep: number; stepsPerEpoch: number; scores: number[]; boundaryRho: number; top10: number };
  cpuSeconds: number;
}

/**
 * Share of the total weight held by the top 10% of points (round(0.1·N), at least 1): 0.1 for equal weights,
 * 1 when one point in ten or fewer holds everything.
 * @example
 * top10Share([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]); // 0.1
 */
export function top10Share(w: readonly number[]): number {
  const s = [...w].sort((a, b) => b - a);
  const k = Math.max(1, Math.round(0.1 * s.length));
  const total = s.reduce((a, b) => a + b, 0);
  return s.slice(0, k).reduce((a, b) => a + b, 0) / total;
}

/** Per point: −margin = max other logit − true logit (large near and beyond the decision boundary). */
function negMargins(trainer: Trainer): number[] {
  const d = trainer.task.train;
  const b = gatherBatch(d, range(d.n));
  const m = tf.tidy(() => trainer.model.apply(b.x, false).output); // (N, C)
  const v = m.dataSync();
  const C = m.shape[1];
  tf.dispose([m, b.x, b.y]);
  return Array.from({ length: d.n }, (_, i) => {
    const yi = d.y[i];
    let other = -Infinity;
    for (let k = 0; k < C; k++) if (k !== yi) other = Math.max(other, v[i * C + k]);
    return other - v[i * C + yi];
  });
}

function inner(s: Sampler): Sampler {
  return 'inner' in s ? (s.inner as Sampler) : s;
}

/**
 * Trains memory IS ('is', output-gradient importance) and DLIS on toy2d for one seed and records our q at
 * `oursEpochs` and DLIS's last-layer scores at the end of its run.
 * @example
 * const r = await asisFig1Seed(1, asisFig1Defaults.quick);
 */
export async function asisFig1Seed(seed: number, s: AsisFig1Scale): Promise<AsisFig1Seed> {
  const c0 = process.cpuUsage();
  const ours: AsisFig1Seed['ours'] = [];
  const is = await createTrainer({
    task: 'toy2d',
    method: 'is',
    seed,
    epochs: Math.max(...s.oursEpochs),
    evalEvery: 0,
  });
  const d = is.task.train;
  const x1 = Array.from({ length: d.n }, (_, i) => d.x[2 * i]); // (N)
  const x2 = Array.from({ length: d.n }, (_, i) => d.x[2 * i + 1]); // (N)
  const labels = Array.from(d.y as Int32Array);
  try {
    const sampler = inner(is.sampler) as MemorySampler;
    for (const epoch of [...s.oursEpochs].sort((a, b) => a - b)) {
      while (is.epoch < epoch && !is.done) is.runStep();
      const q = Array.from(sampler.memory()); // (N) [AS-IS] Alg. 1 memory
      ours.push({ epoch, q, boundaryRho: spearmanCorrelation(q, negMargins(is)), top10: top10Share(q) });
    }
  } finally {
    is.dispose();
  }
  const dl = await createTrainer({ task: 'toy2d', method: 'dlis', seed, epochs: s.dlisEpochs, evalEvery: 0 });
  try {
    const sampler = inner(dl.sampler) as DlisSampler;
    let switchStep = -1;
    while (!dl.done) {
      if (switchStep < 0 && sampler.isActive()) switchStep = dl.step;
      dl.runStep();
    }
    const all = gatherBatch(dl.task.train, range(dl.task.train.n));
    const phi = getImportance('dlis-last-layer');
    const st = tf.tidy(() => {
      const { output, hidden } = dl.model.apply(all.x, false);
      const losses = dl.task.loss.perSample(output, all.y);
      return phi.score({ model: dl.model, loss: dl.task.loss, x: all.x, y: all.y, output, hidden, losses });
    });
    const scores = Array.from(st.dataSync());
    tf.dispose([st, all.x, all.y]);
    const c = process.cpuUsage(c0);
    return {
      x1,
      x2,
      labels,
      ours,
      dlis: {
        switchStep,
        stepsPerEpoch: dl.totalSteps / s.dlisEpochs,
        scores,
        boundaryRho: spearmanCorrelation(scores, negMargins(dl)),
        top10: top10Share(scores),
      },
      cpuSeconds: (c.user + c.system) / 1e6,
    };
  } finally {
    dl.dispose();
  }
}

/**
 * One seed of the figure as a job (stored in `results/asis-fig1/`), for the runner's workers and for the part.
 * @example
 * asisFig1Job({ scale: 'quick' }, 1).fn; // 'asisFig1Seed'
 */
export function asisFig1Job(ctx: Pick<PlanContext, 'scale'>, seed: number): ComputeJob {
  const s = asisFig1Defaults[ctx.scale];
  return {
    folder: 'asis-fig1',
    settings: { task: 'toy2d', seed, ...s },
    module: import.meta.url,
    fn: 'asisFig1Seed',
    args: [seed, s],
    label: `[AS-IS] Fig. 1 seed ${seed}`,
  };
}

/**
 * The 'asis-fig1' part's measurements: one job per seed.
 * @example
 * asisFig1Computations({ scale: 'quick', seeds: [1, 2, 3] }).length; // 3
 */
export const asisFig1Computations: ComputePlan = (ctx) => ctx.seeds.map((seed) => asisFig1Job(ctx, seed));

/**
 * [AS-IS] Fig. 1 (METHODS §7.2): the 800 toy2d training points with opacity ∝ importance — our memory q
 * (memory IS with the output-gradient norm) at three epochs, and DLIS's last-layer scores at epoch 100 — and,
 * over the context's seeds, how much the importance focuses on the decision boundary (Spearman ρ between the
 * weight and −margin) and on few points (top-10% share). Cached per seed in `results/asis-fig1/`.
 * @example
 * const entries = await reproduceAsisFig1(ctx);
 */
export const reproduceAsisFig1: ExperimentModule = async (ctx: ReproduceContext): Promise<FigureEntry[]> => {
  const s = asisFig1Defaults[ctx.scale];
  const seeds: AsisFig1Seed[] = [];
  await ctx.precompute(asisFig1Computations(ctx)); // on the runner's workers; loaded below
  for (const seed of ctx.seeds) {
    const r = await runComputeJob<AsisFig1Seed>(ctx.results, asisFig1Job(ctx, seed));
    ctx.log(
      `${r.cached ? 'loaded' : 'measured'} [AS-IS] Fig. 1 seed ${seed} (${r.value.cpuSeconds.toFixed(1)} s CPU) → ${r.path}`,
    );
    seeds.push(r.value);
  }
  const cpu = seeds.reduce((a, r) => a + r.cpuSeconds, 0);
  const first = seeds[0];
  const ci = (v: number[]) => formatTInterval(tInterval95(v), 3);
  const points = (w: readonly number[]): ImportancePoint[] =>
    first.x1.map((x, i) => ({ x, y: first.x2[i], label: first.labels[i], weight: w[i] }));
  const oursStats = s.oursEpochs.map((e) => {
    const at = seeds.map((r) => r.ours.find((o) => o.epoch === e));
    return {
      epoch: e,
      rho: at.map((o) => o?.boundaryRho ?? NaN).filter(Number.isFinite),
      top10: at.map((o) => o?.top10 ?? NaN).filter(Number.isFinite),
    };
  });
  const switches = seeds.map((r) => (r.dlis.switchStep < 0 ? NaN : r.dlis.switchStep / r.dlis.stepsPerEpoch));
  const dlisRho = seeds.map((r) => r.dlis.boundaryRho);
  const statsText =
    oursStats
      .map((o) => `ours at epoch ${o.epoch}: ρ(q, −margin) ${ci(o.rho)}, top-10% share ${ci(o.top10)}`)
      .join('; ') +
    `; DLIS at epoch ${s.dlisEpochs}: ρ ${ci(dlisRho)}, top-10% share ${ci(seeds.map((r) => r.dlis.top10))}`;
  const lastRho = oursStats[oursStats.length - 1].rho;
  const agrees = tInterval95(lastRho).lo > 0 && tInterval95(dlisRho).lo > 0;
  const where = `toy2d (800 training points, 3 classes, MLP 2-32-32-3, Adam, B = 32), points of seed ${ctx.seeds[0]}; statistics over seeds ${ctx.seeds.join(', ')} (mean ± 95% t); ${cpu.toFixed(0)} s CPU.`;
  const verdict =
    (agrees
      ? 'Agrees with [AS-IS] Fig. 1: both importance maps concentrate on the decision boundaries (ρ between weight and −margin > 0 with 95% confidence), ours already after a few epochs.'
      : 'Differs from [AS-IS] Fig. 1: the boundary focus (ρ between weight and −margin) is not positive with 95% confidence for both methods.') +
    ` DLIS switched to importance sampling after ${ci(switches.filter(Number.isFinite))} epochs (the paper draws it at epoch 100).`;
  const entries: FigureEntry[] = [];
  const emit = (file: string, title: string, caption: string, w: readonly number[], short: string) => {
    const fig = importanceMapFigure(points(w), { title: short });
    writeFigureHtml(fig, join(ctx.figures, `${file}.html`), { title });
    writeFigureJson(fig, join(ctx.figures, `${file}.json`));
    entries.push({ title, file: `${file}.html`, caption });
  };
  for (const o of first.ours) {
    emit(
      `asis-fig1-ours-epoch${o.epoch}`,
      `[AS-IS] Fig. 1: our importance memory q on toy2d after epoch ${o.epoch}`,
      `Opacity ∝ q_i (memory IS, output-gradient norm, α_q = 0.1), colour = class. ${where} ${verdict} ${statsText}.`,
      o.q,
      `Ours (memory q), epoch ${o.epoch}`,
    );
  }
  emit(
    'asis-fig1-dlis',
    `[AS-IS] Fig. 1: DLIS importance on toy2d at epoch ${s.dlisEpochs}`,
    `Opacity ∝ the DLIS last-layer bound ‖u‖·√(‖h‖² + 1) of each point at the end of a ${s.dlisEpochs}-epoch DLIS ` +
      `run. ${where} ${verdict} ${statsText}.`,
    first.dlis.scores,
    `DLIS, epoch ${s.dlisEpochs}`,
  );
  return entries;
};
