import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTableHtml } from '../../src/figures/write-table-html.js';

describe('writeTableHtml', () => {
  const dir = mkdtempSync(join(tmpdir(), 'isgrad-table-html-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes an escaped table page with numeric columns right-aligned, and no temporary left', () => {
    const file = writeTableHtml(
      [
        { 'α <b>': '0.1 (default)', seeds: 3, verdict: 'default' },
        { 'α <b>': 0.3, seeds: 3, verdict: 'lower & better' },
      ],
      join(dir, 'sub', 't.html'),
      { title: 'α: verdicts', caption: 'a < b' },
    );
    const html = readFileSync(file, 'utf8');
    assert.match(html, /<title>α: verdicts<\/title>/);
    assert.match(html, /<thead><tr><th>α &lt;b&gt;<\/th><th>seeds<\/th><th>verdict<\/th><\/tr><\/thead>/);
    assert.match(html, /<tr><td>0\.3<\/td><td class="num">3<\/td><td>lower &amp; better<\/td><\/tr>/);
    assert.match(html, /<p>a &lt; b<\/p>/);
    assert.deepEqual(readdirSync(join(dir, 'sub')), ['t.html']);
  });

  it('rejects an empty table, naming the file', () => {
    assert.throws(() => writeTableHtml([], join(dir, 'e.html'), { title: 'x' }), /writeTableHtml: no rows for '.*e\.html'/);
  });
});
