import '../../../src/builtins.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveFigureSettings } from '../../../src/experiments/figure-spec.js';
import { emaisRunOptions } from '../../../src/papers/emais/fmnist.js';
import { emaisFig7Refresh, refreshStudy } from '../../../src/papers/emais/fig7-refresh.js';
import { formatMeanCi, meanCi } from '../../../src/stats/seed-summary.js';
import { studyRunFixture as run } from '../../helpers/study-runs.js';

const seeds = [1, 2, 3];
const o = { seeds, scale: 'quick' as const, smooth: 1 };

describe('refreshStudy ([EMAIS] Fig. 7)', () => {
  // no refresh: s = 0.5 + 0.01·seed after the warm-up; K = 5: 0.1 lower (± 0.01·(seed − 2)) in the early half
  // (steps 20–29 of T = 40), equal later; final errors equal up to ±0.001
  const runs = seeds.flatMap((seed) => [
    run('none', seed, () => 0.5 + 0.01 * seed, 0.2 + 0.001 * seed),
    run(
      'K=5',
      seed,
      (t) => 0.5 + 0.01 * seed + (t < 30 ? -0.1 + 0.01 * (seed - 2) : 0),
      0.2 + 0.001 * seed + 0.001 * (seed - 2),
    ),
  ]);
  const out = refreshStudy(runs, 'none', ['none', 'K=5'], { none: 'no refresh', 'K=5': 'every 5' }, o);

  it('writes three figures with one band and one line per curve, legend from the labels', () => {
    assert.deepEqual(
      out.map((x) => x.file),
      ['emais-fig7-efficiency', 'emais-fig7-test-error', 'emais-fig7-train-loss'],
    );
    for (const x of out) {
      const names = (x.figure?.data ?? []).map((t) => t.name);
      assert.deepEqual(names, ['no refresh 95% CI', 'every 5 95% CI', 'no refresh', 'every 5']);
    }
  });

  it('states the computed early difference and both verdicts', () => {
    const early = meanCi([-0.11, -0.1, -0.09]);
    const cap = out[0].caption;
    assert.ok(cap.includes(`difference to no refresh ${formatMeanCi(early, 3)} in the first half`), cap);
    assert.ok(cap.includes('Agrees with [EMAIS] Fig. 7: the efficiency score is lower with refreshes'), cap);
    assert.ok(cap.includes('seeds 1, 2, 3'));
    assert.ok(out[1].caption.includes('Agrees with [EMAIS] Fig. 7: train loss and test error are unchanged'));
    // differences of the final test error −0.001, 0, +0.001 → 0.00 ± 0.248 points
    assert.ok(
      out[1].caption.includes('difference to no refresh 0.00 ± 0.248 (n = 3) points'),
      out[1].caption,
    );
  });

  it('says when refreshes do not lower s, and fails on a missing run', () => {
    const flat = seeds.flatMap((seed) => [
      run('none', seed, () => 0.5, 0.2),
      run('K=5', seed, () => 0.6 + 0.01 * seed, 0.3 + 0.01 * seed),
    ]);
    const [eff, err] = refreshStudy(flat, 'none', ['none', 'K=5'], {}, o);
    assert.ok(eff.caption.includes('Differs from [EMAIS] Fig. 7: refreshes do not lower'), eff.caption);
    assert.ok(err.caption.includes('Differs in part from [EMAIS] Fig. 7'), err.caption);
    assert.throws(
      () => refreshStudy(flat.slice(1), 'none', ['none', 'K=5'], {}, o),
      /no run 'none' for seed 1/,
    );
  });

  it('with one seed says that no interval tests the claims instead of calling n = 1 "unchanged"', () => {
    const one = { seeds: [1], scale: 'quick' as const, smooth: 1 };
    const fig7 = refreshStudy(
      [run('none', 1, () => 0.5, 0.2), run('K=5', 1, () => 0.4, 0.21)],
      'none',
      ['none', 'K=5'],
      {},
      one,
    );
    assert.ok(fig7[0].caption.includes('One seed, so no interval; by the means: Agrees'), fig7[0].caption);
    assert.ok(
      fig7[1].caption.includes('One seed: whether train loss and test error are unchanged'),
      fig7[1].caption,
    );
  });
});

describe('emais/fig7-refresh settings and plan', () => {
  const plan = (set: Record<string, unknown>) =>
    emaisFig7Refresh.plan(resolveFigureSettings(emaisFig7Refresh, {}, set).settings as never).runs;

  it('at the default settings: no refresh, then K = 50 and 150 (quick), per seed', () => {
    const runs = plan({});
    const emais = (seed: number, extra = {}) =>
      emaisRunOptions({ scale: 'quick' }, { method: 'emais', ...extra }, seed);
    assert.deepEqual(
      runs.map((r) => r.options),
      [
        ...seeds.map((seed) => emais(seed)),
        ...seeds.map((seed) => emais(seed, { methodOptions: { refreshEvery: 50 } })),
        ...seeds.map((seed) => emais(seed, { methodOptions: { refreshEvery: 150 } })),
      ],
    );
    // the no-refresh run is the other EMAIS figures' Linear-τ run: not this study's cost
    assert.deepEqual(
      runs.map((r) => r.tags?.shared),
      [1, 1, 1, 0, 0, 0, 0, 0, 0],
    );
    const full = plan({ scale: 'full', seeds: [1] }).map((r) => r.options.methodOptions?.refreshEvery);
    assert.deepEqual(full, [undefined, 1000, 5000]);
  });

  it('refreshEvery replaces only the refresh runs’ K; smooth changes no run', () => {
    const base = plan({});
    const changed = plan({ refreshEvery: [7] });
    assert.deepEqual(
      changed.map((r) => r.options),
      [
        ...base.slice(0, 3).map((r) => r.options),
        ...base.slice(3, 6).map((r) => ({ ...r.options, methodOptions: { refreshEvery: 7 } })),
      ],
    );
    assert.deepEqual(plan({ smooth: 5 }), base);
  });

  it('a bad refresh period or smooth window is an error naming the figure and the setting', () => {
    assert.throws(
      () => plan({ refreshEvery: [0] }),
      /figure emais\/fig7-refresh: setting refreshEvery must be distinct integers ≥ 1 .*got 0/,
    );
    assert.throws(() => plan({ refreshEvery: [2.5] }), /setting refreshEvery must be distinct integers/);
    assert.throws(() => plan({ refreshEvery: [5, 5] }), /setting refreshEvery must be distinct integers/);
    assert.throws(
      () => plan({ smooth: -1 }),
      /figure emais\/fig7-refresh: setting smooth must be an integer ≥ 0/,
    );
  });
});
