import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTrainArgs } from '../../src/cli/parse-train-args.js';
import { getMethod, optionFlag, registerMethod, resolveMethodOptions } from '../../src/train/methods.js';
import { resolveConfig } from '../../src/train/trainer.js';

// A throw-away method with one option of each kind, registered once for this file.
registerMethod(
  {
    name: 'test-opts',
    sampler: 'uniform',
    description: 'method-option test fixture',
    usesImportance: false,
    options: {
      J: { kind: 'int', default: 2, min: 1, help: 'techniques' },
      beta: { kind: 'number', default: 0.7, min: 0, max: 1, help: 'momentum' },
      mode: { kind: 'enum', default: 'a', values: ['a', 'b'], help: 'mode' },
      lrAdjust: { kind: 'boolean', default: true, help: 'adjust' },
      alloc: { kind: 'list', default: [], help: 'allocation' },
    },
    samplerOptions: () => ({}),
  },
  { override: true },
);

describe('method options', () => {
  test('defaults fill in; given values are kept', () => {
    assert.deepEqual(resolveMethodOptions('test-opts', { beta: 0.9 }), {
      J: 2,
      beta: 0.9,
      mode: 'a',
      lrAdjust: true,
      alloc: [],
    });
    assert.deepEqual(resolveMethodOptions('uniform'), {});
  });

  test('errors name the flag, the method and what it accepts', () => {
    assert.throws(
      () => resolveMethodOptions('test-opts', { gamma: 1 }),
      /method 'test-opts' has no option --gamma; its options: --J, --beta, --mode, --lr-adjust, --alloc/,
    );
    assert.throws(
      () => resolveMethodOptions('uniform', { J: 1 }),
      /method 'uniform' has no option --J; it takes no options/,
    );
    assert.throws(
      () => resolveMethodOptions('test-opts', { J: 1.5 }),
      /--J \(method test-opts\) must be an integer, got 1.5/,
    );
    assert.throws(
      () => resolveMethodOptions('test-opts', { beta: 2 }),
      /--beta \(method test-opts\) must be in \[0, 1\], got 2/,
    );
    assert.throws(() => resolveMethodOptions('test-opts', { mode: 'c' }), /must be one of a, b, got "c"/);
    assert.equal(optionFlag('maxDup'), 'max-dup');
    assert.equal(optionFlag('J'), 'J');
    assert.equal(getMethod('test-opts').options?.J.default, 2);
  });

  test('CLI flags come from the chosen method; resolveConfig stores them', () => {
    const a = parseTrainArgs([
      '--task',
      'poly6',
      '--method',
      'test-opts',
      '--J',
      '4',
      '--lr-adjust',
      'false',
      '--alloc',
      '1,3',
    ]);
    assert.deepEqual(a.config.methodOptions, { J: 4, lrAdjust: false, alloc: [1, 3] });
    assert.throws(
      () => parseTrainArgs(['--task', 'poly6', '--method', 'is', '--J', '4']),
      /unknown or malformed option --J/,
    );
    assert.throws(
      () => parseTrainArgs(['--task', 'poly6', '--method', 'test-opts', '--lr-adjust', 'yes']),
      /--lr-adjust must be true or false/,
    );
    const c = resolveConfig({ ...a.config });
    assert.deepEqual(c.methodOptions, { J: 4, beta: 0.7, mode: 'a', lrAdjust: false, alloc: [1, 3] });
  });
});
