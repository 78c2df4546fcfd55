// Executes every notebook in notebooks/ headlessly (tslab kernel, nbconvert), stops at the first failing cell and
// prints its index, first source line and real message; then renders each executed notebook's HTML (and
// figures/index.html with every figure page, if present) in headless Chromium and checks that every plot drew.
// Exit code 1 on any failure. Used by .ci/run; needs `npm run notebooks:setup` and Debian's jupyter-nbconvert.
// ISGRAD_CELL_TIMEOUT=<seconds> changes the per-cell limit (default executeNotebookDefaults.cellTimeoutSeconds).
//
//   node --import tsx scripts/run-notebooks.ts [notebooks/00-quickstart.ipynb ...] [--figures figures]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkPlotsDrew, exportFigures, launchBrowser } from '../src/figures/export-static.js';
import { executedNotebookLinks } from '../src/figures/gallery-html.js';
import { executeNotebook, formatFailure } from '../src/notebook/execute-notebook.js';

const { values, positionals } = parseArgs({
  options: { figures: { type: 'string' } },
  allowPositionals: true,
});
const notebooks =
  positionals.length > 0
    ? positionals
    : readdirSync('notebooks')
        .filter((f) => f.endsWith('.ipynb'))
        .sort()
        .map((f) => join('notebooks', f));
const timeoutEnv = process.env.ISGRAD_CELL_TIMEOUT;
const cellTimeoutSeconds = timeoutEnv === undefined || timeoutEnv === '' ? undefined : Number(timeoutEnv);
if (cellTimeoutSeconds !== undefined && !(Number.isFinite(cellTimeoutSeconds) && cellTimeoutSeconds > 0)) {
  throw new Error(`ISGRAD_CELL_TIMEOUT must be a positive number of seconds; got '${timeoutEnv}'`);
}
let failed = 0;
const pages: { file: string; minPlots: number }[] = [];
for (const nb of notebooks) {
  const r = await executeNotebook(nb, { env: { ISGRAD_QUIET: '1' }, cellTimeoutSeconds });
  if (r.failure !== null) {
    failed++;
    console.error(`FAIL ${formatFailure(r)}`);
    continue;
  }
  console.log(`ok   ${nb}: every cell ran clean in ${r.seconds.toFixed(1)} s → ${r.executed}`);
  // Every figure output (plotly MIME type) must draw in the HTML export.
  const figuresShown = (readFileSync(r.executed, 'utf8').match(/"application\/vnd\.plotly\.v1\+json"/g) ?? [])
    .length;
  if (r.html !== null) pages.push({ file: r.html, minPlots: figuresShown });
}
const figures = values.figures ?? 'figures';
const gallery = join(figures, 'index.html');
if (existsSync(join(figures, 'gallery.json'))) {
  // The gallery links the executed notebooks' HTML (written above); no figure is re-exported.
  await exportFigures(figures, { only: [], notebooks: executedNotebookLinks(figures) });
}
if (existsSync(gallery)) {
  pages.push({ file: gallery, minPlots: 0 });
  for (const f of readdirSync(figures).sort()) {
    if (f.endsWith('.html') && existsSync(join(figures, f.replace(/\.html$/, '.json')))) {
      pages.push({ file: join(figures, f), minPlots: 1 });
    }
  }
}
if (pages.length > 0) {
  const browser = await launchBrowser();
  try {
    for (const p of pages) {
      const c = await checkPlotsDrew(p.file, browser);
      const problems = [
        ...(c.drawn < c.plots ? [`${c.plots - c.drawn} of ${c.plots} plots drew nothing`] : []),
        ...(c.plots < p.minPlots ? [`${c.plots} plots found, expected at least ${p.minPlots}`] : []),
        ...c.brokenImages.map((s) => `image did not load: ${s}`),
        ...c.pageErrors.map((e) => `page error: ${e}`),
      ];
      if (problems.length > 0) {
        failed++;
        console.error(`FAIL ${p.file}: ${problems.join('; ')}`);
      } else {
        console.log(`ok   ${p.file}: ${c.drawn}/${c.plots} plots drew`);
      }
    }
  } finally {
    await browser.close();
  }
}
if (failed > 0) {
  console.error(`${failed} notebook/page check(s) failed`);
  process.exit(1);
}
