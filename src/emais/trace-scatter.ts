import * as tf from '@tensorflow/tfjs';
import { gatherBatch, type Dataset } from '../data/dataset.js';
import { perSampleGradNorms } from '../importance/full-grad.js';
import type { Loss } from '../losses/types.js';
import type { Model } from '../models/types.js';
import type { Rng } from '../random/rng.js';
import { cumulativeSum, drawFromCdf } from '../random/sample-cdf.js';
import { cappedPmf } from './capped-pmf.js';
import { traceEstimate, type TraceEstimate } from './trace-check.js';
import { fullGradientTraces } from './full-gradient-traces.js';
import { varianceTracesFromVectors } from './variance-traces.js';

/** Options of {@link traceScatter}. */
export interface TraceScatterOptions {
  /** Minibatch size B. Default 64. */
  batchSize: number;
  /** Minibatches drawn (one point each in Figs. 4–5). Default 12. */
  minibatches: number;
  /** σ of the log-normal noise on the optimal logit weights, drawn afresh per minibatch ([EMAIS] Fig. 4). Default 0.5. */
  noise: number;
  /** D_max of the cap on the IS pmf (max_i B p_i ≤ D_max). Default 2. */
  maxDup: number;
}

/** Defaults of {@link TraceScatterOptions}. */
export const traceScatterDefaults: Readonly<TraceScatterOptions> = Object.freeze({
  batchSize: 64,
  minibatches: 12,
  noise: 0.5,
  maxDup: 2,
});

/** Trace estimates of one minibatch and the B_eff and efficiency score derived from them. */
/** Traces, B_eff and s of one minibatch (the same record as {@link traceCheck}'s estimates). */
export type TraceTriple = TraceEstimate;

/** What {@link traceScatter} returns. */
export interface TraceScatter {
  /** ‖u_i‖ = ‖∂ℓ_i/∂m_i‖ (logit gradient) of every sample of the population (M). */
  uNorm: number[];
  /** ‖g_i‖ = ‖∇_θ ℓ_i‖ (full gradient) of every sample (M). */
  gNorm: number[];
  /** Per minibatch: the estimates from logit gradients ([EMAIS] Eqs. 10–12) and from full gradients (Prop. 4.1). */
  minibatches: { logit: TraceTriple; full: TraceTriple }[];
}

/**
 * The data of [EMAIS] Figs. 3–5 at one frozen θ, on a population of M samples (`indices` of `data`): every
 * ‖u_i‖ and ‖g_i‖ (Fig. 3), then `minibatches` IS minibatches of B drawn from p ∝ ‖u_i‖·exp(σ z_i) (fresh
 * z ~ N(0, 1) per minibatch, capped at D_max/B), each giving trace estimates from logit gradients and from full
 * per-sample gradients (Fig. 4), and B_eff, s from both (Fig. 5). λ_b = 1/(M p_b) ([EMAIS] Eq. 2). Unlike
 * `traceCheck`, each minibatch is kept (not averaged) and no exact whole-set traces are computed. Cost:
 * M + minibatches·(B + 1) backward passes. The model is not changed.
 *
 * @param model the model at θ.
 * @param loss a loss with `outputGrad`.
 * @param data the training set.
 * @param indices the population (M ≥ 2 sample indices).
 * @param options partial {@link TraceScatterOptions}; defaults `{ batchSize: 64, minibatches: 12, noise: 0.5,
 *   maxDup: 2 }`.
 * @param rng seeded generator: per minibatch M normals, then B uniforms.
 * @example
 * const t = traceScatter(model, task.loss, task.train, range(500), {}, createRng(0));
 * t.minibatches[0].logit.ems; // B_eff from logits
 */
export function traceScatter(
  model: Model,
  loss: Loss,
  data: Dataset,
  indices: ArrayLike<number>,
  options: Partial<TraceScatterOptions>,
  rng: Rng,
): TraceScatter {
  const o = { ...traceScatterDefaults, ...options };
  if (!Number.isInteger(o.minibatches) || o.minibatches < 1) {
    throw new RangeError(`traceScatter: minibatches must be an integer ≥ 1, got ${o.minibatches}`);
  }
  if (!Number.isInteger(o.batchSize) || o.batchSize < 2) {
    throw new RangeError(`traceScatter: batchSize must be an integer ≥ 2, got ${o.batchSize}`);
  }
  if (loss.outputGrad === undefined) {
    throw new Error(
      `traceScatter: the loss '${loss.name}' has no outputGrad (needed for the logit estimates)`,
    );
  }
  const outputGrad = loss.outputGrad.bind(loss);
  const M = indices.length;
  if (M < 2) throw new RangeError(`traceScatter: need ≥ 2 indices, got ${M}`);
  const B = o.batchSize;
  const pop = gatherBatch(data, indices); // (M, ...), (M)
  try {
    const gt = perSampleGradNorms(model, loss, pop.x, pop.y); // (M)
    const gNorm = Array.from(gt.dataSync());
    gt.dispose();
    const uAll = tf.tidy(() => outputGrad(model.apply(pop.x, false).output, pop.y)); // (M, C)
    const C = uAll.shape[1];
    const u = uAll.dataSync() as Float32Array; // (M × C)
    uAll.dispose();
    const uNorm: number[] = [];
    for (let i = 0; i < M; i++) {
      let s = 0;
      for (let k = 0; k < C; k++) s += u[i * C + k] ** 2;
      uNorm.push(Math.sqrt(s));
    }
    const minibatches: TraceScatter['minibatches'] = [];
    for (let r = 0; r < o.minibatches; r++) {
      const w = uNorm.map((v) => Math.max(v, 1e-8) * Math.exp(o.noise * rng.normal())); // noisy optimal logit weights
      const p = cappedPmf(w, o.maxDup / B); // (M)
      const cdf = cumulativeSum(p);
      const local = new Int32Array(B); // (B) positions in the population
      const lambda = new Float64Array(B); // (B)
      for (let b = 0; b < B; b++) {
        const i = drawFromCdf(cdf, rng); // i ~ p
        local[b] = i;
        lambda[b] = 1 / (M * p[i]); // [EMAIS] Eq. 2
      }
      const batch = gatherBatch(
        data,
        Int32Array.from(local, (i) => indices[i]),
      );
      const tfull = fullGradientTraces(model, loss, batch.x, batch.y, lambda); // METHODS §5.4
      tf.dispose([batch.x, batch.y]);
      const ub = new Float32Array(B * C); // (B × C)
      for (let b = 0; b < B; b++) ub.set(u.subarray(local[b] * C, local[b] * C + C), b * C);
      const tlog = varianceTracesFromVectors(lambda, ub, C); // [EMAIS] Eqs. 10–12
      minibatches.push({
        logit: traceEstimate(B, tlog.trIS, tlog.trU, tlog.trOpt),
        full: traceEstimate(B, tfull.trIS, tfull.trU, tfull.trOpt),
      });
    }
    return { uNorm, gNorm, minibatches };
  } finally {
    tf.dispose([pop.x, pop.y]);
  }
}
