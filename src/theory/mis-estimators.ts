import { accumulateA, accumulateB, omisCoefficients, omisEstimate, solveOmis } from '../mis/omis-system.js';
import type { OmisForm } from '../mis/omis-system.js';
import type { GradientRows } from './is-estimator.js';

/**
 * Multiple-importance-sampling estimators written out term by term (METHODS §4.1–4.4), float64, for the theory
 * checks: the balance heuristic, the optimal weights of [OMIS] with exact coefficients α, and the kit's practical
 * direct estimator α̂ = Â⁻¹ b̂ on one batch.
 *
 * Symbols: N samples, P coordinates, J techniques with pmfs p_j (`pmfs[j]`, N each) and n_j draws (`counts[j]`),
 * B = Σ_j n_j; a batch's indices come technique by technique (x_{0,1..n_0}, x_{1,1..n_1}, …, the order of
 * `stratifiedSlots`); f(x) = g_x / N so that the target G = Σ_x f(x); S(x) = Σ_k n_k p_k(x).
 */

function check(who: string, g: GradientRows, pmfs: readonly ArrayLike<number>[], counts: ArrayLike<number>) {
  const N = g.length;
  const J = pmfs.length;
  if (N < 1 || J < 1 || counts.length !== J) {
    throw new RangeError(
      `${who}: need N ≥ 1 gradients and J ≥ 1 pmfs with one count each; got N = ${N}, ` +
        `${J} pmfs, ${counts.length} counts`,
    );
  }
  let B = 0;
  for (let j = 0; j < J; j++) {
    if (pmfs[j].length !== N)
      throw new RangeError(`${who}: pmfs[${j}] has ${pmfs[j].length} entries, N = ${N}`);
    if (!Number.isInteger(counts[j]) || counts[j] < 0)
      throw new RangeError(`${who}: counts[${j}] must be an integer ≥ 0, got ${counts[j]}`);
    B += counts[j];
  }
  if (B < 1) throw new RangeError(`${who}: counts sum to 0; need B ≥ 1 draws`);
  return { N, J, P: g[0].length, B };
}

/** S(x) = Σ_k n_k p_k(x) (METHODS §0). */
function mixtureDensity(pmfs: readonly ArrayLike<number>[], counts: ArrayLike<number>, x: number): number {
  let S = 0;
  for (let k = 0; k < pmfs.length; k++) S += counts[k] * pmfs[k][x]; // METHODS §0: S(x) = Σ_k n_k p_k(x)
  return S;
}

/** The technique of each slot of a batch, in `stratifiedSlots` order. */
function slotTechniques(counts: ArrayLike<number>, B: number, nIdx: number, who: string): Int32Array {
  if (nIdx !== B) throw new RangeError(`${who}: idx has ${nIdx} indices, counts sum to B = ${B}`);
  const tech = new Int32Array(B); // (B)
  let s = 0;
  for (let j = 0; j < counts.length; j++) for (let t = 0; t < counts[j]; t++) tech[s++] = j;
  return tech;
}

/**
 * The mixture pmf p_mix = S / B = Σ_k (n_k/B) p_k (METHODS §4.2).
 * @param pmfs p_k (J), each N entries.
 * @param counts n_k (J), integers ≥ 0 with Σ n_k ≥ 1.
 * @example
 * mixturePmf([[1, 0], [0, 1]], [1, 3]); // [0.25, 0.75]
 */
export function mixturePmf(pmfs: readonly ArrayLike<number>[], counts: ArrayLike<number>): Float64Array {
  if (pmfs.length < 1 || counts.length !== pmfs.length) {
    throw new RangeError(
      `mixturePmf: need J ≥ 1 pmfs with one count each, got ${pmfs.length} and ${counts.length}`,
    );
  }
  const N = pmfs[0].length;
  let B = 0;
  for (let k = 0; k < counts.length; k++) {
    if (!Number.isInteger(counts[k]) || counts[k] < 0)
      throw new RangeError(`mixturePmf: counts[${k}] must be an integer ≥ 0, got ${counts[k]}`);
    if (pmfs[k].length !== N)
      throw new RangeError(`mixturePmf: pmfs[${k}] has ${pmfs[k].length} entries, N = ${N}`);
    B += counts[k];
  }
  if (B < 1) throw new RangeError('mixturePmf: counts sum to 0');
  return Float64Array.from({ length: N }, (_, x) => mixtureDensity(pmfs, counts, x) / B); // METHODS §4.2: p_mix = S/B
}

