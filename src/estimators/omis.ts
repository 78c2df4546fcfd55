import { packState, restoreArray, unpackState, type EncodedState } from '../checkpoint/state-codec.js';
import * as tf from '@tensorflow/tfjs';
import { accumulateA, omisCoefficients, solveOmis, type OmisSolveKind } from '../mis/omis-system.js';
import { checkOption, type OptionSpec } from '../options/option-spec.js';
import { isMisSampler, type MisSampler } from '../samplers/mis-sampler.js';
import type { EstimatorContext } from './registry.js';
import type { EstimatorInput, EstimatorOutput, GradientEstimator, StepWeights } from './types.js';
import { createWeightedLossEstimator, weightedLossGradients } from './weighted-loss.js';
import { feedTechniqueScores } from './feed-technique-scores.js';
import { traceDenseBackward } from '../models/dense.js';
import { resolveTechniqueNodes, techniqueNodesOptions, type TechniqueNodes } from '../mis/node-groups.js';
import { omisDiagnostics, type OmisDiagnostics, type OmisDiagnosticsInput } from '../mis/omis-diagnostics.js';

/** Options of the OMIS estimator. */
export interface OmisEstimatorOptions {
  /** Momentum β ∈ [0, 0.999] of A (and of b with `accumulate: 'Ab'`) ([MIS] Alg. 2 l.9). Default 0.7. */
  beta: number;
  /**
   * What β accumulates: 'A' (default) the matrix only, b̂ fresh from each batch, Â bias-corrected by 1 − β^t;
   * 'Ab' A and b as printed in [MIS] Alg. 2 l.17–18 (Ĝ then carries a β-momentum of past gradients).
   */
  accumulate: 'A' | 'Ab';
  /** Techniques from C > J output nodes: 'groups' (default) or 'top' (see {@link TechniqueNodes}). */
  nodes: TechniqueNodes;
}

/**
 * Declarations of the OMIS options, checked here and reused by the 'omis' method (CLI `--beta`, `--accumulate`,
 * `--rows`): `beta` momentum β ∈ [0, 0.999] (default 0.7, [MIS] §5, METHODS §9); `accumulate` what β accumulates,
 * 'A' (default: A only, b̂ fresh from each batch, A bias-corrected by 1 − β^t) or 'Ab' (A and b as printed in
 * [MIS] Alg. 2 l.17–18); `rows` 'auto' (default) or 'passes'. The `nodes` option is {@link techniqueNodesOptions}.
 */
export const omisOptions = Object.freeze({
  beta: { kind: 'number', default: 0.7, min: 0, max: 0.999, help: 'momentum β of the OMIS system' },
  accumulate: {
    kind: 'enum',
    default: 'A',
    values: ['A', 'Ab'],
    help: "what β accumulates: A only, b fresh per batch ('A'), or A and b as in MIS Alg. 2 ('Ab')",
  },
  rows: {
    kind: 'enum',
    default: 'auto',
    values: ['auto', 'passes'],
    help: "β > 0: rows of b from one traced backward pass when the model is dense-only ('auto'), or J passes",
  },
} satisfies Record<string, OptionSpec>);

/** Defaults of {@link OmisEstimatorOptions}: `{ beta: 0.7, accumulate: 'A', nodes: 'groups' }` ([MIS] §5, METHODS §9). */
export const omisEstimatorDefaults: Readonly<OmisEstimatorOptions> = Object.freeze({
  beta: omisOptions.beta.default,
  accumulate: omisOptions.accumulate.default as OmisEstimatorOptions['accumulate'],
  nodes: techniqueNodesOptions.nodes.default as TechniqueNodes,
});

const SOLVE_CODE: Record<OmisSolveKind, number> = { cholesky: 0, pinv: 1, zero: 2 };

