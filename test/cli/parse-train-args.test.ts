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
    // Number() alone reads these as 16, 3 and 8: a value nobody meant as a learning rate or a batch size.
    for (const raw of ['0x10', '0b11', '0o10']) {
      assert.throws(
        () => parseTrainArgs([...base, '--lr', raw]),
        new RegExp(`--lr must be a number, got '${raw}' \\(write it in decimal, e\\.g\\. 0\\.01 or 1e-3\\)`),
      );
      assert.throws(() => parseTrainArgs([...base, '--batch', raw]), /--batch must be an integer, got '0/);
      assert.throws(
        () => parseTrainArgs([...base, '--milestones', `5,${raw}`]),
        /--milestones must be a comma/,
      );
    }
    for (const [raw, v] of [
      ['1e-3', 0.001],
      ['.5', 0.5],
      ['+2.', 2],
    ] as const) {
      assert.equal(parseTrainArgs([...base, '--lr', raw]).config.lr, v, raw);
    }
    assert.throws(
      () => parseTrainArgs([...base, '--bacth', '7']),
      /unknown or malformed option --bacth \(did you mean --batch\?\); allowed: --task/,
    );
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
  test("a negative number after a space: Node's hint to write --flag=-value is kept", () => {
    const base = ['--task', 'poly6', '--method', 'is'];
    assert.throws(
      () => parseTrainArgs([...base, '--alpha', '-0.5']),
      /^Error: --alpha: the value '-0\.5' starts with a dash, so it reads as a flag; write --alpha=-0\.5$/,
    );
    assert.throws(() => parseTrainArgs([...base, '--lr']), /^Error: --lr needs a value, e\.g\. --lr=VALUE$/);
    // with '=' the value reaches the option's own range check
    assert.equal(parseTrainArgs([...base, '--alpha=-0.5']).config.methodOptions?.alpha, -0.5);
  });

  test('a repeated flag is an error naming it, for every flag (no first-wins or last-wins)', () => {
    const base = ['--task', 'poly6', '--method', 'is'];
    assert.throws(
      () => parseTrainArgs([...base, '--method', 'uniform']),
      /^Error: --method is given more than once \('is', 'uniform'\); give it once$/,
    );
    assert.throws(
      () => parseTrainArgs(['--task', 'poly6', '--method=uniform', '--method', 'is']),
      /^Error: --method is given more than once \('uniform', 'is'\)/,
    );
    assert.throws(
      () => parseTrainArgs([...base, '--epochs', '2', '--epochs', '3']),
      /^Error: --epochs is given more than once \('2', '3'\); give it once$/,
    );
    assert.throws(
      () => parseTrainArgs([...base, '--alpha', '0.1', '--alpha=0.2']),
      /^Error: --alpha is given more than once/,
    );
    assert.throws(
      () => parseTrainArgs([...base, '--json', '--json']),
      /^Error: --json is given more than once/,
    );
  });

  test('integers must be safe integers: --seed 1e20 (above 2^53) is rejected', () => {
    const base = ['--task', 'poly6', '--method', 'is'];
    assert.throws(
      () => parseTrainArgs([...base, '--seed', '1e20']),
      /^Error: --seed must be an integer within ±\(2\^53 − 1\), got '1e20'$/,
    );
    assert.throws(() => parseTrainArgs([...base, '--data-seed', '9007199254740993']), /--data-seed must be/);
    assert.equal(parseTrainArgs([...base, '--seed', '9007199254740991']).config.seed, 2 ** 53 - 1);
  });
});
