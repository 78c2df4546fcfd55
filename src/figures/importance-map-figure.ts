import { fallbackPalette } from './method-style.js';
import type { Figure, PlotlyAxis, PlotlyTrace } from './types.js';

/** One point of {@link importanceMapFigure}: position, class and importance weight. */
export interface ImportancePoint {
  x: number;
  y: number;
  /** Class id (integer ≥ 0): picks the colour. */
  label: number;
  /** Importance (finite ≥ 0): sets the opacity, ∝ weight / max weight. */
  weight: number;
}

/** Options of {@link importanceMapFigure}. */
export interface ImportanceMapFigureOptions {
  title?: string;
  /** Opacity levels: each point's opacity w/max w is rounded up to one of `levels` steps (plotly draws one trace
   * per class and level, so the JSON stays small). Default 8. */
  levels?: number;
  /** Marker size in px. Default 6. */
  markerSize?: number;
  /** Class names for the legend; default 'class k'. */
  classNames?: readonly string[];
}

/** Defaults of {@link importanceMapFigure}: `{ title: '', levels: 8, markerSize: 6 }`. */
export const importanceMapFigureDefaults = Object.freeze({ title: '', levels: 8, markerSize: 6 });

function axis(title: string): PlotlyAxis {
  return { title: { text: title }, showline: true, linecolor: '#000000', mirror: true, showgrid: false, zeroline: false };
}

/**
 * Points in the plane coloured by class with opacity ∝ importance ([AS-IS] Fig. 1: "800 data points with a
 * transparency proportional to their weight"). Opacity = ceil(levels · w/max w)/levels, so a zero weight is
 * invisible and the heaviest point opaque; one trace per (class, level), legend entries per class only.
 *
 * @param points the points (at least one with weight > 0).
 * @param options `{ title = '', levels = 8, markerSize = 6, classNames }`.
 * @returns a plain `{ data, layout }` plotly figure with equal x and y scales.
 * @example
 * const fig = importanceMapFigure([{ x: 0, y: 0, label: 1, weight: 2 }], { title: 'ours, epoch 3' });
 */
export function importanceMapFigure(points: readonly ImportancePoint[], options: ImportanceMapFigureOptions = {}): Figure {
  const o = { ...importanceMapFigureDefaults, ...options };
  if (!Number.isInteger(o.levels) || o.levels < 1) {
    throw new RangeError(`importanceMapFigure: levels must be an integer ≥ 1, got ${o.levels}`);
  }
  let wMax = 0;
  for (const [i, p] of points.entries()) {
    if (!Number.isFinite(p.weight) || p.weight < 0) {
      throw new RangeError(`importanceMapFigure: points[${i}].weight must be finite and ≥ 0, got ${p.weight}`);
    }
    if (!Number.isInteger(p.label) || p.label < 0) {
      throw new RangeError(`importanceMapFigure: points[${i}].label must be an integer ≥ 0, got ${p.label}`);
    }
    wMax = Math.max(wMax, p.weight);
  }
  if (!(wMax > 0)) throw new RangeError('importanceMapFigure: needs at least one point with weight > 0');
  const groups = new Map<string, { label: number; level: number; x: number[]; y: number[] }>();
  for (const p of points) {
    const level = Math.ceil((o.levels * p.weight) / wMax);
    if (level === 0) continue; // weight 0: fully transparent
    const key = `${p.label}|${level}`;
    const g = groups.get(key) ?? { label: p.label, level, x: [], y: [] };
    groups.set(key, g);
    g.x.push(p.x);
    g.y.push(p.y);
  }
  const sorted = [...groups.values()].sort((a, b) => a.label - b.label || a.level - b.level);
  const topLevel = new Map<number, number>(); // the legend shows each class by its most opaque trace
  for (const g of sorted) topLevel.set(g.label, g.level);
  const data: PlotlyTrace[] = sorted.map((g) => {
    const hex = fallbackPalette[g.label % fallbackPalette.length];
    const v = [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16));
    return {
      type: 'scatter',
      mode: 'markers',
      name: o.classNames?.[g.label] ?? `class ${g.label}`,
      x: g.x,
      y: g.y,
      marker: { color: `rgba(${v[0]},${v[1]},${v[2]},${(g.level / o.levels).toFixed(3)})`, size: o.markerSize },
      legendgroup: `class ${g.label}`,
      showlegend: topLevel.get(g.label) === g.level,
    };
  });
  return {
    data,
    layout: {
      title: { text: o.title, x: 0.05, xanchor: 'left' },
      paper_bgcolor: '#ffffff',
      plot_bgcolor: '#ffffff',
      xaxis: axis('x₁'),
      yaxis: axis('x₂'),
      showlegend: true,
      legend: { x: 1.02, y: 1, xanchor: 'left', yanchor: 'top' },
      margin: { l: 60, r: 20, t: 50, b: 50 },
      width: 560,
      height: 480,
      hovermode: 'closest',
    },
  };
}
