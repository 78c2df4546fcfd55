/**
 * L2 distance between two importance distributions, ‖p_A − p_B‖₂ (METHODS §2.6; [MIS] §4 and [AS-IS] §5.2
 * inline figures), after normalising each non-negative score vector to sum 1 (float64).
 *
 * @param a scores or pmf (N), finite ≥ 0, positive sum.
 * @param b scores or pmf (N), same length.
 * @example
 * distributionDistance([1, 1], [1, 0]); // ‖(0.5, 0.5) − (1, 0)‖₂ = √0.5 ≈ 0.7071
 */
export function distributionDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const N = a.length;
  if (N === 0 || b.length !== N) {
    throw new RangeError(
      `distributionDistance: a and b must have the same length ≥ 1, got ${N}, ${b.length}`,
    );
  }
  const sa = total('a', a);
  const sb = total('b', b);
  let d = 0;
  for (let i = 0; i < N; i++) d += (a[i] / sa - b[i] / sb) ** 2; // METHODS §2.6
  return Math.sqrt(d);
}

function total(name: string, v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i]) || v[i] < 0) {
      throw new RangeError(`distributionDistance: ${name}[${i}] must be finite and ≥ 0, got ${v[i]}`);
    }
    s += v[i];
  }
  if (!(s > 0)) throw new RangeError(`distributionDistance: ${name} sums to ${s}; it needs a positive entry`);
  return s;
}
