import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectRuns } from '../../src/sweep/collect-runs.js';

/** A run folder as runOrLoad writes it (CSV only: collect falls back to CSV when there is no Arrow file). */
function fakeRun(dir: string, config: object, steps: string, evals: string, withSummary = true) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'steps.csv'), steps);
  writeFileSync(join(dir, 'evals.csv'), evals);
  if (withSummary) {
    writeFileSync(
      join(dir, 'summary.json'),
      JSON.stringify({ config, final: { trainLoss: 0.5 }, wallSeconds: 2, totalSteps: 2 }),
    );
  }
}

describe('collectRuns', () => {
  test('config columns (method options by name, clashes prefixed), skips partial and temporary folders', () => {
    const root = mkdtempSync(join(tmpdir(), 'isgrad-collect-'));
    try {
      const config = (seed: number) => ({
        task: 'poly6',
        method: 'omis',
        seed,
        lr: 0.02,
        milestones: [3, 6],
        out: 'ignored',
        methodOptions: { J: 4, beta: 0.7, alloc: [] },
      });
      const steps = 'task,method,seed,step,lr,batchLoss\npoly6,omis,1,1,0.02,0.5\npoly6,omis,1,2,0.02,0.4\n';
      const evals = 'task,method,seed,step,trainLoss\npoly6,omis,1,0,1\npoly6,omis,1,2,0.5\n';
      fakeRun(join(root, 'poly6', 'omis-s1-aaa'), config(1), steps, evals);
      fakeRun(
        join(root, 'poly6', 'omis-s2-bbb'),
        config(2),
        steps.replace(/,1,/g, ',2,'),
        evals.replace(/,1,/g, ',2,'),
      );
      fakeRun(join(root, 'poly6', 'omis-s3-ccc'), config(3), steps, evals, false); // interrupted: no summary.json
      fakeRun(join(root, 'poly6', '.omis-s4-ddd.tmp-123'), config(4), steps, evals); // a store's temporary folder
      const t = collectRuns(root);
      assert.equal(t.runs.numRows(), 2);
      assert.deepEqual(t.steps.columnNames(), [
        'run',
        'task',
        'method',
        'seed',
        'config.lr',
        'milestones',
        'J',
        'beta',
        'alloc',
        'step',
        'lr',
        'batchLoss',
      ]);
      assert.deepEqual(t.steps.array('seed'), [1, 1, 2, 2]);
      assert.deepEqual(t.steps.array('run'), [
        'poly6/omis-s1-aaa',
        'poly6/omis-s1-aaa',
        'poly6/omis-s2-bbb',
        'poly6/omis-s2-bbb',
      ]);
      assert.deepEqual(t.steps.array('milestones'), ['[3,6]', '[3,6]', '[3,6]', '[3,6]']);
      assert.deepEqual(t.runs.array('final.trainLoss'), [0.5, 0.5]);
      assert.ok(t.evals.columnNames().includes('config.lr'), 'the same config columns in every table');
      const only = collectRuns(root, { dirs: [join(root, 'poly6', 'omis-s2-bbb')] });
      assert.deepEqual(only.runs.array('seed'), [2]);
      assert.throws(() => collectRuns(join(root, 'nope')), /results folder .* does not exist/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
