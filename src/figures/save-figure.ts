import { mkdirSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { writeFileAtomic } from '../records/write-run-records.js';
import {
  findBrowser,
  openExportPage,
  renderStatic,
  STATIC_FORMATS,
  withSharedBrowser,
  type StaticFormat,
} from './export-static.js';
import type { Figure } from './types.js';
import { writeFigureHtml, writeFigureJson } from './write-figure-html.js';

/** Formats {@link saveFigure} writes: a page that works offline, the figure JSON, and the static images. */
export type FigureFormat = 'html' | 'json' | StaticFormat;

/** Every {@link FigureFormat}, in the order they are written. */
export const FIGURE_FORMATS: readonly FigureFormat[] = ['html', 'json', ...STATIC_FORMATS];

/**
 * Paper widths in CSS px (96 px = 1 in, so a PDF of this width prints at this size): `single` = one column of a
 * two-column paper, 3.3 in; `double` = the full text width, 7 in.
 */
export const PAPER_WIDTHS = { single: 317, double: 672 } as const;

/** A width in CSS px, or a paper width by name ({@link PAPER_WIDTHS}). */
export type FigureWidth = number | keyof typeof PAPER_WIDTHS;

/** Options of {@link saveFigure}. */
export interface SaveFigureOptions {
  /** Formats to write. Default `['html', 'svg', 'png', 'pdf']`, or only the path's own extension if it has one. */
  formats?: readonly FigureFormat[];
  /** Width in CSS px, or `'single'` (3.3 in) / `'double'` (7 in). Default: the layout's width, else 640. */
  width?: FigureWidth;
  /** Height in CSS px. Default: the layout's height, else 0.625 × the width (400 for 640). */
  height?: number;
  /** Pixel ratio of the PNG: it has `width·scale × height·scale` pixels. Default 2. */
  scale?: number;
  /** A running browser to use (left open). Default: the process's shared one (`sharedBrowser`). */
  browser?: Browser;
}

/** Defaults of {@link saveFigure}: `formats: ['html', 'svg', 'png', 'pdf']`, `width: 640`, `heightRatio: 0.625`, `scale: 2`. */
export const saveFigureDefaults = {
  formats: ['html', 'svg', 'png', 'pdf'] as readonly FigureFormat[],
  width: 640,
  heightRatio: 0.625,
  scale: 2,
} as const;

function checkFormats(formats: readonly unknown[]): asserts formats is readonly FigureFormat[] {
  if (!Array.isArray(formats) || formats.length === 0) {
    throw new Error(`saveFigure: options.formats must be a non-empty list of ${FIGURE_FORMATS.join(', ')}`);
  }
  for (const f of formats) {
    if (!FIGURE_FORMATS.includes(f as FigureFormat)) {
      throw new Error(`saveFigure: format '${String(f)}' is not allowed; allowed: ${FIGURE_FORMATS.join(', ')}`);
    }
  }
}

function resolveWidth(width: FigureWidth | undefined, layoutWidth: unknown): number {
  if (typeof width === 'string') {
    if (!(width in PAPER_WIDTHS)) {
      throw new Error(
        `saveFigure: options.width '${width}' is not a paper width; use ${Object.keys(PAPER_WIDTHS).join(' or ')}, or a number of px`,
      );
    }
    return PAPER_WIDTHS[width];
  }
  return width ?? (typeof layoutWidth === 'number' ? layoutWidth : saveFigureDefaults.width);
}

/**
 * Saves a figure for a paper or a web page: `<path>.html` (a page that works offline, see `writeFigureHtml`),
 * `<path>.json`, and `<path>.svg`, `<path>.png`, `<path>.pdf` drawn by plotly.js in headless Chromium, the same
 * static exporter `isgrad figures` uses. Each file is written to a temporary file and renamed, so it is whole or
 * absent. Static formats need a Chrome/Chromium (see `findBrowser`); one browser serves every call of a process
 * (a notebook kernel) and is closed when the process exits.
 *
 * @param fig - the `{ data, layout }` figure, e.g. from `lineBandFigure`.
 * @param path - the output path without extension (`'out/loss'`); an extension (`'out/loss.pdf'`) is dropped,
 *   and when `formats` is not given only that format is written.
 * @param options - `formats = ['html', 'svg', 'png', 'pdf']`; `width` in px or `'single'` (3.3 in = 317 px) /
 *   `'double'` (7 in = 672 px), default the layout's width else 640; `height`, default the layout's height else
 *   0.625 × width; `scale = 2` (PNG pixel ratio); `browser` (default shared).
 * @returns the absolute paths written, in the order html, json, svg, png, pdf.
 * @throws before writing anything, on a bad option, or when a static format is asked for and no browser is found.
 * @example
 * const files = await saveFigure(fig, 'out/loss', { formats: ['pdf', 'png'], width: 'single' });
 * image(files[1]); // out/loss.png, 634 × 396 px
 */
export async function saveFigure(fig: Figure, path: string, options: SaveFigureOptions = {}): Promise<string[]> {
  if (typeof path !== 'string' || path === '') {
    throw new Error(`saveFigure: path must be a non-empty file path such as 'out/loss'; got ${JSON.stringify(path)}`);
  }
  if (fig === null || typeof fig !== 'object' || !Array.isArray(fig.data)) {
    throw new Error(`saveFigure: fig must be a { data: [...], layout } object; got ${fig === null ? 'null' : typeof fig}`);
  }
  const ext = /\.([A-Za-z]+)$/.exec(path)?.[1]?.toLowerCase();
  const hasExt = ext !== undefined && FIGURE_FORMATS.includes(ext as FigureFormat);
  const base = resolve(hasExt ? path.slice(0, -ext.length - 1) : path);
  const formats = options.formats ?? (hasExt ? [ext as FigureFormat] : saveFigureDefaults.formats);
  checkFormats(formats);
  const width = resolveWidth(options.width, fig.layout?.width);
  const height = options.height ?? fig.layout?.height ?? Math.round(width * saveFigureDefaults.heightRatio);
  const scale = options.scale ?? saveFigureDefaults.scale;
  for (const [k, v, lo, hi] of [
    ['width', width, 16, 10000],
    ['height', height, 16, 10000],
    ['scale', scale, 0.25, 8],
  ] as const) {
    if (!(typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= hi)) {
      throw new Error(`saveFigure: options.${k} must be a number in [${lo}, ${hi}]; got ${String(v)}`);
    }
  }
  const statics = STATIC_FORMATS.filter((f) => formats.includes(f));
  if (statics.length > 0 && options.browser === undefined) {
    try {
      await findBrowser();
    } catch (e) {
      throw new Error(
        `saveFigure: ${statics.join(', ')} need a headless Chrome/Chromium and none was found. ` +
          `${(e as Error).message.replace(/^findBrowser: /, '')}. ` +
          `Without a browser, save formats: ['html', 'json'] only.`,
      );
    }
  }
  mkdirSync(dirname(base), { recursive: true });
  const written: string[] = [];
  if (formats.includes('html')) written.push(writeFigureHtml(fig, `${base}.html`, { title: fig.layout?.title?.text ?? basename(base) }));
  if (formats.includes('json')) written.push(writeFigureJson(fig, `${base}.json`));
  if (statics.length > 0) {
    const render = async (browser: Browser) => {
      const page = await openExportPage(browser);
      try {
        return await renderStatic(page, fig, { width, height, scale }, statics);
      } finally {
        await page.close();
      }
    };
    const images = options.browser === undefined ? await withSharedBrowser(render) : await render(options.browser);
    for (const f of statics) {
      writeFileAtomic(`${base}.${f}`, images[f] as string | Buffer);
      written.push(`${base}.${f}`);
    }
  }
  return written;
}
