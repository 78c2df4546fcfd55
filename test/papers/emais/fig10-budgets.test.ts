import '../../../src/builtins.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveFigureSettings } from '../../../src/experiments/figure-spec.js';
import { emaisRunOptions } from '../../../src/papers/emais/fmnist.js';
import { budgetStudy, emaisFig10Budgets } from '../../../src/papers/emais/fig10-budgets.js';
import { formatMeanCi, meanCi } from '../../../src/stats/seed-summary.js';
import { studyRunFixture as run } from '../../helpers/study-runs.js';

const seeds = [1, 2, 3];
const o = { seeds, scale: 'quick' as const, smooth: 1 };

describe('budgetStudy ([EMAIS] Fig. 10)', () => {
  const runs = [40, 80].flatMap((T) =>
    seeds.flatMap((seed) => [
      run('EMAIS Linear-τ', seed, () => 0.4 + 0.01 * seed, 0.15 - 0.001 * seed, 0.3, T),
      run('SGD-Scan', seed, () => 1, 0.2 - 0.0005 * seed, 0.3, T),
    ]),
  );
  const [eff, err] = budgetStudy(runs, o);

  it('draws s per budget and the final test error against T per method', () => {
    assert.deepEqual(
      eff.figure?.data.filter((t) => t.mode !== 'none').map((t) => t.name),
      ['EMAIS Linear-τ, T = 40', 'EMAIS Linear-τ, T = 80'],
    );
    const lines = (err.figure?.data ?? []).filter((t) => t.mode !== 'none');
    assert.deepEqual(
      lines.map((t) => [t.name, t.x]),
      [
        ['SGD-Scan', [40, 80]],
        ['EMAIS Linear-τ', [40, 80]],
      ],
    );
  });

  it('gives the tail mean of s per budget and the paired difference per budget, with verdicts', () => {
    const tail = meanCi([0.41, 0.42, 0.43]);
    assert.ok(eff.caption.includes(`T = 40: ${formatMeanCi(tail, 3)}`), eff.caption);
    assert.ok(eff.caption.includes('Linear-τ keeps s below 1'), eff.caption);
    // EMAIS − SGD-Scan = −0.05 − 0.0005·seed: −5.05, −5.10, −5.15 points → mean −5.10, half 4.303·0.05/√3 = 0.124
    assert.ok(
      err.caption.includes('EMAIS Linear-τ − SGD-Scan: T = 40: -5.10 ± 0.124 (n = 3) points'),
      err.caption,
    );
    assert.ok(err.caption.includes('Agrees with [EMAIS] Table 2'), err.caption);
  });

  it('with one seed says that no interval tests the paper’s claim', () => {
    const one = { seeds: [1], scale: 'quick' as const, smooth: 1 };
    const f10 = budgetStudy(
      [run('EMAIS Linear-τ', 1, () => 0.4, 0.2), run('SGD-Scan', 1, () => 1, 0.19)],
      one,
    );
    assert.ok(f10[1].caption.includes('One seed, so no interval: [EMAIS] Table 2'), f10[1].caption);
  });
});

describe('emais/fig10-budgets settings and plan', () => {
  const plan = (set: Record<string, unknown>) =>
    emaisFig10Budgets.plan(resolveFigureSettings(emaisFig10Budgets, {}, set).settings as never).runs;
  const expected = (epochs: number, at = seeds) =>
    (['emais', 'uniform'] as const).flatMap((method) =>
      at.map((seed) => emaisRunOptions({ scale: 'quick' }, { method, epochs }, seed)),
    );

  it('at the default settings: Linear-τ and SGD-Scan at 4 and 6 epochs (quick), those at 6 shared', () => {
    const runs = plan({});
    assert.deepEqual(
      runs.map((r) => r.options),
      [...expected(4), ...expected(6)],
    );
    // 6 epochs are the EMAIS figures' runs (Linear-τ and [EMAIS] Table 2's SGD-Scan): not this study's cost
    assert.deepEqual(
      runs.map((r) => r.tags?.shared),
      [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1],
    );
    const full = plan({ scale: 'full', seeds: [1] }).map((r) => r.options.epochs);
    assert.deepEqual(full, [13, 13, 27, 27, 54, 54]);
  });

  it('epochs gives one budget per value; smooth changes no run', () => {
    assert.deepEqual(
      plan({ epochs: [3], seeds: [4] }).map((r) => r.options),
      expected(3, [4]),
    );
    assert.deepEqual(plan({ smooth: 5 }), plan({}));
  });

  it('a budget within the 2 warm-up epochs is an error naming the figure and the setting', () => {
    assert.throws(
      () => plan({ epochs: [2, 6] }),
      /figure emais\/fig10-budgets: setting epochs must be distinct integers ≥ 3 .*got 2, 6/,
    );
  });
});
