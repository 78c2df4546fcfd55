import '../../src/builtins.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runOrLoad } from '../../src/experiments/run-or-load.js';
import { checkConfigKeys, resolveConfig } from '../../src/train/resolve-config.js';
import { train } from '../../src/train/train.js';
import { createTrainer } from '../../src/train/trainer.js';
import type { TrainConfig } from '../../src/train/config.js';

type Options = Partial<TrainConfig> & Pick<TrainConfig, 'task' | 'method'>;
/** A config with keys TrainConfig does not have, as plain JavaScript (a notebook cell) would pass it. */
const loose = (o: object) => o as unknown as Options;

describe('checkConfigKeys: unknown top-level keys of a library config', () => {
  it('a mistyped key is an error naming it, with the nearest key, in train, createTrainer, runOrLoad and resolveConfig', async () => {
    const typo = loose({ task: 'poly6', method: 'is', learningRate: 3, bacthSize: 7 });
    const root = mkdtempSync(join(tmpdir(), 'isgrad-keys-'));
    try {
      await assert.rejects(
        train(typo),
        /^Error: train: unknown config key 'learningRate'; allowed: task, method, seed/,
      );
      await assert.rejects(
        train(loose({ task: 'poly6', method: 'is', bacthSize: 7 })),
        /train: unknown config key 'bacthSize' \(did you mean 'batchSize'\?\); allowed: task, method/,
      );
      await assert.rejects(createTrainer(typo), /^Error: createTrainer: unknown config key 'learningRate'/);
      await assert.rejects(
        runOrLoad(loose({ task: 'poly6', method: 'is', lrr: 5 }), root),
        /runOrLoad: unknown config key 'lrr' \(did you mean 'lr'\?\)/,
      );
      assert.ok(!existsSync(join(root, 'poly6')), 'nothing stored for a config with a typo');
      assert.throws(() => resolveConfig(typo), /config: unknown config key 'learningRate'/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("a method's own option at the top level says to pass it in methodOptions", () => {
    assert.throws(
      () => checkConfigKeys({ task: 'poly6', method: 'omis', beta: 0.5 }, 'train'),
      /train: 'beta' is an option of method 'omis': pass methodOptions: \{ beta: … \} \(CLI --beta\)/,
    );
  });

  it('null, an array or a number is an error saying what a config looks like (not "reading \'out\'")', async () => {
    await assert.rejects(
      train(null as unknown as Options),
      /^TypeError: train: the config must be an object such as \{ task: 'poly6', method: 'is' \}, got null$/,
    );
    await assert.rejects(
      runOrLoad(null as unknown as Options, 'unused'),
      /runOrLoad: the config must be an object/,
    );
    assert.throws(() => checkConfigKeys([], 'train'), /got an array$/);
    assert.throws(() => checkConfigKeys(3, 'train'), /got number$/);
  });

  it('every TrainConfig key passes', () => {
    const all = resolveConfig({ task: 'poly6', method: 'is' });
    assert.doesNotThrow(() => checkConfigKeys(all, 'train'));
  });
});

describe('resolveConfig: a number given as a string says it is a string', () => {
  it('"lr": "0.01" (e.g. from a JSON spec) names the string', () => {
    assert.throws(
      () => resolveConfig(loose({ task: 'poly6', method: 'is', lr: '0.01' })),
      /^RangeError: lr must be a positive number, got the string "0\.01" \(write the number without quotes\)$/,
    );
    assert.throws(
      () => resolveConfig(loose({ task: 'poly6', method: 'is', epochs: '3' })),
      /epochs must be an integer ≥ 1, got the string "3"/,
    );
    assert.throws(
      () => resolveConfig(loose({ task: 'poly6', method: 'is', seed: '1' })),
      /seed must be an integer in \[0, 2\^53 − 1\], got the string "1"/,
    );
  });
});
