import * as tf from '@tensorflow/tfjs';
import type { BackendRequest } from '../backend/setup-backend.js';
import { gatherBatch, range } from '../data/dataset.js';
import { createRng } from '../random/rng.js';
import { cumulativeSum, drawFromCdf } from '../random/sample-cdf.js';
import { createTrainer } from '../train/trainer.js';
import { cappedPmf } from './capped-pmf.js';
import { effectiveMinibatch } from './effective-minibatch.js';
import { efficiencyScore } from './efficiency-score.js';
import { datasetGradients, exactTracesFromNorms, type ExactTraces } from './exact-traces.js';
import { fullGradientTraces } from './full-gradient-traces.js';
import { varianceTracesFromVectors } from './variance-traces.js';

/** Options of {@link validateTraces}. */
export interface ValidateTracesOptions {
  /** Classification task trained with SGD-Scan ('uniform') between checkpoints. Default 'toy2d'. */
  task: string;
  /** Steps at which θ is frozen and the estimators are checked (increasing, ≥ 0). Default [0, 100, 300]. */
  checkpoints: number[];
  /** Minibatch size B of the IS draws. Default 64. */
  batchSize: number;
  /** IS minibatches drawn per checkpoint; their trace estimates are averaged (a moving average of the logged
   * per-step values does the same in training). Default 8. */
  repeats: number;
  /** σ of the log-normal noise on the optimal logit weights that define the IS pmf (EMAIS Fig. 4). Default 0.5. */
  noise: number;
  /** D_max of the cap on the IS pmf. Default 2. */
  maxDup: number;
  /** Run seed (model init, SGD-Scan order, IS draws). Default 0. */
  seed: number;
  /** Backend. Default 'cpu'. */
  backend: BackendRequest;
}

/** Defaults of {@link ValidateTracesOptions}. */
export const validateTracesDefaults: Readonly<ValidateTracesOptions> = Object.freeze({
  task: 'toy2d',
  checkpoints: [0, 100, 300],
  batchSize: 64,
  repeats: 8,
  noise: 0.5,
  maxDup: 2,
  seed: 0,
  backend: 'cpu' as BackendRequest,
});

/** Estimated quantities at one checkpoint (traces averaged over `repeats` minibatches; B_eff, s from them). */
export interface TraceEstimate {
  trIS: number;
  trU: number;
  trOpt: number;
  ems: number;
  efficiency: number;
}

/** One checkpoint of {@link validateTraces}. */
export interface TraceCheckpoint {
  step: number;
  /** Exact values over the whole training set (full per-sample gradients). */
  exact: ExactTraces;
  /** Minibatch estimates from full per-sample parameter gradients (METHODS §5.4). */
  full: TraceEstimate;
  /** Minibatch estimates from logit gradients (EMAIS Eqs. 10–12). */
  logit: TraceEstimate;
  /** Pearson correlation of ‖u_i‖ and ‖g_i‖ over the whole set (EMAIS Fig. 3). */
  normCorrelation: number;
}

/** Result of {@link validateTraces}: checkpoints and median relative errors over them. */
export interface ValidateTracesResult {
  checkpoints: TraceCheckpoint[];
  /** Median over checkpoints of |full − exact|/|exact| for trIS, trU, trOpt, ems and efficiency. */
  fullVsExact: Record<keyof TraceEstimate, number>;
  /** Median over checkpoints of |logit − full|/|full| for ems and efficiency (ratios are comparable). */
  logitVsFull: { ems: number; efficiency: number };
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] / n;
    mb += b[i] / n;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

function finish(B: number, trIS: number, trU: number, trOpt: number): TraceEstimate {
  return {
    trIS,
    trU,
    trOpt,
    ems: effectiveMinibatch(B, trU, trIS), // EMAIS Eq. 7
    efficiency: efficiencyScore(trIS, trU, trOpt), // METHODS §5.7
  };
}

/**
 * Validates the minibatch variance estimators (issue 4, item 6; [EMAIS] Figs. 3–5): trains `task` with SGD-Scan
 * and, at each checkpoint, computes every per-sample gradient norm ‖g_i‖ and ‖G‖² (exact traces over the whole
 * training set, METHODS Eq. 1.2 / EMAIS Eq. 6) for an IS pmf p ∝ ‖u_i‖·exp(noise·z_i) capped at D_max/B, then
 * draws `repeats` minibatches of B from p and estimates the traces from full gradients
 * ({@link fullGradientTraces}) and from logit gradients u_b. Cost: N + repeats·B backward passes per checkpoint.
 *
 * @param options partial {@link ValidateTracesOptions}; defaults `{ task: 'toy2d', checkpoints: [0, 100, 300],
 *   batchSize: 64, repeats: 8, noise: 0.5, maxDup: 2, seed: 0, backend: 'cpu' }`.
 * @example
 * const r = await validateTraces({ task: 'mnist-mlp', checkpoints: [100, 400] });
 * r.fullVsExact.trIS; // median relative error
 */
