// JupyterLab itself, driven like a user: start JupyterLab 4 (notebooks/.venv) on a free loopback port with a
// token, open a copy of each notebook in UI_NOTEBOOKS in headless Chromium, Run All Cells from the Run menu, and
// check that every plot drew (a plotly SVG with traces), the tables rendered and no cell wrote to stderr.
// Needs `npm run notebooks:setup` and the JupyterLab venv (see notebooks/README.md). Outside CI the test skips,
// saying why, when those are missing; in CI (CI=true) it fails instead.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { launchBrowser } from '../../src/figures/export-static.js';

const NOTEBOOKS = resolve('notebooks');
const JUPYTER = join(NOTEBOOKS, '.venv', 'bin', 'jupyter');
const TSLAB = join(NOTEBOOKS, 'node_modules', 'tslab', 'bin', 'tslab');
const missing = [
  ...(existsSync(JUPYTER) ? [] : [`${JUPYTER} (JupyterLab venv: see notebooks/README.md)`]),
  ...(existsSync(TSLAB) ? [] : [`${TSLAB} (run npm run notebooks:setup)`]),
];
/** The notebooks run through the UI, with the figure and table outputs each must show. */
const UI_NOTEBOOKS: readonly { file: string; plots: number; tables: number }[] = [
  { file: '00-quickstart.ipynb', plots: 1, tables: 2 }, // a table and the danfo describe()
  // each derivation checked numerically (no training, ≈ 40 s): variance, bound, memory and efficiency figures,
  // one check table per section (checkTable) and the OMIS, EMAIS trace and Monte-Carlo tables
  { file: '01-theory.ipynb', plots: 4, tables: 13 },
  // a user-registered importance function compared with uniform and IS: 9 runs of mnist-mlp (≈ 3 min on a cold
  // results store, ≈ 1 min warm): loss and efficiency figures, budget, test-error, cost and variance tables
  { file: '07-your-own-sampler.ipynb', plots: 2, tables: 5 },
];
/** Per-notebook limit for Run All Cells to finish. */
const RUN_ALL_TIMEOUT_MS = 600_000;

const inCi = process.env.CI === 'true' || process.env.CI === '1';
const skip =
  missing.length > 0 && !inCi ? `JupyterLab UI test skipped: missing ${missing.join(', ')}` : false;

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => (typeof addr === 'object' && addr !== null ? res(addr.port) : rej(new Error('no port'))));
    });
  });
}

