// Kernel-level: a `train` cell in a tslab kernel, driven as JupyterLab drives it (jupyter_client), shows one
// progress entry updated in place, and Kernel > Interrupt (SIGINT) stops the training itself, not only the cell.
// Needs python3 with jupyter_client and `npm run notebooks:setup`; outside CI it skips, saying why, when they are
// missing; in CI (CI=true) it fails instead.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const NOTEBOOKS = resolve('notebooks');
const PYTHON = '/usr/bin/python3';
const missing = [
  ...(spawnSync(PYTHON, ['-c', 'import jupyter_client']).status === 0 ? [] : ['python3 jupyter_client']),
  ...(existsSync(join(NOTEBOOKS, 'node_modules', 'tslab')) ? [] : ['notebooks/node_modules/tslab']),
];
const inCi = process.env.CI === 'true' || process.env.CI === '1';
const skip = missing.length > 0 && !inCi ? `kernel test skipped: missing ${missing.join(', ')}` : false;

/** Seconds allowed from SIGINT to the cell's end (tslab ends the cell at once; the kit's loop at its next step). */
const STOP_WITHIN_S = 5;
/** CPU seconds the kernel may use in the 3 s after the interrupt: training that went on would use ≈ 3. */
const IDLE_CPU_S = 0.5;

describe('tslab kernel: progress and Kernel > Interrupt', () => {
  it(
    'a long train cell shows one display entry updated in place; the interrupt stops the training',
    { skip, timeout: 300_000 },
    () => {
      assert.deepEqual(
        missing,
        [],
        `CI must provide the notebook environment; missing ${missing.join(', ')}`,
      );
      mkdirSync(join(NOTEBOOKS, 'build'), { recursive: true });
      const dir = mkdtempSync(join(NOTEBOOKS, 'build', 'interrupt-')); // tslab resolves isgrad from notebooks/
      try {
        const r = spawnSync(
          PYTHON,
          [join(import.meta.dirname, 'fixtures', 'kernel-interrupt.py'), dir, '8'],
          {
            encoding: 'utf8',
            timeout: 280_000,
          },
        );
        assert.equal(r.status, 0, r.stderr);
        const out = JSON.parse(r.stdout.trim().split('\n').pop() as string) as {
          status: string;
          stopSeconds: number;
          outputs: Record<string, number>;
          idleCpuSeconds: number;
        };
        assert.equal(out.status, 'error', JSON.stringify(out));
        assert.ok(out.stopSeconds < STOP_WITHIN_S, JSON.stringify(out));
        assert.equal(out.outputs.display_data, 1, `one progress entry: ${JSON.stringify(out)}`);
        assert.ok((out.outputs.update_display_data ?? 0) >= 2, `updated in place: ${JSON.stringify(out)}`);
        assert.ok(
          (out.outputs.stream ?? 0) + (out.outputs.error ?? 0) <= 4,
          `few other outputs: ${JSON.stringify(out)}`,
        );
        assert.ok(out.idleCpuSeconds < IDLE_CPU_S, `training stopped: ${JSON.stringify(out)}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
