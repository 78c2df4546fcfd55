import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setupBackend } from '../../src/backend/setup-backend.js';
import {
  atMeanOf,
  baselineExperiment,
  baselineFiguresDefaults,
  budgetVerdict,
} from '../../src/experiments/baseline-figures.js';
import type { CompareRun } from '../../src/experiments/compare.js';
import type { ReproduceContext } from '../../src/experiments/types.js';

/** Three seeds, one evaluation at step 2 (epoch 1); IS 0.1 below uniform ± 0.01, DLIS tied (±0.02 around 0). */
function runs(): CompareRun[] {
  const out: CompareRun[] = [];
  const off: Record<string, number[]> = {
    uniform: [0, 0, 0],
    is: [-0.11, -0.1, -0.09],
    dlis: [0.02, -0.02, 0],
  };
  for (const method of Object.keys(off)) {
    for (const seed of [1, 2, 3]) {
      const testError = 0.5 + 0.01 * seed + off[method][seed - 1];
      out.push({
        method,
        seed,
        batchSize: 4,
        evals: [
          { step: 0, epoch: 0, testError: 0.9 },
          { step: 2, epoch: 1, testError },
        ],
        steps: [{}, {}],
      });
    }
  }
  return out;
}

describe('budgetVerdict', () => {
  it('states each method with its interval and whether the paired difference agrees with the claim', () => {
    const t = budgetVerdict(runs(), { metric: 'testError', axis: 'epoch', expectBelow: ['is', 'dlis'] });
    // IS − uniform = (−0.11, −0.1, −0.09): mean −0.1, sd 0.01, half 4.3027 · 0.01/√3 = 0.0248
    assert.match(t, /IS \(ours\) − SGD \(uniform\) -0\.100 ± 0\.0248 \(n = 3\): below \(agrees\)/);
    assert.match(t, /DLIS − SGD \(uniform\) 0\.00 ± 0\.0497 \(n = 3\): not resolved/);
    assert.match(t, /SGD \(uniform\) 0\.520 ± 0\.0248 \(n = 3\)/);
    const c = budgetVerdict(runs(), { metric: 'testError', axis: 'epoch', expectNotBelow: ['is', 'dlis'] });
    assert.match(c, /IS \(ours\) − SGD \(uniform\) [^;]*: below \(differs from the expectation\)/);
    assert.match(c, /DLIS − SGD \(uniform\) [^;]*: not below \(agrees\)/);
  });
});

describe('atMeanOf', () => {
  it('replaces x by its mean over the seeds of one method and epoch', () => {
    const r = atMeanOf(
      [
        { method: 'a', epoch: 1, t: 1 },
        { method: 'a', epoch: 1, t: 3 },
        { method: 'b', epoch: 1, t: 5 },
        { method: 'b', epoch: 2, t: NaN },
      ],
      't',
    );
    assert.deepEqual(
      r.map((x) => x.t),
      [2, 2, 5],
    );
  });
});

describe('baselineExperiment', () => {
  before(async () => {
    await setupBackend('cpu');
  });

  it('pins the MNIST set-up of the main job', () => {
    assert.equal(baselineFiguresDefaults.task, 'mnist-mlp');
    assert.deepEqual(baselineFiguresDefaults.methods, ['uniform', 'dlis', 'low', 'is', 'as']);
    assert.equal(baselineFiguresDefaults.includeOmis, true);
    assert.equal(baselineFiguresDefaults.controlTask, 'noise-labels');
  });

  it('writes the equal-epoch/equal-time figures, the budget tables and the control; reruns load the records', async () => {
    const root = mkdtempSync(join(tmpdir(), 'isgrad-baselines-'));
    try {
      const lines: string[] = [];
      const ctx: ReproduceContext = {
        scale: 'quick',
        seeds: [1, 2],
        results: join(root, 'results'),
        figures: join(root, 'figures'),
        log: (l) => lines.push(l),
        hooks: () => ({}),
        prefetch: async () => [],
        precompute: async () => {},
      };
      const tiny = baselineExperiment({
        task: 'toy2d',
        label: 'Toy',
        methods: ['uniform', 'dlis', 'low'],
        includeOmis: false,
        epochs: { quick: 2, full: 2 },
        controlMethods: ['uniform', 'dlis'],
        controlEpochs: { quick: 1, full: 1 },
        overrides: { backend: 'cpu' },
      });
      const entries = await tiny(ctx);
      assert.equal(entries.length, 7);
      for (const e of entries) assert.ok(existsSync(join(ctx.figures, e.file)), `missing ${e.file}`);
      const fig = JSON.parse(
        readFileSync(join(ctx.figures, 'baselines-toy2d-testError-time.json'), 'utf8'),
      ) as {
        data: { name: string }[];
      };
      const names = fig.data.map((t) => t.name);
      for (const label of ['SGD (uniform)', 'DLIS', 'LOW'])
        assert.ok(names.includes(label), `trace ${label}`);
      const tables = readFileSync(join(ctx.figures, 'baselines-toy2d-tables.html'), 'utf8');
      assert.match(tables, /equal CPU time/);
      assert.match(tables, /<td>LOW<\/td><td>[0-9.]+ ± [0-9.]+ \(2\)<\/td>/);
      assert.equal(lines.filter((l) => l.startsWith('trained')).length, 6 + 4);
      lines.length = 0;
      await tiny(ctx);
      assert.equal(
        lines.filter((l) => l.startsWith('loaded')).length,
        10,
        'the second run loads every record',
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
