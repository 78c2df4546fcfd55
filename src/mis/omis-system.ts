import { jacobiRotate } from './jacobi-eigen.js';

/**
 * The optimal-MIS linear system A α = b of [OMIS] / [MIS] Eqs. 6–8, estimated from minibatches and accumulated
 * with momentum β (METHODS §4.3–4.6), in plain float64.
 *
 * Symbols: J techniques, B drawn samples x_s, P parameters, N training-set size, n_k samples of technique k,
 * p_k(x) the technique pmfs (frozen for the step), S(x) = Σ_k n_k p_k(x), W(x) the per-sample basis weights,
 * c_s (J) the coefficients such that row j of b̂ is Σ_s c_{sj} ∇ℓ_s (METHODS §4.7).
 */

/** Which consistent normalisation of METHODS §4.6: (a) Kondapaneni, (b) Salaün with n_k in W. */
export type OmisForm = 'a' | 'b';

/** Per-sample coefficients of one batch: A += Σ_s W_s W_sᵀ, b += Σ_s c_s ∇ℓ_sᵀ. */
export interface OmisCoefficients {
  /** W_k(x_s), row-major (B × J). */
  W: Float64Array;
  /** c_{sk}, row-major (B × J). */
  c: Float64Array;
}

/**
 * The basis weights W and gradient coefficients c of METHODS §4.6 for one batch.
 * Form (a): W_k = p_k/S, c_k = W_k/(N S) (so b targets f = ∇ℓ/N and Ĝ = Σ_j α_j).
 * Form (b): W_k = n_k p_k/S, c_k = W_k/S (b uses ∇ℓ, and Ĝ = (1/N) Σ_j n_j α_j).
 * @param probs p_k(x_s), row-major (B × J), ≥ 0 with S(x_s) > 0 on every row.
 * @param counts n_k (J), integers summing to B.
 * @param N training-set size, integer ≥ 1.
 * @param form 'a' (default) or 'b'.
 * @example
 * const { W, c } = omisCoefficients(Float64Array.of(0.5, 0.25), Int32Array.of(1, 0), 4);
 * // S = 0.5; W = [1, 0.5]; c = W / (4 · 0.5) = [0.5, 0.25]
 */
export function omisCoefficients(
  probs: Float64Array,
  counts: ArrayLike<number>,
  N: number,
  form: OmisForm = 'a',
): OmisCoefficients {
  if (form !== 'a' && form !== 'b')
    throw new RangeError(`omisCoefficients: form must be 'a' or 'b', got '${String(form)}'`);
  const J = counts.length;
  if (J < 1 || probs.length % J !== 0) {
    throw new RangeError(`omisCoefficients: probs length ${probs.length} is not B × J with J = ${J} ≥ 1`);
  }
  if (!Number.isInteger(N) || N < 1)
    throw new RangeError(`omisCoefficients: N must be an integer ≥ 1, got ${N}`);
  const B = probs.length / J;
  const W = new Float64Array(B * J); // (B, J)
  const c = new Float64Array(B * J); // (B, J)
  for (let s = 0; s < B; s++) {
    let S = 0;
    for (let k = 0; k < J; k++) S += counts[k] * probs[s * J + k]; // METHODS §4.6: S(x) = Σ_k n_k p_k(x)
    if (!(S > 0 && Number.isFinite(S)))
      throw new RangeError(`omisCoefficients: S(x) = ${S} at row ${s}; must be > 0`);
    for (let k = 0; k < J; k++) {
      const p = probs[s * J + k];
      if (form === 'a') {
        W[s * J + k] = p / S; // METHODS §4.6 (a): W_k = p_k/S
        c[s * J + k] = p / (N * S * S); // METHODS §4.6 (a): b += W f^T / S, f = ∇ℓ/N
      } else {
        W[s * J + k] = (counts[k] * p) / S; // METHODS §4.6 (b): W_k = n_k p_k/S
        c[s * J + k] = (counts[k] * p) / (S * S); // METHODS §4.6 (b): b += W ∇ℓ^T / S
      }
    }
  }
  return { W, c };
}

/**
 * Momentum update of A (J × J): A ← β A + (1 − β) Σ_s W_s W_sᵀ, in place ([MIS] Alg. 2 l.9, l.17; METHODS §4.6).
 * @param A (J × J) row-major, updated in place.
 * @param W (B × J) from {@link omisCoefficients}.
 * @param beta momentum β ∈ [0, 1).
 * @example
 * const A = new Float64Array(4); accumulateA(A, Float64Array.of(1, 0.5), 0); // A = [[1, .5], [.5, .25]]
 */
export function accumulateA(A: Float64Array, W: Float64Array, beta: number): void {
  const J = Math.round(Math.sqrt(A.length));
  if (J * J !== A.length || J < 1) throw new RangeError(`accumulateA: A has length ${A.length}, not J × J`);
  checkBeta(beta, 'accumulateA');
  const B = W.length / J;
  for (let i = 0; i < J * J; i++) A[i] *= beta; // [MIS] Alg. 2 l.9
  for (let s = 0; s < B; s++) {
    for (let j = 0; j < J; j++) {
      for (let k = 0; k < J; k++) A[j * J + k] += (1 - beta) * W[s * J + j] * W[s * J + k]; // [MIS] Alg. 2 l.17
    }
  }
}

