import { accessSync, constants, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, delimiter, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, LaunchOptions, Page } from 'puppeteer-core';
import { writeFileAtomic } from '../records/write-run-records.js';
import { writeGalleryHtml, type GalleryEntry } from './gallery-html.js';

/** Static formats written by {@link exportFigures}. */
export type StaticFormat = 'svg' | 'png' | 'pdf';

/** Every {@link StaticFormat}, in the order they are written. */
export const STATIC_FORMATS: readonly StaticFormat[] = ['svg', 'png', 'pdf'];

/** A headless browser the export can drive, and where it came from. */
export interface BrowserInfo {
  /** Absolute path of the Chrome/Chromium executable. */
  executablePath: string;
  /** `'env'` (ISGRAD_CHROME or PUPPETEER_EXECUTABLE_PATH), `'system'` (found on PATH) or `'@sparticuz/chromium'`. */
  source: 'env' | 'system' | '@sparticuz/chromium';
  /** Command-line flags to launch it with. */
  args: string[];
}

// Root (CI) cannot use Chromium's sandbox; no GPU here; hinting off keeps text metrics the same everywhere.
const BASE_ARGS = ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none', '--disable-dev-shm-usage'];

const SYSTEM_BROWSERS = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome', 'chrome'];

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir !== '' && isExecutable(join(dir, name))) return join(dir, name);
  }
  return null;
}

/**
 * Finds a headless-capable Chrome or Chromium: `ISGRAD_CHROME` or `PUPPETEER_EXECUTABLE_PATH` if set, else a
 * system browser on `PATH` (chromium, chromium-browser, google-chrome-stable, google-chrome, chrome; Debian's
 * `/usr/bin/chromium` wrapper is bypassed for the binary it starts), else the one shipped inside the npm
 * package `@sparticuz/chromium` (an optional dependency of the kit; unpacked to the temp folder on first use).
 *
 * @returns the executable and its launch flags.
 * @throws naming every place looked at when none is found.
 * @example
 * const { executablePath, source } = await findBrowser(); // e.g. '/usr/lib/chromium/chromium', 'system'
 */
export async function findBrowser(): Promise<BrowserInfo> {
  for (const key of ['ISGRAD_CHROME', 'PUPPETEER_EXECUTABLE_PATH']) {
    const v = process.env[key];
    if (v !== undefined && v !== '') {
      if (!isExecutable(v)) throw new Error(`findBrowser: ${key}='${v}' is not an executable file`);
      return { executablePath: resolve(v), source: 'env', args: BASE_ARGS };
    }
  }
  for (const name of SYSTEM_BROWSERS) {
    const found = onPath(name);
    if (found === null) continue;
    // Debian's wrapper script only adds flags and execs this binary; launching it directly is quieter.
    const debianBinary = '/usr/lib/chromium/chromium';
    const executablePath = found === '/usr/bin/chromium' && isExecutable(debianBinary) ? debianBinary : found;
    return { executablePath, source: 'system', args: BASE_ARGS };
  }
  const mac = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
  if (process.platform === 'darwin' && isExecutable(mac)) return { executablePath: mac, source: 'system', args: BASE_ARGS };
  let reason: string;
  try {
    const chromium = (await import('@sparticuz/chromium')).default;
    const executablePath = await chromium.executablePath();
    return { executablePath, source: '@sparticuz/chromium', args: [...new Set([...chromium.args, ...BASE_ARGS])] };
  } catch (e) {
    reason = (e as Error).message.split('\n')[0];
  }
  throw new Error(
    `findBrowser: no Chrome/Chromium found: ISGRAD_CHROME and PUPPETEER_EXECUTABLE_PATH unset, none of ` +
      `${SYSTEM_BROWSERS.join(', ')} on PATH, and @sparticuz/chromium unusable (${reason}). ` +
      'Install one (Debian: apt-get install chromium) or set ISGRAD_CHROME=/path/to/chrome',
  );
}

