import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { display, type MimeBundle } from './display.js';
import { scriptJson } from './script-json.js';

/** Any plotly figure: the kit's builders return `{ data, layout }` (see `src/figures/`). */
export interface PlotlyFigureLike {
  data: readonly object[];
  layout?: object;
}

/** Options of {@link show} and {@link figureBundle}. */
export interface ShowOptions {
  /** Plot height in px when the layout sets none. Default 420. */
  height?: number;
  /** Plotly config (third argument of `Plotly.newPlot`). Default `{ responsive: true, displaylogo: false }`. */
  config?: object;
}

/** Defaults of {@link show}: `height: 420`, `config: { responsive: true, displaylogo: false }`. */
export const showDefaults: Readonly<Required<ShowOptions>> = {
  height: 420,
  config: { responsive: true, displaylogo: false },
};

/** MIME type of plotly figures (rendered by JupyterLab's plotly extension, VS Code, nteract). */
export const PLOTLY_MIME = 'application/vnd.plotly.v1+json';

// Unique per kernel process, so element ids do not clash with outputs of an earlier session on the same page.
const sessionToken = randomBytes(4).toString('hex');
let figureCount = 0;
let plotlyLoaded = false;

/** The minified plotly.js bundle (plotly.js-dist-min, ≈4.8 MB) and its version. */
function plotlySource(): { version: string; source: string } {
  const req = createRequire(import.meta.url);
  const file = req.resolve('plotly.js-dist-min');
  const { version } = req('plotly.js-dist-min/package.json') as { version: string };
  // '</script' would end the element early; inside JavaScript, '<\/script' means the same.
  const source = readFileSync(file, 'utf8').replace(/<\/script/gi, '<\\/script');
  return { version, source };
}

/**
 * The output that loads plotly.js into the page (`text/html` with the minified bundle inline, plus
 * `text/plain`). Every figure output of {@link show} draws with the `Plotly` global it defines, so a notebook
 * carries the library once, not once per figure.
 *
 * @example
 * display(plotlyLoaderBundle());
 */
export function plotlyLoaderBundle(): MimeBundle {
  const { version, source } = plotlySource();
  return {
    'text/html':
      `<script type="text/javascript">\n${source}\n</script>\n` +
      `<div style="font: 11px sans-serif; color: #777777">plotly.js ${version} loaded (isgrad/notebook)</div>`,
    'text/plain': `plotly.js ${version} loaded`,
  };
}

/**
 * Loads plotly.js into the notebook page: one output holding the minified library. Call it in the first cell;
 * {@link show} calls it by itself before the first figure of a kernel session. Run again after re-running
 * cells out of order if a figure says plotly.js is not loaded (outputs replaced by a re-run take their scripts
 * with them).
 *
 * @example
 * import { loadPlotly } from 'isgrad/notebook';
 * loadPlotly();
 */
export function loadPlotly(): void {
  display(plotlyLoaderBundle());
  plotlyLoaded = true;
}

function traceNames(fig: PlotlyFigureLike): string[] {
  return fig.data
    .map((t) => t as { name?: unknown; showlegend?: unknown })
    .filter((t) => typeof t.name === 'string' && t.showlegend !== false)
    .map((t) => t.name as string);
}

function figureTitle(fig: PlotlyFigureLike): string | null {
  const title = (fig.layout as { title?: unknown } | undefined)?.title;
  if (typeof title === 'string') return title;
  const text = (title as { text?: unknown } | undefined)?.text;
  return typeof text === 'string' ? text : null;
}

/**
 * The MIME bundle of one figure, without sending it: the plotly JSON (`application/vnd.plotly.v1+json`), an
 * HTML fallback that draws with the page's `Plotly` global (see {@link loadPlotly}; if it is missing the
 * output says so instead of staying blank), and a one-line text summary.
 *
 * @param fig - a plotly `{ data, layout }` figure.
 * @param options - `height = 420` (px, when the layout sets none), `config = { responsive: true, displaylogo: false }`.
 * @example
 * const b = figureBundle({ data: [{ type: 'scatter', x: [0, 1], y: [1, 0], name: 'IS' }], layout: {} });
 * Object.keys(b); // ['application/vnd.plotly.v1+json', 'text/html', 'text/plain']
 */
export function figureBundle(fig: PlotlyFigureLike, options: ShowOptions = {}): MimeBundle {
  if (fig === null || typeof fig !== 'object' || !Array.isArray(fig.data)) {
    throw new Error(
      `show: fig must be a plotly { data: [...], layout } object; got ${JSON.stringify(fig)?.slice(0, 80)}`,
    );
  }
  const height = options.height ?? showDefaults.height;
  if (!Number.isFinite(height) || height <= 0) {
    throw new Error(`show: options.height must be a positive number of px; got ${height}`);
  }
  const config = options.config ?? showDefaults.config;
  const layout = fig.layout ?? {};
  const layoutHeight = (layout as { height?: unknown }).height;
  const px = typeof layoutHeight === 'number' && layoutHeight > 0 ? layoutHeight : height;
  const id = `isgrad-plot-${sessionToken}-${++figureCount}`;
  const names = traceNames(fig);
  const title = figureTitle(fig);
  const html = [
    `<div id="${id}" class="isgrad-plot" style="width: 100%; height: ${px}px;"></div>`,
    '<script type="text/javascript">',
    '(function () {',
    `  var el = document.getElementById(${scriptJson(id)});`,
    `  var fig = ${scriptJson({ data: fig.data, layout })};`,
    "  if (typeof window.Plotly === 'undefined') {",
    "    el.style.height = 'auto';",
    "    el.textContent = 'plotly.js is not loaded in this page: run loadPlotly() from isgrad/notebook, then this cell.';",
    '    return;',
    '  }',
    `  window.Plotly.newPlot(el, fig.data, fig.layout, ${scriptJson(config)});`,
    '})();',
    '</script>',
  ].join('\n');
  const summary =
    `Figure${title === null ? '' : ` "${title}"`}: ${fig.data.length} trace${fig.data.length === 1 ? '' : 's'}` +
    (names.length > 0 ? ` (${names.join(', ')})` : '');
  return {
    [PLOTLY_MIME]: { data: fig.data, layout, config },
    'text/html': html,
    'text/plain': summary,
  };
}

/**
 * Shows a plotly figure in the notebook, interactive in JupyterLab (with or without the plotly extension),
 * classic Notebook, VS Code and nbconvert's HTML export. The first call of a kernel session first loads
 * plotly.js into the page ({@link loadPlotly}); later figures reuse it.
 *
 * @param fig - a plotly `{ data, layout }` figure, e.g. from `figures.lineBandFigure`.
 * @param options - `height = 420` (px, when the layout sets none), `config = { responsive: true, displaylogo: false }`.
 * @example
 * import { figures } from 'isgrad';
 * import { show } from 'isgrad/notebook';
 * show(figures.lineBandFigure(rows, { x: 'step', y: 'excessLoss', logY: true }));
 */
export function show(fig: PlotlyFigureLike, options: ShowOptions = {}): void {
  const bundle = figureBundle(fig, options);
  if (!plotlyLoaded) loadPlotly();
  display(bundle);
}

/** Forgets that plotly.js was loaded, so the next {@link show} loads it again (tests; a new page). */
export function resetPlotlyLoaded(): void {
  plotlyLoaded = false;
}
