import { lineBandFigure } from './line-band-figure.js';
import type { RunRow } from './summarize-runs.js';
import type { Figure, PlotlySliderStep, PlotlyTrace } from './types.js';

/** Options of {@link ablationSliderFigure}. */
export interface AblationSliderFigureOptions {
  /** Column of the swept value (e.g. 'beta'): one slider step per distinct value. Required. */
  value: string;
  /** Label of the value on the slider and in titles, e.g. 'β'. Default: the column name. */
  valueLabel?: string;
  /** Curve x and y columns (e.g. 'step', 'excessLoss'). Required. */
  x: string;
  y: string;
  /** Column identifying a replicate (one thin curve each). Default 'seed'. */
  replicate?: string;
  /** Log-scaled y (mean and ±1 sd band of log10 over replicates). Default false. */
  logY?: boolean;
  /**
   * The value shown when the figure is drawn, and in its static export (SVG/PNG/PDF never move the slider).
   * Default null: the smallest value.
   */
  active?: number | string | null;
  /** A line under the title per value, keyed by `String(value)` (e.g. the value's tail mean and interval). Default {}. */
  notes?: Readonly<Record<string, string>>;
  /** Figure title (the value is appended). Default ''. */
  title?: string;
  xTitle?: string;
  yTitle?: string;
}

/** Defaults of {@link ablationSliderFigure}. */
export const ablationSliderFigureDefaults = {
  replicate: 'seed',
  logY: false,
  active: null as number | string | null,
  notes: {} as Readonly<Record<string, string>>,
  title: '',
};

/** Grey of the other values' mean curves, drawn under the selected value in every step. */
const CONTEXT_COLOR = '#c8c8c8';

function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/**
 * An ablation figure that scrubs through the swept value with a plotly slider: for the selected value its
 * mean curve over replicates (± 1 sd band) and one thin curve per replicate (seed), over the mean curves of every
 * value in grey; the title names the value (and its `notes` line). Each slider step is a `method: 'update'`
 * that toggles trace visibility and sets the title, so the figure is plain `{ data, layout }` JSON (no frames):
 * it draws with `Plotly.newPlot(el, data, layout)` in the gallery, in notebooks (`show`) and in static exports,
 * which show the `active` value. The axes' ranges are fixed over all values, so scrubbing compares like with
 * like.
 * @param rows - evaluation rows (one per run and evaluation), e.g. `collectRuns(...).evals.objects()`.
 * @param options - `value`, `x`, `y` (required), `valueLabel = value`, `replicate = 'seed'`, `logY = false`,
 *   `active = null` (smallest value), `notes = {}`, `title = ''`, `xTitle = x`, `yTitle = y`.
 * @returns the figure; `layout.sliders[0].steps[k]` shows the k-th smallest value.
 * @example
 * ablationSliderFigure(evals, { value: 'beta', valueLabel: 'β', x: 'step', y: 'excessLoss', logY: true, active: 0.7 });
 */
