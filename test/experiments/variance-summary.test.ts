import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompareRun } from '../../src/experiments/compare.js';
import { varianceSummary } from '../../src/experiments/variance-summary.js';
import { efficiencyScore } from '../../src/emais/efficiency-score.js';

/** A run whose trace steps carry the given (trIS, trU, trOpt) in epochs 0 and 1, with plain steps between. */
function run(method: string, seed: number, traces: [number, number, number, number][]): CompareRun {
  const steps = traces.flatMap(([epoch, trIS, trU, trOpt], k) => [
    {
      step: 2 * k,
      epoch,
      trIS,
      trU,
      trOpt,
      efficiency: efficiencyScore(trIS, trU, trOpt),
      ems: (64 * trU) / trIS,
    },
    { step: 2 * k + 1, epoch, trIS: null, trU: null, trOpt: null, efficiency: null }, // not a trace step
  ]);
  return { method, seed, batchSize: 64, evals: [], steps };
}

describe('varianceSummary', () => {
  const runs = [
    run('is', 1, [
      [0, 2, 2, 1], // uniform warm-up epoch: efficiency 1
      [1, 1.5, 2, 1],
      [1, 1.2, 3, 1],
    ]),
    run('uniform', 1, [
      [0, 2, 2, 1],
      [1, 4, 4, 2],
    ]),
  ];

  test('averages the per-step ratios over the trace steps in range (closed-form values)', () => {
    const [is, uniform] = varianceSummary(runs, { fromEpoch: 1 });
    assert.equal(is.method, 'is');
    assert.equal(is.seed, 1);
    assert.equal(is.steps, 2);
    // efficiency (1.5−1)/(2−1) = 0.5 and (1.2−1)/(3−1) = 0.1 → 0.3
    assert.ok(Math.abs(is.efficiency - 0.3) < 1e-12, String(is.efficiency));
    assert.ok(Math.abs(is.varianceVsUniform - (1.5 / 2 + 1.2 / 3) / 2) < 1e-12);
    assert.ok(Math.abs(is.optimalVsUniform - (1 / 2 + 1 / 3) / 2) < 1e-12);
    assert.ok(Math.abs(is.emsFraction - (2 / 1.5 + 3 / 1.2) / 2) < 1e-12);
    assert.deepEqual(uniform, {
      method: 'uniform',
      seed: 1,
      steps: 1,
      efficiency: 1,
      varianceVsUniform: 1,
      optimalVsUniform: 0.5,
      emsFraction: 1,
    });
  });

  test('fromEpoch defaults to 0 (every trace step counts)', () => {
    const [is] = varianceSummary(runs);
    assert.equal(is.steps, 3);
    assert.ok(Math.abs(is.efficiency - (1 + 0.5 + 0.1) / 3) < 1e-12);
  });

  test('a run without trace steps, or a bad fromEpoch, is a clear error', () => {
    const bare: CompareRun = {
      method: 'uniform',
      seed: 2,
      batchSize: 64,
      evals: [],
      steps: [{ step: 0, epoch: 0 }],
    };
    assert.throws(() => varianceSummary([bare]), /run uniform\/seed 2 has no trace step .*diagnosticsEvery/);
    assert.throws(
      () => varianceSummary(runs, { fromEpoch: 5 }),
      /run is\/seed 1 has no trace step in epoch ≥ 5/,
    );
    assert.throws(() => varianceSummary(runs, { fromEpoch: -1 }), /fromEpoch must be an integer ≥ 0, got -1/);
    assert.throws(
      () => varianceSummary(runs, { fromEpoch: 0.5 }),
      /fromEpoch must be an integer ≥ 0, got 0.5/,
    );
  });
});
