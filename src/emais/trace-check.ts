import * as tf from '@tensorflow/tfjs';
import { gatherBatch, range, type Dataset } from '../data/dataset.js';
import type { Loss } from '../losses/types.js';
import type { Model } from '../models/types.js';
import type { Rng } from '../random/rng.js';
import { cumulativeSum, drawFromCdf } from '../random/sample-cdf.js';
import { cappedPmf } from './capped-pmf.js';
import { effectiveMinibatch } from './effective-minibatch.js';
import { efficiencyScore } from './efficiency-score.js';
import { datasetGradients, exactTracesFromNorms, type ExactTraces } from './exact-traces.js';
import { fullGradientTraces } from './full-gradient-traces.js';
import { varianceTracesFromVectors } from './variance-traces.js';

/** Options of {@link traceCheck}. */
export interface TraceCheckOptions {
  /** Minibatch size B of the IS draws. Default 64. */
  batchSize: number;
  /** IS minibatches drawn; their trace estimates are averaged (a moving average of the logged per-step values
   * does the same in training). Default 8. */
  repeats: number;
  /** σ of the log-normal noise on the optimal logit weights that define the IS pmf ([EMAIS] Fig. 4). Default 0.5. */
  noise: number;
  /** D_max of the cap on the IS pmf. Default 2. */
  maxDup: number;
}

/** Defaults of {@link TraceCheckOptions}. */
export const traceCheckDefaults: Readonly<TraceCheckOptions> = Object.freeze({
  batchSize: 64,
  repeats: 8,
  noise: 0.5,
  maxDup: 2,
});

/** Estimated quantities (traces averaged over `repeats` minibatches; B_eff, s from them). */
export interface TraceEstimate {
  trIS: number;
  trU: number;
  trOpt: number;
  ems: number;
  efficiency: number;
}

/** What {@link traceCheck} finds at one frozen θ. */
export interface TraceCheck {
  /** Exact values over the whole training set (full per-sample gradients). */
  exact: ExactTraces;
  /** Minibatch estimates from full per-sample parameter gradients (METHODS §5.4). */
  full: TraceEstimate;
  /** Minibatch estimates from logit gradients ([EMAIS] Eqs. 10–12). */
  logit: TraceEstimate;
  /** Pearson correlation of ‖u_i‖ and ‖g_i‖ over the whole set ([EMAIS] Fig. 3). */
  normCorrelation: number;
}

