import '../../../src/builtins.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { from } from 'arquero';
import { resolveFigureSettings, type LoadedRun } from '../../../src/experiments/figure-spec.js';
import { resolveConfig } from '../../../src/train/resolve-config.js';
import { asisFig3Pointcloud } from '../../../src/papers/asis/fig3-pointcloud.js';
import {
  asisFig10Caption,
  asisFig10Pointcloud,
  asisFig10Summary,
} from '../../../src/papers/asis/fig10-pointcloud.js';

/**
 * Hand-made records, seeds 1–3. Analytic: epoch 1 at t = 1 s error 0.5, epoch 2 at t = 2 s error 0.30 + 0.01·s.
 * Autodiff: epoch 1 at 1.5 s error 0.5, epoch 2 at 3 s error analytic's + d_s, d = (+0.01, −0.01, 0).
 * Steps: analytic msImportance (1, 3) → mean 2, msCpu 10; autodiff msImportance mean 4, 5, 3 → ratios 2, 2.5, 1.5;
 * msCpu 11 → ratio 1.1.
 */
function records() {
  const evals: Record<string, unknown>[] = [];
  const steps: Record<string, unknown>[] = [];
  const d = [0.01, -0.01, 0];
  const imp = [4, 5, 3];
  for (const seed of [1, 2, 3]) {
    const ea = 0.3 + 0.01 * seed;
    evals.push(
      { arm: 'output-grad', seed, epoch: 1, step: 10, trainCpuSeconds: 1, testError: 0.5 },
      { arm: 'output-grad', seed, epoch: 2, step: 20, trainCpuSeconds: 2, testError: ea },
      { arm: 'output-grad-autodiff', seed, epoch: 1, step: 10, trainCpuSeconds: 1.5, testError: 0.5 },
      {
        arm: 'output-grad-autodiff',
        seed,
        epoch: 2,
        step: 20,
        trainCpuSeconds: 3,
        testError: ea + d[seed - 1],
      },
    );
    steps.push(
      { arm: 'output-grad', seed, msImportance: 1, msCpu: 10 },
      { arm: 'output-grad', seed, msImportance: 3, msCpu: 10 },
      { arm: 'output-grad-autodiff', seed, msImportance: imp[seed - 1] - 1, msCpu: 11 },
      { arm: 'output-grad-autodiff', seed, msImportance: imp[seed - 1] + 1, msCpu: 11 },
    );
  }
  return { evals, steps };
}

describe('asisFig10Summary', () => {
  const EPS = 1e-12; // float64 arithmetic on a handful of numbers

  it('pairs the arms by seed at equal epochs, at equal CPU time and in cost (hand-worked)', () => {
    const { evals, steps } = records();
    const s = asisFig10Summary(evals, steps);
    assert.deepEqual(s.seeds, [1, 2, 3]);
    assert.ok(Math.abs(s.finalError.analytic.mean - 0.32) < EPS);
    assert.ok(Math.abs(s.errorDiff.mean - 0) < EPS); // (0.01 − 0.01 + 0) / 3
    // Equal time T = min(2, 3) = 2 s: autodiff at 2 s = 0.5 + (1/3)(e₂ − 0.5), analytic = its epoch-2 error.
    // seed 1: 0.5 − 0.18/3 − 0.31 = 0.13; seed 2: 0.5 − 0.19/3 − 0.32 = 0.11667; seed 3: 0.5 − 0.17/3 − 0.33 = 0.11333
    assert.ok(s.errorDiffAtTime !== null);
    assert.ok(Math.abs(s.errorDiffAtTime.mean - 0.12) < EPS, String(s.errorDiffAtTime.mean));
    assert.ok(Math.abs(s.importanceRatio.mean - 2) < EPS);
    // sd of (2, 2.5, 1.5) = 0.5; half = t_{0.975,2} · 0.5 / √3 = 4.3027 · 0.288675 = 1.2421
    assert.ok(
      Math.abs((s.importanceRatio.halfWidth ?? NaN) - 1.2421) < 1e-4,
      String(s.importanceRatio.halfWidth),
    );
    assert.ok(Math.abs(s.stepRatio.mean - 1.1) < EPS);
    assert.equal(s.stepRatio.halfWidth, 0);
  });

  it('names the arms when no seed has both', () => {
    const { evals, steps } = records();
    assert.throws(
      () =>
        asisFig10Summary(
          evals.filter((r) => r.arm === 'output-grad'),
          steps,
        ),
      /no seed has evaluations of both 'output-grad' and 'output-grad-autodiff'/,
    );
  });
});

