// Static export through a real headless Chromium. Outside CI the browser tests skip, saying why, when no browser
// is found; in CI (CI=true) they fail instead (.ci/run installs Debian's chromium).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import type { Browser } from 'puppeteer-core';
import {
  checkPlotsDrew,
  exportFigures,
  exportFiguresDefaults,
  launchBrowser,
  STATIC_FORMATS,
} from '../../src/figures/export-static.js';
import { lineBandFigure } from '../../src/figures/line-band-figure.js';
import { writeFigureHtml, writeFigureJson } from '../../src/figures/write-figure-html.js';
import { noBrowser as why, skipWithoutBrowser as skip } from '../helpers/browser-skip.js';


/** A small two-method figure written as reproduce writes one: HTML + JSON + gallery.json. */
function writeSmallFigures(dir: string): void {
  const rows = [];
  for (const method of ['uniform', 'is']) {
    for (const seed of [1, 2]) {
      for (let step = 0; step < 5; step++) rows.push({ method, seed, step, loss: 1 / (step + seed + (method === 'is' ? 2 : 1)) });
    }
  }
  const fig = lineBandFigure(rows, { x: 'step', y: 'loss', title: 'Small figure' });
  writeFigureHtml(fig, join(dir, 'small.html'));
  writeFigureJson(fig, join(dir, 'small.json'));
  writeFileSync(join(dir, 'tables.html'), '<html><body>tables</body></html>');
  writeFileSync(
    join(dir, 'gallery.json'),
    JSON.stringify([
      { title: 'Small figure', file: 'small.html', caption: 'loss', records: ['../results/poly6/is-s1-abc'] },
      { title: 'Tables', file: 'tables.html', caption: 'no figure JSON' },
    ]),
  );
}

describe('exportFigures', () => {
  let dir = '';
  let browser: Browser | null = null;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'isgrad-export-'));
    if (!skip && why === '') browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pins its defaults', () => {
    assert.deepEqual(exportFiguresDefaults, { formats: ['svg', 'png', 'pdf'], only: null, width: 640, height: 400, scale: 2 });
    assert.deepEqual(STATIC_FORMATS, ['svg', 'png', 'pdf']);
  });

  it('writes non-empty SVG, PNG (2×) and PDF, a thumbnail, and the gallery', { skip }, async () => {
    assert.equal(why, '', `CI must have a browser: ${why}`);
    writeSmallFigures(dir);
    const written = await exportFigures(dir, { browser: browser! });
    assert.deepEqual(
      written.map((f) => f.slice(dir.length + 1)),
      ['small.svg', 'small.png', 'small.pdf', 'index.html'],
    );
    const svg = readFileSync(join(dir, 'small.svg'), 'utf8');
    assert.match(svg, /^<svg[^>]*width="640"[^>]*height="400"/);
    assert.match(svg, /class="scatterlayer/);
    assert.match(svg, /IS \(ours\)/, 'legend text is in the SVG');
    const png = PNG.sync.read(readFileSync(join(dir, 'small.png')));
    assert.deepEqual([png.width, png.height], [1280, 800], 'scale 2');
    const pdf = readFileSync(join(dir, 'small.pdf'));
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.ok(pdf.length > 2000, `PDF has content (${pdf.length} bytes)`);
    const thumb = PNG.sync.read(readFileSync(join(dir, 'thumbnails', 'small.png')));
    assert.deepEqual([thumb.width, thumb.height], [320, 200]);
    const index = readFileSync(join(dir, 'index.html'), 'utf8');
    assert.match(index, /<img src="thumbnails\/small.png" alt="Small figure">/);
    assert.match(index, /<a href="small.svg">SVG<\/a> · <a href="small.png">PNG<\/a> · <a href="small.pdf">PDF<\/a> · <a href="small.json">JSON<\/a>/);
    assert.match(index, /records \(1 runs\)[\s\S]*<a href="..\/results\/poly6\/is-s1-abc">/);
    assert.match(index, /<a href="tables.html">Tables<\/a>/, 'pages without a figure stay listed');
  });

  it('draws the figure page and loads every gallery image in the browser', { skip }, async () => {
    const page = await checkPlotsDrew(join(dir, 'small.html'), browser!);
    assert.deepEqual(page, { plots: 1, drawn: 1, brokenImages: [], pageErrors: [] });
    const gallery = await checkPlotsDrew(join(dir, 'index.html'), browser!);
    assert.deepEqual(gallery, { plots: 0, drawn: 0, brokenImages: [], pageErrors: [] });
  });

  it('exports only the named figures, none for [], and rejects unknown names and formats', { skip }, async () => {
    rmSync(join(dir, 'small.pdf'));
    await exportFigures(dir, { browser: browser!, only: [] });
    assert.ok(!existsSync(join(dir, 'small.pdf')), 'only: [] exports nothing');
    await exportFigures(dir, { browser: browser!, only: ['small'], formats: ['pdf'] });
    assert.ok(existsSync(join(dir, 'small.pdf')));
    await assert.rejects(exportFigures(dir, { only: ['nope'] }), /no figure named 'nope' in .*; figures: small, tables/);
  });

  it('rejects bad options before starting a browser', async () => {
    await assert.rejects(exportFigures(dir, { formats: ['gif' as never] }), /format 'gif' is not allowed; allowed: svg, png, pdf/);
    await assert.rejects(exportFigures(dir, { scale: 0 }), /options\.scale must be a number in \[0\.25, 8\]; got 0/);
    await assert.rejects(exportFigures(join(dir, 'missing')), /folder '.*missing' does not exist; run `isgrad reproduce` first/);
  });
});
