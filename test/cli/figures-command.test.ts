// `isgrad figures`: static export of figures already on disk, through the built CLI (npm test builds dist/ first).
// The export itself needs a browser: outside CI that case skips, saying why, when none is found.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFigureHtml, writeFigureJson } from '../../src/figures/write-figure-html.js';
import { inCi, noBrowser as why } from '../helpers/browser-skip.js';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'main.js');
function isgrad(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('isgrad figures', () => {
  test('--help prints its options (the figures folder included) and exits 0', () => {
    for (const flag of ['--help', '-h']) {
      const r = isgrad('figures', flag);
      assert.equal(r.code, 0, r.stderr);
      assert.match(
        r.stdout,
        /^usage: isgrad figures \[--only NAME,\.\.\.\] \[--figures DIR\] \[--formats svg,png,pdf\]/,
      );
      assert.match(r.stdout, /--figures DIR +the figures folder \(default figures\)/);
    }
  });

  test(
    'writes the asked formats of the named figure and the gallery',
    { skip: why !== '' && !inCi ? why : false },
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'isgrad-figures-cli-'));
      try {
        const fig = {
          data: [{ type: 'scatter' as const, x: [0, 1, 2], y: [3, 1, 2], name: 'is' }],
          layout: {},
        };
        for (const name of ['a', 'b']) {
          writeFigureHtml(fig, join(dir, `${name}.html`));
          writeFigureJson(fig, join(dir, `${name}.json`));
        }
        const r = isgrad('figures', '--figures', dir, '--only', 'b', '--formats', 'svg,pdf');
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /^wrote 3 files in [\d.]+ s:/);
        assert.ok(existsSync(join(dir, 'b.svg')) && existsSync(join(dir, 'b.pdf')));
        assert.ok(!existsSync(join(dir, 'b.png')) && !existsSync(join(dir, 'a.svg')), 'only what was asked');
        assert.match(
          readFileSync(join(dir, 'index.html'), 'utf8'),
          /<a href="a.html">a<\/a>[\s\S]*<a href="b.svg">SVG<\/a>/,
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  test('names the bad flag value and the allowed ones', () => {
    const r = isgrad('figures', '--formats', 'svg,gif');
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /--formats: 'gif' is not allowed; allowed: svg, png, pdf/);
    const missing = isgrad('figures', '--figures', join(tmpdir(), 'isgrad-no-such-folder'));
    assert.notEqual(missing.code, 0);
    assert.match(
      missing.stderr,
      /folder '.*isgrad-no-such-folder' does not exist; run `isgrad reproduce` first/,
    );
  });
});
