import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, truncateSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  PLOTLY_BUNDLE_FILE,
  writeFigureHtml,
  writeFigureHtmlDefaults,
  writeFigureJson,
} from '../../src/figures/write-figure-html.js';
import type { Figure } from '../../src/figures/types.js';

const fig: Figure = {
  data: [
    // A name that would close the script element if embedded naively.
    { type: 'scatter', mode: 'lines', name: 'IS </script><b>', x: [0, 1, 2], y: [1, 0.5, 0.25] },
  ],
  layout: { title: { text: 'Loss & error' }, yaxis: { type: 'log' } },
};

/** The JSON embedded in the page's figure-data block. */
function embeddedFigure(html: string): unknown {
  const m = /<script type="application\/json" id="figure-data">([^<]*)<\/script>/.exec(html);
  assert.ok(m !== null, 'page has a figure-data block');
  return JSON.parse(m[1]);
}

describe('writeFigureHtml', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'isgrad-figures-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('pins its defaults', () => {
    assert.deepEqual(writeFigureHtmlDefaults, {
      title: null,
      config: { responsive: true, displaylogo: false, toImageButtonOptions: { format: 'svg' } },
    });
  });

  it('writes an offline page that loads the local bundle and embeds the figure JSON', () => {
    const path = join(dir, 'nested', 'out', 'loss.html');
    const written = writeFigureHtml(fig, path, { title: 'A <b> title' });
    assert.equal(written, path);
    const html = readFileSync(path, 'utf8');
    assert.match(html, /<script src="plotly\.js"><\/script>/);
    assert.doesNotMatch(html, /<script[^>]*\ssrc\s*=\s*["']?(https?:)?\/\//i, 'no remote script sources');
    assert.deepEqual(embeddedFigure(html), fig);
    assert.equal(html.split('</script>').length - 1, 4, 'the trace name cannot close a script element');
    assert.match(html, /<title>A &lt;b&gt; title<\/title>/);
    assert.match(html, /"responsive":true/);

    const bundle = createRequire(import.meta.url).resolve('plotly.js-dist');
    const copied = join(dir, 'nested', 'out', PLOTLY_BUNDLE_FILE);
    assert.equal(statSync(copied).size, statSync(bundle).size, 'bundle copied next to the page');
  });

  it('uses the layout title, then the file name, as page title', () => {
    const a = readFileSync(writeFigureHtml(fig, join(dir, 'a.html')), 'utf8');
    assert.match(a, /<title>Loss &amp; error<\/title>/);
    const b = readFileSync(writeFigureHtml({ data: [], layout: {} }, join(dir, 'fig-7.html')), 'utf8');
    assert.match(b, /<title>fig-7<\/title>/);
  });

  it('copies the bundle once per folder and again when its size differs', () => {
    const sub = join(dir, 'once');
    writeFigureHtml(fig, join(sub, 'one.html'));
    const copied = join(sub, PLOTLY_BUNDLE_FILE);
    const first = statSync(copied);
    writeFigureHtml(fig, join(sub, 'two.html'));
    assert.equal(statSync(copied).ino, first.ino);
    assert.equal(statSync(copied).mtimeMs, first.mtimeMs, 'not copied again');

    truncateSync(copied, 10);
    writeFigureHtml(fig, join(sub, 'three.html'));
    assert.equal(statSync(copied).size, first.size, 'a truncated bundle is replaced');
  });

  it('rejects an empty path', () => {
    assert.throws(() => writeFigureHtml(fig, ''), /path must be a non-empty file path; got ""/);
  });
});

describe('writeFigureJson', () => {
  it('writes the raw figure JSON, creating folders', () => {
    const dir = mkdtempSync(join(tmpdir(), 'isgrad-figures-'));
    try {
      const path = writeFigureJson(fig, join(dir, 'deep', 'loss.json'));
      assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), fig);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
