import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runTables } from '../../src/records/run-tables.js';
import { fakeRun } from '../helpers/fake-run.js';

describe('runTables', () => {
  test('tags every row with task, method and seed; one row per step and per evaluation', () => {
    const { steps, evals } = runTables(fakeRun());
    assert.equal(steps.numRows(), 3);
    assert.equal(evals.numRows(), 2);
    for (const t of [steps, evals]) {
      assert.deepEqual(t.array('task'), Array(t.numRows()).fill('poly6'));
      assert.deepEqual(t.array('method'), Array(t.numRows()).fill('is'));
      assert.deepEqual(t.array('seed'), Array(t.numRows()).fill(7));
    }
    assert.deepEqual(steps.array('batchLoss'), [2.5, 1.5, 1.25]);
    assert.deepEqual(evals.array('trainLoss'), [3, 1.5]);
  });

  test('diagnostics become columns; the union of keys is kept, missing values are null', () => {
    const { steps, evals } = runTables(fakeRun());
    assert.deepEqual(steps.columnNames(), [
      'task',
      'method',
      'seed',
      'step',
      'epoch',
      'lr',
      'batchLoss',
      'ess',
      'wMax',
    ]);
    assert.ok(!steps.columnNames().includes('diagnostics'));
    assert.deepEqual(steps.array('ess'), [null, 0.8, 0.9]);
    assert.deepEqual(steps.array('wMax'), [null, 3, null]);
    // testLoss only at the last evaluation: arquero alone would drop the column (it reads the first row's keys)
    assert.deepEqual(evals.array('testLoss'), [null, 1.75]);
  });

  test('a run without steps gives an empty steps table', () => {
    const r = { ...fakeRun(), steps: [] };
    const { steps, evals } = runTables(r);
    assert.equal(steps.numRows(), 0);
    assert.equal(evals.numRows(), 2);
  });
});