/**
 * Momentum update of b (J × P) from per-sample gradients, in place (float64 reference path; the estimator
 * forms each row with one weighted backward pass instead): b ← β b + (1 − β) Σ_s c_s g_sᵀ.
 * @param b (J × P) row-major, updated in place.
 * @param c (B × J) from {@link omisCoefficients}.
 * @param g per-sample gradients ∇ℓ_s, row-major (B × P).
 * @param beta momentum β ∈ [0, 1).
 * @param J number of techniques.
 * @example
 * const b = new Float64Array(2); accumulateB(b, Float64Array.of(0.5, 0.25), Float64Array.of(2), 0, 2); // b = [1, 0.5]
 */
export function accumulateB(
  b: Float64Array,
  c: Float64Array,
  g: Float64Array,
  beta: number,
  J: number,
): void {
  checkBeta(beta, 'accumulateB');
  if (!Number.isInteger(J) || J < 1 || b.length % J !== 0 || c.length % J !== 0) {
    throw new RangeError(`accumulateB: J = ${J} does not divide |b| = ${b.length} and |c| = ${c.length}`);
  }
  const P = b.length / J;
  const B = c.length / J;
  if (g.length !== B * P)
    throw new RangeError(`accumulateB: g has length ${g.length}, expected B × P = ${B * P}`);
  for (let i = 0; i < b.length; i++) b[i] *= beta; // [MIS] Alg. 2 l.9
  for (let s = 0; s < B; s++) {
    for (let j = 0; j < J; j++) {
      const w = (1 - beta) * c[s * J + j];
      for (let p = 0; p < P; p++) b[j * P + p] += w * g[s * P + p]; // METHODS §4.6: b += W ∇ℓ^T/(N S)
    }
  }
}

function checkBeta(beta: number, who: string): void {
  if (typeof beta !== 'number' || !(beta >= 0 && beta < 1)) {
    throw new RangeError(`${who}: beta must be a number in [0, 1), got ${String(beta)}`);
  }
}

/** How {@link solveOmis} solved the system. */
export type OmisSolveKind = 'cholesky' | 'pinv' | 'zero';

/** Result of {@link solveOmis}. */
export interface OmisSolution {
  /** X = A⁻¹ R (J × m), row-major. */
  x: Float64Array;
  /**
   * 'cholesky': Cholesky of A + δI; 'pinv': a technique had no mass (A_jj = 0) or the factorisation failed, so
   * the eigen pseudo-inverse was used; 'zero': A = 0 (no information), X = 0.
   */
  kind: OmisSolveKind;
  /** Jitter δ = jitterScale · tr(A)/J added to the diagonal (0 unless 'cholesky'). */
  jitter: number;
}

/** Options of {@link solveOmis}. */
export interface SolveOmisOptions {
  /** Jitter factor: δ = jitterScale · tr(A)/J is added to the diagonal before Cholesky. Default 1e-10. */
  jitterScale: number;
}

/** Defaults of {@link SolveOmisOptions}: `{ jitterScale: 1e-10 }` (METHODS §4.7, kit choice). */
export const solveOmisDefaults: Readonly<SolveOmisOptions> = Object.freeze({ jitterScale: 1e-10 });

/** Relative eigenvalue cut of the pseudo-inverse fallback: λ < PINV_RCOND · λ_max counts as 0. */
export const PINV_RCOND = 1e-12;

/**
 * Solves A X = R for symmetric positive semi-definite A (J × J) and R (J × m) (METHODS §4.7 "Solving").
 * Cholesky of A + δI with δ = 1e-10·tr(A)/J (kit choice, L). Fallback when a technique received no mass
 * (A_jj = 0) or the factorisation meets a non-positive pivot: the pseudo-inverse A⁺ from a cyclic Jacobi
 * eigendecomposition, eigenvalues below {@link PINV_RCOND}·λ_max treated as 0 (so empty techniques get α_j = 0
 * and the remaining ones solve their own sub-system). A = 0 (or tr(A) not finite and positive) gives X = 0.
 * Never returns NaN for finite input.
 * @param A (J × J) row-major, symmetric PSD.
 * @param R (J × m) row-major right-hand sides (b, or the all-ones vector for γ of METHODS §4.7).
 * @param options `{ jitterScale = 1e-10 }`: δ = jitterScale · tr(A)/J (0 = no jitter, for exact identity tests).
 * @example
 * solveOmis(Float64Array.of(2, 0, 0, 4), Float64Array.of(1, 1)).x; // ≈ [0.5, 0.25]
 */
