/**
 * Timing that survives a busy machine: the same trial, alone and beside busy processes competing for its CPU.
 * The worker's CPU time per step (process.cpuUsage around the trial) stays within 15%, while its wall-clock time
 * per step grows by much more. The test process and its worker are pinned to one CPU (taskset) together with
 * the competitors, so the contention is the same on a 2-core or a 64-core machine.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandTrials } from '../../src/sweep/expand-trials.js';
import { runTrials } from '../../src/sweep/run-trials.js';
import { validateSweepSpec } from '../../src/sweep/sweep-spec.js';

const hasTaskset = spawnSync('sh', ['-c', 'command -v taskset']).status === 0;

describe(
  'CPU time per step vs wall-clock under contention',
  { skip: hasTaskset ? false : 'needs taskset (util-linux)' },
  () => {
    test('CPU cost per step changes < 15% beside 3 busy processes on the same CPU; wall-clock changes much more', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'isgrad-cpu-'));
      const cpu = '0';
      spawnSync('taskset', ['-cp', cpu, String(process.pid)]); // the forked worker inherits the affinity
      const busy: ReturnType<typeof spawn>[] = [];
      try {
        const trials = expandTrials(
          validateSweepSpec({
            name: 'cpu',
            base: { task: 'poly6', method: 'is', epochs: 6, backend: 'cpu' },
            seeds: [1],
          }),
        );
        const measure = async (root: string) => {
          const [r] = await runTrials(trials, { root: join(dir, root), workers: 1 });
          assert.equal(r.status, 'trained', r.error);
          return { cpu: (r.cpuSeconds as number) / r.steps, wall: r.wallSeconds / r.steps };
        };
        const alone = await measure('alone');
        for (let i = 0; i < 3; i++) {
          busy.push(
            spawn('taskset', ['-c', cpu, process.execPath, '-e', 'for (;;) {}'], { stdio: 'ignore' }),
          );
        }
        const contended = await measure('busy');
        const cpuRatio = contended.cpu / alone.cpu;
        const wallRatio = contended.wall / alone.wall;
        const msg = `CPU ms/step ${(1e3 * alone.cpu).toFixed(3)} → ${(1e3 * contended.cpu).toFixed(3)} (×${cpuRatio.toFixed(3)}), wall ms/step ${(1e3 * alone.wall).toFixed(3)} → ${(1e3 * contended.wall).toFixed(3)} (×${wallRatio.toFixed(3)})`;
        console.error(msg);
        assert.ok(Math.abs(cpuRatio - 1) < 0.15, msg);
        assert.ok(wallRatio > 1.5 && wallRatio - 1 > 3 * Math.abs(cpuRatio - 1), msg);
      } finally {
        for (const b of busy) if (b.pid !== undefined) process.kill(b.pid, 'SIGKILL');
        rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);