/**
 * The MIS estimate (METHODS Eq. 4.1; [MIS] Eq. 5) with the balance-heuristic weights w_j(x) = n_j p_j(x)/S(x)
 * ([Veach]), evaluated literally: Ĝ = Σ_j (1/n_j) Σ_s w_j(x_{js}) f(x_{js}) / p_j(x_{js}).
 * @param g per-sample gradients (N × P).
 * @param pmfs p_j (J), each N entries.
 * @param counts n_j (J).
 * @param idx the batch (B = Σ n_j), technique by technique.
 * @returns Ĝ_BH (P).
 * @example
 * balanceEstimate([[1], [3]], [[0.5, 0.5]], [1], [1]); // [3 / (2 · 0.5)] = [3]
 */
export function balanceEstimate(
  g: GradientRows,
  pmfs: readonly ArrayLike<number>[],
  counts: ArrayLike<number>,
  idx: ArrayLike<number>,
): Float64Array {
  const { N, P, B } = check('balanceEstimate', g, pmfs, counts);
  const tech = slotTechniques(counts, B, idx.length, 'balanceEstimate');
  const out = new Float64Array(P); // (P)
  for (let s = 0; s < B; s++) {
    const x = idx[s];
    const j = tech[s];
    const pj = pmfs[j][x];
    if (!(pj > 0)) throw new RangeError(`balanceEstimate: index ${x} in technique ${j} has p_j = ${pj}`);
    const w = (counts[j] * pj) / mixtureDensity(pmfs, counts, x); // [Veach] balance heuristic: n_j p_j / S
    for (let d = 0; d < P; d++) out[d] += (w * (g[x][d] / N)) / pj / counts[j]; // METHODS Eq. 4.1
  }
  return out;
}

/** The exact optimal-MIS system of [OMIS] / [MIS] Eq. 7: A (J × J) and b (J × P), row-major. */
export interface OmisSystem {
  A: Float64Array;
  b: Float64Array;
}

/**
 * The exact linear system A α = b of the optimal MIS weights, summed over the whole dataset (METHODS Eq. 4.3;
 * [MIS] Eqs. 6–7; [OMIS]): A_jk = Σ_x p_j(x) p_k(x)/S(x), b_j = Σ_x p_j(x) f(x)/S(x), f = g/N. Its solution
 * satisfies Σ_j α_j = G (METHODS §4.3 shortcut, [MIS] Eq. 8).
 * @param g per-sample gradients (N × P).
 * @param pmfs p_j (J), each N entries, with S(x) > 0 at every x.
 * @param counts n_j (J).
 * @example
 * const { A, b } = omisSystemExact(g, [p1, p2], [2, 2]);
 * omisEstimate(solveOmis(A, b, { jitterScale: 0 }).x, [2, 2], g.length); // = G
 */
export function omisSystemExact(
  g: GradientRows,
  pmfs: readonly ArrayLike<number>[],
  counts: ArrayLike<number>,
): OmisSystem {
  const { N, J, P } = check('omisSystemExact', g, pmfs, counts);
  const A = new Float64Array(J * J); // (J, J)
  const b = new Float64Array(J * P); // (J, P)
  for (let x = 0; x < N; x++) {
    const S = mixtureDensity(pmfs, counts, x);
    if (!(S > 0)) throw new RangeError(`omisSystemExact: S(${x}) = ${S}; every sample needs S(x) > 0`);
    for (let j = 0; j < J; j++) {
      for (let k = 0; k < J; k++) A[j * J + k] += (pmfs[j][x] * pmfs[k][x]) / S; // METHODS Eq. 4.3: A_jk
      for (let d = 0; d < P; d++) b[j * P + d] += (pmfs[j][x] * (g[x][d] / N)) / S; // METHODS Eq. 4.3: b_j
    }
  }
  return { A, b };
}

