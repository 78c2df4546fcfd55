import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { writeFileAtomic } from '../records/write-run-records.js';
import { htmlPage } from './html-page.js';
import type { Figure } from './types.js';

/** File name of the plotly bundle copied next to every figure page. */
export const PLOTLY_BUNDLE_FILE = 'plotly.js';

/** Plotly `config` (third argument of `Plotly.newPlot`) as written into the page. */
export interface PlotlyConfig {
  responsive?: boolean;
  displaylogo?: boolean;
  toImageButtonOptions?: { format?: 'png' | 'svg' | 'jpeg' | 'webp'; filename?: string; scale?: number };
}

/** Options of {@link writeFigureHtml}. */
export interface WriteFigureHtmlOptions {
  /** Page title; `null` uses the figure's layout title, else the file name. Default `null`. */
  title?: string | null;
  /**
   * Plotly config. Default `{ responsive: true, displaylogo: false, toImageButtonOptions: { format: 'svg' } }`
   * (the camera button saves vector graphics, as papers need).
   */
  config?: PlotlyConfig;
}

/**
 * Defaults of {@link writeFigureHtml}: `title: null`,
 * `config: { responsive: true, displaylogo: false, toImageButtonOptions: { format: 'svg' } }`.
 */
export const writeFigureHtmlDefaults: Readonly<Required<WriteFigureHtmlOptions>> = {
  title: null,
  config: { responsive: true, displaylogo: false, toImageButtonOptions: { format: 'svg' } },
};

/**
 * Copies the plotly.js bundle of the `plotly.js-dist` package into `dir` as `plotly.js`, unless a file of
 * the same size is already there. plotly.js-dist 3.x ships only the unminified `plotly.js` (≈11 MB); it is
 * copied as is under the conventional name, once per folder, so pages stay small and work offline.
 */
function ensurePlotlyBundle(dir: string): string {
  const source = createRequire(import.meta.url).resolve('plotly.js-dist');
  const target = join(dir, PLOTLY_BUNDLE_FILE);
  if (!existsSync(target) || statSync(target).size !== statSync(source).size) writeFileAtomic(target, readFileSync(source));
  return target;
}

/** JSON safe to place inside a `<script>` element: `<`, U+2028 and U+2029 are written as escapes. */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * Writes a figure as a self-contained HTML page that works offline.
 *
 * The page loads `plotly.js` by relative path from its own folder (copied there from `plotly.js-dist`
 * the first time, or when the size differs) instead of inlining megabytes into every page, embeds the
 * figure JSON in a `<script type="application/json" id="figure-data">` block, and fills the window
 * (responsive). Missing folders are created; an existing page is overwritten.
 *
 * @param fig - the `{ data, layout }` figure.
 * @param path - output `.html` file.
 * @param options - `title = null` (page title; null uses the layout title, else the file name),
 *   `config = { responsive: true, displaylogo: false, toImageButtonOptions: { format: 'svg' } }`.
 * @returns the absolute path written.
 * @example
 * writeFigureHtml(lineBandFigure(rows, { x: 'step', y: 'loss' }), 'figures/loss.html', { title: 'Loss' });
 */
export function writeFigureHtml(fig: Figure, path: string, options: WriteFigureHtmlOptions = {}): string {
  if (typeof path !== 'string' || path === '') {
    throw new Error(`writeFigureHtml: path must be a non-empty file path; got ${JSON.stringify(path)}`);
  }
  if (fig === null || typeof fig !== 'object' || !Array.isArray(fig.data)) {
    throw new Error(`writeFigureHtml: fig must be a { data: [...], layout } object; got ${typeof fig}`);
  }
  const file = resolve(path);
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true });
  ensurePlotlyBundle(dir);
  const title = options.title ?? fig.layout?.title?.text ?? basename(file, extname(file));
  const config = options.config ?? writeFigureHtmlDefaults.config;
  const html = htmlPage({
    title,
    style: 'html, body { margin: 0; height: 100%; background: #ffffff; }\n#figure { width: 100%; height: 100vh; }',
    head: `<script src="${PLOTLY_BUNDLE_FILE}"></script>`,
    body: [
      '<div id="figure"></div>',
      `<script type="application/json" id="figure-data">${scriptSafeJson(fig)}</script>`,
      `<script type="application/json" id="figure-config">${scriptSafeJson(config)}</script>`,
      '<script>',
      "const fig = JSON.parse(document.getElementById('figure-data').textContent);",
      "const config = JSON.parse(document.getElementById('figure-config').textContent);",
      "Plotly.newPlot('figure', fig.data, fig.layout, config);",
      '</script>',
    ].join('\n'),
  });
  writeFileAtomic(file, html);
  return file;
}

/**
 * Writes a figure as plain JSON (`{ data, layout }`, 2-space indented), e.g. for a later static export with
 * plotly's image tools. Missing folders are created.
 *
 * @param fig - the figure.
 * @param path - output `.json` file.
 * @returns the absolute path written.
 * @example
 * writeFigureJson(fig, 'figures/loss.json');
 */
export function writeFigureJson(fig: Figure, path: string): string {
  if (typeof path !== 'string' || path === '') {
    throw new Error(`writeFigureJson: path must be a non-empty file path; got ${JSON.stringify(path)}`);
  }
  const file = resolve(path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomic(file, JSON.stringify(fig, null, 2) + '\n');
  return file;
}
