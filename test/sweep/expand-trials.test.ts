import '../../src/builtins.js';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { countTrials, expandTrials, toTrials } from '../../src/sweep/expand-trials.js';
import { shardTrials } from '../../src/sweep/shard-trials.js';
import { validateSweepSpec } from '../../src/sweep/sweep-spec.js';

const spec = (o: object) => validateSweepSpec({ name: 's', seeds: [1, 2], ...o });

describe('expandTrials', () => {
  test('list × grid × seeds, seeds innermost, method options routed to methodOptions', () => {
    const trials = expandTrials(
      spec({
        base: { task: 'poly6', epochs: 2 },
        list: [{ method: 'is' }, { method: 'omis', beta: 0.5 }],
        grid: { lr: [0.01, 0.02] },
      }),
    );
    assert.equal(trials.length, 2 * 2 * 2);
    assert.deepEqual(
      trials.map((t) => [t.options.method, t.options.lr, t.options.seed]),
      [
        ['is', 0.01, 1],
        ['is', 0.01, 2],
        ['is', 0.02, 1],
        ['is', 0.02, 2],
        ['omis', 0.01, 1],
        ['omis', 0.01, 2],
        ['omis', 0.02, 1],
        ['omis', 0.02, 2],
      ],
    );
    assert.deepEqual(trials[4].options.methodOptions, { beta: 0.5 });
    assert.deepEqual(trials[4].values, { method: 'omis', beta: 0.5, lr: 0.01 });
    assert.equal(trials[5].label, 'poly6/omis beta=0.5 lr=0.01 seed=2');
    assert.deepEqual(
      trials.map((t) => t.index),
      [0, 1, 2, 3, 4, 5, 6, 7],
    );
    assert.equal(new Set(trials.map((t) => t.id)).size, trials.length);
  });

  test('trial ids are stable across key order and equal for equal resolved configs', () => {
    const a = expandTrials(
      spec({ base: { task: 'poly6', method: 'omis', epochs: 2, lr: 0.02 }, grid: { beta: [0.5], J: [2] } }),
    );
    const b = expandTrials(
      spec({ base: { lr: 0.02, epochs: 2, method: 'omis', task: 'poly6' }, grid: { J: [2], beta: [0.5] } }),
    );
    assert.deepEqual(
      a.map((t) => t.id),
      b.map((t) => t.id),
    );
    // lr 0.02 is poly6's default: giving it explicitly resolves to the same config, hence the same id
    const c = expandTrials(
      spec({ base: { task: 'poly6', method: 'omis', epochs: 2 }, grid: { beta: [0.5], J: [2] } }),
    );
    assert.deepEqual(
      c.map((t) => t.id),
      a.map((t) => t.id),
    );
    const d = expandTrials(
      spec({ base: { task: 'poly6', method: 'omis', epochs: 3 }, grid: { beta: [0.5], J: [2] } }),
    );
    assert.notEqual(d[0].id, a[0].id);
    assert.match(a[0].id, /^[0-9a-f]{12}$/);
  });

  test('an unknown key fails before anything runs, naming the key and the trial', () => {
    assert.throws(
      () => expandTrials(spec({ base: { task: 'poly6', method: 'is' }, grid: { gamma2: [1] } })),
      /sweep 's', trial 0 \(gamma2=1, seed=1\): unknown key 'gamma2': not a config key and not an option of method 'is'/,
    );
    // 'beta' is an option of omis but not of is: the message names the method's options
    assert.throws(
      () =>
        expandTrials(
          spec({
            base: { task: 'poly6' },
            list: [
              { method: 'omis', beta: 0.5 },
              { method: 'is', beta: 0.5 },
            ],
          }),
        ),
      /trial 2 \(method="is", beta=0.5, seed=1\): unknown key 'beta'/,
    );
  });

  test('an invalid value fails before anything runs, naming the value and the trial', () => {
    assert.throws(
      () => expandTrials(spec({ base: { task: 'poly6', method: 'omis' }, grid: { beta: [0.5, 1.5] } })),
      /trial 2 \(beta=1.5, seed=1\): --beta \(method omis\) must be a number in \[0, 0.999\], got 1.5/,
    );
    assert.throws(
      () => expandTrials(spec({ base: { task: 'poly6', method: 'is' }, grid: { lr: [-1] } })),
      /trial 0 \(lr=-1, seed=1\): lr must be a positive number, got -1/,
    );
    assert.throws(
      () => expandTrials(spec({ base: { task: 'poly7', method: 'is' } })),
      /unknown task 'poly7'|task 'poly7'/,
    );
    assert.throws(
      () => expandTrials(spec({ base: { task: 'poly6' } })),
      /trial 0 \(seed=1\): 'method' must be a method name/,
    );
  });

  test('two trials with the same resolved config are an error', () => {
    assert.throws(
      () => expandTrials(spec({ base: { task: 'poly6', method: 'is' }, grid: { lr: [0.02, 0.02] } })),
      /trial 2 \(lr=0.02, seed=1\): same resolved config as trial 0/,
    );
  });
});