export function ablationSliderFigure(rows: readonly RunRow[], options: AblationSliderFigureOptions): Figure {
  const o = { ...ablationSliderFigureDefaults, ...options };
  const label = o.valueLabel ?? o.value;
  if (rows.length === 0) throw new Error('ablationSliderFigure: rows is empty; nothing to draw');
  const get = (r: RunRow, k: string) => (r as Record<string, unknown>)[k];
  rows.forEach((r, i) => {
    const v = get(r, o.value);
    if (!((typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v !== ''))) {
      throw new RangeError(
        `ablationSliderFigure: row ${i} has ${o.value} = ${JSON.stringify(v)}; expected a finite number or a string`,
      );
    }
  });
  const values = [...new Set(rows.map((r) => get(r, o.value) as number | string))].sort(compareValues);
  const name = (v: unknown) => `${label} = ${String(v)}`;
  let active = 0;
  if (o.active !== null) {
    active = values.findIndex((v) => String(v) === String(o.active));
    if (active < 0) {
      throw new RangeError(
        `ablationSliderFigure: active ${JSON.stringify(o.active)} is not a value of '${o.value}'; ` +
          `values: ${values.map((v) => String(v)).join(', ')}`,
      );
    }
  }
  // The mean ± 1 sd curves come from the same builder as the curves figure (same colours, same summary).
  const base = lineBandFigure(
    rows.map((r) => ({ ...r, ablationValue: name(get(r, o.value)) })),
    {
      x: o.x,
      y: o.y,
      group: 'ablationValue',
      replicate: o.replicate,
      logY: o.logY,
      order: values.map(name),
      xTitle: o.xTitle,
      yTitle: o.yTitle,
    },
  );
  const isBand = (t: PlotlyTrace) => t.fill === 'toself';
  const bands = base.data.filter(isBand);
  const means = base.data.filter((t) => !isBand(t));
  const usable = (y: unknown): y is number => typeof y === 'number' && Number.isFinite(y) && (!o.logY || y > 0);

  // owner: index of the value a trace belongs to; -1 = drawn in every step (the grey curves of all values).
  const traces: { trace: PlotlyTrace; owner: number }[] = means.map((m) => {
    const trace: PlotlyTrace = {
      ...m,
      name: `${m.name ?? ''} (all values)`,
      line: { color: CONTEXT_COLOR, width: 1 },
      showlegend: false,
      legendgroup: 'all values',
      hoverinfo: 'skip',
    };
    delete trace.hovertemplate;
    delete trace.customdata;
    return { trace, owner: -1 };
  });
  values.forEach((v, k) => {
    const group = name(v);
    const mean = means.find((t) => t.legendgroup === group);
    if (mean === undefined) return; // every y of this value was unusable (e.g. ≤ 0 on a log axis)
    const color = mean.line?.color ?? '#000000';
    const band = bands.find((t) => t.legendgroup === group);
    if (band !== undefined) traces.push({ trace: band, owner: k });
    const reps = [...new Set(rows.filter((r) => get(r, o.value) === v).map((r) => get(r, o.replicate)))].sort(
      compareValues,
    );
    reps.forEach((rep, j) => {
      const pts = rows
        .filter((r) => get(r, o.value) === v && get(r, o.replicate) === rep && usable(get(r, o.y)))
        .map((r) => ({ x: get(r, o.x) as number, y: get(r, o.y) as number }))
        .sort((a, b) => a.x - b.x);
      if (pts.length === 0) return;
      traces.push({
        trace: {
          type: 'scatter',
          mode: pts.length === 1 ? 'lines+markers' : 'lines',
          name: `${group}, each ${o.replicate}`,
          x: pts.map((p) => p.x),
          y: pts.map((p) => p.y),
          line: { color, width: 0.75 },
          opacity: 0.6,
          showlegend: j === 0,
          legendgroup: group,
          hovertemplate: `${group}, ${o.replicate} ${String(rep)}<br>${o.xTitle ?? o.x} = %{x}<br>${o.yTitle ?? o.y} = %{y:.4g}<extra></extra>`,
        },
        owner: k,
      });
    });
    traces.push({ trace: { ...mean, name: `${group}, mean` }, owner: k });
  });

  const visibleAt = (k: number) => traces.map((t) => t.owner === -1 || t.owner === k);
  const data = traces.map((t, i) => ({ ...t.trace, visible: visibleAt(active)[i] }));
  const titleAt = (k: number) => {
    const head = o.title === '' ? name(values[k]) : `${o.title}: ${name(values[k])}`;
    const note = o.notes[String(values[k])];
    return note === undefined ? head : `${head}<br><span style="font-size: 11px">${note}</span>`;
  };
  const steps: PlotlySliderStep[] = values.map((v, k) => ({
    label: String(v),
    method: 'update',
    args: [{ visible: visibleAt(k) }, { 'title.text': titleAt(k) }],
  }));

  // Fixed ranges over every drawn point (all values), padded by 4% of the span.
  const span = (lo: number, hi: number): [number, number] => {
    const pad = hi > lo ? 0.04 * (hi - lo) : 0.5;
    return [lo - pad, hi + pad];
  };
  const xs = data.flatMap((t) => t.x);
  const ys = data.flatMap((t) => t.y).map((y) => (o.logY ? Math.log10(y) : y));
  const layout: Figure['layout'] = {
    ...base.layout,
    title: { text: titleAt(active), x: 0.5, xanchor: 'center' },
    xaxis: { ...base.layout.xaxis, range: span(Math.min(...xs), Math.max(...xs)) },
    yaxis: { ...base.layout.yaxis, range: span(Math.min(...ys), Math.max(...ys)) },
    margin: { l: 70, r: 20, t: Object.keys(o.notes).length > 0 ? 75 : 50, b: 55 },
    sliders: [
      {
        active,
        steps,
        currentvalue: { visible: true, prefix: `${label} = `, xanchor: 'left' },
        pad: { t: 70 },
        x: 0,
        len: 1,
      },
    ],
  };
  return { data, layout };
}
