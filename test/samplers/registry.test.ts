import '../../src/builtins.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/random/rng.js';
import {
  createSampler,
  registerSampler,
  samplerNames,
  validateSamplerContext,
} from '../../src/samplers/registry.js';
import { createUniformScan } from '../../src/samplers/uniform-scan.js';
import type { SamplerContext } from '../../src/samplers/types.js';

const ctx = (n = 10, batchSize = 2): SamplerContext => ({ n, batchSize, rng: createRng(0) });

describe('sampler registry', () => {
  it('registers the built-in samplers', () => {
    const names = samplerNames();
    for (const name of ['uniform', 'uniform-replace', 'is', 'as']) assert.ok(names.includes(name), name);
    for (const name of ['uniform', 'uniform-replace', 'is', 'as']) {
      assert.equal(createSampler(name, ctx()).name, name);
    }
    const is = createSampler('is', ctx(), { alpha: 0.3, eps: 0, epsMode: 'absolute', initEpochs: 2 });
    assert.equal(is.stepsInEpoch(1), 5); // init epoch: ceil(10/2)
    assert.equal(createSampler('uniform-replace', ctx(10, 3)).stepsInEpoch(0), 3); // floor(10/3)
    assert.equal(createSampler('uniform', ctx(10, 3)).stepsInEpoch(0), 4); // ceil(10/3)
  });

  it('rejects duplicate names unless override is set', () => {
    registerSampler('test-dup', createUniformScan);
    assert.throws(
      () => registerSampler('test-dup', createUniformScan),
      /sampler 'test-dup' is already defined; pass \{ override: true \} to replace it/,
    );
    assert.throws(() => registerSampler('is', createUniformScan), /'is' is already defined/);
    let called = 0;
    registerSampler(
      'test-dup',
      (c, o) => {
        called++;
        return createUniformScan(c, o);
      },
      { override: true },
    );
    createSampler('test-dup', ctx());
    assert.equal(called, 1);
    assert.throws(
      () => registerSampler('', createUniformScan),
      /sampler name must be letters, digits, '-', '_' or '\.', not starting with '\.', got ""/,
    );
  });

  it('unknown names and unknown option keys give the allowed values', () => {
    assert.throws(
      () => createSampler('uniformm', ctx()),
      /unknown sampler 'uniformm'; allowed: uniform, uniform-replace, is, as/,
    );
    assert.throws(
      () => createSampler('is', ctx(), { alpha: 0.1, lr: 1 }),
      /unknown option 'lr' for sampler 'is'; allowed options: alpha, eps, epsMode, initEpochs/,
    );
    assert.throws(
      () => createSampler('uniform', ctx(), { alpha: 0.1 }),
      /unknown option 'alpha' for sampler 'uniform'; allowed options: none/,
    );
    registerSampler('test-opts', (c) => createUniformScan(c), { optionNames: ['k'] });
    assert.throws(() => createSampler('test-opts', ctx(), { j: 1 }), /allowed options: k/);
  });

  it('validates the context: N ≥ 1, integer B in [1, N], an rng', () => {
    assert.throws(
      () => createSampler('is', ctx(0, 1)),
      /is: ctx\.n \(training-set size N\) must be an integer ≥ 1, got 0/,
    );
    assert.throws(
      () => createSampler('as', ctx(10, 11)),
      /as: ctx\.batchSize must be an integer in \[1, N = 10\], got 11/,
    );
    assert.throws(() => createSampler('uniform', ctx(10, 2.5)), /got 2\.5/);
    assert.throws(() => createSampler('uniform', ctx(NaN, 1)), /got NaN/);
    assert.throws(
      () => createSampler('uniform', { n: 3, batchSize: 1 } as unknown as SamplerContext),
      /ctx\.rng must be an Rng/,
    );
    assert.doesNotThrow(() => validateSamplerContext(ctx(1, 1)));
  });
});