/**
 * Starts a headless browser for static export and page checks (see {@link findBrowser} for which one). Close it
 * with `browser.close()`.
 *
 * The browser is driven over a pipe (`--remote-debugging-pipe`), not a WebSocket: when this process dies, even
 * by `kill -9`, the pipe closes and Chromium exits with all its helper processes instead of living on. No signal
 * handler is installed, so SIGINT (a notebook's interrupt) stays with the caller.
 *
 * @param info - the browser to start. Default: `await findBrowser()`.
 * @example
 * const browser = await launchBrowser();
 * try { ... } finally { await browser.close(); }
 */
export async function launchBrowser(info?: BrowserInfo): Promise<Browser> {
  const b = info ?? (await findBrowser());
  const puppeteer = (await import('puppeteer-core')).default;
  const options: LaunchOptions = {
    executablePath: b.executablePath,
    headless: true,
    args: b.args,
    pipe: true,
    // Puppeteer's own SIGINT handler calls process.exit(130): in a notebook, Kernel > Interrupt would kill the
    // kernel. Signals keep their usual meaning; the browser still goes with the process (its exit hook, the pipe).
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  };
  return puppeteer.launch(options);
}

let shared: Promise<Browser> | null = null;

/**
 * The one browser this process shares for static export ({@link launchBrowser}), started on first use and
 * started again if it was closed or crashed. It does not keep Node alive: a script ends when its work does, and
 * the browser is closed when the process exits (and, through its pipe, when the process is killed).
 *
 * @example
 * const browser = await sharedBrowser(); // the same one on every call in a kernel
 */
export async function sharedBrowser(): Promise<Browser> {
  if (shared !== null) {
    const b = await shared.catch(() => null);
    if (b !== null && b.connected) return b;
  }
  const starting = launchBrowser().then((b) => {
    // The child and its pipes are unreferenced so they do not hold the event loop open; puppeteer kills the
    // child on process exit.
    const child = b.process();
    child?.unref();
    for (const stream of child?.stdio ?? []) (stream as { unref?: () => void } | null)?.unref?.();
    return b;
  });
  shared = starting;
  starting.catch(() => {
    if (shared === starting) shared = null;
  });
  return starting;
}

/**
 * Runs `work` with the {@link sharedBrowser}, holding the event loop open meanwhile (the shared browser's pipes
 * do not, so a script awaiting a page would otherwise exit mid-export).
 *
 * @example
 * const pdf = await withSharedBrowser(async (browser) => { ... });
 */
export async function withSharedBrowser<T>(work: (browser: Browser) => Promise<T>): Promise<T> {
  const hold = setInterval(() => {}, 60_000);
  try {
    return await work(await sharedBrowser());
  } finally {
    clearInterval(hold);
  }
}

/**
 * Closes the browser of {@link sharedBrowser}, if one is running (the next export starts a new one).
 *
 * @example
 * await closeSharedBrowser();
 */
export async function closeSharedBrowser(): Promise<void> {
  const s = shared;
  shared = null;
  const b = s === null ? null : await s.catch(() => null);
  if (b === null || !b.connected) return;
  const hold = setInterval(() => {}, 60_000); // see withSharedBrowser
  try {
    await b.close();
  } finally {
    clearInterval(hold);
  }
}

/** A page with plotly.js loaded, ready for {@link renderStatic}; close it with `page.close()`. */
export async function openExportPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.setContent('<!DOCTYPE html><html><body></body></html>');
  await page.addScriptTag({ path: createRequire(import.meta.url).resolve('plotly.js-dist-min') });
  return page;
}

/** The images {@link renderStatic} draws; each is present when asked for. */
export interface StaticImages {
  svg?: string;
  png?: Buffer;
  pdf?: Buffer;
  /** A half-size PNG (scale 0.5) for a gallery. */
  thumbnail?: Buffer;
}

/**
 * Draws one figure with plotly.js itself (`Plotly.toImage`) in a page from {@link openExportPage}: SVG, PNG at
 * `scale` (so `width·scale × height·scale` pixels) and a vector PDF of exactly `width × height` CSS px (96 px = 1 in),
 * printed from the SVG.
 *
 * @param page - a page from {@link openExportPage}; its browser also prints the PDF.
 * @param fig - the `{ data, layout }` figure.
 * @param size - `width`, `height` in CSS px and the PNG `scale`.
 * @param formats - the formats to draw; `thumbnail: true` adds a half-size PNG.
 * @example
 * const { pdf } = await renderStatic(page, fig, { width: 317, height: 198, scale: 2 }, ['pdf']);
 */
