import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { writeFileAtomic } from '../records/write-run-records.js';
import { escapeHtml, htmlPage } from './html-page.js';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** One figure listed in the gallery. */
export interface GalleryEntry {
  /** Link text, e.g. `'Fig. 2 — polynomial regression'`. */
  title: string;
  /** Figure page, relative to the gallery page (e.g. `'fig2.html'`); URL schemes are rejected. */
  file: string;
  /** Optional description shown under the link. */
  caption?: string;
  /** Optional thumbnail image (relative path, e.g. `'thumbnails/fig2.png'`), shown as a link to the figure page. */
  thumbnail?: string;
  /** Optional further files of the figure (relative paths), e.g. `[{ label: 'PDF', file: 'fig2.pdf' }]`. */
  links?: { label: string; file: string }[];
  /** Optional run record folders the figure was made from (relative paths), listed under the caption. */
  records?: string[];
}

/** Options of {@link writeGalleryHtml}. */
export interface WriteGalleryHtmlOptions {
  /** Page title and heading. Default `'Figures'`. */
  title?: string;
  /**
   * Executed notebooks to link under the figures (relative paths, e.g. from {@link executedNotebookLinks}).
   * Default none.
   */
  notebooks?: readonly { title: string; file: string }[];
}

/** Defaults of {@link writeGalleryHtml}: `title: 'Figures'`, no notebooks. */
export const writeGalleryHtmlDefaults: Readonly<Required<WriteGalleryHtmlOptions>> = {
  title: 'Figures',
  notebooks: [],
};

/**
 * The executed notebooks' HTML copies (build output of `npm run notebooks:run`: `notebooks/build/*.html`) as
 * gallery links relative to the figures folder, sorted by name; none when the folder does not exist.
 * @param figures - the gallery's folder.
 * @param build - the executed notebooks' folder. Default `<figures>/../notebooks/build` (the repository layout).
 * @example
 * executedNotebookLinks('figures'); // [{ title: '01-theory', file: '../notebooks/build/01-theory.html' }, ...]
 */
export function executedNotebookLinks(
  figures: string,
  build: string = join(dirname(resolve(figures)), 'notebooks', 'build'),
): { title: string; file: string }[] {
  if (!existsSync(build)) return [];
  return readdirSync(build)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => ({
      title: f.replace(/\.html$/, ''),
      file: relative(resolve(figures), join(resolve(build), f)).split(sep).join('/'),
    }));
}

export { escapeHtml } from './html-page.js';

/**
 * Writes a plain offline index page that links figure pages, one list item per entry (optional thumbnail and
 * title as links, caption below, then optional links to other formats and to the run records), all text
 * HTML-escaped. Missing folders are created; the page has no scripts and no external
 * resources.
 *
 * @param entries - figures to list, in display order; `file` is relative to the gallery page and must not
 *   carry a URL scheme (`http:`, `javascript:`, ...).
 * @param path - output `.html` file.
 * @param options - `title = 'Figures'`, `notebooks = []` (executed notebooks linked under the figures).
 * @returns the absolute path written.
 * @example
 * writeGalleryHtml([{ title: 'Fig. 2', file: 'fig2.html', caption: 'error vs iterations' }], 'figures/index.html');
 */
export function writeGalleryHtml(
  entries: readonly GalleryEntry[],
  path: string,
  options: WriteGalleryHtmlOptions = {},
): string {
  if (!Array.isArray(entries)) {
    throw new Error(`writeGalleryHtml: entries must be an array of { title, file, caption }; got ${typeof entries}`);
  }
  if (typeof path !== 'string' || path === '') {
    throw new Error(`writeGalleryHtml: path must be a non-empty file path; got ${JSON.stringify(path)}`);
  }
  const title = options.title ?? writeGalleryHtmlDefaults.title;
  const items = entries.map((e, i) => {
    if (typeof e?.title !== 'string' || typeof e.file !== 'string' || e.file === '') {
      throw new Error(
        `writeGalleryHtml: entries[${i}] must have string title and non-empty string file; got ${JSON.stringify(e)}`,
      );
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(e.file)) {
      throw new Error(
        `writeGalleryHtml: entries[${i}].file must be a relative path (no URL scheme); got '${e.file}'`,
      );
    }
    const caption =
      e.caption === undefined || e.caption === '' ? '' : `\n<p>${escapeHtml(e.caption)}</p>`;
    const relativeFile = (f: unknown, what: string): string => {
      if (typeof f !== 'string' || f === '' || /^[a-z][a-z0-9+.-]*:/i.test(f)) {
        throw new Error(`writeGalleryHtml: entries[${i}].${what} must be a relative path (no URL scheme); got '${f}'`);
      }
      return escapeHtml(f);
    };
    const thumb =
      e.thumbnail === undefined
        ? ''
        : `\n<a href="${escapeHtml(e.file)}"><img src="${relativeFile(e.thumbnail, 'thumbnail')}" ` +
          `alt="${escapeHtml(e.title)}"></a>`;
    const links =
      e.links === undefined || e.links.length === 0
        ? ''
        : `\n<p class="formats">${e.links
            .map((l: { label: string; file: string }, j: number) => `<a href="${relativeFile(l?.file, `links[${j}].file`)}">${escapeHtml(String(l.label))}</a>`)
            .join(' · ')}</p>`;
    const records =
      e.records === undefined || e.records.length === 0
        ? ''
        : `\n<details><summary>records (${e.records.length} runs)</summary>\n<ul>\n${e.records
            .map((r: string, j: number) => `<li><a href="${relativeFile(r, `records[${j}]`)}">${escapeHtml(r)}</a></li>`)
            .join('\n')}\n</ul>\n</details>`;
    return `<li>${thumb}\n<a href="${escapeHtml(e.file)}">${escapeHtml(e.title)}</a>${caption}${links}${records}\n</li>`;
  });
  const list = items.length === 0 ? '<p>No figures.</p>' : `<ol>\n${items.join('\n')}\n</ol>`;
  const notebooks = (options.notebooks ?? writeGalleryHtmlDefaults.notebooks).map((n, i) => {
    if (typeof n?.title !== 'string' || typeof n.file !== 'string' || /^[a-z][a-z0-9+.-]*:/i.test(n.file)) {
      throw new Error(
        `writeGalleryHtml: notebooks[${i}] must have a string title and a relative file; got ${JSON.stringify(n)}`,
      );
    }
    return `<li><a href="${escapeHtml(n.file)}">${escapeHtml(n.title)}</a></li>`;
  });
  const notebookList =
    notebooks.length === 0
      ? ''
      : `\n<h2>Notebooks</h2>\n<p>Executed copies (build output of <code>npm run notebooks:run</code>); the same figures as above.</p>\n<ul>\n${notebooks.join('\n')}\n</ul>`;
  const html = htmlPage({
    title,
    style: [
      'body { font-family: Arial, Helvetica, sans-serif; max-width: 50rem; margin: 2rem auto; padding: 0 1rem; }',
      'li { margin-bottom: 1rem; }',
      'li p { margin: 0.25rem 0 0; color: #444444; }',
      'li { overflow: hidden; }',
      'li img { float: left; width: 320px; margin: 0 1rem 0.5rem 0; border: 1px solid #dddddd; }',
      'li details { margin-top: 0.25rem; font-size: smaller; }',
    ].join('\n'),
    body: `<h1>${escapeHtml(title)}</h1>\n${list}${notebookList}`,
  });
  const file = resolve(path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomic(file, html);
  return file;
}