async function waitForServer(
  url: string,
  child: ChildProcess,
  log: () => string,
  timeoutMs: number,
): Promise<void> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`JupyterLab exited with ${child.exitCode}:\n${log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`JupyterLab did not answer ${url} within ${timeoutMs} ms:\n${log()}`);
}

describe('JupyterLab UI', () => {
  const token = randomBytes(16).toString('hex');
  // Copies under notebooks/build (ignored): JupyterLab autosaves outputs, the committed notebooks stay clean, and
  // tslab still resolves `isgrad` from notebooks/node_modules.
  const dirName = `ui-test-${token.slice(0, 8)}`;
  const dir = join(NOTEBOOKS, 'build', dirName);
  let base = '';
  let log = '';
  let lab: ChildProcess | null = null;
  let browser: Awaited<ReturnType<typeof launchBrowser>> | null = null;

  before(async () => {
    if (skip !== false) return;
    assert.deepEqual(
      missing,
      [],
      `CI must provide JupyterLab and the notebook environment; missing ${missing.join(', ')}`,
    );
    mkdirSync(dir, { recursive: true });
    // A notebook's `../results` (the repository's results store, next to notebooks/) must mean the same store from
    // the copy in notebooks/build/<dir>/: link notebooks/build/results to it, so runs made by `npm start` or
    // `npm run notebooks:run` load here instead of training again.
    const repoResults = resolve('results');
    const buildResults = join(NOTEBOOKS, 'build', 'results');
    mkdirSync(repoResults, { recursive: true });
    if (!existsSync(buildResults)) symlinkSync(repoResults, buildResults, 'dir');
    for (const nb of UI_NOTEBOOKS) copyFileSync(join(NOTEBOOKS, nb.file), join(dir, nb.file));
    const port = await freePort();
    const child = spawn(
      JUPYTER,
      [
        'lab',
        '--no-browser',
        // CI runs as root; JupyterLab refuses root unless told.
        ...(process.getuid?.() === 0 ? ['--allow-root'] : []),
        '--ServerApp.ip=127.0.0.1',
        `--ServerApp.port=${port}`,
        '--ServerApp.port_retries=0',
        `--IdentityProvider.token=${token}`,
        `--ServerApp.root_dir=${NOTEBOOKS}`,
        '--LabApp.news_url=',
        // A fresh workspace: no tabs restored from earlier sessions.
        `--LabApp.workspaces_dir=${join(dir, 'workspaces')}`,
        '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate',
      ],
      {
        env: { ...process.env, ISGRAD_QUIET: '1', JUPYTER_RUNTIME_DIR: join(dir, 'runtime') },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    lab = child;
    child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    base = `http://127.0.0.1:${port}`;
    await waitForServer(`${base}/api/status?token=${token}`, child, () => log.slice(-3000), 120_000);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    if (lab !== null) {
      const child = lab;
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.on('close', r)));
    }
    rmSync(join(dir, 'runtime'), { recursive: true, force: true });
  });

  for (const nb of UI_NOTEBOOKS) {
    const name = nb.file.replace(/\.ipynb$/, '');
    test(
      `runs ${name} through the UI: every plot draws and no cell errors`,
      { skip, timeout: RUN_ALL_TIMEOUT_MS + 300_000 },
      async () => {
        assert.ok(browser !== null, 'the browser started');
        let page: Awaited<ReturnType<NonNullable<typeof browser>['newPage']>> | null = null;
        try {
          page = await browser.newPage();
          await page.setViewport({ width: 1280, height: 900 });
          await page.goto(`${base}/lab/tree/build/${dirName}/${nb.file}?token=${token}`, {
            waitUntil: 'domcontentloaded',
            timeout: 120_000,
          });
          // The kernel is up when the toolbar's kernel status reads Idle.
          await page.waitForSelector('.jp-Notebook .jp-Cell', { timeout: 120_000 });
          await page.waitForFunction(
            `Array.from(document.querySelectorAll('.jp-Toolbar-kernelStatus, .jp-Notebook-ExecutionIndicator'))
           .some((e) => /idle/i.test(e.getAttribute('data-status') || e.textContent || e.getAttribute('title') || ''))`,
            { timeout: 120_000 },
          );
          // JupyterLab 4 may ask for a kernel although the notebook names one (a race with loading the kernel
          // specs); answer as a user would, with the notebook's kernel, and give it a few seconds to settle.
          const answerKernelDialog = () =>
            page?.evaluate(`(() => {
          const dialog = document.querySelector('.jp-Dialog');
          const select = dialog && dialog.querySelector('select');
          if (!select) return false;
          const option = Array.from(select.options).find((o) => /TypeScript/.test(o.textContent || ''));
          if (!option) return false;
          select.value = option.value;
          select.dispatchEvent(new Event('change', { bubbles: true }));
          dialog.querySelector('.jp-Dialog-button.jp-mod-accept').click();
          return true;
        })()`);
          for (let i = 0; i < 10; i++) {
            await answerKernelDialog();
            await new Promise((r) => setTimeout(r, 500));
          }
          // Run > Run All Cells, as a user clicks it.
          const runMenu = await page.waitForSelector(
            'xpath///div[contains(@class,"lm-MenuBar-itemLabel") and text()="Run"]',
            {
              timeout: 30_000,
            },
          );
          await runMenu?.click();
          const runAll = await page.waitForSelector(
            'xpath///li[contains(@class,"lm-Menu-item")][.//div[contains(@class,"lm-Menu-itemLabel") and text()="Run All Cells"]]',
            { timeout: 30_000 },
          );
          await runAll?.click();
          // Done when no prompt shows [*] and every table rendered, or as soon as a cell wrote to stderr. Polled
          // from here: one long in-page wait would outlast the DevTools protocol's call timeout.
          const deadline = Date.now() + RUN_ALL_TIMEOUT_MS;
          for (;;) {
            await answerKernelDialog();
            const done = await page.evaluate(`(() => {
          const prompts = Array.from(document.querySelectorAll('.jp-InputArea-prompt')).map((p) => p.textContent || '');
          const idle = prompts.length > 0 && prompts.every((t) => !t.includes('*'));
          const errors = document.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]').length;
          const tables = document.querySelectorAll('table.isgrad-table').length;
          return errors > 0 || (idle && tables >= ${nb.tables});
        })()`);
            if (done === true) break;
            if (Date.now() > deadline) {
              throw new Error(`${nb.file} did not finish within ${RUN_ALL_TIMEOUT_MS / 1000} s`);
            }
            await new Promise((r) => setTimeout(r, 1000));
          }
          const state = (await page.evaluate(`(() => ({
        stderr: Array.from(document.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]')).map((e) => e.textContent),
        plots: document.querySelectorAll('.isgrad-plot').length,
        drawn: Array.from(document.querySelectorAll('.isgrad-plot')).filter((el) => el.querySelector('svg.main-svg .scatterlayer .trace')).length,
        tables: document.querySelectorAll('table.isgrad-table').length,
      }))()`)) as { stderr: string[]; plots: number; drawn: number; tables: number };
          assert.deepEqual(state.stderr, [], 'no cell wrote to stderr');
          assert.equal(state.plots, nb.plots, `${nb.plots} figure output(s)`);
          assert.equal(state.drawn, nb.plots, 'every figure drew a plotly SVG with traces');
          assert.ok(state.tables >= nb.tables, `${nb.tables} tables rendered; got ${state.tables}`);
          // A screenshot with the first plot in view, for people to look at (notebooks/build/<dir>/<name>.png).
          await page.evaluate(`document.querySelector('.isgrad-plot').scrollIntoView({ block: 'center' })`);
          await new Promise((r) => setTimeout(r, 500));
          await page.screenshot({ path: join(dir, `${name}.png`) as `${string}.png` });
        } catch (e) {
          // What the page looked like when it failed, for the CI log reader.
          const shot = join(dir, `${name}-failure.png`);
          await page?.screenshot({ path: shot as `${string}.png` }).catch(() => undefined);
          throw new Error(
            `${(e as Error).message} (screenshot: ${shot}; JupyterLab log tail: ${log.slice(-1500)})`,
            {
              cause: e,
            },
          );
        } finally {
          await page?.close().catch(() => undefined);
        }
      },
    );
  }
});
