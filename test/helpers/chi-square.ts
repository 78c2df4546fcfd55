/** Pearson χ² of observed counts against q/Σq, over cells with q_i > 0. */
export function chiSquare(
  counts: ArrayLike<number>,
  q: ArrayLike<number>,
  draws: number,
): { stat: number; df: number } {
  let total = 0;
  for (let i = 0; i < q.length; i++) total += q[i];
  let stat = 0;
  let cells = 0;
  for (let i = 0; i < q.length; i++) {
    if (q[i] === 0) continue;
    const e = (draws * q[i]) / total;
    stat += (counts[i] - e) ** 2 / e;
    cells++;
  }
  return { stat, df: cells - 1 };
}
