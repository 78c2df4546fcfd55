import '../../src/builtins.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getImportance, importanceNames } from '../../src/importance/registry.js';

describe('importance registry', () => {
  it('lists the registered names in order', () => {
    assert.deepEqual(importanceNames(), [
      'loss',
      'output-grad',
      'output-grad-autodiff',
      'dlis-last-layer',
      'full-grad',
    ]);
  });

  it('returns each function under its own name; only full-grad is not cheap', () => {
    for (const name of importanceNames()) {
      const f = getImportance(name);
      assert.equal(f.name, name);
      assert.equal(f.cheap, name !== 'full-grad', `${name}.cheap`);
    }
  });

  it('rejects an unknown name, listing the allowed ones', () => {
    assert.throws(
      () => getImportance('gnorm'),
      /unknown importance 'gnorm'; allowed: loss, output-grad, output-grad-autodiff, dlis-last-layer, full-grad/,
    );
  });
});
