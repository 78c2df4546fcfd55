import type { PanelFigure } from './heatmap-figure.js';

/** A plotly RGB image trace. */
export interface PlotlyImageTrace {
  type: 'image';
  /** Pixels z[row][col] = [r, g, b] in 0..255. */
  z: number[][][];
  xaxis?: string;
  yaxis?: string;
  name?: string;
}

/** One image panel: RGB in [0, 1], (height, width, 3) row-major, optionally cropped. */
export interface ImagePanel {
  title: string;
  width: number;
  height: number;
  rgb: ArrayLike<number>;
  /** Zoomed crop in pixels: columns [x0, x0 + w), rows [y0, y0 + h). Default: the whole image. */
  crop?: { x0: number; y0: number; w: number; h: number };
}

/** Options of {@link imageFigure}. */
export interface ImageFigureOptions {
  /** Figure title. Default ''. */
  title: string;
  /** Panels per row. Default 4. */
  columns: number;
}

/** Defaults of {@link ImageFigureOptions}: `{ title: '', columns: 4 }`. */
export const imageFigureDefaults: Readonly<ImageFigureOptions> = Object.freeze({ title: '', columns: 4 });

/**
 * RGB image panels on a grid ([MIS] Fig. 7 / [AS-IS] Fig. 6: reference and reconstructions, with zoomed crops).
 * Values are clamped to [0, 1] and stored as 0..255 integers.
 * @param panels the panels, in reading order.
 * @param options partial {@link ImageFigureOptions}.
 * @example
 * const fig = imageFigure([{ title: 'ref', width: 1, height: 1, rgb: [1, 0, 0] }]);
 * fig.data[0].z; // [[[255, 0, 0]]]
 */
export function imageFigure(
  panels: readonly ImagePanel[],
  options: Partial<ImageFigureOptions> = {},
): PanelFigure<PlotlyImageTrace> {
  const o = { ...imageFigureDefaults, ...options };
  if (panels.length === 0) throw new RangeError('imageFigure: panels must not be empty');
  if (!Number.isInteger(o.columns) || o.columns < 1) {
    throw new RangeError(`imageFigure: columns must be an integer ≥ 1, got ${o.columns}`);
  }
  const columns = Math.min(o.columns, panels.length);
  const rows = Math.ceil(panels.length / columns);
  const data: PlotlyImageTrace[] = [];
  const layout: PanelFigure<PlotlyImageTrace>['layout'] = {
    title: { text: o.title },
    grid: { rows, columns, pattern: 'independent' },
    annotations: [],
    showlegend: false,
    margin: { l: 10, r: 10, t: 60, b: 10 },
  };
  panels.forEach((p, k) => {
    if (p.rgb.length !== p.width * p.height * 3) {
      throw new RangeError(`imageFigure: panel '${p.title}' has ${p.rgb.length} values, expected ${p.height} × ${p.width} × 3`);
    }
    const c = p.crop ?? { x0: 0, y0: 0, w: p.width, h: p.height };
    if (c.x0 < 0 || c.y0 < 0 || c.w < 1 || c.h < 1 || c.x0 + c.w > p.width || c.y0 + c.h > p.height) {
      throw new RangeError(`imageFigure: crop ${JSON.stringify(c)} of panel '${p.title}' is outside ${p.width} × ${p.height}`);
    }
    const px = (r: number, col: number, ch: number) => Math.round(255 * Math.min(1, Math.max(0, p.rgb[(r * p.width + col) * 3 + ch])));
    const z = Array.from({ length: c.h }, (_, r) => Array.from({ length: c.w }, (_, col) => [0, 1, 2].map((ch) => px(c.y0 + r, c.x0 + col, ch))));
    const ax = k === 0 ? '' : String(k + 1);
    data.push({ type: 'image', z, xaxis: `x${ax}`, yaxis: `y${ax}`, name: p.title });
    layout[`xaxis${ax}`] = { visible: false };
    layout[`yaxis${ax}`] = { visible: false, scaleanchor: `x${ax}` };
    const col = k % columns;
    const row = Math.floor(k / columns);
    layout.annotations.push({ text: p.title, x: (col + 0.5) / columns, y: 1 - row / rows, xref: 'paper', yref: 'paper', showarrow: false, xanchor: 'center', yanchor: 'bottom' });
  });
  return { data, layout };
}
