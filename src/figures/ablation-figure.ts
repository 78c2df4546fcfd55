import { summarizeSeeds } from '../stats/seed-summary.js';
import { lineBandFigure } from './line-band-figure.js';
import { logAxisTicks } from './log-axis-ticks.js';
import { figureStyles, type MethodStyle } from './method-style.js';
import type { RunRow } from './summarize-runs.js';
import type { Figure, PlotlyAxis, PlotlyTrace } from './types.js';
import { rgba } from './rgba.js';

/** Options of {@link ablationFigure}. */
export interface AblationFigureOptions {
  /** Column of the swept value (e.g. 'beta'); numeric. Required. */
  x: string;
  /** Column of the metric, one row per run (e.g. a tail-averaged 'excessLoss'). Required. */
  y: string;
  /** Column naming the curves (e.g. 'method'). Default 'method'. */
  group?: string;
  /** Confidence level of the band. Default 0.95. */
  level?: number;
  /** Summarise and plot log10(y) (geometric mean; the interval on the log scale). Default false. */
  logY?: boolean;
  /** Log-scaled x axis. Default false. */
  logX?: boolean;
  /** Figure title. Default ''. */
  title?: string;
  /** Axis titles. Default: the column names. */
  xTitle?: string;
  yTitle?: string;
}

/** Defaults of {@link ablationFigure}. */
export const ablationFigureDefaults = { group: 'method', level: 0.95, logY: false, logX: false, title: '' };

function axis(title: string, log: boolean): PlotlyAxis {
  return {
    title: { text: title },
    type: log ? 'log' : 'linear',
    showline: true,
    linecolor: '#000000',
    mirror: true,
    ticks: 'outside',
    showgrid: true,
    gridcolor: '#e5e5e5',
    zeroline: false,
    automargin: true,
  };
}

/**
 * Final metric vs the swept value: per group (method), the mean over seeds at each value with a Student-t
 * confidence band (`level`, default 95%) — the ablation plot. Rows are one per run (e.g. from `tailMean`).
 * Values with one seed are drawn without a band.
 * @example
 * ablationFigure(tailMean(evals, { y: 'excessLoss', geometric: true }), { x: 'beta', y: 'excessLoss', logY: true });
 */
export function ablationFigure(rows: readonly RunRow[], options: AblationFigureOptions): Figure {
  const o = { ...ablationFigureDefaults, ...options };
  const summary = summarizeSeeds(rows, { by: [o.group, o.x], value: o.y, log10: o.logY, level: o.level });
  const back = (v: number) => (o.logY ? 10 ** v : v);
  const groups = [...new Set(summary.map((s) => String(s[o.group])))];
  const data: PlotlyTrace[] = [];
  const lines: PlotlyTrace[] = [];
  const styles = figureStyles(groups);
  for (const g of groups) {
    const pts = summary
      .filter((s) => String(s[o.group]) === g)
      .map((s) => {
        const x = s[o.x];
        if (typeof x !== 'number' || !Number.isFinite(x)) {
          throw new RangeError(`ablationFigure: ${o.x} must be a finite number, got ${JSON.stringify(x)}`);
        }
        return { ...s, x };
      })
      .sort((a, b) => a.x - b.x);
    const style = styles.get(g) as MethodStyle;
    const banded = pts.filter((p) => p.lower !== null && p.upper !== null);
    if (banded.length > 0) {
      data.push({
        type: 'scatter',
        mode: 'lines',
        name: `${style.label} ${Math.round(o.level * 100)}% CI`,
        x: [...banded.map((p) => p.x), ...banded.map((p) => p.x).reverse()],
        y: [...banded.map((p) => back(p.upper as number)), ...banded.map((p) => back(p.lower as number)).reverse()],
        fill: 'toself',
        fillcolor: rgba(style.color, 0.2),
        line: { color: style.color, width: 0 },
        showlegend: false,
        legendgroup: g,
        hoverinfo: 'skip',
      });
    }
    lines.push({
      type: 'scatter',
      mode: 'lines+markers',
      name: style.label,
      x: pts.map((p) => p.x),
      y: pts.map((p) => back(p.mean)),
      line: { color: style.color, width: 1.5, dash: style.dash },
      marker: { color: style.color, size: 7 },
      legendgroup: g,
      customdata: pts.map((p) => p.n),
      hovertemplate: `${style.label}<br>${o.xTitle ?? o.x} = %{x}<br>${o.yTitle ?? o.y} = %{y:.4g}<br>seeds = %{customdata}<extra></extra>`,
    });
  }
  const layout: Figure['layout'] = {
    font: { family: 'Arial, Helvetica, sans-serif', size: 13, color: '#000000' },
    paper_bgcolor: '#ffffff',
    plot_bgcolor: '#ffffff',
    xaxis: { ...axis(o.xTitle ?? o.x, o.logX), ...(o.logX ? logAxisTicks(lines.flatMap((t) => t.x)) : {}) },
    yaxis: { ...axis(o.yTitle ?? o.y, o.logY), ...(o.logY ? logAxisTicks([...data, ...lines].flatMap((t) => t.y)) : {}) },
    showlegend: true,
    margin: { l: 70, r: 20, t: o.title === '' ? 20 : 50, b: 55 },
    hovermode: 'closest',
    autosize: true,
  };
  if (o.title !== '') layout.title = { text: o.title, x: 0.5, xanchor: 'center' };
  return { data: [...data, ...lines], layout };
}

/** Options of {@link ablationCurvesFigure}. */
export interface AblationCurvesFigureOptions {
  /** Column of the swept value (e.g. 'beta'): one curve per value. Required. */
  value: string;
  /** Label of the value in the legend, e.g. 'β'. Default: the column name. */
  valueLabel?: string;
  /** Curve x and y columns (e.g. 'step', 'excessLoss'). Required. */
  x: string;
  y: string;
  /** Log-scaled y (the curves' mean and ±1 sd band of log10 over seeds). Default false. */
  logY?: boolean;
  title?: string;
  xTitle?: string;
  yTitle?: string;
}

/**
 * Curves per swept value: the mean over seeds of y vs x for each value (± 1 sd band), legend in value order.
 * @example
 * ablationCurvesFigure(evals.objects(), { value: 'beta', valueLabel: 'β', x: 'step', y: 'excessLoss', logY: true });
 */
export function ablationCurvesFigure(rows: readonly RunRow[], options: AblationCurvesFigureOptions): Figure {
  const label = options.valueLabel ?? options.value;
  const values = [...new Set(rows.map((r) => (r as Record<string, unknown>)[options.value]))].sort((a, b) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : 1,
  );
  const name = (v: unknown) => `${label} = ${String(v)}`;
  const labelled = rows.map((r) => ({ ...r, ablationValue: name((r as Record<string, unknown>)[options.value]) }));
  return lineBandFigure(labelled, {
    x: options.x,
    y: options.y,
    group: 'ablationValue',
    logY: options.logY ?? false,
    order: values.map(name),
    title: options.title ?? '',
    xTitle: options.xTitle,
    yTitle: options.yTitle,
  });
}
