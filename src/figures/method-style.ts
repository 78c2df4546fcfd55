import type { PlotlyDash } from './types.js';
import { fnv1a } from '../random/fnv1a.js';

/** How one method is drawn in every figure: legend label, line colour (`#rrggbb`) and dash pattern. */
export interface MethodStyle {
  label: string;
  color: string;
  dash: PlotlyDash;
}

/**
 * Styles of the methods the kit knows, keyed by registry name (docs/methods.md). Colours are colour-blind safe:
 * the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design") for the main methods and Paul Tol's
 * "muted" scheme (Tol 2021, SRON/EPS/TN/09-002) for the baselines; no pair relies on red vs green. Families
 * share a hue and differ by dash (OMIS J = 2/3/4, Confidence/ConfVar, uniform with/without replacement); the
 * baseline uniform SGD is near-black so "ours" stands out in vermillion (IS) and blue (AS), as in the papers.
 * Together with a 13 px font and 1.5 px lines (see `lineBandFigure`), figures exported at 640 × 400 px stay
 * readable at one column of a two-column paper.
 */
export const knownMethodStyles: Readonly<Record<string, Readonly<MethodStyle>>> = {
  uniform: { label: 'SGD (uniform)', color: '#222222', dash: 'solid' },
  'uniform-replace': { label: 'SGD (uniform, with replacement)', color: '#777777', dash: 'dash' },
  exact: { label: 'Exact GD', color: '#000000', dash: 'dot' },
  is: { label: 'IS (ours)', color: '#d55e00', dash: 'solid' },
  as: { label: 'AS (ours)', color: '#0072b2', dash: 'solid' },
  'mis-bh': { label: 'MIS (balance heuristic)', color: '#cc79a7', dash: 'dash' },
  'omis-j2': { label: 'OMIS (J = 2)', color: '#009e73', dash: 'dot' },
  'omis-j3': { label: 'OMIS (J = 3)', color: '#009e73', dash: 'dashdot' },
  'omis-j4': { label: 'OMIS (J = 4)', color: '#009e73', dash: 'dash' },
  omis: { label: 'OMIS (ours)', color: '#009e73', dash: 'solid' },
  emais: { label: 'EMAIS', color: '#e69f00', dash: 'solid' },
  dlis: { label: 'DLIS', color: '#56b4e9', dash: 'solid' },
  'presampling-is': { label: 'Presampling-IS', color: '#56b4e9', dash: 'dot' },
  low: { label: 'LOW', color: '#882255', dash: 'solid' },
  rais: { label: 'RAIS-lite', color: '#999933', dash: 'solid' },
  confidence: { label: 'Confidence', color: '#44aa99', dash: 'solid' },
  confvar: { label: 'ConfVar', color: '#44aa99', dash: 'dash' },
  'self-paced': { label: 'Self-paced', color: '#332288', dash: 'solid' },
  obs: { label: 'OBS', color: '#aa4499', dash: 'solid' },
  lis: { label: 'LIS (loss)', color: '#cc6677', dash: 'dashdot' },
  'is-dlis': { label: 'DLIS weights in IS', color: '#56b4e9', dash: 'dash' },
  'uniform-dynamic': { label: 'SGD-Uni (B = B_eff)', color: '#777777', dash: 'dot' },
};

/**
 * Colours for methods without a known style (Paul Tol's "light" and "medium-contrast" schemes, colour-blind
 * safe); none of them is used by {@link knownMethodStyles}.
 */
export const fallbackPalette: readonly string[] = [
  '#4477aa',
  '#ee8866',
  '#117733',
  '#ddcc77',
  '#6699cc',
  '#994455',
  '#88ccee',
  '#997700',
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

/**
 * Styles for the groups (methods, ablation values, ...) of one figure, each group distinct in colour or dash:
 * known methods keep their fixed style ({@link knownMethodStyles}); the other groups, in the order given, take
 * the {@link fallbackPalette} colours in turn, then the same colours with the next dash pattern (8 colours × 5
 * dashes = 40 distinct styles), skipping any colour-and-dash pair a known method of the figure already has.
 * Unlike {@link methodStyle} for one name, an unknown group's style depends on its place in the figure: a hash
 * would give two of a handful of values the same style (it did: α = 0 and α = 0.6).
 *
 * @param groups - the figure's group names, in legend order.
 * @param styleOf - the name whose style a group takes (e.g. a caller's `styles` map). Default: the group itself.
 * @returns one fresh style per group, keyed by group.
 * @example
 * figureStyles(['α = 0', 'α = 0.1']).get('α = 0')?.color; // '#4477aa'
 * figureStyles(['uniform', 'is']).get('is')?.label; // 'IS (ours)'
 */
export function figureStyles(
  groups: readonly string[],
  styleOf: (group: string) => string = (g) => g,
): Map<string, MethodStyle> {
  const out = new Map<string, MethodStyle>();
  const taken = new Set<string>();
  const pair = (s: { color: string; dash: PlotlyDash }) => `${s.color}|${s.dash}`;
  const unknown: string[] = [];
  for (const g of groups) {
    const key = styleOf(g).trim().toLowerCase();
    if (Object.hasOwn(knownMethodStyles, key)) {
      const s = methodStyle(styleOf(g));
      out.set(g, s);
      taken.add(pair(s));
    } else if (!unknown.includes(g)) {
      unknown.push(g);
    }
  }
  let next = 0;
  const total = fallbackPalette.length * fallbackDashes.length;
  for (const g of unknown) {
    let s: MethodStyle;
    do {
      const i = next % total;
      s = {
        label: styleOf(g),
        color: fallbackPalette[i % fallbackPalette.length],
        dash: fallbackDashes[Math.floor(i / fallbackPalette.length)],
      };
      next++;
    } while (taken.has(pair(s)) && next < 2 * total);
    taken.add(pair(s));
    out.set(g, s);
  }
  return out;
}
