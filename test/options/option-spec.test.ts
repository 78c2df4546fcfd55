import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkOption,
  describeOption,
  optionFlag,
  resolveOptions,
  type OptionSpec,
} from '../../src/options/option-spec.js';

const unit: OptionSpec = { kind: 'number', default: 0.5, min: 0, max: 1, maxExclusive: true, help: '' };
const positive: OptionSpec = { kind: 'number', default: 1, min: 0, minExclusive: true, help: '' };
const count: OptionSpec = { kind: 'int', default: 2, min: 1, help: '' };

describe('declared options', () => {
  test('optionFlag turns camelCase into the CLI flag', () => {
    assert.equal(optionFlag('epsMode'), 'eps-mode');
    assert.equal(optionFlag('maxDup'), 'max-dup');
    assert.equal(optionFlag('J'), 'J');
  });

  test('describeOption writes the declared interval, open where declared', () => {
    assert.equal(describeOption(unit), 'a number in [0, 1)');
    assert.equal(describeOption(positive), 'a number > 0');
    assert.equal(describeOption(count), 'an integer ≥ 1');
    assert.equal(describeOption({ kind: 'number', default: 0, help: '' }), 'a finite number');
    assert.equal(describeOption({ kind: 'enum', default: 'a', values: ['a', 'b'], help: '' }), 'one of a, b');
  });

  test('checkOption accepts the boundary values the declaration includes, rejects the others', () => {
    assert.doesNotThrow(() => checkOption('x', unit, 0));
    assert.doesNotThrow(() => checkOption('x', unit, 0.999999));
    assert.throws(
      () => checkOption('--alpha (method is)', unit, 1),
      /^RangeError: --alpha \(method is\) must be a number in \[0, 1\), got 1$/,
    );
    assert.throws(() => checkOption('x', positive, 0), /x must be a number > 0, got 0/);
    assert.doesNotThrow(() => checkOption('x', positive, 1e-9));
    assert.throws(() => checkOption('x', count, 1.5), /x must be an integer ≥ 1, got 1\.5/);
    assert.throws(() => checkOption('x', unit, NaN), /x must be a number in \[0, 1\), got NaN/);
    assert.throws(
      () => checkOption('x', { kind: 'enum', default: 'a', values: ['a', 'b'], help: '' }, 'c'),
      /x must be one of a, b, got "c"/,
    );
    assert.throws(() => checkOption('x', { kind: 'boolean', default: true, help: '' }, 1), /true or false/);
    assert.throws(
      () => checkOption('x', { kind: 'list', default: [], help: '' }, [1, NaN]),
      /a list of numbers/,
    );
  });

  test('resolveOptions fills defaults, checks values and rejects unknown keys', () => {
    const specs = { a: unit, n: count };
    assert.deepEqual(resolveOptions('s', specs, {}), { a: 0.5, n: 2 });
    assert.deepEqual(resolveOptions('s', specs, { n: 3 }), { a: 0.5, n: 3 });
    assert.throws(
      () => resolveOptions('s', specs, { a: 1 }),
      /^RangeError: s: option a must be a number in \[0, 1\), got 1$/,
    );
    assert.throws(() => resolveOptions('s', specs, { b: 1 }), /s: unknown option 'b'; allowed options: a, n/);
  });
});
