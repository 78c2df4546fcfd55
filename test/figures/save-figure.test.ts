// saveFigure through a real headless Chromium. Outside CI the browser tests skip, saying why, when no browser is
// found; in CI (CI=true) they fail instead.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';
import { closeSharedBrowser, sharedBrowser } from '../../src/figures/export-static.js';
import { lineBandFigure } from '../../src/figures/line-band-figure.js';
import { PAPER_WIDTHS, saveFigure, saveFigureDefaults } from '../../src/figures/save-figure.js';
import { inCi, noBrowser as why, skipWithoutBrowser as skip } from '../helpers/browser-skip.js';


const rows = [];
for (const method of ['uniform', 'is']) {
  for (const seed of [1, 2]) {
    for (let step = 0; step < 5; step++) rows.push({ method, seed, step, loss: 1 / (step + seed + (method === 'is' ? 2 : 1)) });
  }
}
const fig = lineBandFigure(rows, { x: 'step', y: 'loss', title: 'Small figure' });

/** SIGINT listeners before any browser started. */
const sigintListeners = process.listenerCount('SIGINT');

/** Processes in the tree under `root` (root included), from /proc. */
function processTree(root: number): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the parent pid; the name in field 2 may hold spaces, so split after ')'.
      const fields = readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ');
      parent.set(Number(d), Number(fields[1]));
    } catch {
      // the process ended while we read
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, ppid] of parent) if (ppid === tree[i]) tree.push(pid);
  }
  return tree;
}

/** A process that still runs (a zombie waiting for its reaper does not). */
function running(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1][0] !== 'Z';
  } catch {
    return false;
  }
}