describe('toTrials', () => {
  test('validates plain run options, hashes them like sweep trials, and merges runs with equal configs', () => {
    const trials = toTrials([
      { task: 'poly6', method: 'is', seed: 1, epochs: 2 },
      { task: 'poly6', method: 'is', seed: 2, epochs: 2 },
      { epochs: 2, seed: 1, method: 'is', task: 'poly6', lr: 0.02 }, // = the first (0.02 is poly6's default lr)
    ]);
    assert.equal(trials.length, 2);
    assert.deepEqual(
      trials.map((t) => t.index),
      [0, 1],
    );
    const fromSpec = expandTrials(spec({ base: { task: 'poly6', method: 'is', epochs: 2 } }));
    assert.deepEqual(
      trials.map((t) => t.id),
      fromSpec.map((t) => t.id),
    );
    assert.throws(
      () => toTrials([{ task: 'poly6', method: 'is', lr: 0 }]),
      /runs\[0\] \(poly6\/is\): lr must be a positive number/,
    );
  });

  test('a number written as a JSON string ("lr": "0.01") is named as a string, not as the number it looks like', () => {
    assert.throws(
      () => expandTrials(spec({ base: { task: 'poly6', method: 'is', lr: '0.01' } })),
      /sweep 's', trial 0 \(.*\): lr must be a positive number, got the string "0\.01" \(write the number without quotes\)/,
    );
  });
});

describe('huge sweeps', () => {
  const huge = validateSweepSpec({
    name: 'huge',
    base: { task: 'poly6', method: 'omis', epochs: 1 },
    grid: {
      beta: Array.from({ length: 1000 }, (_, i) => i / 1000),
      lr: Array.from({ length: 100 }, (_, i) => 0.001 * (i + 1)),
    },
    seeds: Array.from({ length: 10 }, (_, i) => i + 1),
  });

  test('a 10^6-trial grid is refused at once with its count and how to shard it', () => {
    assert.equal(countTrials(huge), 1_000_000);
    const t0 = performance.now();
    assert.throws(
      () => expandTrials(huge),
      /sweep 'huge' has 1000000 trials \(1 list variants × 1000 beta × 100 lr × 10 seeds\); at most 100000 run in one call: split it into shards \(isgrad sweep SPEC --shard k\/10 for k = 1\.\.10/,
    );
    assert.ok(performance.now() - t0 < 1000, 'refused without expanding');
  });

  test('a shard expands only its own trials, the same ones shardTrials picks from the full list', () => {
    const small = validateSweepSpec({
      ...huge,
      grid: { beta: [0, 0.5, 0.9] },
      list: [{ lr: 0.01 }, { lr: 0.02 }],
      seeds: [1, 2],
    });
    const all = expandTrials(small);
    for (const k of [1, 2, 3]) {
      const part = expandTrials(small, { shard: { k, n: 3 } });
      assert.deepEqual(part, shardTrials(all, { k, n: 3 }));
    }
    assert.deepEqual(
      all.slice(0, 3).map((t) => [t.values.lr, t.values.beta, t.options.seed]),
      [
        [0.01, 0, 1],
        [0.01, 0, 2],
        [0.01, 0.5, 1],
      ],
    );
  });
});
