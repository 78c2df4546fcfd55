import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { from } from 'arquero';
import { tableBundle, tableDefaults } from '../../src/notebook/table.js';

const rows = Array.from({ length: 30 }, (_, i) => ({
  step: i * 8,
  loss: 1 / (i + 3),
  method: i % 2 ? 'is' : 'uniform',
}));

function bodyRows(html: string): number {
  return (/<tbody>([\s\S]*)<\/tbody>/.exec(html)?.[1].match(/<tr>/g) ?? []).length;
}

describe('tableBundle', () => {
  it('pins its defaults', () => {
    assert.deepEqual(tableDefaults, { limit: 20, digits: 4, intervals: true });
  });

  it('shows the first `limit` rows and says how many were left out', () => {
    const b = tableBundle(rows, { limit: 5 });
    assert.deepEqual(Object.keys(b), ['text/html', 'text/plain']);
    assert.equal(bodyRows(b['text/html'] as string), 5);
    assert.match(b['text/html'] as string, /\(showing 5 of 30 rows\)/);
    const text = (b['text/plain'] as string).split('\n');
    assert.equal(text.length, 2 + 5 + 1, 'header, rule, 5 rows, note');
    assert.equal(text[0], 'step    loss  method');
    assert.equal(text[2], '   0  0.3333  uniform', 'numbers right-aligned to 4 significant digits');
    assert.equal(text.at(-1), '(showing 5 of 30 rows)');
    assert.equal(bodyRows(tableBundle(rows)['text/html'] as string), 20, 'default limit');
    assert.match(tableBundle(rows.slice(0, 1))['text/plain'] as string, /\(1 row\)$/);
  });

  it('reads arquero tables in column order', () => {
    const b = tableBundle(from(rows), { limit: 3 });
    assert.match(
      b['text/html'] as string,
      /<thead><tr><th>step<\/th><th>loss<\/th><th>method<\/th><\/tr><\/thead>/,
    );
    assert.equal(bodyRows(b['text/html'] as string), 3);
    assert.match(b['text/html'] as string, /\(showing 3 of 30 rows\)/);
  });

  it('reads danfo-like frames and shows a non-default index as the first column', () => {
    const df = { columns: ['a'], values: [[1.5], [2.5]], shape: [2, 1], index: ['mean', 'max'] };
    const b = tableBundle(df);
    assert.match(b['text/html'] as string, /<th><\/th><th>a<\/th>/);
    assert.match(b['text/html'] as string, /<td>mean<\/td><td style="text-align: right">1\.5<\/td>/);
  });

  it('escapes every header and cell', () => {
    const b = tableBundle([{ '<b>col</b>': '<script>alert("x")</script> & \'y\'' }]);
    const html = b['text/html'] as string;
    assert.ok(!html.includes('<script'), 'no raw script tag');
    assert.ok(!html.includes('<b>'), 'no raw header markup');
    assert.match(html, /<th>&lt;b&gt;col&lt;\/b&gt;<\/th>/);
    assert.match(html, /<td>&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; &#39;y&#39;<\/td>/);
  });

  it('writes null as empty, integers as they are, objects as JSON', () => {
    const text = tableBundle([{ a: null, b: 123456789, c: { k: 1 } }])['text/plain'] as string;
    assert.equal(text.split('\n')[2], '   123456789  {"k":1}');
  });

  it('shows small and large numbers in exponent form and lists comma-separated', () => {
    const text = tableBundle([{ a: 6.4567e-5, b: 1.5e7 + 0.5, c: 0.001, d: [1, 2, 3], e: -0 }])[
      'text/plain'
    ] as string;
    assert.equal(text.split('\n')[2], '6.457e-5  1.5e+7  0.001  1, 2, 3  0');
    assert.equal((tableBundle([{ a: 1 / 3 }], { digits: 2 })['text/plain'] as string).split('\n')[2], '0.33');
  });

  it('shows an estimate with its interval as m [lo, hi], unless intervals: false', () => {
    const row = {
      value: 0.1,
      mean: 6.46e-5,
      lower: 5.92e-5,
      upper: 7.06e-5,
      vsReference: 1,
      vsReferenceLower: 0.9,
      vsReferenceUpper: 1.2,
    };
    const b = tableBundle([row, { ...row, lower: null, upper: null }]);
    const text = (b['text/plain'] as string).split('\n');
    assert.equal(text[0], 'value               mean [lo, hi]  vsReference [lo, hi]');
    assert.equal(text[2], '  0.1  6.46e-5 [5.92e-5, 7.06e-5]          1 [0.9, 1.2]');
    assert.equal(text[3].trim().split(/\s+/)[1], '6.46e-5', 'no interval: the estimate alone');
    assert.match(
      b['text/html'] as string,
      /<td style="text-align: right">6\.46e-5 \[5\.92e-5, 7\.06e-5\]<\/td>/,
    );
    const raw = (tableBundle([row], { intervals: false })['text/plain'] as string).split('\n')[0];
    assert.equal(raw, 'value     mean    lower    upper  vsReference  vsReferenceLower  vsReferenceUpper');
  });

  it('rejects bad options and inputs', () => {
    assert.throws(
      () => tableBundle(rows, { limit: -1 }),
      /options\.limit must be a non-negative integer; got -1/,
    );
    assert.throws(
      () => tableBundle(rows, { digits: 0 }),
      /options\.digits must be an integer in \[1, 21\]; got 0/,
    );
    assert.throws(
      () => tableBundle(rows, { intervals: 1 as never }),
      /options\.intervals must be true or false; got 1/,
    );
    assert.throws(
      () => tableBundle(42 as never),
      /expected an arquero table, a danfo DataFrame or an array of row objects; got number/,
    );
  });
});