describe('saveFigure', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'isgrad-save-figure-'));
  });
  after(async () => {
    await closeSharedBrowser();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pins its defaults and paper widths (96 px per inch)', () => {
    assert.deepEqual(saveFigureDefaults, { formats: ['html', 'svg', 'png', 'pdf'], width: 640, heightRatio: 0.625, scale: 2 });
    // 3.3 in × 96 = 316.8 px; 7 in × 96 = 672 px.
    assert.deepEqual(PAPER_WIDTHS, { single: 317, double: 672 });
  });

  it('rejects bad options before writing anything', async () => {
    const out = join(dir, 'bad', 'fig');
    await assert.rejects(saveFigure(fig, out, { formats: ['gif' as never] }), /format 'gif' is not allowed; allowed: html, json, svg, png, pdf/);
    await assert.rejects(saveFigure(fig, out, { formats: [] }), /options\.formats must be a non-empty list/);
    await assert.rejects(saveFigure(fig, out, { width: 'triple' as never }), /width 'triple' is not a paper width; use single or double/);
    await assert.rejects(saveFigure(fig, out, { scale: 0 }), /options\.scale must be a number in \[0\.25, 8\]; got 0/);
    await assert.rejects(saveFigure(fig, ''), /path must be a non-empty file path/);
    await assert.rejects(saveFigure({} as never, out), /fig must be a \{ data: \[\.\.\.\], layout \} object/);
    assert.ok(!existsSync(join(dir, 'bad')), 'nothing written');
  });

  it('says which browser is missing and how to do without one', async () => {
    const saved = { ISGRAD_CHROME: process.env.ISGRAD_CHROME };
    process.env.ISGRAD_CHROME = join(dir, 'no-such-chrome');
    try {
      await assert.rejects(
        saveFigure(fig, join(dir, 'nobrowser'), { formats: ['html', 'pdf'] }),
        /saveFigure: pdf need a headless Chrome\/Chromium and none was found\. ISGRAD_CHROME='.*no-such-chrome' is not an executable file\. Without a browser, save formats: \['html', 'json'\] only\./,
      );
      assert.ok(!existsSync(join(dir, 'nobrowser.html')), 'nothing written when the browser is missing');
      const files = await saveFigure(fig, join(dir, 'nobrowser'), { formats: ['html', 'json'] });
      assert.deepEqual(files, [resolve(dir, 'nobrowser.html'), resolve(dir, 'nobrowser.json')]);
    } finally {
      if (saved.ISGRAD_CHROME === undefined) delete process.env.ISGRAD_CHROME;
      else process.env.ISGRAD_CHROME = saved.ISGRAD_CHROME;
    }
  });

  it('writes a valid SVG, a PNG of the requested pixel size and a one-page PDF of a single column', { skip }, async () => {
    assert.equal(why, '', `CI must have a browser: ${why}`);
    const files = await saveFigure(fig, join(dir, 'out', 'fig'), { formats: ['svg', 'png', 'pdf'], width: 'single', height: 200, scale: 3 });
    assert.deepEqual(files, ['svg', 'png', 'pdf'].map((f) => resolve(dir, 'out', `fig.${f}`)));
    const svg = readFileSync(files[0], 'utf8');
    assert.match(svg, /^<svg[^>]*width="317"[^>]*height="200"/);
    assert.match(svg, /class="scatterlayer/);
    const png = PNG.sync.read(readFileSync(files[1]));
    assert.deepEqual([png.width, png.height], [317 * 3, 200 * 3]);
    const pdf = readFileSync(files[2]);
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    // 317 px × 200 px at 96 px/in = 237.75 pt × 150 pt; Chromium rounds the page box to whole points or less.
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
    assert.ok(box !== null, 'the PDF has a page box');
    assert.ok(Math.abs(Number(box[1]) - 237.75) < 1 && Math.abs(Number(box[2]) - 150) < 1, `page ${box[1]} × ${box[2]} pt`);
    const pdftoppm = spawnSync('pdftoppm', ['-v']);
    if (pdftoppm.error === undefined) {
      const r = spawnSync('pdftoppm', ['-png', '-r', '96', '-singlefile', files[2], join(dir, 'out', 'page')]);
      assert.equal(r.status, 0, `pdftoppm failed: ${r.stderr}`);
      const page = PNG.sync.read(readFileSync(join(dir, 'out', 'page.png')));
      assert.ok(Math.abs(page.width - 317) <= 2 && Math.abs(page.height - 200) <= 2, `pdftoppm page ${page.width} × ${page.height}`);
    } else {
      assert.ok(!inCi, 'CI must have pdftoppm (poppler-utils)');
    }
    assert.deepEqual(
      readdirSync(join(dir, 'out')).filter((f) => f.includes('.tmp-')),
      [],
      'no temporaries left',
    );
  });

  it('takes the format from the extension, reuses one browser, and writes HTML next to it', { skip }, async () => {
    const before = await sharedBrowser();
    assert.equal(process.listenerCount('SIGINT'), sigintListeners, 'no SIGINT handler: a kernel interrupt stays an interrupt');
    const files = await saveFigure(fig, join(dir, 'ext', 'loss.png'), { width: 'double' });
    assert.deepEqual(files, [resolve(dir, 'ext', 'loss.png')]);
    const png = PNG.sync.read(readFileSync(files[0]));
    assert.deepEqual([png.width, png.height], [672 * 2, 420 * 2], 'double column, height 0.625 × width, scale 2');
    assert.equal(await sharedBrowser(), before, 'the same browser serves every call');
    const all = await saveFigure(fig, join(dir, 'ext', 'all'));
    assert.deepEqual(
      all.map((f) => f.slice(resolve(dir, 'ext').length + 1)),
      ['all.html', 'all.svg', 'all.png', 'all.pdf'],
    );
    assert.match(readFileSync(join(dir, 'ext', 'all.html'), 'utf8'), /Small figure/);
  });

  it('leaves no Chromium behind when the exporting process is killed with SIGKILL', { skip }, async () => {
    const script = join(dir, 'exporter.mts');
    const src = resolve('src/figures');
    writeFileSync(
      script,
      [
        `import { sharedBrowser } from ${JSON.stringify(join(src, 'export-static.ts'))};`,
        `import { saveFigure } from ${JSON.stringify(join(src, 'save-figure.ts'))};`,
        `const fig = ${JSON.stringify(fig)};`,
        `await saveFigure(fig, ${JSON.stringify(join(dir, 'killed', 'fig'))}, { formats: ['pdf'] });`,
        'console.log(`browser ${(await sharedBrowser()).process()?.pid}`);',
        'setInterval(() => {}, 1000);',
      ].join('\n'),
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const pid = await new Promise<number>((ok, fail) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /browser (\d+)/.exec(out);
        if (m !== null) ok(Number(m[1]));
      });
      child.on('exit', (code) => fail(new Error(`exporter exited early with ${code}: ${out}`)));
    });
    const tree = processTree(pid);
    assert.ok(tree.length >= 2, `Chromium runs with helpers (${tree.length} processes)`);
    child.kill('SIGKILL');
    const t0 = Date.now();
    while (tree.some(running) && Date.now() - t0 < 15000) await new Promise((r) => setTimeout(r, 200));
    const left = tree.filter(running);
    for (const p of left) process.kill(p, 'SIGKILL'); // clean up before failing
    assert.deepEqual(left, [], `Chromium processes left ${((Date.now() - t0) / 1000).toFixed(1)} s after the kill`);
  });
});
