import '../../src/builtins.js';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTrainArgs } from '../../src/cli/parse-train-args.js';

describe('parseTrainArgs', () => {
  test('maps flags to config fields with types', () => {
    const a = parseTrainArgs([
      '--task',
      'poly6',
      '--method',
      'is',
      '--epochs',
      '3',
      '--batch',
      '16',
      '--lr',
      '0.05',
      '--alpha',
      '0.2',
      '--milestones',
      '10,20',
      '--eps-mode',
      'absolute',
      '--json',
    ]);
    assert.deepEqual(a.config, {
      task: 'poly6',
      method: 'is',
      epochs: 3,
      batchSize: 16,
      lr: 0.05,
      milestones: [10, 20],
      methodOptions: { alpha: 0.2, epsMode: 'absolute' }, // declared options of 'is'
    });
    assert.equal(a.json, true);
    assert.equal(a.quiet, false);
  });
  test('every bad input names the option and the allowed values', () => {
    const base = ['--task', 'poly6', '--method', 'is'];
    assert.throws(
      () => parseTrainArgs([...base, '--frobnicate', '1']),
      /unknown or malformed option --frobnicate; allowed: --task, --method/,
    );
    assert.throws(
      () => parseTrainArgs([...base, '--optimizer', 'rmsprop']),
      /--optimizer: 'rmsprop' is not allowed; allowed values: sgd, adam/,
    );
    assert.throws(
      () => parseTrainArgs([...base, '--epochs', '2.5']),
      /--epochs must be an integer, got '2.5'/,
    );
    assert.throws(() => parseTrainArgs([...base, '--lr', 'fast']), /--lr must be a number, got 'fast'/);
    assert.throws(
      () => parseTrainArgs([...base, '--backend', 'gpu']),
      /allowed values: auto, tensorflow-gpu, tensorflow, wasm, cpu/,
    );
    assert.throws(
      () => parseTrainArgs([...base, '--milestones', '1,x']),
      /--milestones must be a comma-separated list/,
    );
    assert.throws(() => parseTrainArgs(['--method', 'is']), /--task is required/);
    assert.throws(() => parseTrainArgs(['--task', 'poly6']), /--method is required/);
  });
});
