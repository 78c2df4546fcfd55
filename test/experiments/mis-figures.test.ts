import '../../src/builtins.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { misFig2Curves, misFig7Curves } from '../../src/experiments/mis-figures.js';
import { resolveConfig } from '../../src/train/resolve-config.js';

// The full module trains ≈ 2.5 min on wasm (quick scale), beyond a test file's budget: scratch run, see report.
describe('reproduceMis curve specs', () => {
  it('Fig. 2 holds the six curves of [MIS] Fig. 2 and every one resolves on poly6 (B = 32)', () => {
    assert.deepEqual(
      misFig2Curves.map((c) => c.label),
      ['exact GD', 'SGD', 'IS', 'balance MIS (J=4)', 'OMIS J=2', 'OMIS J=4'],
    );
    for (const c of misFig2Curves) {
      const cfg = resolveConfig({ task: 'poly6', method: c.method, methodOptions: c.methodOptions ?? {} });
      assert.equal(cfg.batchSize, 32);
      if (c.methodOptions?.J !== undefined) assert.equal(cfg.methodOptions.J, c.methodOptions.J);
    }
  });

  it('Fig. 7 compares uniform, IS and OMIS J = 3 on image-siren', () => {
    assert.deepEqual(
      misFig7Curves.map((c) => [c.method, c.methodOptions?.J ?? null]),
      [
        ['uniform', null],
        ['is', null],
        ['omis', 3],
      ],
    );
    const cfg = resolveConfig({ task: 'image-siren', method: 'omis' });
    assert.equal(cfg.methodOptions.J, 3, 'image-siren defaults OMIS to one technique per RGB channel');
  });
});