export async function validateTraces(
  options: Partial<ValidateTracesOptions> = {},
): Promise<ValidateTracesResult> {
  const o = { ...validateTracesDefaults, ...options };
  if (!Number.isInteger(o.repeats) || o.repeats < 1) {
    throw new RangeError(`validateTraces: repeats must be an integer ≥ 1, got ${o.repeats}`);
  }
  const trainer = await createTrainer({
    task: o.task,
    method: 'uniform',
    seed: o.seed,
    backend: o.backend,
    epochs: 1000,
    evalEvery: 0,
  });
  const rng = createRng(o.seed).derive('validate-traces');
  const { task, model } = trainer;
  const N = task.train.n;
  const B = o.batchSize;
  const out: TraceCheckpoint[] = [];
  try {
    for (const step of [...o.checkpoints].sort((a, b) => a - b)) {
      while (trainer.step < step) trainer.runStep();
      const all = gatherBatch(task.train, range(N)); // (N, ...), (N)
      const { norms, gSq } = datasetGradients(model, task.loss, all.x, all.y); // (N), scalar
      const uAll = tf.tidy(() => {
        const m = model.apply(all.x, false).output; // (N, C)
        return task.loss.outputGrad!(m, all.y); // (N, C)
      });
      const C = uAll.shape[1];
      const u = uAll.dataSync() as Float32Array; // (N × C)
      uAll.dispose();
      const uNorm = new Float64Array(N); // (N,)
      for (let i = 0; i < N; i++) {
        let s = 0;
        for (let k = 0; k < C; k++) s += u[i * C + k] ** 2;
        uNorm[i] = Math.sqrt(s);
      }
      const w = new Float64Array(N); // (N,) noisy optimal logit weights (EMAIS Fig. 4)
      for (let i = 0; i < N; i++) w[i] = Math.max(uNorm[i], 1e-8) * Math.exp(o.noise * rng.normal());
      const p = cappedPmf(w, o.maxDup / B); // (N,)
      const exact = exactTracesFromNorms(norms, gSq, p, B);
      const cdf = cumulativeSum(p); // (N,)
      const full = [0, 0, 0];
      const logit = [0, 0, 0];
      for (let r = 0; r < o.repeats; r++) {
        const idx = new Int32Array(B); // (B,)
        const lambda = new Float64Array(B); // (B,)
        for (let b = 0; b < B; b++) {
          const i = drawFromCdf(cdf, rng); // i ~ p
          idx[b] = i;
          lambda[b] = 1 / (N * p[i]); // EMAIS Eq. 2
        }
        const batch = gatherBatch(task.train, idx);
        const tf1 = fullGradientTraces(model, task.loss, batch.x, batch.y, lambda); // METHODS §5.4
        tf.dispose([batch.x, batch.y]);
        const ub = new Float32Array(B * C); // (B × C)
        for (let b = 0; b < B; b++) ub.set(u.subarray(idx[b] * C, idx[b] * C + C), b * C);
        const tl = varianceTracesFromVectors(lambda, ub, C); // EMAIS Eqs. 10–12
        full[0] += tf1.trIS / o.repeats;
        full[1] += tf1.trU / o.repeats;
        full[2] += tf1.trOpt / o.repeats;
        logit[0] += tl.trIS / o.repeats;
        logit[1] += tl.trU / o.repeats;
        logit[2] += tl.trOpt / o.repeats;
      }
      tf.dispose([all.x, all.y]);
      out.push({
        step,
        exact,
        full: finish(B, full[0], full[1], full[2]),
        logit: finish(B, logit[0], logit[1], logit[2]),
        normCorrelation: pearson(uNorm, norms),
      });
    }
  } finally {
    trainer.dispose();
  }
  const keys = ['trIS', 'trU', 'trOpt', 'ems', 'efficiency'] as const;
  const fullVsExact = Object.fromEntries(
    keys.map((k) => [k, median(out.map((c) => rel(c.full[k], c.exact[k])))]),
  ) as Record<keyof TraceEstimate, number>;
  return {
    checkpoints: out,
    fullVsExact,
    logitVsFull: {
      ems: median(out.map((c) => rel(c.logit.ems, c.full.ems))),
      efficiency: median(out.map((c) => rel(c.logit.efficiency, c.full.efficiency))),
    },
  };
}