/** `omisGradRatio` and `omisCoefSpread` are measured on the 1st, 11th, 21st, … OMIS step and carried between. */
const NORMS_EVERY = 10;

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
 *   with `accumulate: 'A'` (default) b = b̂ of this batch and v = (A/(1 − β^t))⁻¹ 1 (EMA of Â, bias-corrected);
 *   with `accumulate: 'Ab'` ([MIS] Alg. 2 l.18 as printed) b_j ← β b_j + (1 − β) b̂_j is kept on the device, one
 *   stacked tensor per parameter. Then Ĝ = Σ_j v_j b_j.
 * Init-epoch batches (no `batch.mis`) take the plain weighted-loss step. Techniques without mass or a singular A
 * fall back to the pseudo-inverse (or Ĝ = 0 when A = 0); the step stays finite and the diagnostics columns
 * `omisSolve` (0 Cholesky, 1 pseudo-inverse, 2 zero) and `omisWarnings` (running count of fallbacks) log it.
 * Per-step health columns ({@link omisDiagnostics}): `omisCond` cond₂(A), `omisWeightMin`/`omisWeightMax` the
 * per-row weights r_s = vᵀW_s relative to balance MIS, `omisMinMass` min_j min_i N p_j(i), and for β > 0
 * `omisGradRatio` ‖Ĝ‖/‖Ĝ_BH‖ and `omisCoefSpread` Σ_j‖α_j‖/‖Σ_j α_j‖ (these two every 10th OMIS step, carried).
 *
 * Why [MIS] Alg. 2 as printed diverged on mnist-mlp (measured with `scripts/omis-mnist.ts`, Adam 1e-3, 5 epochs, seeds
 * 1–3): two causes, each measured with the other removed.
 * 1. Techniques. With C = 10 outputs and J = 2, the top-J single nodes q_j = |u_{x,c_j}| (nodes 8 and 9 for seed 1)
 *    put 0.27 + 0.28 of the mixture mass on classes 8 and 9 (0.1 each under uniform; class 6 gets 0.024) and leave
 *    the other classes' learnt samples almost unsampled: min_i N p_mix(i) = 2.2e-7 (1.3e-5 with groups), min_i N
 *    p_j(i) ≈ 1e-9 before the first ε, mixture weights 1/(N p_mix) up to 600–860 in a batch. With β = 0 (no
 *    momentum) seed 1 still ends at test error 0.072 with a rising training loss (0.074 → 0.082). The other choice
 *    [MIS] §5 names, J node groups q_j = ‖u_{G_j}‖ (`nodes: 'groups'`, default), covers every sample: p_mix ≥ p_IS/J
 *    (test/mis/node-groups.test.ts), and β = 0 then tracks IS.
 * 2. Momentum of b under Adam. With groups but b accumulated (`'Ab'`), seed 1's training loss goes 0.210 → 0.438 in
 *    the first OMIS epoch (test error 0.156), and J = 1 (q = ‖u‖, i.e. IS with an EMA of its gradient) does the same
 *    (0.210 → 0.433), while J = 1 with β = 0 falls to 0.096; under plain SGD (η = 0.1) the same EMA changes nothing
 *    (0.107 vs 0.107 after 5 epochs), and uniform sampling with the EMA under Adam only slows (0.180 vs 0.142). The
 *    fresh IS gradient norm grows from ≈ 0.9 to 2–25 during that epoch, and the damage rises with β (IS + EMA, loss
 *    after the first OMIS epoch: β = 0, 0.3, 0.5, 0.7, 0.9 → 0.096, 0.112, 0.194, 0.55, 1.22). For i.i.d. noise an
 *    EMA before Adam acts like η·√((1 + β)/(1 − β)) (Adam normalises by the smoothed variance, (1 − β)/(1 + β) of
 *    the raw one), but IS with that η and no EMA holds longer (η = 2.4e-3: no rise in 5 epochs; η = 4.4e-3: rises
 *    only in epoch 4), so the lag the EMA adds to Adam's own momentum likely matters too; the mechanism is not
 *    isolated further. A and b were consistent in 'Ab' (same steps, same β and (1 − β), b̂ at the step's θ). The
 *    paper's stated purpose of β is a stable A⁻¹ ([MIS] §5, "Momentum-Based Linear-System Estimation"), so the kit
 *    accumulates A only: Ĝ is then linear in this batch's b̂ (unbiased when A is exact) and the optimizer owns the
 *    momentum.
 * Not the cause: cond(A) is 1.3–2 (top nodes) and 3–5 (groups, J = 2); the jitter is 1e-10·tr(A)/J ≈ 2.6e-12 (a
 * reported "2.6" was this value's mantissa); r_s ∈ [0.74, 1.3] and ‖Ĝ‖/‖Ĝ_BH‖ ≈ 1.00 (0.82–1.11) with groups,
 * i.e. on mnist-mlp OMIS is close to balance MIS. Final test error at the defaults (mean ± sd, seeds 1–3): OMIS J=2
 * 0.0545 ± 0.0005, J=4 0.0558 ± 0.0014, J=10 0.0545 ± 0.0022, IS 0.0548 ± 0.0014, uniform 0.0603 ± 0.0010; as
 * printed (top nodes, 'Ab') J=2 was 0.1475 ± 0.077, while at the defaults the training loss falling every epoch for every
 * default curve.
 * @param ctx `ctx.sampler` must be the 'mis' sampler; `ctx.options`: `beta` (default 0.7), `accumulate` ('A'
 *   default, 'Ab'), `nodes` ('groups' default, 'top'), `rows` ('auto' default, 'passes').
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
  const accumulate = ctx.options.accumulate ?? omisEstimatorDefaults.accumulate;
  checkOption('omis estimator: option accumulate', omisOptions.accumulate, accumulate);
  const nodes = resolveTechniqueNodes(ctx.options.nodes, 'omis');
  const scaleB = accumulate === 'Ab' ? 1 - beta : 1; // b̂'s factor: (1 − β) when b is accumulated too
  let stepsA = 0; // OMIS steps accumulated into A, for the bias correction 1 − β^t of 'A'
  let diag: OmisDiagnostics | null = null;
  let lastNorms: OmisDiagnosticsInput['norms'];
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
      stepsA++;
      const Aeff = systemMatrix(A, stepsA);
      const ones = new Float64Array(J).fill(1);
      const sol = solveOmis(Aeff, ones); // v = A⁻¹ 1, so Σ_j α_j = vᵀ b
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
        // fresh[p] = scaleB · b̂ for parameter p, all J rows stacked
        const { fresh, forward, decision } = rowsOfB(input, c, B) ?? rowsByPasses(input, c, B);
        // The norm diagnostics cost ≈ J + 2 passes over b: measured on every NORMS_EVERY-th OMIS step, else carried.
        const measure = (stepsA - 1) % NORMS_EVERY === 0;
        const gBH = measure ? balanceGradNormSq(fresh, mis.counts, input.model.params) : 0; // ‖Σ_j n_j b̂_j‖²
        const prev = b;
        if (accumulate === 'A' && prev !== null) tf.dispose(prev.map((r) => r.t));
        b = fresh.map((f, p) => {
          if (prev === null || accumulate === 'A') return f; // kit (METHODS §4.6): β on A only, b = b̂ of this batch
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
        diag = omisDiagnostics({
          A: Aeff,
          v,
          W,
          memories: memories(),
          norms: (lastNorms = measure ? rowNorms(Aeff, bs, grads, gBH) : lastNorms),
        });
      }
      if (beta === 0) diag = omisDiagnostics({ A: Aeff, v, W, memories: memories() });
      feed(out, input);
      return out;
    },
    diagnostics: () => ({
      omisSolve: lastSolve,
      omisWarnings: warnings,
      omisJitter: lastJitter,
      omisRowsOnePass: lastRowsMode,
      ...(diag ?? {}),
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
      const norms = lastNorms === undefined ? null : lastNorms; // carried between NORMS_EVERY measurements
      return packState('omis', { A, b: rows, lastSolve, warnings, lastJitter, lastRowsMode, stepsA, norms });
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
        stepsA: number;
        norms: { gradSq: number; balanceSq: number; coefSq: Float64Array } | null;
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
      ({ lastSolve, warnings, lastJitter, lastRowsMode, stepsA } = s); // stepsA: the 1 − β^t correction of 'A'
      lastNorms = s.norms ?? undefined;
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
      const t = tf.tidy(() => tf.stack(rows.map((row) => row[p])).mul(scaleB)); // (J, ...shape)
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
        Float32Array.from(c, (x) => scaleB * x),
        [B, J],
      ); // (B, J) scaleB · c_{sj}
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

  /**
   * The matrix the step solves with: A itself for 'Ab' (the EMA normalisation cancels in A⁻¹b, METHODS §4.6), and
   * A/(1 − β^t) for 'A', the bias-corrected EMA of Â that matches the scale of the fresh b̂.
   */
  function systemMatrix(acc: Float64Array, t: number): Float64Array {
    if (accumulate === 'Ab' || beta === 0) return acc;
    const k = 1 / (1 - beta ** t); // kit (METHODS §4.6): EMA bias correction as in Adam, so Aeff = Â at t = 1
    return acc.map((x) => x * k);
  }

  /** ‖Σ_j n_j b̂_j‖² of this batch's rows: the balance-heuristic (= mixture-IS) gradient of the batch (METHODS §4.2). */
  function balanceGradNormSq(
    fresh: StackedRows[],
    counts: Int32Array,
    params: readonly tf.Variable[],
  ): number {
    const nSq = tf.tidy(() => {
      const n = tf.tensor2d(
        Float32Array.from(counts, (x) => x / scaleB),
        [1, J],
      ); // (1, J)
      return tf.addN(params.map((w, p) => combineRows(fresh[p], n, w.shape).square().sum()));
    });
    const r = nSq.dataSync()[0];
    nSq.dispose();
    return r;
  }

  /** ‖Ĝ‖², the given ‖Ĝ_BH‖² and ‖α_j‖² with α = A⁻¹ b (J rows), for the diagnostics (one host read). */
  function rowNorms(Aeff: Float64Array, rows: StackedRows[], grads: tf.Tensor[], balanceSq: number) {
    const eye = Float64Array.from({ length: J * J }, (_, i) => (i % (J + 1) === 0 ? 1 : 0));
    const Ainv = solveOmis(Aeff, eye).x; // (J, J)
    const sq = tf.tidy(() => {
      const parts = [tf.addN(grads.map((g) => g.square().sum()))];
      for (let j = 0; j < J; j++) {
        const row = tf.tensor2d(Float32Array.from(Ainv.subarray(j * J, (j + 1) * J)), [1, J]); // (1, J)
        parts.push(tf.addN(grads.map((g, p) => combineRows(rows[p], row, g.shape).square().sum()))); // ‖α_j‖²
      }
      return tf.stack(parts); // (1 + J)
    });
    const v = sq.dataSync();
    sq.dispose();
    return { gradSq: v[0], balanceSq, coefSq: Float64Array.from(v.subarray(1)) };
  }

  /** The technique memories q_j, when the sampler exposes them (the 'mis' sampler does). */
  function memories(): Float64Array[] | null {
    const m = (sampler as Partial<MisSampler>).memory;
    return typeof m === 'function' ? Array.from({ length: J }, (_, j) => m.call(sampler, j)) : null;
  }

  function feed(out: EstimatorOutput<StepWeights>, input: EstimatorInput<StepWeights>): void {
    try {
      feedTechniqueScores(misSampler, input.loss, out.output, out.hidden, input.y, nodes);
    } catch (e) {
      tf.dispose([...out.grads, out.output, out.hidden, out.losses]);
      throw e;
    }
  }
}
