import '../../../src/builtins.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveFigureSettings } from '../../../src/experiments/figure-spec.js';
import { emaisFig6LrAdjust } from '../../../src/papers/emais/fig6-lr-adjust.js';
import { emaisFig9Traces, traceOrderShare } from '../../../src/papers/emais/fig9-traces.js';

const plan = (set: Record<string, unknown>) =>
  emaisFig9Traces.plan(resolveFigureSettings(emaisFig9Traces, {}, set).settings as never);
const fig6Plan = (set: Record<string, unknown>) =>
  emaisFig6LrAdjust.plan(resolveFigureSettings(emaisFig6LrAdjust, {}, set).settings as never);

describe('traceOrderShare', () => {
  it('counts post-warm-up steps with trOpt ≤ trIS ≤ trU, skipping warm-up and incomplete rows', () => {
    const rows = [
      { epoch: 0, trOpt: 5, trIS: 1, trU: 0 }, // warm-up: ignored
      { epoch: 2, trOpt: 1, trIS: 2, trU: 3 }, // ordered
      { epoch: 2, trOpt: 1, trIS: 4, trU: 3 }, // trIS > trU
      { epoch: 3, trOpt: 2, trIS: 2, trU: 2 }, // ties count as ordered
      { epoch: 3, trOpt: 1, trIS: NaN, trU: 3 }, // incomplete: ignored
      { epoch: 4, trIS: 1, trU: 3 }, // missing trOpt: ignored
    ];
    assert.equal(traceOrderShare(rows, 2), 2 / 3);
    assert.ok(Number.isNaN(traceOrderShare(rows.slice(0, 1), 2)));
  });
});

describe('emais/fig9-traces settings and plan', () => {
  it("its runs are Fig. 6's 'linear' runs (the EMAIS part's Linear-τ runs), also at changed settings", () => {
    for (const set of [{}, { scale: 'full' }, { epochs: 4, seeds: [7, 8] }]) {
      const linear = fig6Plan(set).runs.filter((r) => r.tags?.variant === 'EMAIS lrAdjust linear');
      assert.deepEqual(
        plan(set).runs.map((r) => r.options),
        linear.map((r) => r.options),
      );
    }
    assert.deepEqual(
      plan({ epochs: 4 }).runs.map((r) => r.options),
      plan({}).runs.map((r) => ({ ...r.options, epochs: 4 })),
    );
    assert.deepEqual(plan({ smooth: 5 }).runs, plan({}).runs);
  });

  it('a bad epochs or smooth value is an error naming the figure and the setting', () => {
    assert.throws(() => plan({ epochs: 1 }), /figure emais\/fig9-traces: setting epochs must be 0 .* got 1/);
    assert.throws(
      () => plan({ smooth: 1.5 }),
      /figure emais\/fig9-traces: setting smooth must be an integer/,
    );
  });
});
