import { figureStyles, type MethodStyle } from './method-style.js';
import type { Figure, PlotlyAxis, PlotlyTrace } from './types.js';
import { rgba } from './rgba.js';

/** Options of {@link scatterFigure}. */
export interface ScatterFigureOptions {
  /** Column of x. Required. */
  x: string;
  /** Column of y. Required. Rows with a non-finite x or y (or ≤ 0 on a log axis) are left out. */
  y: string;
  /** Column naming the point set. Default 'group'. */
  group?: string;
  title?: string;
  xTitle?: string;
  yTitle?: string;
  logX?: boolean;
  logY?: boolean;
  /** Draw the line y = x (dotted grey) over the data range. Default false. */
  diagonal?: boolean;
  /** Draw each group's least-squares line y = a + b·x (on log10 values for log axes). Default false. */
  fit?: boolean;
  /** Marker size in px. Default 5. */
  markerSize?: number;
  /** Marker opacity in [0, 1]. Default 0.5. */
  opacity?: number;
  /** `methodStyle` key per group; default the group itself. */
  styles?: Readonly<Record<string, string>>;
  /** Legend label per group; default the group name. */
  labels?: Readonly<Record<string, string>>;
  /** 'inside' (top-left corner of the plot) or 'outside' (right of the plot). Default 'inside'. */
  legend?: 'inside' | 'outside';
}

/** Defaults of {@link scatterFigure}. */
export const scatterFigureDefaults = Object.freeze({
  group: 'group',
  title: '',
  logX: false,
  logY: false,
  diagonal: false,
  fit: false,
  markerSize: 5,
  opacity: 0.5,
  legend: 'inside' as 'inside' | 'outside',
});

/** Least-squares line y = a + b·x with its Pearson r (float64). */
export interface LineFit {
  a: number;
  b: number;
  r: number;
  n: number;
}

/**
 * Ordinary least squares y = a + b·x over paired values, and Pearson's r.
 * @example
 * fitLine([0, 1, 2], [1, 3, 5]); // { a: 1, b: 2, r: 1, n: 3 }
 */
export function fitLine(x: readonly number[], y: readonly number[]): LineFit {
  const n = x.length;
  if (n < 2 || y.length !== n) throw new RangeError(`fitLine: need two equal-length arrays of ≥ 2 values, got ${n}, ${y.length}`);
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  const b = sxx > 0 ? sxy / sxx : 0;
  return { a: my - b * mx, b, r: sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN, n };
}

function axis(title: string, log: boolean): PlotlyAxis {
  return {
    title: { text: title },
    type: log ? 'log' : 'linear',
    showline: true,
    linecolor: '#000000',
    linewidth: 1,
    mirror: true,
    ticks: 'outside',
    showgrid: true,
    gridcolor: '#eeeeee',
    zeroline: false,
    exponentformat: log ? 'power' : 'none',
    automargin: true,
  };
}

/**
 * Scatter of y against x per group (e.g. full-gradient vs logit-gradient norms at two checkpoints, [EMAIS]
 * Fig. 3), with optional y = x diagonal and per-group least-squares lines whose legend entry gives slope and r.
 *
 * @param rows records, one per point.
 * @param options see {@link ScatterFigureOptions}; defaults `{ group: 'group', title: '', logX: false,
 *   logY: false, diagonal: false, fit: false, markerSize: 5, opacity: 0.5, legend: 'inside' }`.
 * @returns a plain `{ data, layout }` plotly figure.
 * @example
 * const fig = scatterFigure(rows, { x: 'uNorm', y: 'gNorm', group: 'checkpoint', fit: true });
 */
export function scatterFigure(rows: readonly object[], options: ScatterFigureOptions): Figure {
  const o = { ...scatterFigureDefaults, ...options };
  if (o.legend !== 'inside' && o.legend !== 'outside') {
    throw new RangeError(`scatterFigure: legend must be 'inside' or 'outside', got '${String(o.legend)}'`);
  }
  if (!(o.opacity >= 0 && o.opacity <= 1)) throw new RangeError(`scatterFigure: opacity must be in [0, 1], got ${o.opacity}`);
  const groups = new Map<string, { x: number[]; y: number[] }>();
  for (const row of rows) {
    const r = row as Record<string, unknown>;
    const xv = r[o.x];
    const yv = r[o.y];
    if (typeof xv !== 'number' || typeof yv !== 'number' || !Number.isFinite(xv) || !Number.isFinite(yv)) continue;
    if ((o.logX && xv <= 0) || (o.logY && yv <= 0)) continue;
    const g = String(r[o.group]);
    const s = groups.get(g) ?? { x: [], y: [] };
    groups.set(g, s);
    s.x.push(xv);
    s.y.push(yv);
  }
  const points: PlotlyTrace[] = [];
  const lines: PlotlyTrace[] = [];
  const fx = (v: number) => (o.logX ? Math.log10(v) : v);
  const fy = (v: number) => (o.logY ? Math.log10(v) : v);
  const gx = (v: number) => (o.logX ? 10 ** v : v);
  const gy = (v: number) => (o.logY ? 10 ** v : v);
  let lo = Infinity;
  let hi = -Infinity;
  const styles = figureStyles([...groups.keys()], (g) => o.styles?.[g] ?? g);
  for (const [g, s] of groups) {
    const style = styles.get(g) as MethodStyle;
    const label = o.labels?.[g] ?? g;
    for (const v of [...s.x, ...s.y]) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    points.push({
      type: 'scatter',
      mode: 'markers',
      name: label,
      x: s.x,
      y: s.y,
      marker: { color: rgba(style.color, o.opacity), size: o.markerSize },
      legendgroup: g,
    });
    if (o.fit && s.x.length >= 2) {
      const f = fitLine(s.x.map(fx), s.y.map(fy));
      const x0 = Math.min(...s.x.map(fx));
      const x1 = Math.max(...s.x.map(fx));
      lines.push({
        type: 'scatter',
        mode: 'lines',
        name: `${label} fit: slope ${f.b.toPrecision(3)}, r = ${f.r.toFixed(3)}`,
        x: [gx(x0), gx(x1)],
        y: [gy(f.a + f.b * x0), gy(f.a + f.b * x1)],
        line: { color: style.color, width: 2, dash: 'solid' },
        legendgroup: g,
      });
    }
  }
  if (o.diagonal && Number.isFinite(lo)) {
    lines.push({
      type: 'scatter',
      mode: 'lines',
      name: 'y = x',
      x: [lo, hi],
      y: [lo, hi],
      line: { color: '#888888', width: 1, dash: 'dot' },
      hoverinfo: 'skip',
    });
  }
  return {
    data: [...points, ...lines],
    layout: {
      title: { text: o.title },
      paper_bgcolor: '#ffffff',
      plot_bgcolor: '#ffffff',
      xaxis: axis(o.xTitle ?? o.x, o.logX),
      yaxis: axis(o.yTitle ?? o.y, o.logY),
      showlegend: true,
      legend:
        o.legend === 'outside'
          ? { x: 1.02, y: 1, xanchor: 'left', yanchor: 'top' }
          : { x: 0, y: 1, xanchor: 'left', yanchor: 'top', bgcolor: 'rgba(255,255,255,0.8)' },
      margin: { l: 70, r: 20, t: 50, b: 60 },
      hovermode: 'closest',
    },
  };
}
