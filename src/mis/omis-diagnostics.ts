import { jacobiRotate } from './jacobi-eigen.js';

/**
 * Per-step health numbers of the optimal-MIS linear system (METHODS §4.4–4.7), in plain float64. They explain
 * when Ĝ = Σ_j α_j is a poor estimate: a near-singular A (overlapping techniques), coefficients α_j that cancel,
 * or technique pmfs that leave part of the data almost unsampled.
 *
 * Symbols: J techniques, A (J × J) symmetric PSD, α_j (P) the solved coefficients, N training-set size.
 */

/**
 * Eigenvalues of a symmetric J × J matrix by cyclic Jacobi rotations, ascending.
 * @param A (J × J) row-major, symmetric (only its values are read; it is not modified).
 * @returns the J eigenvalues, ascending.
 * @example
 * symmetricEigenvalues(Float64Array.of(2, 1, 1, 2)); // [1, 3]
 */
export function symmetricEigenvalues(A: Float64Array): Float64Array {
  const J = Math.round(Math.sqrt(A.length));
  if (J < 1 || J * J !== A.length)
    throw new RangeError(`symmetricEigenvalues: A has length ${A.length}, not J × J`);
  const a = Float64Array.from(A); // (J, J), rotated towards diagonal
  let scale = 0;
  for (let i = 0; i < J * J; i++) scale += a[i] * a[i];
  jacobiRotate(a, J, (off) => !(off > 1e-30 * scale));
  return Float64Array.from({ length: J }, (_, i) => a[i * J + i]).sort();
}

/**
 * 2-norm condition number λ_max/λ_min of a symmetric PSD matrix (the OMIS A); Infinity when λ_min ≤ 0
 * (a technique without mass, or A = 0), 1 for J = 1 with A > 0.
 * @param A (J × J) row-major, symmetric PSD.
 * @example
 * conditionNumber(Float64Array.of(2, 1, 1, 2)); // 3
 */
export function conditionNumber(A: Float64Array): number {
  const lam = symmetricEigenvalues(A);
  const lo = lam[0];
  const hi = lam[lam.length - 1];
  return lo > 0 ? hi / lo : Infinity;
}

/**
 * Minimum mass of the technique pmfs relative to uniform: min_j min_i N p_j(i) with p_j = q_j / Σ q_j
 * (1 = every technique uniform; → 0 when some technique leaves data points almost unsampled).
 * @param memories q_j (N each), ≥ 0; a technique with Σ q_j = 0 draws uniformly (mass 1), as the 'mis' sampler.
 * @example
 * minTechniqueMass([Float64Array.of(1, 3), Float64Array.of(1, 1)]); // min(2·0.25, 2·0.5) = 0.5
 */
export function minTechniqueMass(memories: readonly Float64Array[]): number {
  let m = Infinity;
  for (const q of memories) {
    let total = 0;
    let lo = Infinity;
    for (const v of q) {
      total += v;
      if (v < lo) lo = v;
    }
    m = Math.min(m, total > 0 ? (q.length * lo) / total : 1);
  }
  return m;
}

/** The per-step diagnostics columns of the OMIS estimator (step records, `diagnostics`). */
export interface OmisDiagnostics {
  /** cond₂(A) of the solved system (1 = orthogonal techniques; large = overlapping pmfs, unstable A⁻¹). */
  omisCond: number;
  /**
   * Smallest and largest r_s = vᵀ W(x_s), v = A⁻¹1, over the batch: the OMIS weight of row s relative to the
   * balance heuristic (Ĝ = Σ_s r_s ∇ℓ_s / (N S(x_s)) when b = b̂; r ≡ 1 is balance MIS; r_s < 0 flips a gradient).
   */
  omisWeightMin: number;
  omisWeightMax: number;
  /**
   * min_j min_i N p_j(i) of the technique pmfs the step drew from (1 = uniform); tiny values mean huge 1/S weights
   * when such a sample is drawn. Absent when the sampler does not expose its memories.
   */
  omisMinMass?: number;
  /** ‖Ĝ‖ / ‖Ĝ_BH‖, Ĝ_BH = Σ_j n_j b̂_j the batch's balance-heuristic (mixture-IS) gradient (β > 0 only). */
  omisGradRatio?: number;
  /** Σ_j ‖α_j‖ / ‖Σ_j α_j‖ ≥ 1: how much the solved coefficients cancel (1 = none) (β > 0 only). */
  omisCoefSpread?: number;
}

/** Inputs of {@link omisDiagnostics}: the step's system and, when the J rows were formed, their norms. */
export interface OmisDiagnosticsInput {
  /** (J × J) the matrix the step solved with. */
  A: Float64Array;
  /** v = A⁻¹ 1 (J). */
  v: Float64Array;
  /** W_k(x_s) = p_k/S of the batch (B × J), form (a) of METHODS §4.6. */
  W: Float64Array;
  /** The technique memories q_j (N each), or null when the sampler does not expose them. */
  memories: readonly Float64Array[] | null;
  /** ‖Ĝ‖², ‖Ĝ_BH‖² and ‖α_j‖² (J), when the rows of b were formed (β > 0). */
  norms?: { gradSq: number; balanceSq: number; coefSq: Float64Array };
}

/**
 * Computes the {@link OmisDiagnostics} of one step (METHODS §4.4–4.7), in float64.
 * @param input {@link OmisDiagnosticsInput}.
 * @example
 * omisDiagnostics({ A: Float64Array.of(2, 0, 0, 2), v: Float64Array.of(0.5, 0.5), W: Float64Array.of(1, 1),
 *   memories: null }); // { omisCond: 1, omisWeightMin: 1, omisWeightMax: 1 }
 */
export function omisDiagnostics(input: OmisDiagnosticsInput): OmisDiagnostics {
  const { A, v, W, memories, norms } = input;
  const J = v.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let s = 0; s < W.length / J; s++) {
    let r = 0;
    for (let k = 0; k < J; k++) r += v[k] * W[s * J + k]; // r_s = vᵀ W(x_s)
    lo = Math.min(lo, r);
    hi = Math.max(hi, r);
  }
  const out: OmisDiagnostics = {
    omisCond: conditionNumber(A),
    omisWeightMin: lo,
    omisWeightMax: hi,
  };
  if (memories !== null) out.omisMinMass = minTechniqueMass(memories);
  if (norms !== undefined) {
    const g = Math.sqrt(norms.gradSq);
    let spread = 0;
    for (const a of norms.coefSq) spread += Math.sqrt(a);
    out.omisGradRatio = norms.balanceSq > 0 ? g / Math.sqrt(norms.balanceSq) : 0;
    out.omisCoefSpread = g > 0 ? spread / g : 1;
  }
  return out;
}