/**
 * The optimal MIS weights of METHODS Eq. 4.2 ([MIS] Eq. 6; [OMIS]) at one sample x, per technique and coordinate:
 * w_j(x) = α_j p_j(x)/f(x) + (n_j p_j(x)/S(x)) (1 − Σ_k α_k p_k(x)/f(x)), f = g/N. Undefined (NaN) at a
 * coordinate where f(x) = 0; for every other coordinate Σ_j w_j(x) = 1 (the unbiasedness condition, [MIS] Eq. 5).
 * @param g per-sample gradients (N × P).
 * @param pmfs p_j (J).
 * @param counts n_j (J).
 * @param coef α (J × P) row-major, e.g. the solution of {@link omisSystemExact}.
 * @param x the sample.
 * @returns w (J × P) row-major.
 * @example
 * omisWeights(g, pmfs, counts, alpha, 0); // columns sum to 1
 */
export function omisWeights(
  g: GradientRows,
  pmfs: readonly ArrayLike<number>[],
  counts: ArrayLike<number>,
  coef: ArrayLike<number>,
  x: number,
): Float64Array {
  const { N, J, P } = check('omisWeights', g, pmfs, counts);
  if (coef.length !== J * P)
    throw new RangeError(`omisWeights: coef has ${coef.length} entries, J × P = ${J * P}`);
  const S = mixtureDensity(pmfs, counts, x);
  const w = new Float64Array(J * P); // (J, P)
  for (let d = 0; d < P; d++) {
    const f = g[x][d] / N;
    let fit = 0;
    for (let k = 0; k < J; k++) fit += coef[k * P + d] * pmfs[k][x]; // Σ_k α_k p_k(x)
    for (let j = 0; j < J; j++) {
      w[j * P + d] =
        f === 0 ? NaN : (coef[j * P + d] * pmfs[j][x]) / f + ((counts[j] * pmfs[j][x]) / S) * (1 - fit / f); // METHODS Eq. 4.2
    }
  }
  return w;
}

/**
 * The MIS estimate (METHODS Eq. 4.1) with the optimal weights (4.2) for given coefficients α, evaluated term by
 * term in the division-free form w_j(x) f(x)/p_j(x) = α_j + n_j (f(x) − Σ_k α_k p_k(x)) / S(x). With the exact α
 * of {@link omisSystemExact} it is unbiased (the weights sum to 1) and has the least variance over all
 * weightings of the same draws ([OMIS]); it equals Σ_j α_j + Σ_s (f − Σ_k α_k p_k)/S (METHODS §4.4 fact 1).
 * @param g per-sample gradients (N × P).
 * @param pmfs p_j (J).
 * @param counts n_j (J).
 * @param idx the batch (B = Σ n_j), technique by technique.
 * @param coef α (J × P) row-major.
 * @returns Ĝ (P).
 * @example
 * omisWeightedEstimate(g, pmfs, counts, idx, alpha); // one unbiased OMIS estimate
 */
