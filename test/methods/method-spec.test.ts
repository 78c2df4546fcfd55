import '../../src/builtins.js';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTrainArgs } from '../../src/cli/parse-train-args.js';
import {
  getMethod,
  methodNames,
  registerMethod,
  resolveMethodOptions,
} from '../../src/methods/method-spec.js';
import { optionFlag, type OptionValue } from '../../src/options/option-spec.js';
import { resolveConfig } from '../../src/train/resolve-config.js';

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
      /--J \(method test-opts\) must be an integer ≥ 1, got 1.5/,
    );
    assert.throws(
      () => resolveMethodOptions('test-opts', { beta: 2 }),
      /--beta \(method test-opts\) must be a number in \[0, 1\], got 2/,
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

describe('one route for method hyper-parameters', () => {
  const base = { task: 'poly6' };
  // Every option some method declares, with a valid value of its kind.
  const declared = new Map<string, OptionValue>();
  for (const m of methodNames()) {
    for (const [k, o] of Object.entries(getMethod(m).options ?? {})) declared.set(k, o.default);
  }

  test('for every registered method, an option it does not declare is an error naming the flag', () => {
    assert.ok(methodNames().length >= 20, `only ${methodNames().length} methods registered`);
    for (const m of methodNames()) {
      const own = Object.keys(getMethod(m).options ?? {});
      const foreign = [...declared.keys()].filter((k) => !own.includes(k));
      assert.ok(foreign.length > 0, `${m}: no foreign option to test`);
      for (const k of [...foreign, 'notAnOption']) {
        const re = new RegExp(
          `method '${m}' has no option --${optionFlag(k)}; ` +
            (own.length > 0 ? 'its options: ' : 'it takes no options'),
        );
        assert.throws(
          () => resolveConfig({ ...base, method: m, methodOptions: { [k]: declared.get(k) ?? 1 } }),
          re,
          `${m} accepted ${k}`,
        );
      }
    }
  });

  test('--method uniform --alpha 0.5 and --method emais --alpha 0.5 are errors (CLI and config)', () => {
    assert.throws(
      () => resolveConfig({ ...base, method: 'uniform', methodOptions: { alpha: 0.5 } }),
      /method 'uniform' has no option --alpha; it takes no options/,
    );
    assert.throws(
      () => parseTrainArgs(['--task', 'poly6', '--method', 'uniform', '--alpha', '0.5']),
      /unknown or malformed option --alpha: method 'uniform' has no option --alpha \(it takes no options; --alpha belongs to is, as/,
    );
    assert.throws(
      () => parseTrainArgs(['--task', 'poly6', '--method', 'emais', '--alpha', '0.5']),
      /method 'emais' has no option --alpha \(its options: --tau, --max-dup/,
    );
    // the old top-level field is not silently ignored
    assert.throws(
      () => resolveConfig({ ...base, method: 'is', alpha: 0.5 } as Parameters<typeof resolveConfig>[0]),
      /alpha is a method option: pass methodOptions: \{ alpha: … \} \(CLI --alpha\)/,
    );
  });

  test('bad values name the flag, the method and the declared range', () => {
    const cli = (m: string, ...flags: string[]) =>
      resolveConfig(parseTrainArgs(['--task', 'poly6', '--method', m, ...flags]).config);
    assert.throws(
      () => cli('is', '--alpha', '1'),
      /^RangeError: --alpha \(method is\) must be a number in \[0, 1\), got 1$/,
    );
    assert.throws(
      () => cli('omis', '--alpha=-0.1'),
      /--alpha \(method omis\) must be a number in \[0, 1\), got -0\.1/,
    );
    assert.throws(() => cli('as', '--eps=-1'), /--eps \(method as\) must be a number ≥ 0, got -1/);
    assert.throws(
      () => cli('lis', '--eps-mode', 'rel'),
      /--eps-mode \(method lis\) must be one of relative, absolute, got "rel"/,
    );
    assert.throws(
      () => cli('omis', '--beta', '0.9995'),
      /--beta \(method omis\) must be a number in \[0, 0\.999\], got 0\.9995/,
    );
    assert.throws(
      () => cli('emais', '--max-dup', '0'),
      /--max-dup \(method emais\) must be a number > 0, got 0/,
    );
    assert.throws(
      () => cli('omis', '--accumulate', 'b'),
      /--accumulate \(method omis\) must be one of A, Ab, got "b"/,
    );
    assert.throws(
      () => cli('mis-bh', '--nodes', 'all'),
      /--nodes \(method mis-bh\) must be one of groups, top, got "all"/,
    );
    const c = cli('mis-bh', '--alpha', '0.3', '--eps-mode', 'absolute');
    // `nodes` (MIS techniques from output nodes) is read by the estimator, so it is a method option but not a sampler option
    assert.deepEqual(c.methodOptions, {
      J: 2,
      alloc: [],
      alpha: 0.3,
      eps: 1e-3,
      epsMode: 'absolute',
      nodes: 'groups',
    });
    assert.deepEqual(getMethod('mis-bh').samplerOptions(c), {
      J: 2,
      alloc: [],
      alpha: 0.3,
      eps: 1e-3,
      epsMode: 'absolute',
    });
  });
});
