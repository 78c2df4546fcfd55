/**
 * Timing that survives a busy machine: the same trial, alone and beside busy processes competing for its CPU.
 * The worker's CPU time per step (process.cpuUsage around the trial) stays within 15%, while its wall-clock time
 * per step grows by much more. The test process and its worker are pinned to one CPU (taskset) together with
 * the competitors, so the contention is the same on a 2-core or a 64-core machine.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromCSV } from 'arquero';
import { expandTrials } from '../../src/sweep/expand-trials.js';
import { runTrials } from '../../src/sweep/run-trials.js';
import { validateSweepSpec } from '../../src/sweep/sweep-spec.js';

// Busy processes on the test's CPU. Eight make the contention dominate whatever else the machine runs there: with x
// other runnable processes on that CPU, the trial's share drops from 1/(1 + x) to 1/(9 + x).
const COMPETITORS = 8;
const hasTaskset = spawnSync('sh', ['-c', 'command -v taskset']).status === 0;

describe(
  'CPU time per step vs wall-clock under contention',
  { skip: hasTaskset ? false : 'needs taskset (util-linux)' },
  () => {
    test('CPU cost per step changes < 15% beside 8 busy processes on the same CPU; wall-clock changes much more', async () => {
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
        // Per-step CPU time from the step records (msCpu) when the trainer records it; otherwise the worker's
        // process.cpuUsage around the whole trial, against the trial's wall-clock time.
        const measure = async (root: string) => {
          const [r] = await runTrials(trials, { root: join(dir, root), workers: 1 });
          assert.equal(r.status, 'trained', r.error);
          const steps = fromCSV(readFileSync(join(r.dir as string, 'steps.csv'), 'utf8'));
          if (steps.columnNames().includes('msCpu')) {
            const sum = (c: string) => (steps.array(c) as number[]).reduce((a, b) => a + b, 0) / 1000;
            const phases = ['msScore', 'msSample', 'msGather', 'msForwardBackward', 'msImportance'];
            const wall = phases.reduce((a, c) => a + sum(c), 0);
            return { source: 'msCpu', cpu: sum('msCpu') / r.steps, wall: wall / r.steps };
          }
          return {
            source: 'cpuUsage',
            cpu: (r.cpuSeconds as number) / r.steps,
            wall: r.wallSeconds / r.steps,
          };
        };
        // Alternate alone and contended runs (two of each) so that slow drifts of the machine affect both alike.
        const alone: Awaited<ReturnType<typeof measure>>[] = [];
        const contended: Awaited<ReturnType<typeof measure>>[] = [];
        for (let round = 0; round < 2; round++) {
          alone.push(await measure(`alone-${round}`));
          for (let i = 0; i < COMPETITORS; i++) {
            busy.push(
              spawn('taskset', ['-c', cpu, process.execPath, '-e', 'for (;;) {}'], { stdio: 'ignore' }),
            );
          }
          contended.push(await measure(`busy-${round}`));
          for (const b of busy.splice(0)) if (b.pid !== undefined) process.kill(b.pid, 'SIGKILL');
        }
        const mean = (xs: { cpu: number; wall: number }[], k: 'cpu' | 'wall') =>
          xs.reduce((a, x) => a + x[k], 0) / xs.length;
        const cpuRatio = mean(contended, 'cpu') / mean(alone, 'cpu');
        const wallRatio = mean(contended, 'wall') / mean(alone, 'wall');
        const msg = `[${alone[0].source}] CPU ms/step ${alone.map((x) => (1e3 * x.cpu).toFixed(3))} → ${contended.map((x) => (1e3 * x.cpu).toFixed(3))} (×${cpuRatio.toFixed(3)}), wall ms/step ${alone.map((x) => (1e3 * x.wall).toFixed(3))} → ${contended.map((x) => (1e3 * x.wall).toFixed(3))} (×${wallRatio.toFixed(3)})`;
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
