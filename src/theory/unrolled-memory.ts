/**
 * The importance memory after k visits in closed form: unrolling q ← α_q q + (1 − α_q) φ ([MIS] Alg. 1 l.12;
 * [AS-IS] Eq. 7) gives q_k = α_q^k q_0 + (1 − α_q) Σ_{t=1..k} α_q^{k−t} φ_t, an exponential moving average whose
 * weight on a score seen m visits ago is (1 − α_q) α_q^m (so α_q = 0 keeps only the latest score).
 * @param q0 the memory before the first visit (≥ 0).
 * @param phis the scores φ_1..φ_k seen at the k visits (≥ 0).
 * @param alpha α_q ∈ [0, 1).
 * @returns q_k.
 * @example
 * unrolledMemory(2, [4], 0.25); // 0.25·2 + 0.75·4 = 3.5
 */
export function unrolledMemory(q0: number, phis: ArrayLike<number>, alpha: number): number {
  if (!(alpha >= 0 && alpha < 1))
    throw new RangeError(`unrolledMemory: alpha must be in [0, 1), got ${alpha}`);
  const k = phis.length;
  let q = alpha ** k * q0; // α_q^k q_0
  for (let t = 1; t <= k; t++) q += (1 - alpha) * alpha ** (k - t) * phis[t - 1]; // [AS-IS] Eq. 7 unrolled
  return q;
}
