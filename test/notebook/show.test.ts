import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  figureBundle,
  PLOTLY_MIME,
  resetPlotlyLoaded,
  show,
  showDefaults,
  loadPlotly,
} from '../../src/notebook/show.js';
import { display, setDisplaySink, type DisplayMessage } from '../../src/notebook/display.js';

const fig = {
  data: [
    { type: 'scatter', x: [0, 1], y: [1, 0.5], name: 'IS (ours)' },
    { type: 'scatter', x: [0, 1], y: [1, 0.8], name: 'band', showlegend: false },
  ],
  layout: { title: { text: 'Loss </script><script>alert(1)</script>' } },
};

let seen: DisplayMessage[] = [];
beforeEach(() => {
  seen = [];
  setDisplaySink((m) => seen.push(m));
  resetPlotlyLoaded();
});
afterEach(() => setDisplaySink(null));

describe('figureBundle', () => {
  it('pins its defaults', () => {
    assert.deepEqual(showDefaults, { height: 420, config: { responsive: true, displaylogo: false } });
  });

  it('carries the plotly MIME type, an HTML fallback and a text summary', () => {
    const b = figureBundle(fig);
    assert.deepEqual(Object.keys(b), [PLOTLY_MIME, 'text/html', 'text/plain']);
    assert.equal(PLOTLY_MIME, 'application/vnd.plotly.v1+json');
    assert.deepEqual(b[PLOTLY_MIME], { data: fig.data, layout: fig.layout, config: showDefaults.config });
    assert.equal(b['text/plain'], 'Figure "Loss </script><script>alert(1)</script>": 2 traces (IS (ours))');
    const html = b['text/html'] as string;
    assert.match(
      html,
      /^<div id="isgrad-plot-[0-9a-f]{8}-\d+" class="isgrad-plot" style="width: 100%; height: 420px;"><\/div>/,
    );
    assert.match(
      html,
      /window\.Plotly\.newPlot\(el, fig\.data, fig\.layout, \{"responsive":true,"displaylogo":false\}\)/,
    );
    assert.match(
      html,
      /plotly\.js is not loaded in this page: run loadPlotly\(\)/,
      'says so instead of staying blank',
    );
  });

  it('keeps data from closing the script element', () => {
    const html = figureBundle(fig)['text/html'] as string;
    assert.equal(html.split('</script>').length - 1, 1, 'only the element’s own closing tag');
    assert.match(html, /\\u003c\/script>\\u003cscript>alert\(1\)/);
  });

  it('uses the layout height, else options.height, and gives every figure its own element id', () => {
    const a = figureBundle({ data: [], layout: { height: 300 } })['text/html'] as string;
    const b = figureBundle({ data: [] }, { height: 250 })['text/html'] as string;
    assert.match(a, /height: 300px/);
    assert.match(b, /height: 250px/);
    const id = (h: string) => /id="([^"]+)"/.exec(h)?.[1];
    assert.notEqual(id(a), id(b));
  });

  it('rejects what is not a figure, and bad heights', () => {
    assert.throws(
      () => figureBundle(null as never),
      /show: fig must be a plotly \{ data: \[\.\.\.\], layout \} object/,
    );
    assert.throws(() => figureBundle({ data: 'x' } as never), /fig must be a plotly/);
    assert.throws(
      () => figureBundle(fig, { height: 0 }),
      /options\.height must be a positive number of px; got 0/,
    );
  });
});

describe('show', () => {
  it('loads plotly.js once per session, before the first figure only', () => {
    show(fig);
    show(fig);
    assert.equal(seen.length, 3, 'loader + two figures');
    const loader = seen[0].data;
    assert.deepEqual(Object.keys(loader), ['text/html', 'text/plain']);
    assert.match(loader['text/plain'] as string, /^plotly\.js 3\.\d+\.\d+ loaded$/);
    const html = loader['text/html'] as string;
    assert.ok(html.length > 1_000_000, `the minified bundle is inline (${html.length} chars)`);
    assert.match(html, /window\.Plotly = Plotly/);
    assert.equal(html.split('</script>').length - 1, 1, 'the bundle cannot close its element early');
    for (const m of seen.slice(1)) assert.ok(PLOTLY_MIME in m.data);
    for (const m of seen.slice(1))
      assert.ok(!(m.data['text/html'] as string).includes('window.Plotly = Plotly'));
  });

  it('does not load again after an explicit loadPlotly()', () => {
    loadPlotly();
    show(fig);
    assert.equal(seen.length, 2);
    assert.ok(!(PLOTLY_MIME in seen[0].data));
    assert.ok(PLOTLY_MIME in seen[1].data);
  });
});

describe('display', () => {
  it('needs text/plain, and a kernel or a sink', () => {
    assert.throws(
      () => display({ 'text/html': '<b>x</b>' }),
      /display: data must be a MIME bundle with a 'text\/plain'/,
    );
    setDisplaySink(null);
    assert.throws(() => display({ 'text/plain': 'x' }), /display: no notebook to display in: .*tslab kernel/);
  });

  it('setDisplaySink returns the previous sink and rejects non-functions', () => {
    const mine = () => undefined;
    setDisplaySink(mine);
    assert.equal(setDisplaySink(null), mine);
    assert.throws(() => setDisplaySink(42 as never), /sink must be a function or null; got number/);
  });
});
