import type { PlotlyDash } from './types.js';
import { fnv1a } from '../random/fnv1a.js';

/** How one method is drawn in every figure: legend label, line colour (`#rrggbb`) and dash pattern. */
export interface MethodStyle {
  label: string;
  color: string;
  dash: PlotlyDash;
}

/**
 * Styles of the methods the kit knows, keyed by registry name (METHODS.md). Families share a hue and differ by
 * dash (OMIS J = 2/3/4, Confidence/ConfVar, uniform with/without replacement); the baseline uniform SGD is
 * near-black so "ours" stands out in red and blue, as in the papers.
 */
export const knownMethodStyles: Readonly<Record<string, Readonly<MethodStyle>>> = {
  uniform: { label: 'SGD (uniform)', color: '#222222', dash: 'solid' },
  'uniform-replace': { label: 'SGD (uniform, with replacement)', color: '#7f7f7f', dash: 'dash' },
  exact: { label: 'Exact GD', color: '#000000', dash: 'dot' },
  is: { label: 'IS (ours)', color: '#d62728', dash: 'solid' },
  as: { label: 'AS (ours)', color: '#1f77b4', dash: 'solid' },
  'mis-bh': { label: 'MIS (balance heuristic)', color: '#9467bd', dash: 'dash' },
  'omis-j2': { label: 'OMIS (J = 2)', color: '#2ca02c', dash: 'dot' },
  'omis-j3': { label: 'OMIS (J = 3)', color: '#2ca02c', dash: 'dashdot' },
  'omis-j4': { label: 'OMIS (J = 4)', color: '#2ca02c', dash: 'dash' },
  omis: { label: 'OMIS (ours)', color: '#2ca02c', dash: 'solid' },
  emais: { label: 'EMAIS', color: '#ff7f0e', dash: 'solid' },
  dlis: { label: 'DLIS', color: '#8c564b', dash: 'solid' },
  'presampling-is': { label: 'Presampling-IS', color: '#8c564b', dash: 'dot' },
  low: { label: 'LOW', color: '#e377c2', dash: 'solid' },
  rais: { label: 'RAIS-lite', color: '#bcbd22', dash: 'solid' },
  confidence: { label: 'Confidence', color: '#17becf', dash: 'solid' },
  confvar: { label: 'ConfVar', color: '#17becf', dash: 'dash' },
  'self-paced': { label: 'Self-paced', color: '#7b4173', dash: 'solid' },
  obs: { label: 'OBS', color: '#637939', dash: 'solid' },
  lis: { label: 'LIS (loss)', color: '#843c39', dash: 'dashdot' },
  'is-dlis': { label: 'DLIS weights in IS', color: '#8c564b', dash: 'dash' },
  'uniform-dynamic': { label: 'SGD-Uni (B = B_eff)', color: '#7f7f7f', dash: 'dot' },
};

/** Colours for methods without a known style; none of them is used by {@link knownMethodStyles}. */
export const fallbackPalette: readonly string[] = [
  '#393b79',
  '#e6550d',
  '#31a354',
  '#756bb1',
  '#ad494a',
  '#3182bd',
  '#8c6d31',
  '#de9ed6',
];

/** Dash patterns cycled for unknown methods, so two of them rarely share colour *and* dash. */
const fallbackDashes: readonly PlotlyDash[] = ['solid', 'dash', 'dot', 'dashdot', 'longdash'];

/**
 * The label, colour and dash used for a method in every figure.
 *
 * Known names (see {@link knownMethodStyles}; matched after trimming and lower-casing) get their fixed style.
 * Any other name gets its own name as label and a colour and dash picked from {@link fallbackPalette} by a hash
 * of the name, so the same unknown method looks the same in every figure and every run.
 *
 * @param name - method registry name, e.g. `'is'`, `'omis-j2'`, `'uniform'`.
 * @returns a fresh style object (safe to modify).
 * @example
 * methodStyle('is'); // { label: 'IS (ours)', color: '#d62728', dash: 'solid' }
 * methodStyle('my-sampler').label; // 'my-sampler'
 */
export function methodStyle(name: string): MethodStyle {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new Error(`methodStyle: name must be a non-empty string; got ${JSON.stringify(name)}`);
  }
  const key = name.trim().toLowerCase();
  const known = Object.hasOwn(knownMethodStyles, key) ? knownMethodStyles[key] : undefined;
  if (known !== undefined) return { ...known };
  const h = fnv1a(key);
  return {
    label: name,
    color: fallbackPalette[h % fallbackPalette.length],
    // Use high bits for the dash so colour and dash vary independently.
    dash: fallbackDashes[(h >>> 16) % fallbackDashes.length],
  };
}
