import { logAxisTicks } from './log-axis-ticks.js';
import { figureStyles, type MethodStyle } from './method-style.js';
import { summarizeRuns, summarizeRunsDefaults } from './summarize-runs.js';
import type { RunRow, SummarizeRunsOptions } from './summarize-runs.js';
import type { Figure, PlotlyAxis, PlotlyLayout, PlotlyTrace } from './types.js';

/** Options of {@link lineBandFigure}: those of `summarizeRuns` plus presentation. */
export interface LineBandFigureOptions extends SummarizeRunsOptions {
  /** Figure title; `''` draws none. Default `''`. */
  title?: string;
  /** x axis title. Default: the `x` column name. */
  xTitle?: string;
  /** y axis title. Default: the `y` column name. */
  yTitle?: string;
  /** Method order in the legend and drawing; methods not listed follow in order of first appearance. Default `[]`. */
  order?: readonly string[];
  /** Log-scaled x axis. Default `false`. */
  logX?: boolean;
  /** Figure width in px; `null` lets the page size it. Default `null`. */
  width?: number | null;
  /** Figure height in px; `null` lets the page size it. Default `null`. */
  height?: number | null;
  /** Opacity of the band fill, in [0, 1]. Default `0.2`. */
  bandOpacity?: number;
  /** Mean line width in px. Default `1.5`. */
  lineWidth?: number;
}

/** Presentation defaults of {@link lineBandFigure} (summary defaults are those of `summarizeRuns`). */
export interface LineBandFigureDefaults {
  group: string;
  replicate: string;
  band: 'std' | 'minmax' | 'none';
  logY: boolean;
  title: string;
  order: readonly string[];
  logX: boolean;
  width: number | null;
  height: number | null;
  bandOpacity: number;
  lineWidth: number;
}

/**
 * Defaults of {@link lineBandFigure}: `group: 'method'`, `replicate: 'seed'`, `band: 'std'`, `logY: false`,
 * `title: ''`, `order: []`, `logX: false`, `width: null`, `height: null`, `bandOpacity: 0.2`, `lineWidth: 1.5`.
 */
export const lineBandFigureDefaults: Readonly<LineBandFigureDefaults> = {
  ...summarizeRunsDefaults,
  title: '',
  order: [],
  logX: false,
  width: null,
  height: null,
  bandOpacity: 0.2,
  lineWidth: 1.5,
};

/** `#rrggbb` → `rgba(r,g,b,a)` for translucent band fills. */
function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (m === null) throw new Error(`lineBandFigure: colour must be '#rrggbb'; got '${hex}'`);
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h, 16));
  return `rgba(${r},${g},${b},${alpha})`;
}

function axis(title: string, log: boolean): PlotlyAxis {
  const a: PlotlyAxis = {
    title: { text: title },
    type: log ? 'log' : 'linear',
    showline: true,
    linecolor: '#000000',
    linewidth: 1,
    mirror: true,
    ticks: 'outside',
    ticklen: 4,
    showgrid: true,
    gridcolor: '#eeeeee',
    zeroline: false,
    exponentformat: log ? 'power' : 'none',
    automargin: true,
  };
  return a;
}

function checkPositive(name: string, v: number | null): void {
  if (v !== null && !(typeof v === 'number' && Number.isFinite(v) && v > 0)) {
    throw new Error(`lineBandFigure: ${name} must be a positive number of px or null; got ${String(v)}`);
  }
}

/**
 * Builds a paper-style "mean line and translucent band per method" figure (e.g. loss vs step over seeds).
 *
 * Rows are summarised by `summarizeRuns` (see there for the statistics; with `logY` the mean is geometric and
 * the band is ± one std of log10 y). Each method gets the colour, dash and label of `methodStyle`; all bands
 * are drawn first, then all lines, so no band covers a line. Bands are left out for `band: 'none'`. Line
 * hover shows the replicate count n at each point. White background, thin black axis lines, faint grid,
 * legend inside the top-right corner. Pure and deterministic: the same rows and options give the same JSON.
 *
 * @param rows - records such as arquero `table.objects()`.
 * @param options - `x`, `y` (required), `group = 'method'`, `replicate = 'seed'`, `band = 'std'`,
 *   `logY = false`, `title = ''`, `xTitle = x`, `yTitle = y`, `order = []`, `logX = false`, `width = null`,
 *   `height = null` (px), `bandOpacity = 0.2`, `lineWidth = 1.5` (px).
 * @returns a plain `{ data, layout }` plotly figure.
 * @example
 * const fig = lineBandFigure(rows, { x: 'step', y: 'loss', logY: true, title: 'Polynomial regression' });
 * writeFigureHtml(fig, 'figures/fig2.html');
 */
