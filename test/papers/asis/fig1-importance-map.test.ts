import '../../../src/builtins.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveFigureSettings } from '../../../src/experiments/figure-spec.js';
import {
  asisFig1ImportanceMap,
  asisFig1Seed,
  type AsisFig1Seed,
} from '../../../src/papers/asis/fig1-importance-map.js';

const spec = asisFig1ImportanceMap;
const planWith = (set: Record<string, unknown>) =>
  spec.plan(resolveFigureSettings(spec, {}, set).settings as Parameters<typeof spec.plan>[0]);

describe('asisFig1ImportanceMap', () => {
  it('measures one stored job per seed: ours at epochs 1, 3, 10, DLIS at epoch 100 ([AS-IS] Fig. 1)', async () => {
    const plan = planWith({});
    assert.deepEqual(plan.runs, []);
    const jobs = plan.computations ?? [];
    assert.deepEqual(
      jobs.map((j) => j.settings),
      [1, 2, 3].map((seed) => ({ task: 'toy2d', seed, oursEpochs: [1, 3, 10], dlisEpochs: 100 })),
    );
    for (const j of jobs) {
      const m = (await import(j.module)) as Record<string, unknown>;
      assert.equal(typeof m[j.fn], 'function', `${j.fn} is exported by ${j.module}`);
      assert.deepEqual(JSON.parse(JSON.stringify(j.args)), j.args, 'arguments survive JSON');
    }
  });

  it('takes other epochs and rejects epochs that are not positive integers', () => {
    const jobs = planWith({ oursEpochs: [2, 5], dlisEpochs: 20, seeds: [4] }).computations ?? [];
    assert.deepEqual(jobs[0].args, [4, { oursEpochs: [2, 5], dlisEpochs: 20 }]);
    assert.throws(
      () => planWith({ oursEpochs: [1, 0] }),
      /setting oursEpochs must be positive integers, got \[1, 0\]/,
    );
    assert.throws(() => planWith({ oursEpochs: [1.5] }), /positive integers, got \[1.5\]/);
    assert.throws(() => planWith({ dlisEpochs: 0 }), /setting dlisEpochs must be an integer ≥ 1, got 0/);
  });
});

/** A hand-made seed: 4 points, q = DLIS scores = (1, 2, 3, 4), ρ and top-10% share given. */
function seedValue(seed: number, switchStep: number): AsisFig1Seed {
  const w = [1, 2, 3, 4];
  return {
    x1: [0, 1, 0, 1],
    x2: [0, 0, 1, 1],
    labels: [0, 1, 2, 0],
    ours: [1, 3, 10].map((epoch) => ({ epoch, q: w, boundaryRho: 0.5 + 0.1 * seed, top10: 0.4 })),
    dlis: { switchStep, stepsPerEpoch: 25, scores: w, boundaryRho: 0.7 + 0.1 * seed, top10: 0.4 },
    cpuSeconds: 1,
  };
}

describe('asisFig1ImportanceMap make', () => {
  it('draws ours at each epoch and DLIS, and says when DLIS never switched to importance sampling', async () => {
    const s = resolveFigureSettings(spec, {}, { seeds: [1, 2] }).settings as Parameters<typeof spec.make>[1];
    const make = (switches: number[]) =>
      spec.make(
        { runs: [], computed: switches.map((k, i) => seedValue(i + 1, k)), log: () => {}, results: '' },
        s,
      );
    const never = await make([-1, -1]);
    assert.deepEqual(
      never.map((o) => o.file),
      ['asis-fig1-ours-epoch1', 'asis-fig1-ours-epoch3', 'asis-fig1-ours-epoch10', 'asis-fig1-dlis'],
    );
    assert.match(never[3].caption, /DLIS did not switch to importance sampling within its 100 epochs/);
    // ρ = 0.6, 0.7 (ours) and 0.8, 0.9 (DLIS): both intervals are above 0 with n = 2 (half-width 12.706·0.05).
    assert.match(never[3].caption, /^Opacity ∝ the DLIS .* Agrees with \[AS-IS\] Fig\. 1/);
    // Switch steps 50 and 100 at 25 steps per epoch: epochs 2 and 4, mean 3.
    const both = await make([50, 100]);
    assert.match(both[0].caption, /DLIS switched to importance sampling after 3\.00 ± /);
  });
});

describe('asisFig1Seed', () => {
  it('records q and the DLIS scores of all 800 points with bounded statistics (1 epoch each)', async () => {
    const r = await asisFig1Seed(1, { oursEpochs: [1], dlisEpochs: 1 });
    assert.equal(r.x1.length, 800);
    assert.equal(r.labels.length, 800);
    assert.deepEqual(
      r.ours.map((o) => [o.epoch, o.q.length]),
      [[1, 800]],
    );
    assert.equal(r.dlis.scores.length, 800);
    for (const s of [r.ours[0], r.dlis]) {
      assert.ok(Math.abs(s.boundaryRho) <= 1, `ρ = ${s.boundaryRho}`);
      assert.ok(s.top10 >= 0.1 && s.top10 <= 1, `top-10% share = ${s.top10}`); // ≥ 0.1: the top 10% by weight
    }
    assert.ok(r.dlis.stepsPerEpoch > 0);
  });
});
