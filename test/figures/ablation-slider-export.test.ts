// The slider figure through a real headless Chromium: the figure page draws, every slider step is accepted by
// plotly and shows its value's traces, and the static export (which never moves the slider) shows the active
// value. Outside CI the browser tests skip, saying why, when no browser is found; in CI (CI=true) they fail.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer-core';
import { ablationSliderFigure } from '../../src/figures/ablation-slider-figure.js';
import { checkPlotsDrew, exportFigures, launchBrowser } from '../../src/figures/export-static.js';
import { writeFigureHtml, writeFigureJson } from '../../src/figures/write-figure-html.js';
import { noBrowser as why, skipWithoutBrowser as skip } from '../helpers/browser-skip.js';


const rows = [0, 0.7, 0.9].flatMap((beta) =>
  [1, 2, 3].flatMap((seed) =>
    [1, 2, 3, 4].map((step) => ({ beta, seed, step, loss: (1 + beta) * seed * 10 ** -step })),
  ),
);
const fig = ablationSliderFigure(rows, {
  value: 'beta',
  valueLabel: 'β',
  x: 'step',
  y: 'loss',
  logY: true,
  active: 0.7,
  title: 'Slider',
  notes: { '0': 'note zero', '0.7': 'note default', '0.9': 'note high' },
});

describe('ablationSliderFigure in the browser', () => {
  let dir = '';
  let browser: Browser | null = null;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'isgrad-slider-'));
    writeFigureHtml(fig, join(dir, 'slider.html'));
    writeFigureJson(fig, join(dir, 'slider.json'));
    writeFileSync(join(dir, 'gallery.json'), JSON.stringify([{ title: 'Slider', file: 'slider.html', caption: 'c' }]));
    if (!skip && why === '') browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('static export (SVG/PNG/PDF) does not crash and shows the active value', { skip }, async () => {
    assert.equal(why, '', `CI must have a browser: ${why}`);
    const written = await exportFigures(dir, { browser: browser! });
    assert.deepEqual(
      written.map((f) => f.slice(dir.length + 1)),
      ['slider.svg', 'slider.png', 'slider.pdf', 'index.html'],
    );
    const svg = readFileSync(join(dir, 'slider.svg'), 'utf8');
    assert.match(svg, /note default/, 'the active value’s title');
    assert.doesNotMatch(svg, /note zero|note high/, 'no other value’s title');
    assert.match(svg, /β = 0\.7, mean/, 'the active value’s legend');
    assert.doesNotMatch(svg, /β = 0\.9, mean|β = 0, mean/, 'no other value’s legend');
    assert.match(svg, /class="slider-container/, 'the slider is drawn too');
    assert.equal(readFileSync(join(dir, 'slider.pdf')).subarray(0, 5).toString(), '%PDF-');
  });

  it('the figure page draws, and each slider step shows its own value', { skip }, async () => {
    assert.deepEqual(await checkPlotsDrew(join(dir, 'slider.html'), browser!), {
      plots: 1,
      drawn: 1,
      brokenImages: [],
      pageErrors: [],
    });
    const page = await browser!.newPage();
    try {
      await page.goto(pathToFileURL(join(dir, 'slider.html')).href, { waitUntil: 'load' });
      // Apply each step as plotly's slider does (Plotly.update with the step's two args), then read the drawn state.
      const seen = (await page.evaluate(`(async () => {
        const gd = document.getElementById('figure');
        const out = [];
        for (const step of gd.layout.sliders[0].steps) {
          await Plotly.update(gd, step.args[0], step.args[1]);
          out.push({
            title: gd.layout.title.text,
            drawn: gd.querySelectorAll('.scatterlayer .trace').length,
            shown: gd.data.filter((t) => t.visible !== false && t.legendgroup !== 'all values').map((t) => t.legendgroup),
          });
        }
        return out;
      })()`)) as { title: string; drawn: number; shown: string[] }[];
      assert.deepEqual(
        seen.map((s) => [s.title.replace(/<br>.*/, ''), [...new Set(s.shown)], s.drawn]),
        [
          ['Slider: β = 0', ['β = 0'], 3 + 5],
          ['Slider: β = 0.7', ['β = 0.7'], 3 + 5],
          ['Slider: β = 0.9', ['β = 0.9'], 3 + 5],
        ],
      );
    } finally {
      await page.close();
    }
  });
});
