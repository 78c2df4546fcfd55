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
