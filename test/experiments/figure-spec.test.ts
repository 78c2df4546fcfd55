import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  changedSettingsSentence,
  coerceSetting,
  commonSettings,
  resolveFigureSettings,
  variantSuffix,
} from '../../src/experiments/figure-spec.js';
import type { OptionSpecs } from '../../src/options/option-spec.js';

const spec = {
  id: 'test/fig',
  settings: {
    ...commonSettings,
    lr: { kind: 'number', default: 0.02, min: 0, minExclusive: true, help: 'η' },
    fast: { kind: 'boolean', default: false, help: 'fast' },
  } satisfies OptionSpecs,
};

describe('resolveFigureSettings', () => {
  test('declared defaults, then the job’s scale and seeds, then the set values; changed lists what set moved', () => {
    const none = resolveFigureSettings(spec, {}, {});
    assert.deepEqual(none, {
      settings: { scale: 'quick', seeds: [1, 2, 3], lr: 0.02, fast: false },
      changed: [],
    });
    const job = resolveFigureSettings(spec, { seeds: [4] }, {});
    assert.deepEqual(job.settings.seeds, [4]);
    assert.deepEqual(job.changed, [], 'the job’s --seeds is the default of this job, not a change');
    const set = resolveFigureSettings(spec, { seeds: [4] }, { lr: 0.05, seeds: [1, 2], fast: false });
    assert.deepEqual(set.settings, { scale: 'quick', seeds: [1, 2], lr: 0.05, fast: false });
    assert.deepEqual(set.changed, ['seeds', 'lr'], 'fast = its default is not a change');
  });

  test('text values (the CLI) are read in the declared kind: numbers, seeds ranges and lists, booleans', () => {
    const r = resolveFigureSettings(spec, {}, { lr: '0.05', seeds: '1-5', fast: 'true', scale: 'full' });
    assert.deepEqual(r.settings, { scale: 'full', seeds: [1, 2, 3, 4, 5], lr: 0.05, fast: true });
    assert.deepEqual(resolveFigureSettings(spec, {}, { seeds: '1,2' }).settings.seeds, [1, 2]);
    assert.equal(
      coerceSetting(spec.settings.lr, 'abc'),
      'abc',
      'left as text: the error shows what was typed',
    );
  });

  test('an unknown setting or a value out of range names the figure, the setting and the allowed values', () => {
    assert.throws(
      () => resolveFigureSettings(spec, {}, { nosuch: 1 }),
      /^Error: figure test\/fig: unknown setting 'nosuch'; its settings: scale \(one of quick, full\), seeds \(a list of numbers\), lr \(a number > 0\), fast \(true or false\)$/,
    );
    assert.throws(
      () => resolveFigureSettings(spec, {}, { lr: -1 }),
      /^RangeError: figure test\/fig: setting lr must be a number > 0, got -1$/,
    );
    assert.throws(
      () => resolveFigureSettings(spec, {}, { lr: 'abc' }),
      /setting lr must be a number > 0, got "abc"/,
    );
    assert.throws(
      () => resolveFigureSettings(spec, {}, { scale: 'huge' }),
      /setting scale must be one of quick, full/,
    );
    assert.throws(
      () => resolveFigureSettings(spec, {}, { seeds: [1.5] }),
      /setting seeds must be a non-empty list of non-negative integers, got \[1\.5\]/,
    );
    assert.throws(() => resolveFigureSettings(spec, {}, { seeds: [] }), /non-empty list/);
    assert.throws(() => resolveFigureSettings(spec, {}, { seeds: '2,2' }), /lists seed 2 twice/);
  });
});

describe('a figure made with changed settings', () => {
  test('is written under a name carrying them, and its caption says what differs from which default', () => {
    const r = resolveFigureSettings(spec, {}, { lr: 0.05, seeds: '1,2' });
    assert.equal(variantSuffix(r.settings, r.changed), '.seeds-1-2.lr-0.05');
    assert.equal(variantSuffix(r.settings, []), '');
    assert.equal(
      changedSettingsSentence(spec, {}, r.settings, r.changed),
      'Settings changed from the defaults: seeds = 1, 2 (default 1, 2, 3); lr = 0.05 (default 0.02).',
    );
    assert.equal(changedSettingsSentence(spec, {}, r.settings, []), '');
  });

  test('an empty-list or empty-text default reads as such, not as "(default )"', () => {
    const withList = {
      id: 'test/list',
      settings: { ...commonSettings, alphas: { kind: 'list', default: [], help: 'α' } } satisfies OptionSpecs,
    };
    const r = resolveFigureSettings(withList, {}, { alphas: '0.3,0.5' });
    assert.deepEqual(r.changed, ['alphas']);
    assert.equal(
      changedSettingsSentence(withList, {}, r.settings, r.changed),
      'Settings changed from the defaults: alphas = 0.3, 0.5 (default empty list).',
    );
    assert.deepEqual(resolveFigureSettings(withList, {}, { alphas: [] }).changed, []);
    const withText = {
      id: 'test/text',
      settings: {
        ...commonSettings,
        methods: { kind: 'string', default: '', help: 'm' },
      } satisfies OptionSpecs,
    };
    const t = resolveFigureSettings(withText, {}, { methods: 'uniform,is' });
    assert.equal(
      changedSettingsSentence(withText, {}, t.settings, t.changed),
      'Settings changed from the defaults: methods = uniform,is (default empty).',
    );
  });
});