export async function renderStatic(
  page: Page,
  fig: unknown,
  size: { width: number; height: number; scale: number },
  formats: readonly StaticFormat[],
  thumbnail = false,
): Promise<StaticImages> {
  const { width: w, height: h, scale } = size;
  // Browser-side code is passed as text: the kit compiles without the DOM library.
  const images = (await page.evaluate(
    `(async (f, w, h, scale, png, thumb) => {
      const opts = { width: w, height: h };
      return {
        svg: await Plotly.toImage(structuredClone(f), { ...opts, format: 'svg' }),
        png: png ? await Plotly.toImage(structuredClone(f), { ...opts, format: 'png', scale }) : null,
        thumb: thumb ? await Plotly.toImage(structuredClone(f), { ...opts, format: 'png', scale: 0.5 }) : null,
      };
    })(${JSON.stringify(fig)}, ${w}, ${h}, ${scale}, ${formats.includes('png')}, ${thumbnail})`,
  )) as { svg: string; png: string | null; thumb: string | null };
  const svg = decodeURIComponent(images.svg.replace(/^data:image\/svg\+xml,/, ''));
  const fromPng = (d: string) => Buffer.from(d.replace(/^data:image\/png;base64,/, ''), 'base64');
  const out: StaticImages = {};
  if (formats.includes('svg')) out.svg = svg;
  if (images.png !== null) out.png = fromPng(images.png);
  if (images.thumb !== null) out.thumbnail = fromPng(images.thumb);
  if (formats.includes('pdf')) {
    const pdfPage = await page.browser().newPage();
    try {
      // The SVG inline in the page prints as vector paths, on one page of exactly the figure's size.
      await pdfPage.setContent(
        `<!DOCTYPE html><html><head><style>@page { size: ${w}px ${h}px; margin: 0 } ` +
          `html, body { margin: 0; padding: 0 } svg { display: block }</style></head><body>${svg}</body></html>`,
      );
      out.pdf = Buffer.from(await pdfPage.pdf({ width: `${w}px`, height: `${h}px`, printBackground: true, pageRanges: '1' }));
    } finally {
      await pdfPage.close();
    }
  }
  return out;
}

/** Options of {@link exportFigures}. */
export interface ExportFiguresOptions {
  /** Static formats to write next to each figure's HTML. Default `['svg', 'png', 'pdf']`. */
  formats?: readonly StaticFormat[];
  /**
   * Only these figures (file names without extension, e.g. `'poly6-excess-loss'`); `[]` exports none and only
   * rewrites the gallery; `null` = all. Default `null`.
   */
  only?: readonly string[] | null;
  /** Size in CSS px of figures whose layout sets none: about one column of a two-column paper at 2×. Default 640. */
  width?: number;
  /** Height in CSS px of figures whose layout sets none. Default 400. */
  height?: number;
  /** Pixel ratio of the PNG. Default 2. */
  scale?: number;
  /** A running browser to reuse (it is left open). Default: one launched and closed by this call. */
  browser?: Browser;
  /** Executed notebooks the gallery links (see `executedNotebookLinks`). Default none. */
  notebooks?: readonly { title: string; file: string }[];
}

/**
 * Defaults of {@link exportFigures}: `formats: ['svg', 'png', 'pdf']`, `only: null`, `width: 640`, `height: 400`,
 * `scale: 2`.
 */
export const exportFiguresDefaults = {
  formats: STATIC_FORMATS,
  only: null as readonly string[] | null,
  width: 640,
  height: 400,
  scale: 2,
} as const;

/** One gallery entry as the main job lists it in `gallery.json`, plus the run records it came from. */
interface ManifestEntry {
  title: string;
  file: string;
  caption?: string;
  /** Run record folders, relative to the figures folder. */
  records?: string[];
}

