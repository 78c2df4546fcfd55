/** Ranks 1..n with ties given their average rank (float64). */
function ranks(v: ArrayLike<number>): Float64Array {
  const n = v.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => v[i] - v[j]);
  const r = new Float64Array(n);
  for (let k = 0; k < n;) {
    let e = k;
    while (e + 1 < n && v[order[e + 1]] === v[order[k]]) e++;
    const avg = (k + e) / 2 + 1; // tied block k..e shares the mean of ranks k+1..e+1
    for (let t = k; t <= e; t++) r[order[t]] = avg;
    k = e + 1;
  }
  return r;
}

/**
 * Spearman's rank correlation ρ: Pearson's r of the ranks (ties get average ranks). NaN when either input is
 * constant (ρ undefined), e.g. the uniform pmf.
 *
 * @param a values (n ≥ 2), finite.
 * @param b values (n), finite.
 * @example
 * spearmanCorrelation([1, 2, 3], [10, 30, 20]); // 0.5
 */
export function spearmanCorrelation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  if (n < 2 || b.length !== n) {
    throw new RangeError(
      `spearmanCorrelation: need two equal-length inputs of ≥ 2 values, got ${n}, ${b.length}`,
    );
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(a[i]) || !Number.isFinite(b[i])) {
      throw new RangeError(`spearmanCorrelation: values at ${i} must be finite, got ${a[i]}, ${b[i]}`);
    }
  }
  const ra = ranks(a);
  const rb = ranks(b);
  const m = (n + 1) / 2; // mean rank
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (ra[i] - m) * (rb[i] - m);
    saa += (ra[i] - m) ** 2;
    sbb += (rb[i] - m) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : NaN;
}
