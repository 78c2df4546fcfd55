/** Comparison of a {@link verdict}. */
export type VerdictOp = '≤' | '<' | '≥' | '>';

/** Options of {@link verdict}. */
export interface VerdictOptions {
  /** Throw an Error carrying the ✗ line when the check fails (so a notebook run stops there). Default true. */
  throws: boolean;
  /** Significant digits printed. Default 3. */
  digits: number;
}

/** Defaults of {@link VerdictOptions}: `{ throws: true, digits: 3 }`. */
export const verdictDefaults: Readonly<VerdictOptions> = Object.freeze({ throws: true, digits: 3 });

/**
 * One printed numerical check: "`label` = value op bound ✓" (or ✗). NaN never passes. By default a failing
 * check throws, so an identity that stops holding stops the notebook with its line.
 * @param label what was measured, e.g. '|E[Ĝ] − G|'.
 * @param value the measured number.
 * @param op '≤', '<', '≥' or '>'.
 * @param bound the tolerance or the other side.
 * @param options `{ throws = true, digits = 3 }`.
 * @example
 * verdict('|E[Ĝ] − G|', 3e-17, '≤', 1e-12); // '|E[Ĝ] − G| = 3.00e-17 ≤ 1.00e-12 ✓'
 */
export function verdict(
  label: string,
  value: number,
  op: VerdictOp,
  bound: number,
  options: Partial<VerdictOptions> = {},
): string {
  const { throws, digits } = { ...verdictDefaults, ...options };
  const ok =
    op === '≤'
      ? value <= bound
      : op === '<'
        ? value < bound
        : op === '≥'
          ? value >= bound
          : op === '>'
            ? value > bound
            : null;
  if (ok === null) throw new RangeError(`verdict: op must be one of ≤ < ≥ >, got '${String(op)}'`);
  const fmt = (v: number) =>
    Number.isFinite(v) && v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e4)
      ? v.toExponential(digits - 1)
      : Number(v.toPrecision(digits)).toString();
  const line = `${label} = ${fmt(value)} ${op} ${fmt(bound)} ${ok ? '✓' : '✗'}`;
  if (!ok && throws) throw new Error(`check failed: ${line}`);
  return line;
}

/**
 * Largest absolute element-wise difference max_d |a_d − b_d| (NaN if any difference is NaN, so a check fails).
 * @param a values (D).
 * @param b values (D).
 * @example
 * maxAbsDiff([1, 2], [1, 2.5]); // 0.5
 */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`maxAbsDiff: lengths differ, ${a.length} vs ${b.length}`);
  let m = 0;
  for (let d = 0; d < a.length; d++) {
    const e = Math.abs(a[d] - b[d]);
    if (Number.isNaN(e)) return NaN;
    m = Math.max(m, e);
  }
  return m;
}

/**
 * A tolerance for float64 identities that sum `terms` numbers of magnitude ≤ `scale`: 4 · terms · 2⁻⁵² · scale,
 * four times the worst-case round-off of recursive summation (Higham, Accuracy and Stability of Numerical
 * Algorithms, §4.2), so an exact identity never fails on rounding and a wrong formula (an O(scale) error) does.
 * @param terms number of summed terms (≥ 1).
 * @param scale bound on the terms' magnitude (≥ 0).
 * @example
 * roundoffBound(1000, 2); // 4 · 1000 · 2.22e-16 · 2 ≈ 1.8e-12
 */
export function roundoffBound(terms: number, scale: number): number {
  if (!(terms >= 1 && Number.isFinite(terms)))
    throw new RangeError(`roundoffBound: terms must be ≥ 1, got ${terms}`);
  if (!(scale >= 0 && Number.isFinite(scale)))
    throw new RangeError(`roundoffBound: scale must be finite and ≥ 0, got ${scale}`);
  return 4 * terms * Number.EPSILON * scale; // Higham §4.2: |error| ≤ (n − 1) u Σ|x_i| + O(u²)
}
