import { packState, restoreArray, unpackState, type EncodedState } from '../checkpoint/state-codec.js';
import * as tf from '@tensorflow/tfjs';
import { accumulateA, omisCoefficients, solveOmis, type OmisSolveKind } from '../mis/omis-system.js';
import { checkOption, type OptionSpec } from '../options/option-spec.js';
import { isMisSampler } from '../samplers/mis-sampler.js';
import type { EstimatorContext } from './registry.js';
import type { EstimatorInput, EstimatorOutput, GradientEstimator, StepWeights } from './types.js';
import { createWeightedLossEstimator, weightedLossGradients } from './weighted-loss.js';
import { feedTechniqueScores } from './feed-technique-scores.js';
import { traceDenseBackward } from '../models/dense.js';

/** Options of the OMIS estimator. */
export interface OmisEstimatorOptions {
  /** Momentum β ∈ [0, 0.999] of A and b ([MIS] Alg. 2 l.9). Default 0.7. */
  beta: number;
}

/**
 * Declarations of the OMIS options, checked here and reused by the 'omis' method (CLI `--beta`, `--rows`):
 * `beta` momentum β ∈ [0, 0.999] of A and b (default 0.7, [MIS] §5, METHODS §9); `rows` 'auto' (default) or
 * 'passes'.
 */
export const omisOptions = Object.freeze({
  beta: { kind: 'number', default: 0.7, min: 0, max: 0.999, help: 'momentum β of the OMIS system A, b' },
  rows: {
    kind: 'enum',
    default: 'auto',
    values: ['auto', 'passes'],
    help: "β > 0: rows of b from one traced backward pass when the model is dense-only ('auto'), or J passes",
  },
} satisfies Record<string, OptionSpec>);

/** Defaults of {@link OmisEstimatorOptions}: `{ beta: 0.7 }` ([MIS] §5, METHODS §9). */
export const omisEstimatorDefaults: Readonly<OmisEstimatorOptions> = Object.freeze({
  beta: omisOptions.beta.default,
});

const SOLVE_CODE: Record<OmisSolveKind, number> = { cholesky: 0, pinv: 1, zero: 2 };

/**
 * The J rows of one parameter, stacked in one tensor: 'jFirst' (J, ...shape) from J passes or for biases;
 * 'inJOut' (in, J·out) for a dense weight W (in, out) from one traced pass, the layout its single matMul produces.
 */
type StackedRows =
  { layout: 'jFirst'; t: tf.Tensor } | { layout: 'inJOut'; t: tf.Tensor2D; nIn: number; nOut: number };

/** Σ_j v_j row_j of stacked rows, in the parameter's shape. */
function combineRows(s: StackedRows, v: tf.Tensor2D, shape: number[]): tf.Tensor {
  const J = v.shape[1];
  if (s.layout === 'jFirst') return tf.matMul(v, s.t.reshape([J, -1])).reshape(shape); // (1, J)·(J, size)
  return s.t
    .reshape([s.nIn, J, s.nOut])
    .mul(v.reshape([1, J, 1]))
    .sum(1); // (in, out)
}

/**
 * Optimal multiple importance sampling ([OMIS]; [MIS] Alg. 2 in the consistent form (a) of METHODS §4.6).
 *
 * Symbols: J techniques, B rows, P parameters, A (J × J) and b (J × P) accumulated with momentum β, c_s (J) the
 * per-row coefficients of {@link omisCoefficients}, v = A⁻¹ 1 (J).
 *
 * Since A is symmetric, Ĝ = Σ_j α_j = 1ᵀ A⁻¹ b = Σ_j v_j b_j, so only the J × J solve is done on the host.
 * - β = 0: b = b̂, and Ĝ = Σ_s γ_s ∇ℓ_s with γ_s = vᵀ c_s (METHODS §4.7): **one** weighted backward pass.
 * - β > 0: the rows b̂_j = ∇ Σ_s c_{sj} ℓ_s (no per-sample gradients) come from ONE traced backward pass when every
 *   parameter sits in a kit dense layer (`rows: 'auto'`), else from J weighted backward passes (`rows: 'passes'`);
 *   b_j ← β b_j + (1 − β) b̂_j is kept on the device, one stacked tensor per parameter, then Ĝ = Σ_j v_j b_j.
 * Init-epoch batches (no `batch.mis`) take the plain weighted-loss step. Techniques without mass or a singular A
 * fall back to the pseudo-inverse (or Ĝ = 0 when A = 0); the step stays finite and the diagnostics columns
 * `omisSolve` (0 Cholesky, 1 pseudo-inverse, 2 zero) and `omisWarnings` (running count of fallbacks) log it.
 * @param ctx `ctx.sampler` must be the 'mis' sampler; `ctx.options.beta` (default 0.7).
 * @example
 * const est = createOmisEstimator({ n: 4096, options: { beta: 0.7 }, sampler });
 */