/** Median relative errors over several {@link TraceCheck}s (see {@link summarizeTraceChecks}). */
export interface TraceSummary {
  /** Median of |full − exact|/|exact| for trIS, trU, trOpt, ems and efficiency. */
  fullVsExact: Record<keyof TraceEstimate, number>;
  /** Median of |logit − full|/|full| for ems and efficiency (ratios are comparable). */
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

/**
 * The three traces of one minibatch with the effective minibatch size and the efficiency score they imply.
 * @param B minibatch size.
 * @example
 * traceEstimate(64, 1, 2, 0.5); // { trIS: 1, trU: 2, trOpt: 0.5, ems: 128, efficiency: 0.666… }
 */
export function traceEstimate(B: number, trIS: number, trU: number, trOpt: number): TraceEstimate {
  return {
    trIS,
    trU,
    trOpt,
    ems: effectiveMinibatch(B, trU, trIS), // [EMAIS] Eq. 7
    efficiency: efficiencyScore(trIS, trU, trOpt), // METHODS §5.7
  };
}

/**
 * Checks the minibatch variance estimators at one frozen θ ([EMAIS] Figs. 3–5): computes every per-sample
 * gradient norm ‖g_i‖ and ‖G‖² (exact traces over the whole set, METHODS Eq. 1.2 / [EMAIS] Eq. 6) for an IS pmf
 * p ∝ ‖u_i‖·exp(noise·z_i) capped at D_max/B, then draws `repeats` minibatches of B from p and estimates the
 * traces from full gradients ({@link fullGradientTraces}) and from logit gradients u_b. Cost: N + repeats·B
 * backward passes. The model is not changed.
 *
 * Symbols: N = `data.n`, B = `batchSize`, C = number of model outputs, u_i = ∂ℓ/∂m_i (C), λ_b = 1/(N p_b).
 *
 * @param model the model at θ.
 * @param loss a loss with `outputGrad` (u_i).
 * @param data the training set (all N rows are used).
 * @param options partial {@link TraceCheckOptions}; defaults `{ batchSize: 64, repeats: 8, noise: 0.5, maxDup: 2 }`.
 * @param rng the kit's seeded generator: N normals (noise), then B·repeats uniforms (draws).
 * @example
 * const c = traceCheck(model, task.loss, task.train, { repeats: 4 }, createRng(0));
 * c.full.ems / c.exact.ems; // ≈ 1
 */
export function traceCheck(
  model: Model,
  loss: Loss,
  data: Dataset,
  options: Partial<TraceCheckOptions>,
  rng: Rng,
): TraceCheck {
  const o = { ...traceCheckDefaults, ...options };
  if (!Number.isInteger(o.repeats) || o.repeats < 1) {
    throw new RangeError(`traceCheck: repeats must be an integer ≥ 1, got ${o.repeats}`);
  }
  if (loss.outputGrad === undefined) {
    throw new Error(`traceCheck: the loss '${loss.name}' has no outputGrad (needed for the logit estimates)`);
  }
  const outputGrad = loss.outputGrad.bind(loss);
  const N = data.n;
  const B = o.batchSize;
  const all = gatherBatch(data, range(N)); // (N, ...), (N)
  try {
    const { norms, gSq } = datasetGradients(model, loss, all.x, all.y); // (N), scalar
    const uAll = tf.tidy(() => {
      const m = model.apply(all.x, false).output; // (N, C)
      return outputGrad(m, all.y); // (N, C)
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
    const w = new Float64Array(N); // (N,) noisy optimal logit weights ([EMAIS] Fig. 4)
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
        lambda[b] = 1 / (N * p[i]); // [EMAIS] Eq. 2
      }
      const batch = gatherBatch(data, idx);
      const tf1 = fullGradientTraces(model, loss, batch.x, batch.y, lambda); // METHODS §5.4
      tf.dispose([batch.x, batch.y]);
      const ub = new Float32Array(B * C); // (B × C)
      for (let b = 0; b < B; b++) ub.set(u.subarray(idx[b] * C, idx[b] * C + C), b * C);
      const tl = varianceTracesFromVectors(lambda, ub, C); // [EMAIS] Eqs. 10–12
      full[0] += tf1.trIS / o.repeats;
      full[1] += tf1.trU / o.repeats;
      full[2] += tf1.trOpt / o.repeats;
      logit[0] += tl.trIS / o.repeats;
      logit[1] += tl.trU / o.repeats;
      logit[2] += tl.trOpt / o.repeats;
    }
    return {
      exact,
      full: traceEstimate(B, full[0], full[1], full[2]),
      logit: traceEstimate(B, logit[0], logit[1], logit[2]),
      normCorrelation: pearson(uNorm, norms),
    };
  } finally {
    tf.dispose([all.x, all.y]);
  }
}

/**
 * Median relative errors over checks: estimate from full gradients vs exact, and logit vs full.
 * @param checks one or more {@link TraceCheck}s (e.g. at several training steps).
 * @example
 * summarizeTraceChecks([c0, c1, c2]).fullVsExact.trIS; // median |full − exact| / |exact|
 */
export function summarizeTraceChecks(checks: readonly TraceCheck[]): TraceSummary {
  if (checks.length === 0) throw new RangeError('summarizeTraceChecks: checks must not be empty');
  const keys = ['trIS', 'trU', 'trOpt', 'ems', 'efficiency'] as const;
  const fullVsExact = Object.fromEntries(
    keys.map((k) => [k, median(checks.map((c) => rel(c.full[k], c.exact[k])))]),
  ) as Record<keyof TraceEstimate, number>;
  return {
    fullVsExact,
    logitVsFull: {
      ems: median(checks.map((c) => rel(c.logit.ems, c.full.ems))),
      efficiency: median(checks.map((c) => rel(c.logit.efficiency, c.full.efficiency))),
    },
  };
}
