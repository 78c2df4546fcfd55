import '../../src/builtins.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ablations } from '../../src/sweep/ablation-specs.js';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandTrials } from '../../src/sweep/expand-trials.js';
import { ablationSpec, ablationVerdict, loadAblation } from '../../src/sweep/run-ablation.js';

/** Tail rows: β ∈ {0, 0.7, 0.9}, seeds 1–3; excess loss 10^(−4 + offset_β + 0.01·s). */
function tail(offsets: Record<number, number>) {
  return Object.entries(offsets).flatMap(([beta, off]) =>
    [1, 2, 3].map((seed) => ({ beta: Number(beta), seed, excessLoss: 10 ** (-4 + off + 0.01 * seed) })),
  );
}

describe('ablationVerdict', () => {
  it('says the papers value is the best when it is', () => {
    const t = ablationVerdict(tail({ 0: 0.3, 0.7: 0, 0.9: 0.1 }), 'beta', { value: 0.7, source: 'P' });
    // β = 0.7: log10 values −3.99, −3.98, −3.97 → geometric mean 10^−3.98 = 1.05e-4, half 4.3027·0.01/√3 = 0.0248 → [10^−4.0048, 10^−3.9552]
    assert.match(t, /beta = 0\.7: 1\.05e-4 \[9\.89e-5, 1\.11e-4\] \(n = 3\)/);
    assert.match(t, /Lowest at beta = 0\.7; the papers' value 0\.7 \(P\) is the best \(agrees\)/);
  });

  it('says differs when the papers value is worse than the best in every seed, agrees within noise', () => {
    const worse = ablationVerdict(tail({ 0: 0, 0.7: 0.3 }), 'beta', { value: 0.7, source: 'P' });
    // paired log10 differences are exactly 0.3 for every seed → ratio 10^0.3 = 2.0, zero-width interval
    assert.match(worse, /is 2\.0 \[2\.0, 2\.0\]× the best beta = 0 \(differs\)/);
    const rows = tail({ 0: 0, 0.7: 0.001 }).map((r) =>
      r.beta === 0.7 ? { ...r, excessLoss: r.excessLoss * 10 ** [0.05, -0.05, 0.003][r.seed - 1] } : r,
    );
    assert.match(
      ablationVerdict(rows, 'beta', { value: 0.7, source: 'P' }),
      /the best beta = 0, within noise \(agrees\)/,
    );
    assert.match(ablationVerdict(tail({ 0: 0 }), 'beta', { value: 0.7, source: 'P' }), /is not in the sweep/);
  });

  it('every built-in ablation sweeps the papers value', () => {
    for (const [name, a] of Object.entries(ablations)) {
      const grid = a.spec.grid?.[a.key] as unknown[] | undefined;
      assert.ok(
        grid?.includes(a.paper.value),
        `${name}: ${String(a.paper.value)} not in ${JSON.stringify(grid)}`,
      );
    }
  });
});

describe('loadAblation options', () => {
  it('runs a custom grid with a learning rate, keeping the ready spec otherwise', () => {
    const spec = ablationSpec('alpha', { grid: [0, 0.05, 0.1], lr: 0.02, seeds: [7] });
    assert.deepEqual(spec.grid, { alpha: [0, 0.05, 0.1] });
    const trials = expandTrials(spec);
    assert.deepEqual(
      trials.map((t) => [t.values.alpha, t.options.lr, t.options.seed, t.options.method]),
      [
        [0, 0.02, 7, 'is'],
        [0.05, 0.02, 7, 'is'],
        [0.1, 0.02, 7, 'is'],
      ],
    );
    assert.deepEqual(ablationSpec('alpha', {}).grid, ablations.alpha.spec.grid, 'default: the ready grid');
    assert.ok(!('lr' in ablationSpec('alpha', {}).base), 'default: the task learning rate');
  });

  it('rejects a grid without the reference, and bad options, before anything trains', async () => {
    const root = mkdtempSync(join(tmpdir(), 'isgrad-ablation-options-'));
    const results = join(root, 'results');
    try {
      await assert.rejects(
        loadAblation('alpha', { results, grid: [0.2, 0.4] }),
        /loadAblation\('alpha'\): the reference alpha = 0\.1 \(the kit default\) is not among the swept values \(0\.2, 0\.4\): add it to options\.grid, or pass options\.reference, one of the swept values\. Nothing was trained\./,
      );
      await assert.rejects(
        loadAblation('beta', { results, grid: [0.2, 0.4], reference: 0.3 }),
        /the reference beta = 0\.3 is not among the swept values \(0\.2, 0\.4\)/,
      );
      await assert.rejects(
        loadAblation('tau', { results, grid: [] }),
        /options\.grid must be a non-empty list/,
      );
      await assert.rejects(
        loadAblation('tau', { results, grid: [0, 0] }),
        /options\.grid lists a value twice: 0, 0/,
      );
      await assert.rejects(
        loadAblation('J', { results, lr: -1 }),
        /options\.lr must be a positive number; got -1/,
      );
      await assert.rejects(
        loadAblation('nope' as never, { results }),
        /unknown ablation 'nope'; allowed: alpha, beta, tau, J/,
      );
      assert.ok(!existsSync(results), 'no results folder: nothing ran');
      // reference: null compares none, so any grid passes the check (the run then fails on its empty store root only
      // after the check; here the check is all that is tested).
      await assert.rejects(
        loadAblation('alpha', { results, grid: [0.2, 0.4], reference: null, lr: 0 }),
        /options\.lr must be a positive number; got 0/,
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
