import type { PlotlyAxis } from './types.js';

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** `m × 10^e` as text: '10⁻⁴' for m = 1, '5×10⁻⁵' otherwise; plain digits for e in [-2, 3]. */
function tickText(m: number, e: number): string {
  if (e >= -2 && e <= 3) return String(Number((m * 10 ** e).toPrecision(3)));
  const pow = `10${String(e)
    .split('')
    .map((c) => SUPERSCRIPT[c])
    .join('')}`;
  return m === 1 ? pow : `${m}×${pow}`;
}

/**
 * Tick settings of a log axis that label every tick in full, whatever the span of the data: whole decades
 * (`dtick: 1`, labels 10⁻⁴, 10⁻³, ...) when at least two powers of ten fall inside it; otherwise explicit ticks
 * at 1, 2, 5 × 10^k (or every digit, for a span under a factor 5) labelled '5×10⁻⁵'. Left alone, plotly labels
 * spans of one to a few decades with bare digits between the decades ('100μ' then '9 8 … 2').
 *
 * @param values - the positive values drawn on the axis (non-positive and non-finite ones are ignored).
 * @returns the axis fields to merge into a log axis; `{}` when no value is positive.
 * @example
 * logAxisTicks([3e-5, 8e-5]); // { exponentformat: 'power', tickvals: [3e-5, 4e-5, ...], ticktext: ['3×10⁻⁵', ...] }
 */
export function logAxisTicks(values: readonly number[]): Partial<PlotlyAxis> {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (Number.isFinite(v) && v > 0) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (!(lo <= hi)) return {};
  const e0 = Math.floor(Math.log10(lo));
  const e1 = Math.floor(Math.log10(hi));
  // Decades inside [lo, hi] (a power of ten counts if within float error of the data).
  const decades = e1 - Math.ceil(Math.log10(lo) - 1e-9) + 1;
  if (decades >= 2) return { exponentformat: 'power', dtick: 1 };
  const ticks = (mantissas: readonly number[]) => {
    const out: { v: number; m: number; e: number }[] = [];
    for (let e = e0; e <= e1 + 1; e++) {
      for (const m of mantissas) {
        const v = m * 10 ** e;
        // Half a step of room either side, so the labelled ticks frame the data.
        if (v >= lo / 1.25 && v <= hi * 1.25) out.push({ v: Number(v.toPrecision(12)), m, e });
      }
    }
    return out;
  };
  let t = ticks([1, 2, 5]);
  if (t.length < 3) t = ticks([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  return { exponentformat: 'power', tickvals: t.map((x) => x.v), ticktext: t.map((x) => tickText(x.m, x.e)) };
}