/** The figures folder's entries: `gallery.json` if the main job wrote one, else every `<name>.html` with a `<name>.json`. */
function readEntries(dir: string): ManifestEntry[] {
  const manifest = join(dir, 'gallery.json');
  if (existsSync(manifest)) return JSON.parse(readFileSync(manifest, 'utf8')) as ManifestEntry[];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.html') && f !== 'index.html' && existsSync(join(dir, f.replace(/\.html$/, '.json'))))
    .sort()
    .map((f) => ({ title: basename(f, '.html'), file: f }));
}

interface PlotlyJson {
  data: unknown[];
  layout?: { width?: unknown; height?: unknown };
}

function readFigure(file: string): PlotlyJson | null {
  if (!existsSync(file)) return null;
  const fig = JSON.parse(readFileSync(file, 'utf8')) as PlotlyJson;
  return Array.isArray(fig?.data) ? fig : null;
}

/**
 * Writes every figure of a figures folder (as left by `isgrad reproduce`: `<name>.html` + `<name>.json`, listed in
 * `gallery.json`) as SVG, PNG (2×) and PDF next to its HTML, a thumbnail per figure in `thumbnails/`, and
 * rewrites `index.html` as a gallery: thumbnail, caption, links to every format and to the run records.
 * One browser serves the whole call; each format is drawn by plotly.js itself (`Plotly.toImage`), the PDF by
 * printing the SVG (vector).
 *
 * @param dir - the figures folder.
 * @param options - `formats = ['svg', 'png', 'pdf']`, `only = null` (all; `[]` = none, gallery only), `width = 640`, `height = 400` (px,
 *   for layouts without a size), `scale = 2` (PNG pixel ratio), `browser` (default: launched here).
 * @returns the paths written (figures in order, then `index.html`).
 * @example
 * await exportFigures('figures'); // figures/poly6-excess-loss.{svg,png,pdf}, figures/index.html
 * await exportFigures('figures', { only: ['poly6-excess-loss'], formats: ['pdf'] });
 */
export async function exportFigures(dir: string, options: ExportFiguresOptions = {}): Promise<string[]> {
  const d = exportFiguresDefaults;
  const formats = options.formats ?? d.formats;
  for (const f of formats) {
    if (!STATIC_FORMATS.includes(f)) {
      throw new Error(`exportFigures: format '${f}' is not allowed; allowed: ${STATIC_FORMATS.join(', ')}`);
    }
  }
  const only = options.only ?? d.only;
  const width = options.width ?? d.width;
  const height = options.height ?? d.height;
  const scale = options.scale ?? d.scale;
  for (const [k, v, lo, hi] of [
    ['width', width, 16, 10000],
    ['height', height, 16, 10000],
    ['scale', scale, 0.25, 8],
  ] as const) {
    if (!(Number.isFinite(v) && v >= lo && v <= hi)) {
      throw new Error(`exportFigures: options.${k} must be a number in [${lo}, ${hi}]; got ${v}`);
    }
  }
  const root = resolve(dir);
  if (!existsSync(root)) throw new Error(`exportFigures: folder '${dir}' does not exist; run \`isgrad reproduce\` first`);
  const entries = readEntries(root);
  const names = entries.map((e) => e.file.replace(/\.html$/, ''));
  const unknown = (only ?? []).filter((n) => !names.includes(n));
  if (unknown.length > 0) {
    throw new Error(`exportFigures: no figure named ${unknown.map((n) => `'${n}'`).join(', ')} in ${dir}; figures: ${names.join(', ')}`);
  }
  const jobs = entries
    .map((e, i) => ({ entry: e, name: names[i], fig: readFigure(join(root, `${names[i]}.json`)) }))
    .filter((j) => j.fig !== null && (only === null || only.includes(j.name)));

  const written: string[] = [];
  if (jobs.length > 0 && formats.length > 0) {
    const browser = options.browser ?? (await launchBrowser());
    try {
      const page = await openExportPage(browser);
      mkdirSync(join(root, 'thumbnails'), { recursive: true });
      for (const job of jobs) {
        const fig = job.fig as PlotlyJson;
        const w = typeof fig.layout?.width === 'number' ? fig.layout.width : width;
        const h = typeof fig.layout?.height === 'number' ? fig.layout.height : height;
        const images = await renderStatic(page, fig, { width: w, height: h, scale }, formats, true);
        const base = join(root, job.name);
        for (const f of STATIC_FORMATS) {
          const data = images[f];
          if (data === undefined) continue;
          writeFileAtomic(`${base}.${f}`, data);
          written.push(`${base}.${f}`);
        }
        writeFileAtomic(join(root, 'thumbnails', `${job.name}.png`), images.thumbnail as Buffer);
      }
      await page.close();
    } finally {
      if (options.browser === undefined) await browser.close();
    }
  }

  // The gallery lists every entry, with what exists on disk for it (earlier exports included).
  const gallery: GalleryEntry[] = entries.map((e, i) => {
    const name = names[i];
    const thumb = join('thumbnails', `${name}.png`);
    const formatsOnDisk = STATIC_FORMATS.filter((f) => existsSync(join(root, `${name}.${f}`)));
    return {
      title: e.title,
      file: e.file,
      caption: e.caption,
      thumbnail: existsSync(join(root, thumb)) ? thumb.split('\\').join('/') : undefined,
      links: [
        ...formatsOnDisk.map((f) => ({ label: f.toUpperCase(), file: `${name}.${f}` })),
        ...(existsSync(join(root, `${name}.json`)) ? [{ label: 'JSON', file: `${name}.json` }] : []),
      ],
      records: e.records,
    };
  });
  written.push(writeGalleryHtml(gallery, join(root, 'index.html'), { notebooks: options.notebooks ?? [] }));
  return written;
}

