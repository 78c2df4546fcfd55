/**
 * Efficiency score s = (tr Σ_p(w) − tr Σ_p(w*)) / (tr Σ_U − tr Σ_p(w*)) ([EMAIS] §5, METHODS §5.7): 0 for the
 * optimal pmf, 1 for uniform-equivalent variance, > 1 when IS is worse than uniform. ‖Ḡ‖² cancels, so with
 * the plug-in sums s = (S2 − S0²)/(S1 − S0²). When tr Σ_U ≤ tr Σ_p(w*) (all gradient norms equal, so
 * uniform is already optimal) the score is undefined; it returns 1 there (IS cannot beat uniform).
 *
 * @param trIS tr Σ_p(w), finite.
 * @param trU tr Σ_U, finite.
 * @param trOpt tr Σ_p(w*), finite.
 * @example
 * efficiencyScore(1.5, 2, 1); // 0.5
 */
export function efficiencyScore(trIS: number, trU: number, trOpt: number): number {
  for (const [name, v] of [
    ['trIS', trIS],
    ['trU', trU],
    ['trOpt', trOpt],
  ] as const) {
    if (!Number.isFinite(v)) throw new RangeError(`efficiencyScore: ${name} must be finite, got ${v}`);
  }
  const den = trU - trOpt;
  if (!(den > 0)) return 1; // uniform is optimal (or estimates degenerate): no room to improve
  return (trIS - trOpt) / den; // METHODS §5.7
}
