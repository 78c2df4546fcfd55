import '../../src/builtins.js';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromArrow, fromCSV, op } from 'arquero';
import './fixtures/failing-task.js';
import { collectRuns } from '../../src/sweep/collect-runs.js';
import { expandTrials } from '../../src/sweep/expand-trials.js';
import { runTrials, type SweepProgress } from '../../src/sweep/run-trials.js';
import { SweepFailedError } from '../../src/sweep/sweep-failed-error.js';
import { validateSweepSpec } from '../../src/sweep/sweep-spec.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'failing-task.ts');

describe('runTrials + collectRuns', () => {
  let root = '';
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'isgrad-sweep-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('a failing trial gets a failure file, the others finish; a rerun loads them and retries the failure', async () => {
    const spec = validateSweepSpec({
      name: 'fails',
      // 6 epochs (~1 s a trial): long enough that the second worker is up before the first has run them all,
      // even when the machine is loaded and the two workers start seconds apart.
      base: { task: 'poly6-fails', method: 'uniform', epochs: 6, backend: 'cpu' },
      list: [{ dataSeed: 0 }, { dataSeed: 13 }, { dataSeed: 1 }],
      seeds: [1],
    });
    const trials = expandTrials(spec);
    const progress: SweepProgress[] = [];
    const results = await runTrials(trials, {
      root,
      workers: 2,
      preload: [FIXTURE],
      allowFailures: true,
      onProgress: (p) => progress.push(p),
    });
    assert.deepEqual(
      results.map((r) => r.status),
      ['trained', 'failed', 'trained'],
    );
    const failed = results[1];
    assert.match(failed.error ?? '', /dataset 13 is cursed/);
    assert.equal(failed.failureFile, join(root, 'failures', `${trials[1].id}.json`));
    const record = JSON.parse(readFileSync(failed.failureFile as string, 'utf8'));
    assert.equal(record.label, trials[1].label);
    assert.match(record.stack, /failing-task/);
    for (const r of [results[0], results[2]]) {
      assert.ok(existsSync(join(r.dir as string, 'summary.json')));
      assert.ok((r.cpuSeconds as number) > 0 && r.steps === 6 * 128);
    }
    const last = progress[progress.length - 1];
    assert.deepEqual([last.total, last.done, last.trained, last.failed, last.running], [3, 3, 2, 1, 0]);
    assert.ok(
      progress.some((p) => p.running === 2),
      'two trials ran at once',
    );

    const again = await runTrials(trials, { root, workers: 1, preload: [FIXTURE], allowFailures: true });
    assert.deepEqual(
      again.map((r) => r.status),
      ['cached', 'failed', 'cached'],
    );
    assert.equal(again[0].dir, results[0].dir);
    await assert.rejects(runTrials([trials[0], trials[0]], { root }), /have the same id/);
    // Without allowFailures the failure is loud: the trial, its first error line and the failures folder.
    await assert.rejects(runTrials(trials, { root, workers: 1, preload: [FIXTURE] }), (e: Error) => {
      assert.ok(e instanceof SweepFailedError, e.message);
      assert.equal(e.failures.length, 1);
      assert.match(e.message, /^1 of 3 trials failed:/);
      assert.ok(e.message.includes(`${trials[1].label}: dataset 13 is cursed (test failure)`), e.message);
      assert.ok(e.message.includes(join(root, 'failures')), e.message);
      return true;
    });
  });

  test('a failure file that cannot be written (full disk, read-only store) stops the sweep with one message naming the folder', async () => {
    // The failures folder's parent is a file: mkdir fails as ENOSPC would, without needing a full disk.
    writeFileSync(join(root, 'not-a-folder'), '');
    const failures = join(root, 'not-a-folder', 'failures');
    const trials = expandTrials(
      validateSweepSpec({
        name: 'unwritable',
        base: { task: 'poly6-fails', method: 'uniform', epochs: 1, backend: 'cpu', dataSeed: 13 },
        seeds: [1],
      }),
    );
    for (const workers of [1, 0]) {
      await assert.rejects(
        runTrials(trials, { root, workers, failures, preload: [FIXTURE], allowFailures: true }),
        (e: Error) => {
          assert.ok(e.message.startsWith(`cannot write to the results folder ${failures}: `), e.message);
          assert.match(e.message, /dataset 13 is cursed.*free space, then run again/);
          return true;
        },
      );
    }
  });

  test('collect: one row per trial-step and trial-eval, config keys as columns, Arrow and CSV round-trip through arquero', async () => {
    const spec = validateSweepSpec({
      name: 'collect',
      base: { task: 'poly6', method: 'omis', epochs: 2, backend: 'cpu', evalEvery: 64 },
      grid: { beta: [0, 0.9] },
      seeds: [1, 2],
    });
    const results = await runTrials(expandTrials(spec), { root, workers: 2 });
    assert.ok(results.every((r) => r.status === 'trained'));
    const out = join(root, 'collected');
    const t = collectRuns(root, { out });
    // the failing-trial test's two uniform runs are in the same root
    assert.equal(t.runs.numRows(), 4 + 2);
    const omis = t.evals.filter((d: { method: string }) => d.method === 'omis');
    assert.equal(omis.numRows(), 4 * (1 + 4)); // evaluation at step 0 and every 64 of 256 steps
    assert.equal(t.steps.filter((d: { method: string }) => d.method === 'omis').numRows(), 4 * 256);
    for (const c of [
      'run',
      'task',
      'method',
      'seed',
      'beta',
      'J',
      'epochs',
      'config.lr',
      'lr',
      'step',
      'batchLoss',
    ]) {
      assert.ok(t.steps.columnNames().includes(c), `steps lacks column ${c}`);
    }
    // every (run, step) pair exactly once
    const dup = t.steps
      .groupby('run', 'step')
      .count()
      .filter((d: { count: number }) => d.count > 1);
    assert.equal(dup.numRows(), 0);
    for (const name of ['steps', 'evals', 'runs'] as const) {
      const arrow = fromArrow(readFileSync(join(out, `${name}.arrow`)));
      const csv = fromCSV(readFileSync(join(out, `${name}.csv`), 'utf8'));
      assert.deepEqual(arrow.columnNames(), t[name].columnNames());
      assert.equal(arrow.numRows(), t[name].numRows());
      assert.equal(csv.numRows(), t[name].numRows());
    }
    const evals = fromArrow(readFileSync(join(out, 'evals.arrow')));
    const byBeta = evals
      .filter((d: { method: string; step: number }) => d.method === 'omis' && d.step === 256)
      .groupby('beta')
      .rollup({ n: op.count(), loss: op.mean('excessLoss') })
      .orderby('beta')
      .objects() as { beta: number; n: number; loss: number }[];
    assert.deepEqual(
      byBeta.map((r) => [r.beta, r.n]),
      [
        [0, 2],
        [0.9, 2],
      ],
    );
    assert.ok(byBeta.every((r) => r.loss > 0 && Number.isFinite(r.loss)));
    // the collected folder and the failures folder are not runs: collecting again gives the same tables
    assert.equal(collectRuns(root).steps.numRows(), t.steps.numRows());
  });
});
