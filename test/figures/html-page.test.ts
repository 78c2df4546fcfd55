import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, htmlPage } from '../../src/figures/html-page.js';

describe('htmlPage', () => {
  it('writes the shared skeleton with an escaped title, the style block, optional head and the body', () => {
    assert.equal(
      htmlPage({ title: 'a<b', style: 'p { margin: 0; }', head: '<script src="x.js"></script>', body: '<p>hi</p>' }),
      '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n' +
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>a&lt;b</title>\n' +
        '<style>\np { margin: 0; }\n</style>\n<script src="x.js"></script>\n</head>\n<body>\n<p>hi</p>\n</body>\n</html>\n',
    );
    assert.ok(htmlPage({ title: 't', style: '', body: '' }).includes('</style>\n</head>'), 'no head line when none');
  });
  it('escapeHtml escapes the five special characters', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
