/**
 * Mixture density and balance-heuristic weights of a multiple-importance-sampling batch (METHODS §4.1–4.2).
 *
 * Symbols: B rows (drawn samples x_b), J techniques, `probs[b·J + k]` = p_k(x_b), `counts[k]` = n_k with
 * Σ n_k = B, N the training-set size.
 */
export interface MixtureWeights {
  /** S(x_b) = Σ_k n_k p_k(x_b) (B). */
  S: Float64Array;
  /** Balance-heuristic weights W_k(x_b) = n_k p_k(x_b) / S(x_b), row-major (B × J); each row sums to 1. */
  W: Float64Array;
  /** Mixture-IS weights λ_b = B / (N S(x_b)) = 1 / (N p_mix(x_b)) (B), so that Ĝ_BH = (1/B) Σ_b λ_b ∇ℓ_b. */
  lambda: Float64Array;
}

/**
 * Computes S(x), the balance-heuristic weights W(x) and the equivalent mixture-IS weights of a batch.
 * Balance heuristic [Veach]: w_j(x) = n_j p_j(x)/S(x); then (4.1) collapses to IS from p_mix = S/B (METHODS §4.2).
 * @param probs p_k(x_b), row-major (B × J), entries finite and ≥ 0.
 * @param counts n_k (J), integers ≥ 0 summing to B.
 * @param N training-set size (integer ≥ 1).
 * @returns {@link MixtureWeights}; throws when a row has S(x_b) = 0 (a sample no technique could draw).
 * @example
 * const { lambda } = mixtureWeights(Float64Array.of(0.5, 0.25), Int32Array.of(1, 0), 4); // B = 1, J = 2
 * // S = 1·0.5 + 0·0.25 = 0.5, λ = 1 / (4 · 0.5) = 0.5
 */
export function mixtureWeights(probs: Float64Array, counts: ArrayLike<number>, N: number): MixtureWeights {
  const J = counts.length;
  if (J < 1) throw new RangeError(`mixtureWeights: counts must have length J ≥ 1, got ${J}`);
  if (probs.length % J !== 0) {
    throw new RangeError(`mixtureWeights: probs has length ${probs.length}, not a multiple of J = ${J}`);
  }
  if (!Number.isInteger(N) || N < 1)
    throw new RangeError(`mixtureWeights: N must be an integer ≥ 1, got ${N}`);
  const B = probs.length / J;
  let total = 0;
  for (let k = 0; k < J; k++) {
    if (!Number.isInteger(counts[k]) || counts[k] < 0) {
      throw new RangeError(`mixtureWeights: counts[${k}] must be an integer ≥ 0, got ${counts[k]}`);
    }
    total += counts[k];
  }
  if (total !== B) throw new RangeError(`mixtureWeights: counts sum to ${total}, expected B = ${B}`);
  const S = new Float64Array(B); // (B)
  const W = new Float64Array(B * J); // (B, J)
  const lambda = new Float64Array(B); // (B)
  for (let b = 0; b < B; b++) {
    let s = 0;
    for (let k = 0; k < J; k++) s += counts[k] * probs[b * J + k]; // METHODS §0 / [MIS] Alg. 2 l.15: S = Σ n_k p_k
    if (!(s > 0 && Number.isFinite(s))) {
      throw new RangeError(`mixtureWeights: S(x) = ${s} at row ${b}; every drawn sample needs S(x) > 0`);
    }
    S[b] = s;
    for (let k = 0; k < J; k++) W[b * J + k] = (counts[k] * probs[b * J + k]) / s; // [MIS] Alg. 2 l.16
    lambda[b] = B / (N * s); // METHODS §4.2: λ = 1/(N p_mix), p_mix = S/B
  }
  return { S, W, lambda };
}