export function lineBandFigure(rows: readonly RunRow[], options: LineBandFigureOptions): Figure {
  const d = lineBandFigureDefaults;
  const title = options.title ?? d.title;
  const order = options.order ?? d.order;
  const logX = options.logX ?? d.logX;
  const width = options.width ?? d.width;
  const height = options.height ?? d.height;
  const bandOpacity = options.bandOpacity ?? d.bandOpacity;
  const lineWidth = options.lineWidth ?? d.lineWidth;
  if (!Array.isArray(order) || order.some((m) => typeof m !== 'string')) {
    throw new Error(`lineBandFigure: order must be an array of method names; got ${JSON.stringify(order)}`);
  }
  if (!(bandOpacity >= 0 && bandOpacity <= 1)) {
    throw new Error(`lineBandFigure: bandOpacity must be in [0, 1]; got ${String(bandOpacity)}`);
  }
  if (!(Number.isFinite(lineWidth) && lineWidth > 0)) {
    throw new Error(`lineBandFigure: lineWidth must be a positive number of px; got ${String(lineWidth)}`);
  }
  checkPositive('width', width);
  checkPositive('height', height);

  const summary = summarizeRuns(rows, options);
  const { band, logY } = summary.options;
  const xTitle = options.xTitle ?? options.x;
  const yTitle = options.yTitle ?? options.y;

  const rank = (g: string): number => {
    const i = order.indexOf(g);
    return i < 0 ? order.length : i;
  };
  // Array.prototype.sort is stable, so unlisted methods keep their first-appearance order.
  const groups = [...summary.groups].sort((a, b) => rank(a.group) - rank(b.group));

  const styles = figureStyles(groups.map((g) => g.group));
  const bands: PlotlyTrace[] = [];
  const lines: PlotlyTrace[] = [];
  for (const g of groups) {
    const style = styles.get(g.group) as MethodStyle;
    if (band !== 'none') {
      // Closed polygon: upper edge left→right, then lower edge right→left.
      bands.push({
        type: 'scatter',
        mode: 'lines',
        name: `${style.label} band`,
        x: [...g.x, ...g.x.slice().reverse()],
        y: [...g.upper, ...g.lower.slice().reverse()],
        fill: 'toself',
        fillcolor: withAlpha(style.color, bandOpacity),
        line: { color: style.color, width: 0 },
        showlegend: false,
        legendgroup: g.group,
        hoverinfo: 'skip',
      });
    }
    lines.push({
      type: 'scatter',
      // A single point has no line segment to show.
      mode: g.x.length === 1 ? 'lines+markers' : 'lines',
      name: style.label,
      x: g.x.slice(),
      y: g.mean.slice(),
      line: { color: style.color, width: lineWidth, dash: style.dash },
      legendgroup: g.group,
      customdata: g.count.slice(),
      hovertemplate: `${style.label}<br>${xTitle} = %{x}<br>${yTitle} = %{y:.4g}<br>n = %{customdata}<extra></extra>`,
    });
  }

  const layout: PlotlyLayout = {
    font: { family: 'Arial, Helvetica, sans-serif', size: 13, color: '#000000' },
    paper_bgcolor: '#ffffff',
    plot_bgcolor: '#ffffff',
    xaxis: { ...axis(xTitle, logX), ...(logX ? logAxisTicks(lines.flatMap((t) => t.x)) : {}) },
    // Every tick labelled in full: whole decades when the data span two or more, else 1, 2, 5 × 10^k.
    yaxis: { ...axis(yTitle, logY), ...(logY ? logAxisTicks([...bands, ...lines].flatMap((t) => t.y)) : {}) },
    showlegend: true,
    legend: {
      x: 0.99,
      y: 0.99,
      xanchor: 'right',
      yanchor: 'top',
      bgcolor: 'rgba(255,255,255,0.8)',
      bordercolor: '#bbbbbb',
      borderwidth: 1,
    },
    margin: { l: 70, r: 20, t: title === '' ? 20 : 50, b: 55 },
    hovermode: 'closest',
    autosize: width === null || height === null,
  };
  if (title !== '') layout.title = { text: title, x: 0.5, xanchor: 'center' };
  if (width !== null) layout.width = width;
  if (height !== null) layout.height = height;
  return { data: [...bands, ...lines], layout };
}
