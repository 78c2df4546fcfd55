/**
 * Effective minibatch size B_eff = B · tr Σ_U / tr Σ_p(w) ([EMAIS] Eq. 7, METHODS §5.5): uniform sampling with
 * B_eff draws has the same gradient covariance trace as IS with B draws. Guard (METHODS §5.5, L): a
 * non-positive or non-finite trace (noisy plug-in estimate) gives B_eff = B.
 *
 * @param B minibatch size, a number > 0.
 * @param trU estimate of tr Σ_U.
 * @param trIS estimate of tr Σ_p(w).
 * @returns B_eff > 0.
 * @example
 * effectiveMinibatch(128, 2, 1); // 256
 */
export function effectiveMinibatch(B: number, trU: number, trIS: number): number {
  if (!Number.isFinite(B) || B <= 0) {
    throw new RangeError(`effectiveMinibatch: B must be a finite number > 0, got ${B}`);
  }
  if (!(trU > 0) || !(trIS > 0) || !Number.isFinite(trU) || !Number.isFinite(trIS)) return B; // METHODS §5.5 guard
  return (B * trU) / trIS; // [EMAIS] Eq. 7
}