export function solveOmis(
  A: Float64Array,
  R: Float64Array,
  options: Partial<SolveOmisOptions> = {},
): OmisSolution {
  const { jitterScale } = { ...solveOmisDefaults, ...options };
  if (!(jitterScale >= 0 && Number.isFinite(jitterScale))) {
    throw new RangeError(`solveOmis: jitterScale must be a finite number ≥ 0, got ${jitterScale}`);
  }
  const J = Math.round(Math.sqrt(A.length));
  if (J < 1 || J * J !== A.length) throw new RangeError(`solveOmis: A has length ${A.length}, not J × J`);
  if (R.length % J !== 0)
    throw new RangeError(`solveOmis: R has length ${R.length}, not a multiple of J = ${J}`);
  const m = R.length / J;
  let tr = 0;
  let empty = false;
  for (let j = 0; j < J; j++) {
    tr += A[j * J + j];
    if (!(A[j * J + j] > 0)) empty = true;
  }
  if (!(tr > 0 && Number.isFinite(tr))) return { x: new Float64Array(J * m), kind: 'zero', jitter: 0 };
  if (!empty) {
    const jitter = (jitterScale * tr) / J; // METHODS §4.7: δ = 1e-10 · tr(A)/J
    const L = cholesky(A, J, jitter);
    if (L !== null) return { x: cholSolve(L, R, J, m), kind: 'cholesky', jitter };
  }
  return { x: pinvSolve(A, R, J, m), kind: 'pinv', jitter: 0 };
}

/** Lower Cholesky factor of A + δI, or null on a non-positive pivot. */
function cholesky(A: Float64Array, J: number, delta: number): Float64Array | null {
  const L = new Float64Array(J * J); // (J, J)
  for (let i = 0; i < J; i++) {
    for (let k = 0; k <= i; k++) {
      let s = A[i * J + k] + (i === k ? delta : 0);
      for (let t = 0; t < k; t++) s -= L[i * J + t] * L[k * J + t];
      if (i === k) {
        if (!(s > 0)) return null;
        L[i * J + i] = Math.sqrt(s);
      } else L[i * J + k] = s / L[k * J + k];
    }
  }
  return L;
}

/** Solves L Lᵀ X = R by forward and back substitution. */
function cholSolve(L: Float64Array, R: Float64Array, J: number, m: number): Float64Array {
  const X = Float64Array.from(R); // (J, m)
  for (let c = 0; c < m; c++) {
    for (let i = 0; i < J; i++) {
      let s = X[i * m + c];
      for (let t = 0; t < i; t++) s -= L[i * J + t] * X[t * m + c];
      X[i * m + c] = s / L[i * J + i];
    }
    for (let i = J - 1; i >= 0; i--) {
      let s = X[i * m + c];
      for (let t = i + 1; t < J; t++) s -= L[t * J + i] * X[t * m + c];
      X[i * m + c] = s / L[i * J + i];
    }
  }
  return X;
}

/** X = A⁺ R via the cyclic Jacobi eigendecomposition A = V diag(λ) Vᵀ. */
function pinvSolve(A: Float64Array, R: Float64Array, J: number, m: number): Float64Array {
  const a = Float64Array.from(A); // (J, J) rotated to diagonal
  const V = new Float64Array(J * J); // (J, J) eigenvectors in columns
  for (let i = 0; i < J; i++) V[i * J + i] = 1;
  jacobiRotate(a, J, (off) => off < 1e-300, V); // A = V diag(λ) Vᵀ
  let lmax = 0;
  for (let i = 0; i < J; i++) lmax = Math.max(lmax, a[i * J + i]);
  const X = new Float64Array(J * m); // (J, m)
  for (let e = 0; e < J; e++) {
    const lam = a[e * J + e];
    if (!(lam > PINV_RCOND * lmax)) continue; // null space (empty technique): contributes 0
    for (let c = 0; c < m; c++) {
      let proj = 0;
      for (let k = 0; k < J; k++) proj += V[k * J + e] * R[k * m + c];
      for (let i = 0; i < J; i++) X[i * m + c] += (V[i * J + e] * proj) / lam;
    }
  }
  return X;
}

/**
 * The gradient estimate from α (J × P): form (a) Ĝ = Σ_j α_j ([MIS] Eq. 8 with METHODS §4.6 (a)); form (b)
 * Ĝ = (1/N) Σ_j n_j α_j.
 * @param coef the OMIS coefficients α (J × P) row-major (named `coef` in code; `alpha` is the memory blend α_q).
 * @param counts n_j (J).
 * @param N training-set size.
 * @param form 'a' (default) or 'b'.
 * @example
 * omisEstimate(Float64Array.of(1, 2), Int32Array.of(1, 1), 4); // [3] (J = 2, P = 1)
 */
export function omisEstimate(
  coef: Float64Array,
  counts: ArrayLike<number>,
  N: number,
  form: OmisForm = 'a',
): Float64Array {
  const J = counts.length;
  const P = coef.length / J;
  const G = new Float64Array(P); // (P)
  for (let j = 0; j < J; j++) {
    const w = form === 'a' ? 1 : counts[j] / N; // METHODS §4.6 (a) Σ α_j; (b) (1/N) Σ n_j α_j
    for (let p = 0; p < P; p++) G[p] += w * coef[j * P + p];
  }
  return G;
}
