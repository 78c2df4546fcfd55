/**
 * Hand-written subset of the plotly.js figure schema that the kit's builders emit. Figures are plain JSON
 * objects (no functions, no `undefined`, no NaN), so they can be written to disk, snapshotted in tests and
 * rendered later by any plotly front end; builders never import plotly itself.
 *
 * Only the attributes the kit uses are typed; see https://plotly.com/javascript/reference/ for their meaning.
 */

/** A line dash pattern understood by plotly. */
export type PlotlyDash = 'solid' | 'dot' | 'dash' | 'longdash' | 'dashdot' | 'longdashdot';

/** Line attributes of a scatter trace (`width` in px, `color` a CSS colour such as `'#1f77b4'`). */
export interface PlotlyLine {
  color?: string;
  width?: number;
  dash?: PlotlyDash;
}

/** Marker attributes of a scatter trace (`size` in px). */
export interface PlotlyMarker {
  color?: string;
  size?: number;
}

/**
 * One scatter trace: a mean line (`mode: 'lines'`) or a filled band polygon (`fill: 'toself'`).
 *
 * @example
 * const trace: PlotlyTrace = { type: 'scatter', mode: 'lines', x: [0, 1], y: [1, 0.5], name: 'IS (ours)' };
 */
export interface PlotlyTrace {
  type: 'scatter';
  mode?: 'lines' | 'markers' | 'lines+markers' | 'none';
  name?: string;
  x: number[];
  y: number[];
  line?: PlotlyLine;
  marker?: PlotlyMarker;
  fill?: 'none' | 'toself' | 'tonexty' | 'tozeroy';
  fillcolor?: string;
  showlegend?: boolean;
  legendgroup?: string;
  hoverinfo?: 'skip' | 'none' | 'all';
  hovertemplate?: string;
  /** Per-point extra data shown by `hovertemplate` (`%{customdata}`). */
  customdata?: number[];
  /** Drawn (true, the default), hidden (false) or only listed in the legend; sliders toggle it per step. */
  visible?: boolean | 'legendonly';
  /** Trace opacity in [0, 1]. Default 1. */
  opacity?: number;
}

/** An axis or figure title. */
export interface PlotlyTitle {
  text: string;
  x?: number;
  xanchor?: 'auto' | 'left' | 'center' | 'right';
}

/** Font attributes (`size` in pt as plotly uses it). */
export interface PlotlyFont {
  family?: string;
  size?: number;
  color?: string;
}

/** A cartesian axis. */
export interface PlotlyAxis {
  title?: PlotlyTitle;
  type?: 'linear' | 'log';
  showline?: boolean;
  linecolor?: string;
  linewidth?: number;
  mirror?: boolean | 'ticks' | 'all' | 'allticks';
  ticks?: '' | 'outside' | 'inside';
  ticklen?: number;
  showgrid?: boolean;
  gridcolor?: string;
  zeroline?: boolean;
  /** Tick spacing; on a log axis 1 = one tick per decade. */
  dtick?: number | string;
  exponentformat?: 'none' | 'e' | 'E' | 'power' | 'SI' | 'B';
  /** Explicit tick positions (data units, also on a log axis) and their labels. */
  tickvals?: number[];
  ticktext?: string[];
  automargin?: boolean;
  /** Fixed range [from, to]; on a log axis in log10 units (e.g. [-4, 0] = 1e-4 .. 1). Default: autorange. */
  range?: [number, number];
}

/** Legend placement and box (`x`, `y` in paper coordinates, 0..1). */
export interface PlotlyLegend {
  x?: number;
  y?: number;
  xanchor?: 'auto' | 'left' | 'center' | 'right';
  yanchor?: 'auto' | 'top' | 'middle' | 'bottom';
  bgcolor?: string;
  bordercolor?: string;
  borderwidth?: number;
  font?: PlotlyFont;
}

/** Plot margins in px. */
export interface PlotlyMargin {
  l?: number;
  r?: number;
  t?: number;
  b?: number;
}

/** Figure layout (`width`, `height` in px; omit them to let the page size the plot). */
export interface PlotlyLayout {
  title?: PlotlyTitle;
  font?: PlotlyFont;
  paper_bgcolor?: string;
  plot_bgcolor?: string;
  xaxis?: PlotlyAxis;
  yaxis?: PlotlyAxis;
  showlegend?: boolean;
  legend?: PlotlyLegend;
  margin?: PlotlyMargin;
  autosize?: boolean;
  width?: number;
  height?: number;
  hovermode?: 'closest' | 'x' | 'y' | 'x unified' | false;
  /** Sliders below the plot (e.g. scrubbing through a swept value). */
  sliders?: PlotlySlider[];
}

/**
 * One position of a slider: `method: 'update'` applies `args[0]` to the traces (`Plotly.restyle`: here the
 * visibility of every trace, in trace order) and `args[1]` to the layout (`Plotly.relayout`: here the title).
 */
export interface PlotlySliderStep {
  /** Text under the tick, e.g. '0.7'. */
  label: string;
  method: 'update';
  args: [{ visible: boolean[] }, { 'title.text'?: string }];
}

/**
 * A slider (`layout.sliders[i]`): `active` is the step shown when the figure is drawn (and in a static export,
 * which never moves the slider), so the traces' own `visible` flags must match that step.
 */
export interface PlotlySlider {
  active: number;
  steps: PlotlySliderStep[];
  /** The readout above the slider, e.g. prefix 'β = ' shows 'β = 0.7'. */
  currentvalue?: { visible?: boolean; prefix?: string; xanchor?: 'left' | 'center' | 'right'; font?: PlotlyFont };
  /** Padding in px around the slider (`t` separates it from the x-axis title). */
  pad?: PlotlyMargin;
  /** Position and length in paper coordinates (0..1). Defaults x 0, y 0, len 1. */
  x?: number;
  y?: number;
  len?: number;
  xanchor?: 'auto' | 'left' | 'center' | 'right';
  yanchor?: 'auto' | 'top' | 'middle' | 'bottom';
}

/**
 * A complete plotly figure as plain JSON: what every builder in `src/figures/` returns.
 *
 * @example
 * const fig: Figure = { data: [{ type: 'scatter', x: [0, 1], y: [2, 1] }], layout: { title: { text: 'loss' } } };
 */
export interface Figure {
  data: PlotlyTrace[];
  layout: PlotlyLayout;
}
