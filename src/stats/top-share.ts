/**
 * Share of the total weight held by the heaviest `fraction` of the points (round(fraction·N) of them, at least 1):
 * `fraction` for equal weights, 1 when that many points or fewer hold everything.
 * @param w non-negative weights (N ≥ 1), e.g. importance values.
 * @param fraction share of the points counted from the top, in (0, 1]. Default 0.1 (the top 10%).
 * @example
 * topShare([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]); // 0.1
 * topShare([3, 1], 0.5); // 0.75
 */
export function topShare(w: readonly number[], fraction = 0.1): number {
  if (w.length === 0) throw new RangeError('topShare: no weights');
  if (!(fraction > 0 && fraction <= 1))
    throw new RangeError(`topShare: fraction must be in (0, 1], got ${fraction}`);
  const s = [...w].sort((a, b) => b - a);
  const k = Math.max(1, Math.round(fraction * s.length));
  const total = s.reduce((a, b) => a + b, 0);
  return s.slice(0, k).reduce((a, b) => a + b, 0) / total;
}
