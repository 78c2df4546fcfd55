import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readGalleryFigure, showFigures, showFiguresDefaults } from '../../src/notebook/show-figures.js';
import { PLOTLY_MIME, resetPlotlyLoaded } from '../../src/notebook/show.js';
import { setDisplaySink, type DisplayMessage } from '../../src/notebook/display.js';
import type { PartOutcome } from '../../src/experiments/reproduce.js';

let seen: DisplayMessage[] = [];
let dir = '';
const fig = { data: [{ type: 'scatter', x: [0, 1], y: [2, 1], name: 'IS' }], layout: { title: 'Fig. 2' } };

function part(name: string, over: Partial<PartOutcome> = {}): PartOutcome {
  return {
    name,
    status: 'ran',
    requested: true,
    trained: 0,
    loaded: 0,
    figures: [],
    missing: [],
    seconds: 0,
    ...over,
  };
}

beforeEach(() => {
  seen = [];
  setDisplaySink((m) => seen.push(m));
  resetPlotlyLoaded();
  dir = mkdtempSync(join(tmpdir(), 'isgrad-show-figures-'));
  writeFileSync(join(dir, 'fig2.html'), '<html><body>page</body></html>');
  writeFileSync(join(dir, 'fig2.json'), JSON.stringify(fig));
  writeFileSync(
    join(dir, 'table2.html'),
    '<html><head><title>t</title></head><body><table><tr><td>0.05</td></tr></table></body></html>',
  );
});
afterEach(() => {
  setDisplaySink(null);
  rmSync(dir, { recursive: true, force: true });
});

describe('showFigures', () => {
  const report = () => ({
    index: join(dir, 'index.html'),
    parts: [
      part('mis', {
        figures: [
          { title: 'MIS Fig. 2', file: 'fig2.html', caption: 'OMIS below IS (3 seeds).' },
          { title: 'Table 2', file: 'table2.html', caption: '' },
        ],
      }),
      part('emais', {
        status: 'skipped',
        missing: [
          { what: 'Fashion-MNIST', reason: 'not found', enable: 'apt-get install dataset-fashion-mnist' },
        ],
      }),
      part('core', { status: 'crashed', error: 'boom' }),
    ],
  });

  it('pins its defaults', () => assert.deepEqual(showFiguresDefaults, { captions: true }));

  it('shows the written figure JSON with title and caption, and a table page by its body', () => {
    const shown = showFigures(report());
    assert.deepEqual(
      shown.map((e) => e.file),
      ['fig2.html', 'table2.html'],
    );
    const kinds = seen.map((m) => Object.keys(m.data)[0]);
    // title, plotly loader, figure, caption, title, table (no caption: empty)
    assert.deepEqual(kinds, [
      'text/html',
      'text/html',
      PLOTLY_MIME,
      'text/markdown',
      'text/html',
      'text/html',
    ]);
    assert.deepEqual((seen[2].data[PLOTLY_MIME] as { data: unknown }).data, fig.data);
    assert.equal(seen[3].data['text/markdown'], 'OMIS below IS (3 seeds).');
    assert.equal(seen[5].data['text/html'], '<table><tr><td>0.05</td></tr></table>');
    assert.equal(seen[4].data['text/plain'], 'Table 2');
  });

  it('filters by file name and can leave captions out', () => {
    showFigures(report(), { parts: ['mis'], match: /^table/, captions: false });
    assert.deepEqual(
      seen.map((m) => m.data['text/plain']),
      ['Table 2', '(table) table2.html'],
    );
  });

  it('names a part that is absent, skipped or crashed', () => {
    assert.throws(
      () => showFigures(report(), { parts: ['ablations'] }),
      /part 'ablations' is not in the report \(parts: mis, emais, core\)/,
    );
    assert.throws(
      () => showFigures(report(), { parts: ['emais'] }),
      /part 'emais' was skipped: Fashion-MNIST: not found \(apt-get install dataset-fashion-mnist\)/,
    );
    assert.throws(() => showFigures(report(), { parts: ['core'] }), /part 'core' crashed: boom/);
  });

  it('says which file is missing', () => {
    rmSync(join(dir, 'fig2.html'));
    assert.throws(() => showFigures(report()), /fig2\.html \(part 'mis'\) is missing/);
  });
});

describe('readGalleryFigure', () => {
  it('reads the JSON next to a page, null for a table page, and rejects a non-figure', () => {
    assert.deepEqual(readGalleryFigure(dir, { file: 'fig2.html' }), fig);
    assert.equal(readGalleryFigure(dir, { file: 'table2.html' }), null);
    writeFileSync(join(dir, 'bad.json'), '{"x": 1}');
    assert.throws(
      () => readGalleryFigure(dir, { file: 'bad.html' }),
      /bad\.json is not a plotly \{ data, layout \} figure/,
    );
  });
});
