import '../../../src/builtins.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CompareRun } from '../../../src/experiments/compare.js';
import { resolveFigureSettings, type FigureSpec } from '../../../src/experiments/figure-spec.js';
import { reproduce } from '../../../src/experiments/reproduce.js';
import { asisFig2Mnist } from '../../../src/papers/asis/fig2-mnist.js';
import { asisFig3Pointcloud } from '../../../src/papers/asis/fig3-pointcloud.js';
import { atMeanOf, budgetVerdict, coreControlNoiseLabels } from '../../../src/papers/baselines/comparison.js';

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

/** The plan of a spec at `set` (over its defaults): 'method:seed:epochs' per run. */
function planned(spec: FigureSpec, set: Record<string, unknown>): string[] {
  return spec
    .plan(resolveFigureSettings(spec, {}, set).settings)
    .runs.map((r) => `${r.options.task}:${r.options.method}:${r.options.seed}:${r.options.epochs}`);
}

describe('baseline comparisons as figure specs', () => {
  it("plan methods × seeds with the papers' method sets and epochs per scale", () => {
    const mnist = planned(asisFig2Mnist as unknown as FigureSpec, { seeds: [1] });
    assert.deepEqual(
      mnist,
      ['uniform', 'dlis', 'low', 'is', 'as', 'omis'].map((m) => `mnist-mlp:${m}:1:5`),
    );
    assert.ok(
      planned(asisFig2Mnist as unknown as FigureSpec, { scale: 'full', seeds: [1] }).every((r) =>
        r.endsWith(':50'),
      ),
    );
    const clouds = planned(asisFig3Pointcloud as unknown as FigureSpec, { seeds: [2] });
    assert.ok(!clouds.some((r) => r.includes(':omis:')), 'no OMIS at quick scale');
    assert.ok(
      planned(asisFig3Pointcloud as unknown as FigureSpec, { scale: 'full', seeds: [2] }).some(
        (r) => r === 'pointcloud:omis:2:300',
      ),
    );
    assert.deepEqual(planned(coreControlNoiseLabels as unknown as FigureSpec, { seeds: [3] }), [
      'noise-labels:uniform:3:20',
      'noise-labels:dlis:3:20',
      'noise-labels:is:3:20',
    ]);
    assert.throws(
      () => planned(asisFig2Mnist as unknown as FigureSpec, { methods: 'is,uniform' }),
      /setting methods must list methods separated by commas, uniform first; got 'is,uniform'/,
    );
  });

  it('write the equal-epoch/equal-time figures, the budget tables and the control beside the defaults; reruns load', async () => {
    const root = mkdtempSync(join(tmpdir(), 'isgrad-baselines-'));
    try {
      const where = { results: join(root, 'results'), figures: join(root, 'figures'), workers: 0 };
      const only = ['asis/fig2-mnist', 'core/control-noise-labels'];
      const set = { task: 'toy2d', methods: 'uniform,dlis,low', epochs: 2, seeds: [1, 2] };
      const r = await reproduce({ only, set, ...where });
      assert.equal(r.exitCode, 0);
      const entries = r.parts.flatMap((p) => p.figures);
      // the control is in two parts (baselines, pointcloud): both make it (the second loads its runs)
      assert.equal(entries.length, 5 + 2 + 2);
      for (const e of entries) assert.ok(existsSync(join(where.figures, e.file)), `missing ${e.file}`);
      const tail = '.seeds-1-2.task-toy2d.methods-uniform_dlis_low.epochs-2';
      const fig = JSON.parse(
        readFileSync(join(where.figures, `baselines-toy2d-testError-time${tail}.json`), 'utf8'),
      ) as { data: { name: string }[] };
      const names = fig.data.map((t) => t.name);
      for (const label of ['SGD (uniform)', 'DLIS', 'LOW'])
        assert.ok(names.includes(label), `trace ${label}`);
      const tables = readFileSync(join(where.figures, `baselines-toy2d-tables${tail}.html`), 'utf8');
      assert.match(tables, /equal CPU time/);
      assert.match(tables, /<td>LOW<\/td><td>[0-9.]+ ± [0-9.]+ \(2\)<\/td>/);
      assert.ok(existsSync(join(where.figures, `baselines-control-toy2d-tables${tail}.html`)));
      // With the same task, methods and epochs set, the control's runs are the comparison's: trained once.
      assert.deepEqual(
        r.parts.map((p) => [p.trained, p.loaded]),
        [
          [6, 0],
          [0, 6],
        ],
      );
      const again = await reproduce({ only, set, ...where });
      assert.deepEqual(
        again.parts.map((p) => p.trained),
        again.parts.map(() => 0),
        'the second run loads every record',
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