export function omisWeightedEstimate(
  g: GradientRows,
  pmfs: readonly ArrayLike<number>[],
  counts: ArrayLike<number>,
  idx: ArrayLike<number>,
  coef: ArrayLike<number>,
): Float64Array {
  const { N, J, P, B } = check('omisWeightedEstimate', g, pmfs, counts);
  if (coef.length !== J * P)
    throw new RangeError(`omisWeightedEstimate: coef has ${coef.length} entries, J × P = ${J * P}`);
  const tech = slotTechniques(counts, B, idx.length, 'omisWeightedEstimate');
  const out = new Float64Array(P); // (P)
  for (let s = 0; s < B; s++) {
    const x = idx[s];
    const j = tech[s];
    const S = mixtureDensity(pmfs, counts, x);
    for (let d = 0; d < P; d++) {
      let fit = 0;
      for (let k = 0; k < J; k++) fit += coef[k * P + d] * pmfs[k][x]; // Σ_k α_k p_k(x)
      const term = coef[j * P + d] + (counts[j] * (g[x][d] / N - fit)) / S; // METHODS Eq. 4.2 × f/p_j
      out[d] += term / counts[j]; // METHODS Eq. 4.1: (1/n_j) Σ_s
    }
  }
  return out;
}

/** Options of {@link omisBatchEstimate}. */
export interface OmisBatchEstimateOptions {
  /** Normalisation of METHODS §4.6: 'a' (Kondapaneni) or 'b' (Salaün); both give the same Ĝ. Default 'a'. */
  form: OmisForm;
  /** Cholesky jitter factor of `solveOmis`. Default 1e-10. */
  jitterScale: number;
}

/** Defaults of {@link OmisBatchEstimateOptions}: `{ form: 'a', jitterScale: 1e-10 }`. */
export const omisBatchEstimateDefaults: Readonly<OmisBatchEstimateOptions> = Object.freeze({
  form: 'a',
  jitterScale: 1e-10,
});

/**
 * The kit's practical OMIS estimate from one batch, without momentum (β = 0): Â and b̂ of METHODS Eq. 4.4 from the
 * batch (`omisCoefficients`, then A += Σ W Wᵀ, b += Σ c gᵀ), α̂ = Â⁻¹ b̂ (`solveOmis`), Ĝ = Σ_j α̂_j
 * (`omisEstimate`; [MIS] Eq. 8). Consistent, not unbiased: α̂ is a ratio estimate (METHODS §4.4 fact 2).
 * @param g per-sample gradients (N × P).
 * @param pmfs p_j (J).
 * @param counts n_j (J).
 * @param idx the batch (B = Σ n_j), technique by technique.
 * @param options `{ form = 'a', jitterScale = 1e-10 }`.
 * @returns Ĝ_OMIS (P).
 * @example
 * omisBatchEstimate(g, pmfs, [2, 2], idx); // (P)
 */
export function omisBatchEstimate(
  g: GradientRows,
  pmfs: readonly ArrayLike<number>[],
  counts: ArrayLike<number>,
  idx: ArrayLike<number>,
  options: Partial<OmisBatchEstimateOptions> = {},
): Float64Array {
  const { form, jitterScale } = { ...omisBatchEstimateDefaults, ...options };
  const { N, J, P, B } = check('omisBatchEstimate', g, pmfs, counts);
  if (idx.length !== B)
    throw new RangeError(`omisBatchEstimate: idx has ${idx.length} indices, counts sum to B = ${B}`);
  const probs = new Float64Array(B * J); // (B, J) p_k(x_s)
  const grads = new Float64Array(B * P); // (B, P) ∇ℓ(x_s) = g_x
  for (let s = 0; s < B; s++) {
    for (let k = 0; k < J; k++) probs[s * J + k] = pmfs[k][idx[s]];
    for (let d = 0; d < P; d++) grads[s * P + d] = g[idx[s]][d];
  }
  const { W, c } = omisCoefficients(probs, counts, N, form); // METHODS §4.6
  const A = new Float64Array(J * J); // (J, J)
  const b = new Float64Array(J * P); // (J, P)
  accumulateA(A, W, 0); // METHODS Eq. 4.4: Â = Σ_s W Wᵀ
  accumulateB(b, c, grads, 0, J); // METHODS Eq. 4.4: b̂ = Σ_s W fᵀ / S
  return omisEstimate(solveOmis(A, b, { jitterScale }).x, counts, N, form); // [MIS] Eq. 8: Ĝ = Σ_j α̂_j
}
