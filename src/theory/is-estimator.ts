/**
 * The single-pmf importance-sampling gradient estimator and its exact variance (METHODS §1.1–1.2), in float64 on
 * explicit per-sample gradients, for checking the theory on small problems.
 *
 * Symbols: N samples, P coordinates, g_i ∈ R^P the per-sample gradients (`g[i]`), G = (1/N) Σ_i g_i the target,
 * p a pmf over the samples, B draws i_1..i_B ~ p (with replacement), λ_i = 1/(N p_i).
 */

/** Per-sample gradients as rows: g[i] (P) for i = 0..N−1. */
export type GradientRows = readonly ArrayLike<number>[];

/** G, ‖G‖² and the per-sample norms ‖g_i‖ of a set of per-sample gradients. */
export interface GradientSummary {
  /** G = (1/N) Σ_i g_i (P). */
  G: Float64Array;
  /** ‖G‖². */
  gSq: number;
  /** ‖g_i‖ (N). */
  norms: Float64Array;
}

function dims(who: string, g: GradientRows): { N: number; P: number } {
  const N = g.length;
  if (N < 1) throw new RangeError(`${who}: g is empty; need N ≥ 1 per-sample gradients`);
  const P = g[0].length;
  if (P < 1) throw new RangeError(`${who}: g[0] is empty; gradients need P ≥ 1 coordinates`);
  for (let i = 0; i < N; i++) {
    if (g[i].length !== P)
      throw new RangeError(`${who}: g[${i}] has ${g[i].length} coordinates, g[0] has ${P}`);
    for (let d = 0; d < P; d++) {
      if (!Number.isFinite(g[i][d])) throw new RangeError(`${who}: g[${i}][${d}] = ${g[i][d]}, not finite`);
    }
  }
  return { N, P };
}

/**
 * The target gradient G = (1/N) Σ_i g_i (METHODS §0, the kit always targets the mean), ‖G‖² and every ‖g_i‖.
 * @param g per-sample gradients (N × P), finite.
 * @example
 * summarizeGradients([[1, 0], [0, 3]]); // { G: [0.5, 1.5], gSq: 2.5, norms: [1, 3] }
 */
export function summarizeGradients(g: GradientRows): GradientSummary {
  const { N, P } = dims('summarizeGradients', g);
  const G = new Float64Array(P); // (P)
  const norms = new Float64Array(N); // (N)
  for (let i = 0; i < N; i++) {
    let sq = 0;
    for (let d = 0; d < P; d++) {
      G[d] += g[i][d] / N; // METHODS §0: G = (1/N) Σ_i g_i
      sq += g[i][d] * g[i][d];
    }
    norms[i] = Math.sqrt(sq);
  }
  return { G, gSq: G.reduce((s, v) => s + v * v, 0), norms };
}

/**
 * One IS estimate Ĝ = (1/B) Σ_b g_{i_b} / (N p_{i_b}) (METHODS Eq. 1.1; [AS-IS] Eq. 3; [EMAIS] Eqs. 1–3).
 * @param g per-sample gradients (N × P).
 * @param p the pmf the indices were drawn from (N); p_i > 0 at every drawn index.
 * @param idx the drawn indices i_1..i_B (B ≥ 1).
 * @returns Ĝ (P).
 * @example
 * isEstimate([[1], [3]], [0.25, 0.75], [1]); // [3 / (2 · 0.75)] = [2]
 */
export function isEstimate(g: GradientRows, p: ArrayLike<number>, idx: ArrayLike<number>): Float64Array {
  const N = g.length;
  const B = idx.length;
  if (B < 1) throw new RangeError('isEstimate: idx is empty; need B ≥ 1 drawn indices');
  if (p.length !== N) throw new RangeError(`isEstimate: p has ${p.length} entries, g has N = ${N} rows`);
  const P = g[0].length;
  const out = new Float64Array(P); // (P)
  for (let b = 0; b < B; b++) {
    const i = idx[b];
    if (!(p[i] > 0)) throw new RangeError(`isEstimate: drawn index ${i} has p = ${p[i]}; it cannot be drawn`);
    const lambda = 1 / (N * p[i]); // [EMAIS] Eq. 2: λ_i = 1/(N p_i)
    for (let d = 0; d < P; d++) out[d] += (lambda * g[i][d]) / B; // METHODS Eq. 1.1
  }
  return out;
}

