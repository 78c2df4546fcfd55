import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fromCSV } from 'arquero';
import { createRng } from '../../src/random/rng.js';
import { collectRuns } from '../../src/sweep/collect-runs.js';

const MAIN = join(import.meta.dirname, '..', '..', 'src', 'cli', 'main.ts');
const cli = (args: string[]) => [process.execPath, ['--import', 'tsx', MAIN, ...args]] as const;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

describe('isgrad sweep resumes after SIGKILL', () => {
  test('killed at random moments three times (after some progress each time), then run to the end: every trial exactly once, nothing partial', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'isgrad-kill-'));
    try {
      const spec = join(dir, 'spec.json');
      const root = join(dir, 'results');
      writeFileSync(
        spec,
        JSON.stringify({
          name: 'kill',
          base: { task: 'poly6', method: 'is', epochs: 2, backend: 'cpu' },
          grid: { lr: [0.01, 0.015, 0.02, 0.025, 0.03, 0.035] },
          seeds: [1, 2],
        }),
      );
      const rng = createRng(2024);
      const args = ['sweep', spec, '--out', root, '--workers', '2', '--quiet', '--json'];
      const finished = () =>
        existsSync(join(root, 'poly6'))
          ? readdirSync(join(root, 'poly6')).filter((d) => existsSync(join(root, 'poly6', d, 'summary.json')))
              .length
          : 0;
      const afterKill: number[] = [];
      for (let attempt = 0; attempt < 3; attempt++) {
        const [cmd, a] = cli(args);
        const child = spawn(cmd, a, { stdio: 'ignore' });
        let exited = false;
        child.once('exit', () => (exited = true));
        // Kill at a random moment after at least one more trial has finished (the machine's speed varies, so
        // a fixed delay could kill before any progress or after the end).
        const before = finished();
        while (!exited && finished() === before) await sleep(50);
        await sleep(300 * rng.next());
        if (!exited) child.kill('SIGKILL');
        if (!exited) await new Promise((r) => child.once('exit', r));
        // orphaned workers notice their dead parent at their next evaluation (one epoch) and exit
        await sleep(1500);
        afterKill.push(finished());
      }
      const complete = new Map<string, number>();
      if (existsSync(join(root, 'poly6'))) {
        for (const d of readdirSync(join(root, 'poly6'))) {
          const s = join(root, 'poly6', d, 'summary.json');
          if (existsSync(s)) complete.set(d, statSync(s).mtimeMs);
        }
      }
      const [cmd, a] = cli(args);
      const r = spawnSync(cmd, a, { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const summary = JSON.parse(r.stdout.trim().split('\n').pop() as string);
      assert.equal(summary.trials, 12);
      assert.equal(summary.failed, 0);
      assert.equal(summary.trained + summary.cached, 12);
      assert.ok(
        complete.size >= 3 && summary.trained >= 1,
        `${complete.size} finished before, ${summary.trained} after`,
      );
      assert.equal(
        summary.cached,
        complete.size,
        'trials finished before the last run are loaded, not re-run',
      );

      const runs = readdirSync(join(root, 'poly6'));
      assert.equal(runs.length, 12, `run folders: ${runs.join(', ')}`);
      for (const d of runs) {
        const s = JSON.parse(readFileSync(join(root, 'poly6', d, 'summary.json'), 'utf8'));
        assert.equal(s.totalSteps, 2 * 128);
        const steps = fromCSV(readFileSync(join(root, 'poly6', d, 'steps.csv'), 'utf8'));
        assert.equal(steps.numRows(), 2 * 128, `${d}: steps.csv rows`);
        if (complete.has(d))
          assert.equal(statSync(join(root, 'poly6', d, 'summary.json')).mtimeMs, complete.get(d));
      }
      const leftovers = filesUnder(root).filter((f) => f.includes('.tmp'));
      assert.deepEqual(leftovers, [], 'no temporary files remain');
      const t = collectRuns(root);
      assert.equal(t.runs.numRows(), 12);
      assert.equal(t.evals.numRows(), 12 * 3);
      assert.equal(
        t.steps
          .groupby('run', 'step')
          .count()
          .filter((d: { count: number }) => d.count > 1)
          .numRows(),
        0,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
