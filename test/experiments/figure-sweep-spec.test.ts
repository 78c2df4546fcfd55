import '../../src/builtins.js';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { figureSweepSpec } from '../../src/experiments/figure-sweep-spec.js';
import { resolveFigureSettings } from '../../src/experiments/figure-spec.js';
import { figureSpec } from '../../src/papers/figures.js';
import { expandTrials } from '../../src/sweep/expand-trials.js';
import { validateSweepSpec } from '../../src/sweep/sweep-spec.js';
import { resolveConfig } from '../../src/train/resolve-config.js';

/** Resolved configs (the run keys' input) as canonical strings, sorted. */
function resolved(runs: readonly object[]): string[] {
  return runs
    .map((o) => JSON.stringify(resolveConfig({ ...(o as { task: string; method: string }), out: null })))
    .sort();
}

describe('figureSweepSpec', () => {
  test('the sweep trains exactly the runs of the figure’s plan (same resolved configs), at full scale too', () => {
    for (const set of [{}, { scale: 'full', seeds: '1-5', lr: 0.05 }]) {
      const sweep = validateSweepSpec(JSON.parse(JSON.stringify(figureSweepSpec('mis/fig2-poly6', { set }))));
      const spec = figureSpec('mis/fig2-poly6');
      const plan = spec.plan(resolveFigureSettings(spec, {}, set).settings).runs.map((r) => r.options);
      assert.equal(sweep.list?.length, 6, 'one point per curve');
      assert.deepEqual(resolved(expandTrials(sweep).map((t) => t.options)), resolved(plan));
    }
    assert.equal(
      figureSweepSpec('mis/fig2-poly6', { set: { scale: 'full' } }).name,
      'mis-fig2-poly6.scale-full',
    );
  });

  test('a figure without training runs is an error naming it', () => {
    assert.throws(
      () => figureSweepSpec('mis/fig1-toy2d'),
      /figure mis\/fig1-toy2d: its plan has no training runs/,
    );
  });
});
