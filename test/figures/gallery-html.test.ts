import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  escapeHtml,
  executedNotebookLinks,
  writeGalleryHtml,
  writeGalleryHtmlDefaults,
} from '../../src/figures/gallery-html.js';

function withTempDir(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'isgrad-gallery-'));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('escapeHtml', () => {
  it('escapes the five special characters', () => {
    assert.equal(escapeHtml(`<a href="x">Tom & Jerry's</a>`), '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
  });
});

describe('writeGalleryHtml', () => {
  it('pins its defaults', () => {
    assert.deepEqual(writeGalleryHtmlDefaults, { title: 'Figures', notebooks: [] });
  });

  it('links every figure in order with escaped title, caption and file', () => {
    withTempDir((dir) => {
      const path = writeGalleryHtml(
        [
          { title: 'Fig. 2 <script>alert(1)</script>', file: 'fig2.html', caption: 'error < 1e-3 & "J=4"' },
          { title: 'Fig. 3', file: 'sub/fig3 "x".html' },
        ],
        join(dir, 'new', 'index.html'),
        { title: 'IS & MIS' },
      );
      assert.equal(path, join(dir, 'new', 'index.html'));
      const html = readFileSync(path, 'utf8');
      assert.match(html, /<title>IS &amp; MIS<\/title>/);
      assert.match(html, /<a href="fig2.html">Fig. 2 &lt;script&gt;alert\(1\)&lt;\/script&gt;<\/a>/);
      assert.match(html, /<p>error &lt; 1e-3 &amp; &quot;J=4&quot;<\/p>/);
      assert.match(html, /<a href="sub\/fig3 &quot;x&quot;.html">Fig. 3<\/a>/);
      assert.doesNotMatch(html, /<script/, 'no scripts, escaped or not');
      assert.ok(html.indexOf('fig2.html') < html.indexOf('fig3'), 'entries keep their order');
    });
  });

  it('says so when there are no figures', () => {
    withTempDir((dir) => {
      const html = readFileSync(writeGalleryHtml([], join(dir, 'index.html')), 'utf8');
      assert.match(html, /<h1>Figures<\/h1>/);
      assert.match(html, /No figures\./);
    });
  });

  it('rejects links with a URL scheme and malformed entries', () => {
    withTempDir((dir) => {
      const path = join(dir, 'index.html');
      assert.throws(
        () => writeGalleryHtml([{ title: 't', file: 'javascript:alert(1)' }], path),
        /entries\[0\]\.file must be a relative path \(no URL scheme\); got 'javascript:alert\(1\)'/,
      );
      assert.throws(
        () => writeGalleryHtml([{ title: 't', file: '' }], path),
        /entries\[0\] must have string title and non-empty string file/,
      );
    });
  });
});

describe('writeGalleryHtml with thumbnails, formats and records', () => {
  it('shows the thumbnail as a link, the other formats and the records, all escaped', () => {
    withTempDir((dir) => {
      const path = writeGalleryHtml(
        [
          {
            title: 'Fig "2"',
            file: 'fig2.html',
            thumbnail: 'thumbnails/fig2.png',
            links: [
              { label: 'SVG', file: 'fig2.svg' },
              { label: 'P<D>F', file: 'fig2.pdf' },
            ],
            records: ['../results/poly6/is-s1-abc'],
          },
        ],
        join(dir, 'index.html'),
      );
      const html = readFileSync(path, 'utf8');
      assert.match(html, /<a href="fig2.html"><img src="thumbnails\/fig2.png" alt="Fig &quot;2&quot;"><\/a>/);
      assert.match(html, /<p class="formats"><a href="fig2.svg">SVG<\/a> · <a href="fig2.pdf">P&lt;D&gt;F<\/a><\/p>/);
      assert.match(html, /<summary>records \(1 runs\)<\/summary>\n<ul>\n<li><a href="..\/results\/poly6\/is-s1-abc">/);
    });
  });

  it('rejects URL schemes in thumbnails, links and records', () => {
    withTempDir((dir) => {
      const out = join(dir, 'index.html');
      assert.throws(() => writeGalleryHtml([{ title: 'a', file: 'a.html', thumbnail: 'javascript:x' }], out), /entries\[0\]\.thumbnail must be a relative path/);
      assert.throws(() => writeGalleryHtml([{ title: 'a', file: 'a.html', links: [{ label: 'x', file: 'http://x' }] }], out), /entries\[0\]\.links\[0\]\.file must be a relative path/);
      assert.throws(() => writeGalleryHtml([{ title: 'a', file: 'a.html', records: ['data:x'] }], out), /entries\[0\]\.records\[0\] must be a relative path/);
    });
  });
});

describe('executed notebooks in the gallery', () => {
  it('links the HTML copies under notebooks/build, relative to the figures folder, sorted', () => {
    const root = mkdtempSync(join(tmpdir(), 'isgrad-gallery-nb-'));
    try {
      const figures = join(root, 'figures');
      assert.deepEqual(executedNotebookLinks(figures), [], 'no build folder: no links');
      mkdirSync(join(root, 'notebooks', 'build'), { recursive: true });
      for (const f of ['07-your-own-sampler.html', '01-theory.html', '01-theory.ipynb']) {
        writeFileSync(join(root, 'notebooks', 'build', f), '');
      }
      const links = executedNotebookLinks(figures);
      assert.deepEqual(links, [
        { title: '01-theory', file: '../notebooks/build/01-theory.html' },
        { title: '07-your-own-sampler', file: '../notebooks/build/07-your-own-sampler.html' },
      ]);
      const page = readFileSync(writeGalleryHtml([], join(figures, 'index.html'), { notebooks: links }), 'utf8');
      assert.match(page, /<h2>Notebooks<\/h2>/);
      assert.match(page, /<li><a href="\.\.\/notebooks\/build\/01-theory\.html">01-theory<\/a><\/li>/);
      const plain = readFileSync(writeGalleryHtml([], join(figures, 'index.html')), 'utf8');
      assert.doesNotMatch(plain, /Notebooks/);
      assert.throws(
        () => writeGalleryHtml([], join(figures, 'index.html'), { notebooks: [{ title: 'x', file: 'javascript:alert(1)' }] }),
        /notebooks\[0\] must have a string title and a relative file/,
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
