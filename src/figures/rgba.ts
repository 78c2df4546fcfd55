/**
 * A `#rrggbb` colour with opacity `a`, as plotly's `rgba(r,g,b,a)` (confidence bands, translucent markers); any
 * other colour string is returned as it is.
 * @example
 * rgba('#1f77b4', 0.2); // 'rgba(31,119,180,0.2)'
 */
export function rgba(hex: string, a: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (m === null) return hex;
  return `rgba(${parseInt(m[1], 16)},${parseInt(m[2], 16)},${parseInt(m[3], 16)},${a})`;
}
