import * as tf from '@tensorflow/tfjs';
import { perSampleGradNorms } from '../importance/full-grad.js';
import type { Loss } from '../losses/types.js';
import type { Model } from '../models/types.js';
import { effectiveMinibatch } from './effective-minibatch.js';
import { efficiencyScore } from './efficiency-score.js';

/** Exact traces over the whole dataset (METHODS §1.2, §5.2) and the derived B_eff and efficiency score. */
export interface ExactTraces {
  /** tr Σ_p(w) = Σ_i ‖g_i‖²/(N² p_i) − ‖G‖² (METHODS Eq. 1.2). */
  trIS: number;
  /** tr Σ_U = (1/N) Σ_i ‖g_i‖² − ‖G‖². */
  trU: number;
  /** tr Σ_p(w*) = ((1/N) Σ_i ‖g_i‖)² − ‖G‖² ([EMAIS] Eq. 6). */
  trOpt: number;
  /** B · trU / trIS ([EMAIS] Eq. 7), for the given B. */
  ems: number;
  /** (trIS − trOpt)/(trU − trOpt) (METHODS §5.7). */
  efficiency: number;
}

/**
 * Exact traces from all N per-sample gradient norms, the full-gradient squared norm and a pmf (float64).
 *
 * @param norms ‖g_i‖ (N), finite ≥ 0.
 * @param gSq ‖G‖² = ‖(1/N) Σ_i g_i‖², finite ≥ 0.
 * @param p sampling pmf (N), p_i > 0 wherever ‖g_i‖ > 0, Σp = 1.
 * @param B minibatch size for B_eff, > 0.
 * @example
 * exactTracesFromNorms(new Float64Array([1, 3]), 4, new Float64Array([0.25, 0.75]), 2).trOpt; // 4 − 4 = 0
 */
export function exactTracesFromNorms(
  norms: ArrayLike<number>,
  gSq: number,
  p: ArrayLike<number>,
  B: number,
): ExactTraces {
  const N = norms.length;
  if (N < 1 || p.length !== N) {
    throw new RangeError(
      `exactTracesFromNorms: norms and p must have the same length N ≥ 1, got ${N}, ${p.length}`,
    );
  }
  if (!Number.isFinite(gSq) || gSq < 0) {
    throw new RangeError(`exactTracesFromNorms: gSq must be finite and ≥ 0, got ${gSq}`);
  }
  let sIS = 0;
  let sU = 0;
  let s1 = 0;
  for (let i = 0; i < N; i++) {
    const g = norms[i];
    if (!Number.isFinite(g) || g < 0) {
      throw new RangeError(`exactTracesFromNorms: norms[${i}] must be finite and ≥ 0, got ${g}`);
    }
    if (g > 0) {
      if (!(p[i] > 0)) {
        throw new RangeError(`exactTracesFromNorms: p[${i}] must be > 0 where ‖g_i‖ > 0, got ${p[i]}`);
      }
      sIS += (g * g) / (N * N * p[i]); // METHODS Eq. 1.2
    }
    sU += (g * g) / N; // [EMAIS] Prop. 3.2: E_U‖g‖²
    s1 += g / N; // [EMAIS] Eq. 6: E_U‖g‖
  }
  const trIS = sIS - gSq;
  const trU = sU - gSq;
  const trOpt = s1 * s1 - gSq; // [EMAIS] Eq. 6
  return {
    trIS,
    trU,
    trOpt,
    ems: effectiveMinibatch(B, trU, trIS),
    efficiency: efficiencyScore(trIS, trU, trOpt),
  };
}

/** Per-sample gradient norms and the full gradient of a model over a dataset, read back in float64. */
export interface DatasetGradients {
  /** ‖g_i‖ over all params (N). */
  norms: Float64Array;
  /** ‖G‖² with G = ∇ (1/N) Σ_i ℓ_i. */
  gSq: number;
}

/**
 * Every per-sample parameter-gradient norm ‖g_i‖ (one backward pass per sample, {@link perSampleGradNorms}) and
 * ‖G‖² of the mean-loss gradient, for validating the minibatch estimators ([EMAIS] Figs. 3–5). Slow: N backward
 * passes; meant for N of a few thousand on a small model.
 *
 * @param model the model at its current θ (run with training = false).
 * @param loss the loss.
 * @param x all inputs (N, ...xShape).
 * @param y all targets (N) or (N, ...yShape).
 * @param chunk rows per read-back, integer ≥ 1. Default 256.
 * @example
 * const { norms, gSq } = datasetGradients(model, softmaxCrossEntropy, x, y);
 * exactTracesFromNorms(norms, gSq, pmf, 128);
 */
export function datasetGradients(
  model: Model,
  loss: Loss,
  x: tf.Tensor,
  y: tf.Tensor,
  chunk = 256,
): DatasetGradients {
  const N = x.shape[0];
  if (!Number.isInteger(chunk) || chunk < 1) {
    throw new RangeError(`datasetGradients: chunk must be an integer ≥ 1, got ${chunk}`);
  }
  const norms = new Float64Array(N); // (N,)
  for (let s = 0; s < N; s += chunk) {
    const e = Math.min(N, s + chunk);
    const t = tf.tidy(() => perSampleGradNorms(model, loss, x.slice(s, e - s), y.slice(s, e - s))); // (e − s)
    norms.set(t.dataSync(), s);
    t.dispose();
  }
  // G = ∇(1/N) Σ ℓ_i, accumulated over chunks in float64
  const gParts: Float64Array[] = [];
  for (let s = 0; s < N; s += chunk) {
    const e = Math.min(N, s + chunk);
    const flat = tf.tidy(() => {
      const { grads } = tf.variableGrads(
        () =>
          tf.div(
            tf.sum(loss.perSample(model.apply(x.slice(s, e - s), false).output, y.slice(s, e - s))),
            N,
          ) as tf.Scalar,
        model.params,
      );
      return tf.concat(Object.values(grads).map((g) => g.reshape([-1]))); // (P,)
    });
    gParts.push(Float64Array.from(flat.dataSync()));
    flat.dispose();
  }
  const P = gParts[0]?.length ?? 0;
  let gSq = 0;
  for (let k = 0; k < P; k++) {
    let gk = 0;
    for (const part of gParts) gk += part[k];
    gSq += gk * gk;
  }
  return { norms, gSq };
}
