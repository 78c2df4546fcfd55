import '../../../src/builtins.js';
import { scaleList } from '../../../src/papers/train-settings.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { table } from 'arquero';
import type { LoadedRun } from '../../../src/experiments/figure-spec.js';
import { emaisRunOptions, finalEval } from '../../../src/papers/emais/fmnist.js';
import {
  emaisStudyDefaults,
  perSeed,
  sharedWithEmaisFigures,
  stepMean,
  studyOptions,
  studyPlan,
  studyRuns,
  withStudyCost,
} from '../../../src/papers/emais/study-runs.js';
import { pairedDifference } from '../../../src/stats/verdict.js';
import { studyRunFixture } from '../../helpers/study-runs.js';

describe('pairedDifference and finalEval', () => {
  it('pairs by position and signs the 95% interval (hand-worked)', () => {
    // differences −1, −1, −2: mean −4/3, sd 0.57735, half = 4.3027·0.57735/√3 = 1.4343 → [−2.768, 0.101]
    const d = pairedDifference([1, 2, 3], [2, 3, 5]);
    assert.ok(Math.abs(d.mean + 4 / 3) <= 1e-12);
    assert.ok(Math.abs((d.halfWidth ?? NaN) - 1.4343) <= 1e-4, `half ${d.halfWidth}`);
    assert.equal(d.sign, 0, 'the interval contains 0');
    assert.equal(pairedDifference([1, 2, 3], [2.1, 3, 4.05]).sign, -1); // −1.1, −1, −1.05
    assert.equal(pairedDifference([2], [1]).sign, 0, 'n = 1 resolves nothing');
    assert.throws(() => pairedDifference([1], [1, 2]), /equally long non-empty lists, got 1 and 2/);
    assert.equal(finalEval([{ testError: 0.3 }, { testError: 0.2 }], 'testError'), 0.2);
    assert.ok(Number.isNaN(finalEval([], 'testError')));
  });
});

describe('emaisStudyDefaults', () => {
  it('full scale uses the paper’s FMNIST budgets (6250, 12500, 25000 iterations ≈ 13, 27, 54 epochs of 469 steps)', () => {
    for (const [e, T] of [
      [13, 6250],
      [27, 12500],
      [54, 25000],
    ]) {
      assert.ok(Math.abs(e * 469 - T) / T < 0.03, `${e} epochs ≈ ${T} iterations`);
    }
    assert.deepEqual(emaisStudyDefaults.full.adamEpochs, [13, 27, 54]);
    assert.deepEqual(emaisStudyDefaults.full.budgetEpochs, [13, 27, 54]);
    assert.ok(
      emaisStudyDefaults.quick.budgetEpochs.every((e) => e > 2),
      'longer than the 2 warm-up epochs',
    );
  });

  it("smooth 0 is the scale's window", () => {
    assert.equal(studyOptions({ scale: 'quick', seeds: [1], smooth: 0 }).smooth, 20);
    assert.equal(studyOptions({ scale: 'full', seeds: [1], smooth: 0 }).smooth, 200);
    assert.equal(studyOptions({ scale: 'full', seeds: [1], smooth: 7 }).smooth, 7);
  });
});

describe('stepMean and perSeed', () => {
  it('averages finite values from an epoch on and before a step; a missing run is an error', () => {
    const r = studyRunFixture('a', 1, (t) => t, 0.2); // steps 0–39, epochs of 10 steps, s = step from epoch 2
    assert.equal(stepMean(r.steps, 'efficiency', 2), (20 + 39) / 2);
    assert.equal(stepMean(r.steps, 'efficiency', 2, 25), 22);
    assert.ok(Number.isNaN(stepMean(r.steps, 'efficiency', 5)));
    assert.deepEqual(
      perSeed([r], 'a', [1], (x) => x.iters),
      [40],
    );
    assert.throws(() => perSeed([r], 'a', [1, 2], (x) => x.iters), /no run 'a' for seed 2/);
  });
});

describe('scaleList', () => {
  it("gives the scale's values for [] and rejects non-integers, values below min and repeats", () => {
    assert.deepEqual(scaleList('f', 'k', [], [4, 6], 3), [4, 6]);
    assert.deepEqual(scaleList('f', 'k', [9], [4, 6], 3), [9]);
    for (const bad of [[2], [3.5], [4, 4], [NaN]]) {
      assert.throws(
        () => scaleList('f', 'k', bad, [4, 6], 3),
        /figure f: setting k must be distinct integers ≥ 3 \(empty: the scale's\)/,
      );
    }
  });
});

describe('studyPlan, studyRuns and withStudyCost', () => {
  /** A loaded run of a planned run, with `n` steps of `ms` CPU ms each. */
  const loaded = (tags: Record<string, string | number>, n: number, ms: number): LoadedRun =>
    ({
      tags,
      steps: table({ step: [...Array(n).keys()], msCpu: Array<number>(n).fill(ms) }),
      evals: table({ epoch: [1], testError: [0.1] }),
    }) as unknown as LoadedRun;

  it('shares exactly the EMAIS figures’ runs: Linear-τ and SGD-Scan at the scale’s epochs, any seed', () => {
    const at = (options: Parameters<typeof emaisRunOptions>[1], scale: 'quick' | 'full' = 'quick') =>
      sharedWithEmaisFigures(emaisRunOptions({ scale }, options, 5));
    assert.ok(at({ method: 'emais' }));
    assert.ok(at({ method: 'uniform', epochs: 6 }));
    assert.ok(at({ method: 'uniform' }, 'full'));
    assert.ok(!at({ method: 'uniform', epochs: 4 }));
    assert.ok(!at({ method: 'emais', methodOptions: { refreshEvery: 50 } }));
    assert.ok(!at({ method: 'uniform', optimizer: 'adam', lr: 1e-3 }));
    assert.ok(!at({ method: 'rais' }));
  });

  it('tags each run with its label, seed, budget and sharing', () => {
    const runs = studyPlan('full', [1, 2], [{ label: 'x', options: { method: 'emais', epochs: 13 } }]);
    assert.deepEqual(
      runs.map((r) => r.tags),
      [
        { label: 'x', seed: 1, epochs: 13, shared: 0 },
        { label: 'x', seed: 2, epochs: 13, shared: 0 },
      ],
    );
  });

  it("gives every run of a budget that budget's longest run as T, and costs only the runs not shared", () => {
    const runs = [
      loaded({ label: 'a', seed: 1, epochs: 4, shared: 0 }, 30, 100),
      loaded({ label: 'b', seed: 1, epochs: 4, shared: 0 }, 32, 100),
      loaded({ label: 'a', seed: 1, epochs: 6, shared: 1 }, 47, 1000),
    ];
    assert.deepEqual(
      studyRuns(runs).map((r) => [r.label, r.seed, r.iters, r.steps.length]),
      [
        ['a', 1, 32, 30],
        ['b', 1, 32, 32],
        ['a', 1, 47, 47],
      ],
    );
    const out = withStudyCost({ file: 'f', title: 't', caption: 'C.', html: '' }, runs);
    // (30 + 32) steps · 100 ms = 6.2 s; the shared run's 47 s are not counted
    assert.equal(out.caption, "C. Cost: 6 s CPU in the training steps of this study's own runs.");
  });
});
