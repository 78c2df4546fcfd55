import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeRunRecords } from '../../src/records/write-run-records.js';
import type { RunRecord } from '../../src/records/types.js';
import { collectRuns } from '../../src/sweep/collect-runs.js';

/** A run folder as runOrLoad writes it (`writeRunRecords`: CSV + Arrow + summary.json with its integrity record). */
async function fakeRun(dir: string, config: Row, steps: Row[], evals: Row[], withSummary = true) {
  const run: RunRecord = {
    config: config as unknown as RunRecord['config'],
    backend: { requested: 'cpu', name: 'cpu', tfBackend: 'cpu', skipped: [] },
    steps: steps as unknown as RunRecord['steps'],
    evals: evals as unknown as RunRecord['evals'],
    final: { trainLoss: 0.5 },
    wallSeconds: 2,
    totalSteps: 2,
    key: `key-${String(config.seed)}`,
    codeHash: 'code0',
  };
  await writeRunRecords(dir, run);
  if (!withSummary) rmSync(join(dir, 'summary.json'));
}

type Row = Record<string, unknown>;

describe('collectRuns', () => {
  test('config columns (method options by name, clashes prefixed), skips partial and temporary folders', async () => {
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
      const steps = [
        { step: 1, lr: 0.02, batchLoss: 0.5 },
        { step: 2, lr: 0.02, batchLoss: 0.4 },
      ];
      const evals = [
        { step: 0, trainLoss: 1 },
        { step: 2, trainLoss: 0.5 },
      ];
      await fakeRun(join(root, 'poly6', 'omis-s1-aaa'), config(1), steps, evals);
      await fakeRun(join(root, 'poly6', 'omis-s2-bbb'), config(2), steps, evals);
      await fakeRun(join(root, 'poly6', 'omis-s3-ccc'), config(3), steps, evals, false); // interrupted: no summary.json
      await fakeRun(join(root, 'poly6', '.omis-s4-ddd.tmp-123'), config(4), steps, evals); // a store's temporary folder
      // Leftovers of a killed replacement (pid 2^31 − 1: no such process), copied in by hand: a write into the
      // folder would clean them up first.
      for (const leftover of ['omis-s1-aaa.old-2147483647-ab12', 'omis-s1-aaa.tmp-2147483647-cd34']) {
        cpSync(join(root, 'poly6', 'omis-s1-aaa'), join(root, 'poly6', leftover), { recursive: true });
      }
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
      assert.deepEqual(t.runs.array('key'), ['key-1', 'key-2'], 'the run key is a column of the runs table');
      assert.deepEqual(t.runs.array('codeHash'), ['code0', 'code0']);
      assert.ok(t.evals.columnNames().includes('config.lr'), 'the same config columns in every table');
      const only = collectRuns(root, { dirs: [join(root, 'poly6', 'omis-s2-bbb')] });
      assert.deepEqual(only.runs.array('seed'), [2]);
      assert.throws(() => collectRuns(join(root, 'nope')), /results folder .* does not exist/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('damaged runs: an error naming each one; skipDamaged collects the others and lists them', async () => {
    const root = mkdtempSync(join(tmpdir(), 'isgrad-collect-damaged-'));
    try {
      const config = (seed: number) => ({ task: 'poly6', method: 'is', seed });
      const steps = [{ step: 1, batchLoss: 0.5 }];
      const evals = [{ step: 1, trainLoss: 0.25 }];
      const files = ['steps.csv', 'steps.arrow', 'evals.csv', 'evals.arrow', 'summary.json'];
      await fakeRun(join(root, 'ok'), config(0), steps, evals);
      for (const [i, f] of files.entries()) {
        await fakeRun(join(root, `bad-${f}`), config(i + 1), steps, evals);
        truncateSync(join(root, `bad-${f}`, f), 40);
      }
      assert.throws(
        () => collectRuns(root),
        (e: Error) => {
          assert.match(e.message, /collect: 5 damaged run folder\(s\), nothing collected/);
          for (const f of files) assert.ok(e.message.includes(`bad-${f}: ${f} `), `${f}: ${e.message}`);
          assert.match(e.message, /delete the folder; it will retrain/);
          return true;
        },
      );
      const out = join(root, 'collected');
      assert.throws(() => collectRuns(root, { out }));
      assert.ok(!existsSync(out), 'nothing written when collect refuses');
      const t = collectRuns(root, { skipDamaged: true });
      assert.deepEqual(t.runs.array('run'), ['ok']);
      assert.deepEqual(
        t.skipped.map((s) => s.dir),
        files.map((f) => join(root, `bad-${f}`)).sort(),
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('two runs of one trial: the newest is kept and the older named; all keeps both, told apart by key', async () => {
    const root = mkdtempSync(join(tmpdir(), 'isgrad-collect-dup-'));
    try {
      const config = { task: 'poly6', method: 'is', seed: 1, lr: 0.02 };
      await fakeRun(
        join(root, 'poly6', 'is-s1-old'),
        config,
        [{ step: 1, batchLoss: 0.9 }],
        [{ step: 1, trainLoss: 9 }],
      );
      await new Promise((r) => setTimeout(r, 5)); // a later `written` time
      await fakeRun(
        join(root, 'poly6', 'is-s1-new'),
        config,
        [{ step: 1, batchLoss: 0.1 }],
        [{ step: 1, trainLoss: 1 }],
      );
      const t = collectRuns(root);
      assert.deepEqual(t.evals.array('trainLoss'), [1], 'one row set per trial: the newest run');
      assert.deepEqual(t.superseded, [
        { dir: join(root, 'poly6', 'is-s1-old'), kept: join(root, 'poly6', 'is-s1-new') },
      ]);
      const all = collectRuns(root, { all: true });
      assert.deepEqual(all.evals.array('trainLoss'), [1, 9]);
      assert.deepEqual(all.runs.array('run'), ['poly6/is-s1-new', 'poly6/is-s1-old']);
      assert.deepEqual(all.superseded, []);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('refuses an out folder inside a run folder, and a root holding no run', async () => {
    const root = mkdtempSync(join(tmpdir(), 'isgrad-collect-out-'));
    try {
      const run = join(root, 'poly6', 'is-s1-aaa');
      await fakeRun(
        run,
        { task: 'poly6', method: 'is', seed: 1 },
        [{ step: 1 }],
        [{ step: 1, trainLoss: 1 }],
      );
      const csv = readFileSync(join(run, 'evals.csv'), 'utf8');
      assert.throws(
        () => collectRuns(root, { out: run }),
        /collect: --out '.*is-s1-aaa' is the run folder .*is-s1-aaa; writing there would replace/,
      );
      assert.throws(() => collectRuns(root, { out: join(run, 'sub') }), /is inside the run folder/);
      assert.equal(readFileSync(join(run, 'evals.csv'), 'utf8'), csv, 'the run folder is untouched');
      const empty = join(root, 'empty');
      mkdirSync(join(empty, 'poly6', 'is-s2-bbb'), { recursive: true }); // an interrupted run: no summary.json
      writeFileSync(join(empty, 'note.txt'), 'not a run');
      assert.throws(
        () => collectRuns(empty, { out: join(empty, 'collected') }),
        /collect: no runs under '.*empty' \(no folder there holds a summary\.json\); nothing collected/,
      );
      assert.ok(!existsSync(join(empty, 'collected')), 'no empty tables written');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