describe('asisFig10Caption', () => {
  it('states agreement on accuracy and the unresolved cost difference with the numbers', () => {
    const { evals, steps } = records();
    const c = asisFig10Caption(asisFig10Summary(evals, steps), 'toy (2 epochs)');
    assert.match(c, /seeds 1, 2, 3/);
    assert.match(c, /same accuracy \(agrees with the paper\)/);
    assert.match(c, /importance phase per step 2\.00 ± 1\.24 \(n = 3\)/);
    assert.match(c, /interval includes 1 \(not resolved\)/);
  });

  it('says so when autodiff is clearly slower and the accuracies differ', () => {
    const { evals, steps } = records();
    const slow = steps.map((r) =>
      r.arm === 'output-grad-autodiff' ? { ...r, msImportance: 8 + Number(r.seed) * 0.1 } : r,
    );
    const off = evals.map((r) =>
      r.arm === 'output-grad-autodiff' && r.epoch === 2
        ? { ...r, testError: (r.testError as number) + 0.1 + Number(r.seed) * 0.001 }
        : r,
    );
    const c = asisFig10Caption(asisFig10Summary(off, slow), 'toy');
    assert.match(c, /accuracies differ \(differs from the paper\)/);
    assert.match(c, /autodiff scoring is slower \(agrees with the paper/);
  });
});

const spec = asisFig10Pointcloud;
const planAt = (base: Record<string, never> | { scale: 'full' }, set: Record<string, unknown> = {}) =>
  spec.plan(resolveFigureSettings(spec, base, set).settings as Parameters<typeof spec.plan>[0]);

describe('asisFig10Pointcloud', () => {
  it('plans both arms per seed, 2 epochs quick and 300 full, the closed-form arm being the Fig. 3 IS runs', () => {
    const runs = planAt({}).runs;
    assert.deepEqual(
      runs.map((r) => [r.tags?.arm, r.tags?.seed, r.options.epochs]),
      [1, 2, 3]
        .map((s) => ['output-grad', s, 2])
        .concat([1, 2, 3].map((s) => ['output-grad-autodiff', s, 2])),
    );
    const fig3Settings = resolveFigureSettings(asisFig3Pointcloud, {}, {}).settings;
    const fig3 = asisFig3Pointcloud.plan(fig3Settings as Parameters<typeof asisFig3Pointcloud.plan>[0]);
    const isRuns = fig3.runs.map((r) => r.options).filter((o) => o.method === 'is');
    // Same resolved configs (so the same run keys): the closed-form arm is not trained twice.
    assert.deepEqual(
      runs.filter((r) => r.tags?.arm === 'output-grad').map((r) => resolveConfig(r.options)),
      isRuns.map((o) => resolveConfig(o)),
    );
    assert.ok(
      planAt({ scale: 'full' }).runs.every((r) => r.options.epochs === 300 && r.options.scale === 'full'),
    );
  });

  it('puts changed lr, batch and epochs into every run', () => {
    const runs = planAt({}, { lr: 0.002, batch: 32, epochs: 1, seeds: [1, 2] }).runs;
    assert.equal(runs.length, 4);
    for (const r of runs) {
      assert.equal(r.options.lr, 0.002);
      assert.equal(r.options.batchSize, 32);
      assert.equal(r.options.epochs, 1);
    }
  });

  it('draws both arms at equal epochs and equal CPU time from loaded records (hand-made)', async () => {
    const { evals, steps } = records();
    const runs = ['output-grad', 'output-grad-autodiff'].flatMap((arm) =>
      [1, 2, 3].map((seed) => {
        const mine = (rows: Record<string, unknown>[]) =>
          from(rows.filter((r) => r.arm === arm && r.seed === seed).map(({ arm: _a, ...r }) => r));
        return { evals: mine(evals), steps: mine(steps), tags: { arm, seed } } as unknown as LoadedRun;
      }),
    );
    const s = resolveFigureSettings(spec, {}, {}).settings as Parameters<typeof spec.plan>[0];
    const out = await spec.make({ runs, computed: [], log: () => {}, results: '' }, s);
    assert.deepEqual(
      out.map((o) => o.file),
      ['asis-fig10-epochs', 'asis-fig10-time'],
    );
    for (const o of out) {
      assert.match(o.caption, /pointcloud \(quick scale, 2 epochs\)/);
      assert.match(o.caption, /importance phase per step 2\.00 ± 1\.24 \(n = 3\)/);
    }
    // Equal time: each evaluation at its mean CPU time over seeds; autodiff's epoch 2 is at 3 s for every seed.
    const data = (out[1].figure as { data: { name: string; x: number[] }[] }).data;
    const autodiff = data.find((t) => t.name === 'autodiff of the loss head');
    assert.deepEqual(autodiff?.x, [1.5, 3]);
  });
});
