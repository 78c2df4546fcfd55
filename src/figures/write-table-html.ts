import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { writeFileAtomic } from '../records/write-run-records.js';
import { escapeHtml, htmlPage } from './html-page.js';

/** Options of {@link writeTableHtml}. */
export interface WriteTableHtmlOptions {
  /** Page title and heading. Required. */
  title: string;
  /** A paragraph under the table. Default none. */
  caption?: string;
}

/**
 * Rows (objects with the same keys; the first row's keys are the columns) as a small standalone HTML table page,
 * e.g. an ablation's verdicts next to its figure in the gallery. Every header and cell is escaped; numeric
 * columns are right-aligned.
 * @example
 * const page = tableHtml([{ value: 0.1, verdict: 'reference' }], { title: 'α: verdicts' });
 */
export function tableHtml(rows: readonly Record<string, string | number>[], options: WriteTableHtmlOptions): string {
  if (rows.length === 0) throw new Error(`tableHtml: no rows for '${options.title}'`);
  const columns = Object.keys(rows[0]);
  const numeric = columns.map((c) => rows.every((r) => typeof r[c] === 'number' || r[c] === ''));
  const cell = (v: unknown, j: number) => `<td${numeric[j] ? ' class="num"' : ''}>${escapeHtml(String(v ?? ''))}</td>`;
  const body = [
    `<h1>${escapeHtml(options.title)}</h1>`,
    '<table>',
    `<thead><tr>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead>`,
    '<tbody>',
    ...rows.map((r) => `<tr>${columns.map((c, j) => cell(r[c], j)).join('')}</tr>`),
    '</tbody>',
    '</table>',
    ...(options.caption === undefined ? [] : [`<p>${escapeHtml(options.caption)}</p>`]),
  ].join('\n');
  return htmlPage({
    title: options.title,
    style:
      'body { font-family: Arial, Helvetica, sans-serif; margin: 2em; }\n' +
      'table { border-collapse: collapse; }\nth, td { padding: 0.3em 0.8em; border-bottom: 1px solid #dddddd; text-align: left; }\n' +
      'td.num { text-align: right; }\np { max-width: 50em; color: #444444; }',
    body,
  });
}

/**
 * Writes {@link tableHtml}'s page to `path` (a temporary file, then renamed).
 * @returns the absolute path written.
 * @example
 * writeTableHtml(ablationConclusionTable(c), 'figures/ablation-alpha-verdicts.html', { title: 'α: verdicts' });
 */
export function writeTableHtml(
  rows: readonly Record<string, string | number>[],
  path: string,
  options: WriteTableHtmlOptions,
): string {
  if (rows.length === 0) throw new Error(`writeTableHtml: no rows for '${path}'`);
  const file = resolve(path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomic(file, tableHtml(rows, options));
  return file;
}
