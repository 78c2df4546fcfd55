import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseReproduceArgs, reproduceUsage } from '../../src/cli/parse-reproduce-args.js';

describe('parseReproduceArgs', () => {
  test('absent flags take the defaults; values are parsed', () => {
    assert.deepEqual(parseReproduceArgs([]), {
      options: { scale: 'quick', seeds: [1, 2, 3], only: [], results: 'results', figures: 'figures' },
      quiet: false,
      help: false,
      list: false,
    });
    const a = parseReproduceArgs([
      '--scale',
      'full',
      '--seeds',
      '0,7',
      '--only',
      'core,emais',
      '--results',
      'r',
    ]);
    assert.deepEqual(a.options, {
      scale: 'full',
      seeds: [0, 7],
      only: ['core', 'emais'],
      results: 'r',
      figures: 'figures',
    });
    assert.equal(parseReproduceArgs(['--seeds=4', '--quiet']).quiet, true);
  });

  test('--backend names the backend of every run; an unknown one lists the allowed values', () => {
    assert.equal(parseReproduceArgs(['--backend', 'tensorflow']).options.backend, 'tensorflow');
    assert.equal(parseReproduceArgs(['--backend=wasm']).options.backend, 'wasm');
    assert.throws(
      () => parseReproduceArgs(['--backend', 'tpu']),
      /--backend: 'tpu' is not allowed; allowed values: auto, tensorflow-gpu, tensorflow, wasm, cpu/,
    );
    assert.throws(() => parseReproduceArgs(['--backend', '']), /--backend: the value is empty/);
  });

  test('--only takes figure ids; --set repeats and keeps its values as text; --list', () => {
    const a = parseReproduceArgs([
      '--only',
      'mis/fig2-poly6',
      '--set',
      'lr=0.05',
      '--set',
      'seeds=1-5',
      '--list',
    ]);
    assert.deepEqual(a.options.only, ['mis/fig2-poly6']);
    assert.deepEqual(a.options.set, { lr: '0.05', seeds: '1-5' }); // read in each figure's declared kind later
    assert.equal(a.list, true);
  });

  test('--workers takes an integer ≥ 1 (the runner default, one per core, when absent)', () => {
    assert.equal(parseReproduceArgs(['--workers', '2']).options.workers, 2);
    assert.equal('workers' in parseReproduceArgs([]).options, false);
  });

  test('empty values, empty items, unknown parts: errors naming the flag and the allowed values', () => {
    const cases: [string[], RegExp][] = [
      [['--seeds', '1,,2'], /--seeds: item 2 of '1,,2' is empty; give comma-separated non-negative integers/],
      [
        ['--seeds', ''],
        /--seeds: the value is empty; give comma-separated non-negative integers, e\.g\. 1,2,3/,
      ],
      [['--seeds', '1,2,'], /--seeds: item 3 of '1,2,' is empty/],
      [['--seeds', '1.5'], /--seeds: item 1 of '1\.5' is '1\.5'/],
      [['--seeds', '-1'], /--seeds/],
      [['--seeds', '1e20'], /--seeds: item 1 of '1e20' is '1e20'/],
      [['--seeds', '99999999999999999999'], /≤ 2\^53 − 1/],
      [['--seeds', '1,1'], /--seeds: seed 1 appears twice/],
      [
        ['--only', ''],
        /--only: the value is empty; allowed parts: core, mis, emais, baselines, pointcloud, pmf-distance, emais-traces, emais-extra, emais-studies, asis-fig1, asis-fig8, asis-fig10, omis-mnist, ablations/,
      ],
      [
        ['--only', 'nosuchpart'],
        /--only: 'nosuchpart' in 'nosuchpart' is neither a part nor a figure id; parts: core, mis, emais, baselines, pointcloud, pmf-distance, emais-traces, emais-extra, emais-studies, asis-fig1, asis-fig8, asis-fig10, omis-mnist, ablations; figure ids: core\/poly6-excess-loss, mis\/fig1-toy2d/,
      ],
      [['--only', 'core,,mis'], /--only: '' in 'core,,mis' is neither a part nor a figure id; parts: core/],
      [['--set', 'lr'], /--set: 'lr' is not NAME=VALUE; e\.g\. --set lr=0\.05/],
      [['--set', 'lr=1', '--set', 'lr=2'], /--set: setting lr is given twice \('1', '2'\)/],
      [['--only', 'core,core'], /--only: 'core,core' names a part twice/],
      [['--scale', 'huge'], /--scale: 'huge' is not allowed; allowed values: quick, full/],
      [['--scale', ''], /--scale: the value is empty; allowed values: quick, full/],
      [['--results', ''], /--results: the value is empty; give a folder path/],
      [['--figures', ''], /--figures: the value is empty/],
      [['--seeds', '1', '--seeds', '2'], /--seeds is given more than once/],
      [['--wat'], /Unknown option '--wat'/],
      [['--workers', '0'], /--workers: '0' is not allowed; give an integer in \[1, 256\]/],
      [['--workers', '1.5'], /--workers: '1\.5' is not allowed/],
      [['--workers', ''], /--workers: '' is not allowed/],
      [['stray'], /Unexpected argument 'stray'/],
    ];
    for (const [args, re] of cases) {
      assert.throws(() => parseReproduceArgs(args), re, args.join(' '));
    }
  });

  test('help names every part and states the exit-code rule', () => {
    assert.equal(parseReproduceArgs(['--help']).help, true);
    const u = reproduceUsage();
    assert.match(
      u,
      /core, mis, emais, baselines, pointcloud, pmf-distance, emais-traces, emais-extra, emais-studies, asis-fig1, asis-fig8, asis-fig10, omis-mnist, ablations/,
    );
    assert.match(
      u,
      /Exit code: 0 when every selected part ran or was skipped for missing optional data; 1 when a/,
    );
  });
});
