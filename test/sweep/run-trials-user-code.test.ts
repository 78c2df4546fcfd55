import '../../src/builtins.js';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandTrials } from '../../src/sweep/expand-trials.js';
import { runTrials } from '../../src/sweep/run-trials.js';
import { validateSweepSpec } from '../../src/sweep/sweep-spec.js';
import { usedModules, useModule } from '../../src/sweep/use-module.js';
import { registerTask } from '../../src/tasks/registry.js';
import { createPoly6Task, poly6Data } from '../../src/tasks/poly6.js';

const PID_TASK = join(import.meta.dirname, 'fixtures', 'pid-task.ts');

/** Process ids that created task data, from the fixture's pid files. */
function pids(dir: string): Set<number> {
  return new Set(readdirSync(dir).map((f) => Number(f.split('-')[1])));
}

describe('runTrials with user code: useModule, workers: 0, and the check before training', () => {
  let root = '';
  let pidDir = '';
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'isgrad-user-code-'));
    pidDir = join(root, 'pids');
    process.env.ISGRAD_TEST_PID_DIR = pidDir;
  });
  after(() => {
    delete process.env.ISGRAD_TEST_PID_DIR;
    rmSync(root, { recursive: true, force: true });
  });

  test('a module given to useModule trains on the workers (pids differ from this one), with the same run keys as in-process', async () => {
    mkdirSync(pidDir, { recursive: true });
    assert.equal(await useModule(PID_TASK), PID_TASK);
    assert.deepEqual(usedModules(), [PID_TASK]);
    const spec = validateSweepSpec({
      name: 'pid',
      base: { task: 'poly6-pid', method: 'uniform', epochs: 1, backend: 'cpu' },
      list: [{ dataSeed: 1 }, { dataSeed: 2 }],
      seeds: [1, 2],
    });
    const trials = expandTrials(spec);
    const results = await runTrials(trials, { root, workers: 2 });
    assert.deepEqual(
      results.map((r) => r.status),
      ['trained', 'trained', 'trained', 'trained'],
    );
    const workerPids = pids(pidDir);
    assert.ok(workerPids.size >= 1 && !workerPids.has(process.pid), `worker pids ${[...workerPids]}`);
    // In this process the same registration gives the same keys: the runs load instead of training again.
    rmSync(pidDir, { recursive: true });
    mkdirSync(pidDir);
    const here = await runTrials(trials, { root, workers: 0 });
    assert.deepEqual(
      here.map((r) => [r.status, r.key]),
      results.map((r) => ['cached', r.key]),
    );
  });

  test('a task registered in this process only fails before anything trains; workers: 0 trains it here', async () => {
    const base = createPoly6Task(poly6Data, 'rare-blobs');
    registerTask({ ...base, description: 'registered by the test only' });
    const spec = validateSweepSpec({
      name: 'local',
      base: { task: 'rare-blobs', method: 'uniform', epochs: 1, backend: 'cpu' },
      seeds: [1, 2],
    });
    const trials = expandTrials(spec);
    await assert.rejects(
      runTrials(trials, { root, workers: 1 }),
      /task 'rare-blobs' is registered in this process only; pass it with useModule\(\.\.\.\) .*or run with workers: 0/,
    );
    assert.equal(existsSync(join(root, 'rare-blobs')), false, 'nothing trained');

    const progress: number[] = [];
    const results = await runTrials(trials, { root, workers: 0, onProgress: (p) => progress.push(p.done) });
    assert.deepEqual(
      results.map((r) => r.status),
      ['trained', 'trained'],
    );
    assert.ok(results.every((r) => existsSync(join(r.dir as string, 'summary.json'))));
    assert.deepEqual(progress, [0, 1, 1, 2]);
    await assert.rejects(runTrials(trials, { root, workers: -1 }), /workers must be an integer ≥ 0/);
  });
});
