import '../../src/builtins.js';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ablations, builtinSweepSpec } from '../../src/sweep/ablation-specs.js';
import { expandTrials } from '../../src/sweep/expand-trials.js';
import { validateSweepSpec } from '../../src/sweep/sweep-spec.js';

describe('ablation specs', () => {
  test('each spec is valid, sweeps its key over ≥ 4 values with 3 seeds, and is reachable by name', () => {
    for (const [name, a] of Object.entries(ablations)) {
      const trials = expandTrials(validateSweepSpec(a.spec));
      const values = new Set(trials.map((t) => t.values[a.key]));
      assert.ok(values.size >= 4, `${name}: ${values.size} values`);
      assert.equal(trials.length, values.size * 3, name);
      assert.equal(builtinSweepSpec(`ablation-${name}`), a.spec);
      // the swept key reaches the run's config (top-level or as a method option)
      const o = trials[0].options as Record<string, unknown> & { methodOptions?: Record<string, unknown> };
      assert.ok(a.key in o || (o.methodOptions !== undefined && a.key in o.methodOptions), name);
    }
    assert.equal(builtinSweepSpec('ablation-gamma'), undefined);
  });
});
