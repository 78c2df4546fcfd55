import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setupBackend } from '../../src/backend/setup-backend.js';
import {
  asisFig10Caption,
  asisFig10Defaults,
  asisFig10Experiment,
  asisFig10Summary,
} from '../../src/experiments/asis-fig10-figure.js';
import type { ReproduceContext } from '../../src/experiments/types.js';

const EPS = 1e-12; // float64 arithmetic on a handful of numbers

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
    assert.ok(Math.abs(s.importanceRatio.half - 1.2421) < 1e-4, String(s.importanceRatio.half));
    assert.ok(Math.abs(s.stepRatio.mean - 1.1) < EPS);
    assert.equal(s.stepRatio.half, 0);
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

describe('asisFig10Experiment', () => {
  before(async () => {
    await setupBackend('cpu');
  });

  it('pins the point-cloud set-up and shares the pointcloud part epochs', () => {
    assert.equal(asisFig10Defaults.task, 'pointcloud');
    assert.equal(asisFig10Defaults.method, 'is');
    assert.deepEqual(asisFig10Defaults.arms, ['output-grad', 'output-grad-autodiff']);
    assert.deepEqual(asisFig10Defaults.epochs, { quick: 2, full: 300 });
  });

  it('writes both figures at tiny scale, prefetches its plan, and loads the records on a rerun', async () => {
    const root = mkdtempSync(join(tmpdir(), 'isgrad-fig10-'));
    try {
      const lines: string[] = [];
      const plans: number[] = [];
      const ctx: ReproduceContext = {
        scale: 'quick',
        seeds: [1, 2],
        results: join(root, 'results'),
        figures: join(root, 'figures'),
        log: (l) => lines.push(l),
        hooks: () => ({}),
        prefetch: async (plan) => {
          plans.push(plan.length);
          return [];
        },
        precompute: async () => {},
      };
      const tiny = asisFig10Experiment({
        task: 'toy2d',
        epochs: { quick: 1, full: 1 },
        overrides: { backend: 'cpu' },
      });
      const entries = await tiny(ctx);
      assert.deepEqual(plans, [4]);
      assert.deepEqual(
        entries.map((e) => e.file),
        ['asis-fig10-epochs.html', 'asis-fig10-time.html'],
      );
      for (const e of entries) {
        assert.ok(existsSync(join(ctx.figures, e.file)), `missing ${e.file}`);
        assert.match(e.caption, /seeds 1, 2/);
        assert.match(e.caption, /autodiff − analytic/);
      }
      const fig = JSON.parse(readFileSync(join(ctx.figures, 'asis-fig10-epochs.json'), 'utf8')) as {
        data: { name: string }[];
      };
      const names = fig.data.map((t) => t.name);
      assert.ok(names.includes('autodiff of the loss head'), names.join(', '));
      assert.equal(lines.filter((l) => l.startsWith('trained')).length, 4);
      lines.length = 0;
      await tiny(ctx);
      assert.equal(lines.filter((l) => l.startsWith('loaded')).length, 4);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
