import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PartOutcome, ReproduceReport } from '../experiments/reproduce.js';
import type { FigureEntry } from '../experiments/types.js';
import { display } from './display.js';
import { show, type PlotlyFigureLike, type ShowOptions } from './show.js';

/** Options of {@link showFigures}. */
export interface ShowFiguresOptions extends ShowOptions {
  /** Parts whose figures to show, in this order. Default: every part of the report that ran, in report order. */
  parts?: readonly string[];
  /** Show only entries whose file name matches. Default: every entry. */
  match?: RegExp;
  /** Show each entry's caption under it. Default true. */
  captions?: boolean;
}

/** Defaults of {@link showFigures}: every part that ran, every entry, captions on. */
export const showFiguresDefaults: Readonly<{ captions: boolean }> = { captions: true };

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Reads the plotly figure the main job wrote for a gallery entry (`<figures>/<name>.json`, next to the page), or
 * null when the entry is a table page (no JSON).
 *
 * @param figures - the figures folder of the run (`reproduce`'s `figures` option).
 * @param entry - a gallery entry, e.g. from `report.parts[i].figures`.
 * @example
 * const fig = readGalleryFigure('../figures', { title: 'Fig. 2', file: 'mis-fig2-poly6.html', caption: '' });
 */
export function readGalleryFigure(
  figures: string,
  entry: Pick<FigureEntry, 'file'>,
): PlotlyFigureLike | null {
  const json = join(figures, entry.file.replace(/\.html$/, '.json'));
  if (!existsSync(json)) return null;
  const fig = JSON.parse(readFileSync(json, 'utf8')) as PlotlyFigureLike;
  if (fig === null || typeof fig !== 'object' || !Array.isArray(fig.data)) {
    throw new Error(`readGalleryFigure: ${json} is not a plotly { data, layout } figure`);
  }
  return fig;
}

/** The body of a standalone table page (`<body>…</body>`), or the whole file when it has no body element. */
function pageBody(html: string): string {
  const m = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html);
  return m === null ? html : m[1];
}

/**
 * Shows in the notebook the figures and tables the main job wrote, with their titles and captions: the same
 * figures as the gallery (read from the JSON the builders wrote), so notebook and gallery cannot disagree.
 *
 * @param report - what `reproduce` returned (its `index` locates the figures folder).
 * @param options - `parts` (default every part that ran), `match` (file-name filter), `captions = true`, plus
 *   {@link show}'s options.
 * @returns the entries shown, in order.
 * @throws when a named part is not in the report, was skipped or crashed (with its reason), or when a figure
 *   file the report names is missing.
 * @example
 * const report = await reproduce({ only: ['mis'], results: '../results', figures: '../figures' });
 * showFigures(report, { parts: ['mis'] });
 */
export function showFigures(
  report: Pick<ReproduceReport, 'parts' | 'index'>,
  options: ShowFiguresOptions = {},
): FigureEntry[] {
  const figures = dirname(report.index);
  const captions = options.captions ?? showFiguresDefaults.captions;
  let parts: PartOutcome[];
  if (options.parts === undefined) {
    parts = report.parts.filter((p) => p.status === 'ran');
  } else {
    parts = options.parts.map((name) => {
      const p = report.parts.find((q) => q.name === name);
      if (p === undefined) {
        throw new Error(
          `showFigures: part '${name}' is not in the report (parts: ${report.parts.map((q) => q.name).join(', ') || 'none'}); ` +
            `pass it to reproduce's only`,
        );
      }
      if (p.status === 'skipped') {
        throw new Error(
          `showFigures: part '${name}' was skipped: ${p.missing.map((m) => `${m.what}: ${m.reason} (${m.enable})`).join('; ')}`,
        );
      }
      if (p.status === 'crashed')
        throw new Error(`showFigures: part '${name}' crashed: ${p.error ?? 'unknown error'}`);
      return p;
    });
  }
  const shown: FigureEntry[] = [];
  for (const part of parts) {
    for (const entry of part.figures) {
      if (options.match !== undefined && !options.match.test(entry.file)) continue;
      const page = join(figures, entry.file);
      if (!existsSync(page)) throw new Error(`showFigures: ${page} (part '${part.name}') is missing`);
      display({ 'text/html': `<h4>${escapeHtml(entry.title)}</h4>`, 'text/plain': entry.title });
      const fig = readGalleryFigure(figures, entry);
      if (fig !== null) show(fig, options);
      else
        display({ 'text/html': pageBody(readFileSync(page, 'utf8')), 'text/plain': `(table) ${entry.file}` });
      if (captions && entry.caption !== '') {
        display({ 'text/markdown': entry.caption, 'text/plain': entry.caption });
      }
      shown.push(entry);
    }
  }
  return shown;
}
