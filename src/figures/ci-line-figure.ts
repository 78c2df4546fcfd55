import { logAxisTicks } from './log-axis-ticks.js';
import { meanCi } from '../stats/seed-summary.js';
import { figureStyles, type MethodStyle } from './method-style.js';
import type { Figure, PlotlyAxis, PlotlyTrace } from './types.js';
import { rgba } from './rgba.js';

/** Options of {@link ciLineFigure}. */
export interface CiLineFigureOptions {
  /** Column of x (finite number in every row). Required. */
  x: string;
  /** Column of y; rows with a non-finite y are left out. Required. */
  y: string;
  /** Column naming the curve. Default 'method'. */
  group?: string;
  /** Figure title. Default ''. */
  title?: string;
  /** Axis titles. Default: the column names. */
  xTitle?: string;
  yTitle?: string;
  /**
   * Log y axis; the mean and interval are then computed on log10 y (geometric mean, multiplicative interval, so
   * the band never crosses 0) and rows with y ≤ 0 are left out. Default false.
   */
  logY?: boolean;
  /** 'inside' (top-right corner of the plot) or 'outside' (right of the plot). Default 'inside'. */
  legend?: 'inside' | 'outside';
  /** Curve order; curves not listed follow in order of first appearance. Default []. */
  order?: readonly string[];
  /** Legend label per group; default the `methodStyle` label of its style key. */
  labels?: Readonly<Record<string, string>>;
  /** `methodStyle` key per group (colour and dash); default the group itself. */
  styles?: Readonly<Record<string, string>>;
}

/** Defaults of {@link ciLineFigure}: `{ group: 'method', title: '', logY: false, order: [], legend: 'inside' }`. */
export const ciLineFigureDefaults = Object.freeze({
  group: 'method',
  title: '',
  logY: false,
  order: [] as string[],
  legend: 'inside' as 'inside' | 'outside',
});

/** One curve of {@link ciLineFigure}: per x, the mean and 95% t-interval over the rows at that x. */
export interface CiCurve {
  group: string;
  x: number[];
  mean: number[];
  lo: number[];
  hi: number[];
  n: number[];
}

/**
 * Per group and x: mean and 95% Student-t interval over the rows (one row per replicate, e.g. seed); with `log`,
 * both are computed on log10 y and transformed back (geometric mean; rows with y ≤ 0 left out).
 * @example
 * ciCurves([{ method: 'a', epoch: 1, d: 1 }, { method: 'a', epoch: 1, d: 3 }], 'epoch', 'd', 'method');
 * // [{ group: 'a', x: [1], mean: [2], lo: [2 − 12.706], hi: [2 + 12.706], n: [2] }]
 */
export function ciCurves(rows: readonly object[], x: string, y: string, group: string, log = false): CiCurve[] {
  const byGroup = new Map<string, Map<number, number[]>>();
  for (const row of rows) {
    const r = row as Record<string, unknown>;
    const xv = r[x];
    if (typeof xv !== 'number' || !Number.isFinite(xv)) {
      throw new Error(`ciLineFigure: column '${x}' must be a finite number in every row; got ${String(xv)}`);
    }
    const yv = r[y];
    if (typeof yv !== 'number' || !Number.isFinite(yv) || (log && yv <= 0)) continue;
    const g = String(r[group]);
    const m = byGroup.get(g) ?? new Map<number, number[]>();
    byGroup.set(g, m);
    const v = m.get(xv) ?? [];
    v.push(log ? Math.log10(yv) : yv);
    m.set(xv, v);
  }
  return [...byGroup].map(([g, m]) => {
    const xs = [...m.keys()].sort((a, b) => a - b);
    const cis = xs.map((k) => meanCi(m.get(k) ?? []));
    const back = (v: number) => (log ? 10 ** v : v);
    return {
      group: g,
      x: xs,
      mean: cis.map((c) => back(c.mean)),
      lo: cis.map((c) => back(c.lower ?? c.mean)),
      hi: cis.map((c) => back(c.upper ?? c.mean)),
      n: cis.map((c) => c.n),
    };
  });
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
    automargin: true,
  };
}

/**
 * Mean line with markers and a translucent 95% t-interval band per group (e.g. one curve per pmf, replicates =
 * seeds), in the kit's figure style; colours and dashes from `methodStyle`. Bands need n ≥ 2 at a point (at n = 1
 * the band collapses onto the line). Hover shows mean, interval and n.
 *
 * @param rows records, one per (group, x, replicate).
 * @param options see {@link CiLineFigureOptions}; defaults `{ group: 'method', title: '', logY: false, order: [],
 *   legend: 'inside' }`.
 * @returns a plain `{ data, layout }` plotly figure.
 * @example
 * const fig = ciLineFigure(rows, { x: 'epoch', y: 'l2', group: 'pmf', yTitle: '‖p − p*‖₂' });
 */
export function ciLineFigure(rows: readonly object[], options: CiLineFigureOptions): Figure {
  const o = { ...ciLineFigureDefaults, ...options };
  const curves = ciCurves(rows, o.x, o.y, o.group, o.logY);
  const rank = (g: string) => {
    const k = o.order.indexOf(g);
    return k < 0 ? o.order.length : k;
  };
  curves.sort((a, b) => rank(a.group) - rank(b.group)); // stable: unlisted keep first-appearance order
  const bands: PlotlyTrace[] = [];
  const lines: PlotlyTrace[] = [];
  const styles = figureStyles(
    curves.map((c) => c.group),
    (g) => o.styles?.[g] ?? g,
  );
  for (const c of curves) {
    const style = styles.get(c.group) as MethodStyle;
    const label = o.labels?.[c.group] ?? style.label;
    const hasBand = c.n.some((n) => n > 1);
    if (hasBand) {
      bands.push({
        type: 'scatter',
        mode: 'none',
        x: [...c.x, ...[...c.x].reverse()],
        y: [...c.hi, ...[...c.lo].reverse()],
        fill: 'toself',
        fillcolor: rgba(style.color, 0.18),
        showlegend: false,
        legendgroup: c.group,
        hoverinfo: 'skip',
        name: `${label} 95% CI`,
      });
    }
    lines.push({
      type: 'scatter',
      mode: 'lines+markers',
      name: label,
      x: c.x,
      y: c.mean,
      line: { color: style.color, width: 2, dash: style.dash },
      marker: { color: style.color, size: 6 },
      legendgroup: c.group,
      customdata: c.n,
      hovertemplate: `${label}<br>${o.x} %{x}<br>mean %{y:.4g} (n = %{customdata})<extra></extra>`,
    });
  }
  return {
    data: [...bands, ...lines],
    layout: {
      title: { text: o.title },
      paper_bgcolor: '#ffffff',
      plot_bgcolor: '#ffffff',
      xaxis: axis(o.xTitle ?? o.x, false),
      yaxis: { ...axis(o.yTitle ?? o.y, o.logY), ...(o.logY ? logAxisTicks([...bands, ...lines].flatMap((t) => t.y)) : {}) },
      showlegend: true,
      legend:
        o.legend === 'outside'
          ? { x: 1.02, y: 1, xanchor: 'left', yanchor: 'top' }
          : { x: 1, y: 1, xanchor: 'right', yanchor: 'top', bgcolor: 'rgba(255,255,255,0.8)' },
      margin: { l: 70, r: 20, t: 50, b: 60 },
      hovermode: 'closest',
    },
  };
}
