import type { PlotlyLayout } from './types.js';

/** A plotly heatmap trace (subset used by the kit). */
export interface PlotlyHeatmapTrace {
  type: 'heatmap';
  /** Values, z[row][col]. */
  z: number[][];
  x?: number[];
  y?: number[];
  colorscale?: string;
  showscale?: boolean;
  xaxis?: string;
  yaxis?: string;
  name?: string;
}

/** Scatter points drawn over a panel (e.g. the training data of [MIS] Fig. 1). */
export interface PlotlyPointsTrace {
  type: 'scatter';
  mode: 'markers';
  x: number[];
  y: number[];
  marker: { size: number; color: string[] | string; line?: { width: number; color: string } };
  xaxis?: string;
  yaxis?: string;
  showlegend?: boolean;
  name?: string;
}

/** A figure of several heatmap panels on a grid: `{ data, layout }` with plotly's `grid` layout. */
export interface PanelFigure<T> {
  data: T[];
  layout: PlotlyLayout & {
    grid: { rows: number; columns: number; pattern: 'independent' };
    annotations: { text: string; x: number; y: number; xref: 'paper'; yref: 'paper'; showarrow: false; xanchor: 'center'; yanchor: 'bottom' }[];
    [axis: string]: unknown;
  };
}

/** One heatmap panel. */
export interface HeatmapPanel {
  title: string;
  /** Values, row-major (rows × cols): z[r·cols + c] at (x[c], y[r]). */
  z: ArrayLike<number>;
  /** Column coordinates (cols). */
  x: ArrayLike<number>;
  /** Row coordinates (rows). */
  y: ArrayLike<number>;
  /** Plotly colorscale name. Default 'Viridis'. */
  colorscale?: string;
  /** Points drawn on top (x, y, colour). */
  points?: { x: ArrayLike<number>; y: ArrayLike<number>; color: string[] };
}

/** Options of {@link heatmapFigure}. */
export interface HeatmapFigureOptions {
  /** Figure title. Default ''. */
  title: string;
  /** Panels per row. Default 3. */
  columns: number;
  /** Round values to this many significant digits (smaller JSON). Default 4. */
  digits: number;
}

/** Defaults of {@link HeatmapFigureOptions}: `{ title: '', columns: 3, digits: 4 }`. */
export const heatmapFigureDefaults: Readonly<HeatmapFigureOptions> = Object.freeze({ title: '', columns: 3, digits: 4 });

/**
 * Heatmap panels on a grid ([MIS] Fig. 1: ground truth, importance and per-node pmfs over the input plane; Fig. 7:
 * per-pixel error maps). Each panel gets its own axes (`x{k}`, `y{k}`, equal aspect) and a title annotation.
 * @param panels the panels, in reading order.
 * @param options partial {@link HeatmapFigureOptions}.
 * @example
 * const fig = heatmapFigure([{ title: 'p', z: [0, 1, 2, 3], x: [0, 1], y: [0, 1] }], { columns: 1 });
 * fig.data[0].type; // 'heatmap'
 */
export function heatmapFigure(
  panels: readonly HeatmapPanel[],
  options: Partial<HeatmapFigureOptions> = {},
): PanelFigure<PlotlyHeatmapTrace | PlotlyPointsTrace> {
  const o = { ...heatmapFigureDefaults, ...options };
  if (panels.length === 0) throw new RangeError('heatmapFigure: panels must not be empty');
  if (!Number.isInteger(o.columns) || o.columns < 1) {
    throw new RangeError(`heatmapFigure: columns must be an integer ≥ 1, got ${o.columns}`);
  }
  const round = (v: number) => Number(v.toPrecision(o.digits));
  const columns = Math.min(o.columns, panels.length);
  const rows = Math.ceil(panels.length / columns);
  const data: (PlotlyHeatmapTrace | PlotlyPointsTrace)[] = [];
  const layout: PanelFigure<PlotlyHeatmapTrace>['layout'] = {
    title: { text: o.title },
    grid: { rows, columns, pattern: 'independent' },
    annotations: [],
    showlegend: false,
    margin: { l: 30, r: 10, t: 60, b: 30 },
  };
  panels.forEach((p, k) => {
    const cols = p.x.length;
    const nr = p.y.length;
    if (p.z.length !== cols * nr) {
      throw new RangeError(`heatmapFigure: panel '${p.title}' has ${p.z.length} values, expected rows × cols = ${nr} × ${cols}`);
    }
    const ax = k === 0 ? '' : String(k + 1);
    const z = Array.from({ length: nr }, (_, r) => Array.from({ length: cols }, (_, c) => round(p.z[r * cols + c])));
    data.push({ type: 'heatmap', z, x: Array.from(p.x, round), y: Array.from(p.y, round), colorscale: p.colorscale ?? 'Viridis', showscale: false, xaxis: `x${ax}`, yaxis: `y${ax}`, name: p.title });
    if (p.points) {
      data.push({ type: 'scatter', mode: 'markers', x: Array.from(p.points.x, round), y: Array.from(p.points.y, round), marker: { size: 4, color: p.points.color, line: { width: 0.5, color: '#ffffff' } }, xaxis: `x${ax}`, yaxis: `y${ax}`, showlegend: false });
    }
    layout[`xaxis${ax}`] = { showgrid: false, zeroline: false, ticks: '' };
    layout[`yaxis${ax}`] = { showgrid: false, zeroline: false, ticks: '', scaleanchor: `x${ax}` };
    const col = k % columns;
    const row = Math.floor(k / columns);
    layout.annotations.push({ text: p.title, x: (col + 0.5) / columns, y: 1 - row / rows, xref: 'paper', yref: 'paper', showarrow: false, xanchor: 'center', yanchor: 'bottom' });
  });
  return { data, layout };
}
