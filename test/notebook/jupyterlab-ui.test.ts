// JupyterLab itself, driven like a user: start JupyterLab 4 (notebooks/.venv) on a free loopback port with a
// token, open a copy of notebooks/00-quickstart.ipynb in headless Chromium, Run All Cells from the Run menu, and
// check that the plot drew (a plotly SVG with traces), both tables rendered and no cell wrote to stderr.
// Needs `npm run notebooks:setup` and the JupyterLab venv (see notebooks/README.md). Outside CI the test skips,
// saying why, when those are missing; in CI (CI=true) it fails instead.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
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
  test(
    'runs the quickstart notebook through the UI: the plot draws and no cell errors',
    { skip, timeout: 600_000 },
    async () => {
      assert.deepEqual(
        missing,
        [],
        `CI must provide JupyterLab and the notebook environment; missing ${missing.join(', ')}`,
      );
      const token = randomBytes(16).toString('hex');
      const port = await freePort();
      // A copy under notebooks/build (ignored): JupyterLab autosaves outputs, the committed notebook stays clean,
      // and tslab still resolves `isgrad` from notebooks/node_modules.
      const dirName = `ui-test-${token.slice(0, 8)}`;
      const dir = join(NOTEBOOKS, 'build', dirName);
      mkdirSync(dir, { recursive: true });
      copyFileSync(join(NOTEBOOKS, '00-quickstart.ipynb'), join(dir, '00-quickstart.ipynb'));
      let log = '';
      const lab = spawn(
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
      lab.stdout?.on('data', (d: Buffer) => (log += d.toString()));
      lab.stderr?.on('data', (d: Buffer) => (log += d.toString()));
      const browser = await launchBrowser();
      let page: Awaited<ReturnType<typeof browser.newPage>> | null = null;
      try {
        const base = `http://127.0.0.1:${port}`;
        await waitForServer(`${base}/api/status?token=${token}`, lab, () => log.slice(-3000), 120_000);
        page = await browser.newPage();
        await page.setViewport({ width: 1280, height: 900 });
        await page.goto(`${base}/lab/tree/build/${dirName}/00-quickstart.ipynb?token=${token}`, {
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
        // JupyterLab 4 may ask for a kernel although the notebook names one (a race with loading the kernel specs);
        // answer as a user would, with the notebook's kernel, and give it a few seconds to settle.
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
        // Done when no prompt shows [*] and both tables rendered, or as soon as a cell wrote to stderr. Polled from
        // here: one long in-page wait would outlast the DevTools protocol's call timeout.
        const deadline = Date.now() + 300_000;
        for (;;) {
          await answerKernelDialog();
          const done = await page.evaluate(`(() => {
          const prompts = Array.from(document.querySelectorAll('.jp-InputArea-prompt')).map((p) => p.textContent || '');
          const idle = prompts.length > 0 && prompts.every((t) => !t.includes('*'));
          const errors = document.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]').length;
          const tables = document.querySelectorAll('table.isgrad-table').length;
          return errors > 0 || (idle && tables >= 2);
        })()`);
          if (done === true) break;
          if (Date.now() > deadline) throw new Error('the notebook did not finish within 300 s');
          await new Promise((r) => setTimeout(r, 1000));
        }
        const state = (await page.evaluate(`(() => ({
        stderr: Array.from(document.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]')).map((e) => e.textContent),
        plots: document.querySelectorAll('.isgrad-plot').length,
        drawn: Array.from(document.querySelectorAll('.isgrad-plot')).filter((el) => el.querySelector('svg.main-svg .scatterlayer .trace')).length,
        tables: document.querySelectorAll('table.isgrad-table').length,
      }))()`)) as { stderr: string[]; plots: number; drawn: number; tables: number };
        assert.deepEqual(state.stderr, [], 'no cell wrote to stderr');
        assert.equal(state.plots, 1, 'one figure output');
        assert.equal(state.drawn, 1, 'the figure drew a plotly SVG with traces');
        assert.ok(
          state.tables >= 2,
          `the table and the danfo describe() rendered; got ${state.tables} tables`,
        );
        // A screenshot with the plot in view, for people to look at (notebooks/build/<dir>/jupyterlab.png).
        await page.evaluate(`document.querySelector('.isgrad-plot').scrollIntoView({ block: 'center' })`);
        await new Promise((r) => setTimeout(r, 500));
        await page.screenshot({ path: join(dir, 'jupyterlab.png') as `${string}.png` });
      } catch (e) {
        // What the page looked like when it failed, for the CI log reader.
        await page?.screenshot({ path: join(dir, 'failure.png') as `${string}.png` }).catch(() => undefined);
        throw new Error(`${(e as Error).message} (screenshot: ${join(dir, 'failure.png')})`, { cause: e });
      } finally {
        await browser.close();
        lab.kill('SIGTERM');
        await new Promise((r) => (lab.exitCode !== null ? r(null) : lab.on('close', r)));
        rmSync(join(dir, 'runtime'), { recursive: true, force: true });
      }
    },
  );
});