export function createOmisEstimator(ctx: EstimatorContext): GradientEstimator {
  const { sampler, n: N } = ctx;
  if (!isMisSampler(sampler))
    throw new Error(`omis estimator: needs the 'mis' sampler, got '${sampler.name}'`);
  const betaOption = ctx.options.beta ?? omisEstimatorDefaults.beta;
  checkOption('omis estimator: option beta', omisOptions.beta, betaOption);
  const beta = betaOption as number;
  const misSampler = sampler; // narrowed to MisSampler for the nested functions
  const J = sampler.J;
  const A = new Float64Array(J * J); // (J, J)
  let b: StackedRows[] | null = null; // per parameter (model.params order), its J rows b_j stacked
  const plain = createWeightedLossEstimator();
  let lastSolve = 0;
  let warnings = 0;
  let lastJitter = 0;
  let lastRowsMode = 0; // 1 when the last step formed the J rows from one traced backward pass
  const rowsMode = ctx.options.rows ?? omisOptions.rows.default;
  checkOption('omis estimator: option rows', omisOptions.rows, rowsMode);

  /**
   * The step's first (or only) pass: ∇ Σ_s w_s ℓ_s and its forward tensors; it also calls `afterForward`, for the
   * learning-rate factor (OMIS sets its own weights w), and returns the decision.
   */
  function firstPass<D extends StepWeights>(input: EstimatorInput<D>, w: Float64Array) {
    return weightedLossGradients(
      input,
      (losses, output) => ({ weights: w, result: input.afterForward(losses, output) }),
      'sum',
    );
  }

  /** A further pass of the same step: ∇ Σ_s w_s ℓ_s only. */
  function extraPass(input: EstimatorInput<StepWeights>, w: Float64Array): tf.Tensor[] {
    const { grads, forward } = weightedLossGradients(input, () => ({ weights: w, result: null }), 'sum');
    tf.dispose([forward.output, forward.hidden, forward.losses]);
    return grads;
  }

  return {
    name: 'omis',
    estimate<D extends StepWeights>(input: EstimatorInput<D>): EstimatorOutput<D> {
      const mis = input.batch.mis;
      if (mis === undefined) {
        const out = plain.estimate(input); // init epoch: SGD-Scan step (METHODS §3.2)
        feed(out, input);
        return out;
      }
      const B = input.batch.indices.length;
      const { W, c } = omisCoefficients(mis.probs, mis.counts, N, 'a'); // METHODS §4.6 (a)
      accumulateA(A, W, beta); // [MIS] Alg. 2 l.9, l.17
      const ones = new Float64Array(J).fill(1);
      const sol = solveOmis(A, ones); // v = A⁻¹ 1, so Σ_j α_j = vᵀ b
      lastSolve = SOLVE_CODE[sol.kind];
      lastJitter = sol.jitter;
      if (sol.kind !== 'cholesky') warnings++;
      const v = sol.x; // (J)
      let out: EstimatorOutput<D>;
      if (beta === 0) {
        const gamma = new Float64Array(B); // (B) METHODS §4.7: γ_s = 1ᵀ Â⁻¹ c_s
        for (let s = 0; s < B; s++) for (let k = 0; k < J; k++) gamma[s] += v[k] * c[s * J + k];
        const r = firstPass(input, gamma);
        out = { grads: r.grads, ...r.forward, decision: r.result };
      } else {
        // fresh[p] = (1 − β) b̂ for parameter p, all J rows stacked
        const { fresh, forward, decision } = rowsOfB(input, c, B) ?? rowsByPasses(input, c, B);
        const prev = b;
        b = fresh.map((f, p) => {
          if (prev === null) return f;
          const old = prev[p];
          if (old.layout !== f.layout)
            throw new Error('omis estimator: the layout of b changed between steps');
          const t = tf.tidy(() => old.t.mul(beta).add(f.t)); // [MIS] Alg. 2 l.9, l.18: b ← β b + (1 − β) b̂
          tf.dispose([old.t, f.t]);
          return { ...f, t } as StackedRows;
        });
        const bs = b;
        const params = input.model.params;
        // [MIS] Alg. 2 l.21–22: Σ_j α_j = vᵀ b
        const grads = tf.tidy(() => {
          const vt = tf.tensor2d(Float32Array.from(v), [1, J]); // (1, J)
          return params.map((w, p) => combineRows(bs[p], vt, w.shape));
        });
        out = { grads, ...forward, decision };
      }
      feed(out, input);
      return out;
    },
    diagnostics: () => ({
      omisSolve: lastSolve,
      omisWarnings: warnings,
      omisJitter: lastJitter,
      omisRowsOnePass: lastRowsMode,
    }),
    saveState(): EncodedState {
      const rows =
        b === null
          ? null
          : b.map((r) => ({
              layout: r.layout,
              shape: r.t.shape,
              data: r.t.dataSync() as Float32Array, // float32 bytes: exact
              nIn: r.layout === 'inJOut' ? r.nIn : 0,
              nOut: r.layout === 'inJOut' ? r.nOut : 0,
            }));
      return packState('omis', { A, b: rows, lastSolve, warnings, lastJitter, lastRowsMode });
    },
    loadState(state: EncodedState): void {
      const s = unpackState<{
        A: Float64Array;
        b:
          | {
              layout: StackedRows['layout'];
              shape: number[];
              data: Float32Array;
              nIn: number;
              nOut: number;
            }[]
          | null;
        lastSolve: number;
        warnings: number;
        lastJitter: number;
        lastRowsMode: number;
      }>('omis', state);
      restoreArray('omis.A', A, s.A);
      if (b !== null) tf.dispose(b.map((r) => r.t));
      b =
        s.b === null
          ? null
          : s.b.map((r): StackedRows =>
              r.layout === 'jFirst'
                ? { layout: 'jFirst', t: tf.tensor(r.data, r.shape) }
                : {
                    layout: 'inJOut',
                    t: tf.tensor2d(r.data, r.shape as [number, number]),
                    nIn: r.nIn,
                    nOut: r.nOut,
                  },
            );
      ({ lastSolve, warnings, lastJitter, lastRowsMode } = s);
    },
    dispose() {
      if (b !== null) tf.dispose(b.map((r) => r.t));
      b = null;
    },
  };

  /** The J rows b̂_j = ∇ Σ_s c_{sj} ℓ_s by J weighted forward/backward passes (any model). */
  function rowsByPasses<D extends StepWeights>(input: EstimatorInput<D>, c: Float64Array, B: number) {
    const column = (j: number) => Float64Array.from({ length: B }, (_, s) => c[s * J + j]); // (B) c_{·j}
    const first = firstPass(input, column(0)); // row b̂_0 (METHODS §4.7)
    const rows: tf.Tensor[][] = [first.grads];
    for (let j = 1; j < J; j++) rows.push(extraPass(input, column(j))); // row b̂_j
    const fresh = input.model.params.map((_, p): StackedRows => {
      const t = tf.tidy(() => tf.stack(rows.map((row) => row[p])).mul(1 - beta)); // (J, ...shape)
      return { layout: 'jFirst', t };
    });
    rows.forEach((row) => tf.dispose(row));
    lastRowsMode = 0;
    return { fresh, forward: first.forward, decision: first.result };
  }

  /**
   * The same rows from ONE backward pass of Σ_s ℓ_s, for models whose parameters all sit in dense layers fed one
   * row per sample: each layer's b̂_j(W) = hᵀ (c_{·j} ⊙ dz), b̂_j(b) = c_{·j}ᵀ dz (METHODS §4.7), all J at once as
   * hᵀ [c_{·1} ⊙ dz | … | c_{·J} ⊙ dz]. Returns null (after cleaning up) when the model does not qualify.
   */
  function rowsOfB<D extends StepWeights>(input: EstimatorInput<D>, c: Float64Array, B: number) {
    if (rowsMode === 'passes') return null;
    const params = input.model.params;
    const { result, traces } = traceDenseBackward(() => firstPass(input, new Float64Array(B).fill(1)));
    const index = new Map(params.map((p, k) => [p, k]));
    const covered = new Set<number>();
    let ok = traces.every((t) => t.h.shape[0] === B && index.has(t.W) && index.has(t.b));
    for (const t of traces) {
      for (const v of [t.W, t.b]) {
        const k = index.get(v);
        if (k === undefined || covered.has(k)) ok = false;
        else covered.add(k);
      }
    }
    ok = ok && covered.size === params.length;
    tf.dispose(result.grads);
    if (!ok) {
      for (const t of traces) tf.dispose([t.h, t.dz]);
      const f = result.forward;
      tf.dispose([f.output, f.hidden, f.losses]);
      return null;
    }
    const fresh = new Array<StackedRows>(params.length);
    tf.tidy(() => {
      const C = tf.tensor2d(
        Float32Array.from(c, (x) => (1 - beta) * x),
        [B, J],
      ); // (B, J) (1 − β) c_{sj}
      for (const t of traces) {
        const [, nIn] = t.h.shape;
        const nOut = t.dz.shape[1];
        const dzJ = t.dz
          .expandDims(1)
          .mul(C.expandDims(2))
          .reshape([B, J * nOut]); // (B, J·out)
        const dW = tf.matMul(tf.transpose(t.h), dzJ) as tf.Tensor2D; // (in, J·out): hᵀ [c_1 ⊙ dz | … | c_J ⊙ dz]
        const db = tf.matMul(tf.transpose(C), t.dz); // (J, out)
        fresh[index.get(t.W) as number] = { layout: 'inJOut', t: tf.keep(dW), nIn, nOut };
        fresh[index.get(t.b) as number] = { layout: 'jFirst', t: tf.keep(db) };
      }
    });
    for (const t of traces) tf.dispose([t.h, t.dz]);
    lastRowsMode = 1;
    return { fresh, forward: result.forward, decision: result.result };
  }

  function feed(out: EstimatorOutput<StepWeights>, input: EstimatorInput<StepWeights>): void {
    try {
      feedTechniqueScores(misSampler, input.loss, out.output, out.hidden, input.y);
    } catch (e) {
      tf.dispose([...out.grads, out.output, out.hidden, out.losses]);
      throw e;
    }
  }
}