/**
 * The exact covariance trace of the IS estimate with B i.i.d. draws: tr Cov(Ĝ) = (Σ_i ‖g_i‖²/(N² p_i) − ‖G‖²)/B
 * (METHODS Eq. 1.2; [EMAIS] Prop. 3.2's tr Σ_p(w) divided by B).
 * @param g per-sample gradients (N × P), finite.
 * @param p pmf (N), p_i > 0 wherever g_i ≠ 0 (otherwise the estimator is biased and this formula does not apply).
 * @param B batch size, integer ≥ 1. Default 1.
 * @example
 * isVarianceTrace([[1], [3]], [0.5, 0.5]); // (1 + 9)/2 − 4 = 1
 */
export function isVarianceTrace(g: GradientRows, p: ArrayLike<number>, B = 1): number {
  const { norms, gSq } = summarizeGradients(g);
  const N = g.length;
  if (p.length !== N) throw new RangeError(`isVarianceTrace: p has ${p.length} entries, g has N = ${N} rows`);
  if (!Number.isInteger(B) || B < 1)
    throw new RangeError(`isVarianceTrace: B must be an integer ≥ 1, got ${B}`);
  let s = 0;
  for (let i = 0; i < N; i++) {
    if (norms[i] === 0) continue;
    if (!(p[i] > 0)) {
      throw new RangeError(
        `isVarianceTrace: p[${i}] = ${p[i]} but ‖g_${i}‖ = ${norms[i]} > 0: the estimator is biased (METHODS §1.1)`,
      );
    }
    s += (norms[i] * norms[i]) / (N * N * p[i]); // METHODS Eq. 1.2: Σ ‖g_i‖²/(N² p_i)
  }
  return (s - gSq) / B; // METHODS Eq. 1.2: tr Cov(Ĝ) = tr Cov_p[λg] / B
}

/**
 * A pmf from non-negative scores: p_i = q_i / Σ_k q_k ([MIS] Alg. 1 l.6; [EMAIS] Eq. 1).
 * @param q scores (N), finite ≥ 0 with Σ q > 0.
 * @example
 * pmfFromScores([1, 3]); // [0.25, 0.75]
 */
export function pmfFromScores(q: ArrayLike<number>): Float64Array {
  let total = 0;
  for (let i = 0; i < q.length; i++) {
    if (!Number.isFinite(q[i]) || q[i] < 0)
      throw new RangeError(`pmfFromScores: q[${i}] must be finite and ≥ 0, got ${q[i]}`);
    total += q[i];
  }
  if (!(total > 0)) throw new RangeError(`pmfFromScores: the scores sum to ${total}; need Σ q > 0`);
  return Float64Array.from(q, (v) => v / total); // [MIS] Alg. 1 l.6: p = q / Σ q
}

/**
 * The variance-optimal pmf p*_i = ‖g_i‖ / Σ_k ‖g_k‖ ([Alain]; [EMAIS] Prop. 3.2 Eq. 5; METHODS §1.2), from the
 * gradient norms; uniform when every norm is 0 (every pmf is then optimal).
 * @param norms ‖g_i‖ (N), finite ≥ 0.
 * @example
 * optimalPmf([1, 3]); // [0.25, 0.75]
 */
export function optimalPmf(norms: ArrayLike<number>): Float64Array {
  if (norms.length < 1) throw new RangeError('optimalPmf: norms is empty');
  let total = 0;
  for (let i = 0; i < norms.length; i++) total += norms[i];
  if (total === 0) return new Float64Array(norms.length).fill(1 / norms.length);
  return pmfFromScores(norms); // [EMAIS] Eq. 5: w*_i = ‖g_i‖
}