/** What {@link checkPlotsDrew} found on a page. */
export interface PlotCheck {
  /** Plot containers on the page (`.js-plotly-plot`, `.isgrad-plot`, `#figure`). */
  plots: number;
  /** Containers holding a plotly SVG with drawn content. */
  drawn: number;
  /** Images (`<img>`) that failed to load, by `src`. */
  brokenImages: string[];
  /** Errors thrown by the page's scripts. */
  pageErrors: string[];
}

/**
 * Opens an HTML file in the browser and checks that every plot drew: each plot container must hold a plotly
 * `svg.main-svg` with at least one drawn trace or axis, and every `<img>` must have loaded.
 *
 * @param file - the HTML file (an executed notebook's HTML, a figure page, the gallery).
 * @param browser - a running browser ({@link launchBrowser}).
 * @param timeoutMs - how long to wait for plots to appear. Default 30000.
 * @example
 * const c = await checkPlotsDrew('figures/index.html', browser); // { plots: 0, drawn: 0, brokenImages: [], ... }
 */
export async function checkPlotsDrew(file: string, browser: Browser, timeoutMs = 30000): Promise<PlotCheck> {
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(String((e as Error).message ?? e)));
  try {
    await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: 'load', timeout: timeoutMs });
    const count = async () =>
      (await page.evaluate(`(() => {
        const hosts = Array.from(document.querySelectorAll('.isgrad-plot, #figure, .js-plotly-plot')).filter(
          (el, _i, all) => !all.some((other) => other !== el && other.contains(el)),
        );
        const drawn = hosts.filter((el) => {
          const svg = el.querySelector('svg.main-svg');
          return svg !== null && svg.querySelector('.scatterlayer .trace, .heatmaplayer, .imagelayer image, .xtick') !== null;
        }).length;
        const broken = Array.from(document.images)
          .filter((img) => !img.complete || img.naturalWidth === 0)
          .map((img) => img.getAttribute('src') || '');
        return { plots: hosts.length, drawn, broken };
      })()`)) as { plots: number; drawn: number; broken: string[] };
    let c = await count();
    const t0 = Date.now();
    while ((c.drawn < c.plots || c.broken.length > 0) && Date.now() - t0 < timeoutMs) {
      await new Promise((r) => setTimeout(r, 200));
      c = await count();
    }
    return { plots: c.plots, drawn: c.drawn, brokenImages: c.broken, pageErrors };
  } finally {
    await page.close();
  }
}
