import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromArrow, fromCSV } from 'arquero';
import { runTables } from '../../src/records/run-tables.js';
import { writeFileAtomic, writeRunRecords } from '../../src/records/write-run-records.js';
import { fakeRun } from '../helpers/fake-run.js';

describe('writeRunRecords', () => {
  let root = '';
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'isgrad-records-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('a non-finite number in the summary or in a step/eval row is an error naming it; nothing is written', async () => {
    const cases: Array<[string, (r: ReturnType<typeof fakeRun>) => void, RegExp]> = [
      [
        'final',
        (r) => ((r.final as { trainLoss: number }).trainLoss = Number.NaN),
        /summary\.json: final\.trainLoss is NaN; a result number must be finite/,
      ],
      [
        'step',
        (r) => ((r.steps[1] as unknown as { batchLoss: number }).batchLoss = Number.POSITIVE_INFINITY),
        /steps table: column batchLoss is Infinity at step 1 \(row 1\); a result number must be finite/,
      ],
      [
        'diagnostic',
        (r) => (r.steps[2].diagnostics = { ess: Number.NaN }),
        /steps table: column ess is NaN at step 2 \(row 2\)/,
      ],
      [
        'eval',
        (r) => ((r.evals[1] as unknown as { testLoss: number }).testLoss = Number.NaN),
        /evals table: column testLoss is NaN at step 3 \(row 1\)/,
      ],
    ];
    for (const [name, spoil, message] of cases) {
      const dir = join(root, `nonfinite-${name}`);
      const r = fakeRun();
      spoil(r);
      await assert.rejects(writeRunRecords(dir, r), message, name);
      assert.deepEqual(
        readdirSync(root).filter((f) => f.startsWith(`nonfinite-${name}`)),
        [],
        `${name}: no folder or temporary left`,
      );
    }
  });

  test('creates the folder and writes steps/evals as CSV and Arrow plus summary.json; returns the folder', async () => {
    const dir = join(root, 'a', 'b');
    const r = fakeRun();
    assert.equal(await writeRunRecords(dir, r), dir);
    assert.deepEqual(readdirSync(dir).sort(), [
      'evals.arrow',
      'evals.csv',
      'steps.arrow',
      'steps.csv',
      'summary.json',
    ]);
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    assert.deepEqual(summary, {
      config: r.config,
      backend: { name: 'cpu', tfBackend: 'cpu', requested: 'cpu' }, // `skipped` is left out
      final: r.final,
      totalSteps: 3,
      wallSeconds: 0.25,
      warnings: [], // the run's warnings; none here
    });
    assert.ok(readFileSync(join(dir, 'summary.json'), 'utf8').endsWith('}\n'));
  });

  test('CSV and Arrow files read back through arquero as the run tables (columns, nulls, values)', async () => {
    const dir = join(root, 'roundtrip');
    const r = fakeRun();
    await writeRunRecords(dir, r);
    const expected = runTables(r);
    for (const name of ['steps', 'evals'] as const) {
      const want = expected[name];
      const arrow = fromArrow(readFileSync(join(dir, `${name}.arrow`)));
      const csv = fromCSV(readFileSync(join(dir, `${name}.csv`), 'utf8'));
      for (const t of [arrow, csv]) {
        assert.deepEqual(t.columnNames(), want.columnNames(), name);
        assert.equal(t.numRows(), want.numRows(), name);
        for (const c of want.columnNames()) {
          assert.deepEqual(Array.from(t.array(c)), Array.from(want.array(c)), `${name}.${c}`);
        }
      }
    }
  });

  test('writing again replaces the files (no stale rows)', async () => {
    const dir = join(root, 'again');
    await writeRunRecords(dir, fakeRun());
    const shorter = { ...fakeRun(), steps: fakeRun().steps.slice(0, 1), totalSteps: 1 };
    await writeRunRecords(dir, shorter);
    assert.equal(fromCSV(readFileSync(join(dir, 'steps.csv'), 'utf8')).numRows(), 1);
    assert.equal(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')).totalSteps, 1);
  });
});

describe('writeFileAtomic', () => {
  let root = '';
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'isgrad-atomic-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('writes through `<path>.tmp-<pid>-<r>` and a rename: the content is complete, dead writers’ temps are gone', () => {
    const p = join(root, 'f.txt');
    writeFileSync(p, 'x'.repeat(1000)); // an older, longer file
    const dead = spawnSync(process.execPath, ['-e', '0']).pid; // a process that has exited
    writeFileSync(`${p}.tmp-${dead}`, 'stale temp from a crashed write');
    writeFileAtomic(p, 'new');
    assert.equal(readFileSync(p, 'utf8'), 'new');
    assert.deepEqual(readdirSync(root), ['f.txt']);
    writeFileAtomic(p, Uint8Array.of(1, 2, 3));
    assert.deepEqual([...readFileSync(p)], [1, 2, 3]);
  });

  test('when the rename fails, the target is untouched and the error surfaces', () => {
    const p = join(root, 'is-a-dir');
    mkdirSync(p);
    writeFileSync(join(p, 'keep'), 'k');
    assert.throws(() => writeFileAtomic(p, 'data'), /EISDIR|ENOTEMPTY|EEXIST|EPERM/);
    assert.equal(readFileSync(join(p, 'keep'), 'utf8'), 'k');
    // The temporary of the failed rename is removed too.
    assert.deepEqual(
      readdirSync(root).filter((n) => n.startsWith('is-a-dir.tmp-')),
      [],
    );
  });
});
