import '../../src/builtins.js';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromCSV } from 'arquero';
import './fixtures/crashing-task.js';
import { runOrLoad } from '../../src/experiments/run-or-load.js';
import { toTrials } from '../../src/sweep/expand-trials.js';
import { createTrialPool, type SweepProgress } from '../../src/sweep/trial-pool.js';
import { stripTiming } from '../helpers/strip-timing.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'crashing-task.ts');

/** A run's steps and evaluations without timing fields, as plain rows. */
function records(dir: string): { steps: Record<string, unknown>[]; evals: Record<string, unknown>[] } {
  const read = (f: string) =>
    (fromCSV(readFileSync(join(dir, f), 'utf8')).objects() as Record<string, unknown>[]).map(stripTiming);
  return { steps: read('steps.csv'), evals: read('evals.csv') };
}

describe('createTrialPool', () => {
  let root = '';
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'isgrad-pool-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('one long-lived worker trains several runs (backend and task data reused): records equal in-process runs', async () => {
    // Same task twice in a row (the second trial gets the worker's cached task instance), then another task.
    const runs = [
      { task: 'poly6', method: 'is', seed: 1, epochs: 2, backend: 'cpu' as const, evalEvery: 32 },
      { task: 'poly6', method: 'uniform', seed: 2, epochs: 2, backend: 'cpu' as const, evalEvery: 32 },
      { task: 'toy2d', method: 'is', seed: 3, epochs: 2, backend: 'cpu' as const },
      { task: 'poly6', method: 'as', seed: 4, epochs: 2, backend: 'cpu' as const, evalEvery: 32 },
    ];
    const pool = createTrialPool({ root: join(root, 'pool'), workers: 1 });
    const results = await pool.submit(toTrials(runs));
    await pool.close();
    assert.deepEqual(
      results.map((r) => r.status),
      ['trained', 'trained', 'trained', 'trained'],
    );
    for (const [i, options] of runs.entries()) {
      const local = await runOrLoad(options, join(root, 'local'));
      assert.equal(local.cached, false);
      assert.equal(results[i].key, local.key, `run ${i}: same key`);
      assert.deepEqual(records(results[i].dir as string), records(local.dir), `run ${i}: same records`);
    }
  });

  test('a trial that kills its worker fails alone; the replacement worker runs the rest', async () => {
    const runs = [0, 7, 1, 2].map((dataSeed) => ({
      task: 'poly6-crash',
      method: 'uniform',
      seed: 1,
      dataSeed,
      epochs: 1,
      backend: 'cpu' as const,
    }));
    const progress: SweepProgress[] = [];
    const pool = createTrialPool({
      root: join(root, 'crash'),
      workers: 1,
      preload: [FIXTURE],
      onProgress: (p) => progress.push(p),
    });
    const results = await pool.submit(toTrials(runs));
    await pool.close();
    assert.deepEqual(
      results.map((r) => r.status),
      ['trained', 'failed', 'trained', 'trained'],
    );
    assert.match(results[1].error ?? '', /worker exited \(code 3/);
    const last = progress[progress.length - 1];
    assert.deepEqual([last.total, last.done, last.failed, last.running], [4, 4, 1, 0]);
  });

  test('a run submitted twice trains once; `first` jumps the queue; close drops what never started', async () => {
    const run = (seed: number) => ({
      task: 'poly6',
      method: 'uniform',
      seed,
      epochs: 1,
      backend: 'cpu' as const,
    });
    const started: string[] = [];
    const pool = createTrialPool({
      root: join(root, 'order'),
      workers: 1,
      onProgress: (p) => {
        if (p.last !== undefined) started.push(p.last.trial.label);
      },
    });
    const a = pool.submit(toTrials([run(1), run(2), run(3)]));
    const again = pool.submit(toTrials([run(2)]));
    const urgent = pool.submit(toTrials([run(4)]), { first: true });
    const [ra, [r2], [r4]] = await Promise.all([a, again, urgent]);
    await pool.close();
    assert.equal(r2, ra[1], 'the second submit of seed 2 gets the first one’s result');
    assert.equal(r4.status, 'trained');
    // The three submits arrive in one tick, while the worker is still starting: seed 4 is first when it is ready.
    // One worker, so the finishing order is the starting order.
    assert.deepEqual(started, [
      'poly6/uniform seed=4',
      'poly6/uniform seed=1',
      'poly6/uniform seed=2',
      'poly6/uniform seed=3',
    ]);
    assert.equal(new Set(ra.map((r) => r.dir)).size, 3);

    const late = createTrialPool({ root: join(root, 'order'), workers: 1 });
    const pending = late.submit(toTrials([run(5), run(6), run(7)]));
    await late.close(); // seed 5 may have started; the waiting ones are dropped, not trained
    const out = await pending;
    assert.ok(out.slice(1).every((r) => r.status === 'failed' && r.error === 'not run: the pool was closed'));
    await assert.rejects(late.submit(toTrials([run(8)])), /the pool is closed/);
  });
});
