import * as tf from '@tensorflow/tfjs';
import { gatherBatch, range } from '../../data/dataset.js';
import { spearmanCorrelation } from '../../diagnostics/spearman-correlation.js';
import { importanceMapFigure, type ImportancePoint } from '../../figures/importance-map-figure.js';
import { getImportance } from '../../importance/registry.js';
import type { DlisSampler } from '../../samplers/dlis.js';
import type { MemorySampler } from '../../samplers/memory-sampler.js';
import type { Sampler } from '../../samplers/types.js';
import { ciAbove, formatMeanCi, meanCi } from '../../stats/seed-summary.js';
import { topShare } from '../../stats/top-share.js';
import { createTrainer, type Trainer } from '../../train/trainer.js';
import type { ComputeJob } from '../../experiments/compute-job.js';
import { commonSettings, type FigureSpec } from '../../experiments/figure-spec.js';
import type { OptionSpecs } from '../../options/option-spec.js';

/** When the maps of [AS-IS] Fig. 1 are drawn (toy2d, 800 points, the task's defaults: Adam 0.01, B = 32). */
export interface AsisFig1Epochs {
  /** Epochs at which our memory q is drawn ([AS-IS] Fig. 1: three epochs). */
  oursEpochs: number[];
  /** Epochs of the DLIS run; its scores are drawn at the end ([AS-IS] Fig. 1: epoch 100). */
  dlisEpochs: number;
}

const settings = {
  ...commonSettings,
  scale: {
    ...commonSettings.scale,
    help: "'quick' or 'full': the same (the toy task is cheap at the paper's epochs)",
  },
  oursEpochs: {
    kind: 'list',
    default: [1, 3, 10],
    help: 'epochs at which our memory q is drawn (positive integers; [AS-IS] Fig. 1: three)',
  },
  dlisEpochs: { kind: 'int', default: 100, min: 1, help: 'epochs of the DLIS run, drawn at its end' },
} as const satisfies OptionSpecs;

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
 * const r = await asisFig1Seed(1, { oursEpochs: [1, 3, 10], dlisEpochs: 100 });
 */
export async function asisFig1Seed(seed: number, s: AsisFig1Epochs): Promise<AsisFig1Seed> {
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
      ours.push({ epoch, q, boundaryRho: spearmanCorrelation(q, negMargins(is)), top10: topShare(q) });
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
        top10: topShare(scores),
      },
      cpuSeconds: (c.user + c.system) / 1e6,
    };
  } finally {
    dl.dispose();
  }
}

/**
 * One seed of the figure as a job (stored in `results/asis-fig1/`), for the runner's workers and for `make`.
 * @example
 * asisFig1Job(1, { oursEpochs: [1, 3, 10], dlisEpochs: 100 }).fn; // 'asisFig1Seed'
 */
export function asisFig1Job(seed: number, s: AsisFig1Epochs): ComputeJob {
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
 * [AS-IS] Fig. 1 (METHODS §7.2): the 800 toy2d training points with opacity ∝ importance — our memory q
 * (memory IS with the output-gradient norm) at `oursEpochs`, and DLIS's last-layer scores at the end of its run —
 * and, over seeds, how much the importance focuses on the decision boundary (Spearman ρ between the weight and
 * −margin) and on few points (top-10% share). One stored measurement per seed ({@link asisFig1Job}).
 */
export const asisFig1ImportanceMap: FigureSpec<typeof settings> = {
  id: 'asis/fig1-importance-map',
  title: '[AS-IS] Fig. 1: importance maps on toy2d (ours vs DLIS)',
  paper: '[AS-IS] Fig. 1',
  settings,
  plan: (s) => {
    if (!s.oursEpochs.every((e) => Number.isSafeInteger(e) && e >= 1) || s.oursEpochs.length === 0) {
      throw new RangeError(
        `figure asis/fig1-importance-map: setting oursEpochs must be positive integers, got [${s.oursEpochs.join(', ')}]`,
      );
    }
    const at = { oursEpochs: s.oursEpochs, dlisEpochs: s.dlisEpochs };
    return { runs: [], computations: s.seeds.map((seed) => asisFig1Job(seed, at)) };
  },
  make: ({ computed }, s) => {
    const seeds = computed as AsisFig1Seed[];
    const cpu = seeds.reduce((a, r) => a + r.cpuSeconds, 0);
    const first = seeds[0];
    const ci = (v: number[]) => formatMeanCi(meanCi(v), 3);
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
    const switches = seeds
      .filter((r) => r.dlis.switchStep >= 0)
      .map((r) => r.dlis.switchStep / r.dlis.stepsPerEpoch);
    const dlisRho = seeds.map((r) => r.dlis.boundaryRho);
    const statsText =
      oursStats
        .map((o) => `ours at epoch ${o.epoch}: ρ(q, −margin) ${ci(o.rho)}, top-10% share ${ci(o.top10)}`)
        .join('; ') +
      `; DLIS at epoch ${s.dlisEpochs}: ρ ${ci(dlisRho)}, top-10% share ${ci(seeds.map((r) => r.dlis.top10))}`;
    const lastRho = oursStats[oursStats.length - 1].rho;
    const agrees = ciAbove(meanCi(lastRho)) && ciAbove(meanCi(dlisRho)); // > 0 with 95% confidence
    const where = `toy2d (800 training points, 3 classes, MLP 2-32-32-3, Adam, B = 32), points of seed ${s.seeds[0]}; statistics over seeds ${s.seeds.join(', ')} (mean ± 95% t); ${cpu.toFixed(0)} s CPU.`;
    const verdict =
      (agrees
        ? 'Agrees with [AS-IS] Fig. 1: both importance maps concentrate on the decision boundaries (ρ between weight and −margin > 0 with 95% confidence), ours already after a few epochs.'
        : 'Differs from [AS-IS] Fig. 1: the boundary focus (ρ between weight and −margin) is not positive with 95% confidence for both methods.') +
      (switches.length === 0
        ? ` DLIS did not switch to importance sampling within its ${s.dlisEpochs} epochs`
        : ` DLIS switched to importance sampling after ${ci(switches)} epochs`) +
      ' (the paper draws it at epoch 100).';
    const map = (file: string, title: string, caption: string, w: readonly number[], short: string) => ({
      file,
      title,
      caption,
      figure: importanceMapFigure(points(w), { title: short }),
    });
    return [
      ...first.ours.map((o) =>
        map(
          `asis-fig1-ours-epoch${o.epoch}`,
          `[AS-IS] Fig. 1: our importance memory q on toy2d after epoch ${o.epoch}`,
          `Opacity ∝ q_i (memory IS, output-gradient norm, α_q = 0.1), colour = class. ${where} ${verdict} ${statsText}.`,
          o.q,
          `Ours (memory q), epoch ${o.epoch}`,
        ),
      ),
      map(
        'asis-fig1-dlis',
        `[AS-IS] Fig. 1: DLIS importance on toy2d at epoch ${s.dlisEpochs}`,
        `Opacity ∝ the DLIS last-layer bound ‖u‖·√(‖h‖² + 1) of each point at the end of a ${s.dlisEpochs}-epoch DLIS ` +
          `run. ${where} ${verdict} ${statsText}.`,
        first.dlis.scores,
        `DLIS, epoch ${s.dlisEpochs}`,
      ),
    ];
  },
};
