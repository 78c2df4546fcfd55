import '../../../src/builtins.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emaisFiguresDefaults, emaisRunOptions } from '../../../src/papers/emais/fmnist.js';
import { fig1Statement } from '../../../src/papers/emais/fig1-tau.js';
import { fig2Statement } from '../../../src/papers/emais/fig2-dynamic-batch.js';
import { table2Statement } from '../../../src/papers/emais/table2.js';
import { figureSpec } from '../../../src/papers/figures.js';
import { resolveFigureSettings } from '../../../src/experiments/figure-spec.js';

describe('the EMAIS set-up per scale', () => {
  it('full scale follows [EMAIS] Fig. 1 (FMNIST τ ∈ {1000, 5000, 10000, 25000}, ≈ 25k steps)', () => {
    const full = emaisFiguresDefaults.full;
    assert.deepEqual(full.taus, [1000, 5000, 10000, 25000]);
    // 60k images, B = 128: 2 warm-up epochs of ceil(60000/128) = 469 steps, then floor(60000/128) = 468 per epoch
    const T = 2 * 469 + (full.epochs - 2) * 468;
    assert.ok(Math.abs(T - 25000) / 25000 < 0.02, `full-scale steps ${T}`);
  });

  it('quick scale scales the τ values by T_quick / 25000 (within 10%)', () => {
    const quick = emaisFiguresDefaults.quick;
    const T = 2 * Math.ceil(10000 / 128) + (quick.epochs - 2) * Math.floor(10000 / 128); // 158 + 312 = 470
    assert.equal(T, 470);
    emaisFiguresDefaults.full.taus.forEach((tau, k) => {
      const scaled = (tau * T) / 25000;
      assert.ok(Math.abs(quick.taus[k] - scaled) <= 0.1 * scaled, `τ ${quick.taus[k]} vs ${scaled}`);
    });
  });
});

describe('EMAIS comparison captions (computed statements)', () => {
  const finals = [
    { label: 'SGD-Scan', errors: [0.2, 0.21, 0.22] },
    { label: 'SGD-Uni', errors: [0.21, 0.215, 0.23] },
    { label: 'IS', errors: [0.19, 0.2, 0.2] },
    { label: 'EMAIS Linear-τ', errors: [0.15, 0.16, 0.165] },
    { label: 'SGD-Uni (B = B_eff,t)', errors: [0.16, 0.15, 0.17] },
  ];

  it('Table 2: rank of EMAIS and its paired differences in points (hand-worked)', () => {
    const t = table2Statement(finals.slice(0, 4));
    // EMAIS − SGD-Scan: −5, −5, −5.5 points → mean −5.17, sd 0.2887, half 4.303·0.2887/√3 = 0.717
    assert.ok(t.startsWith('Agrees with [EMAIS] Table 2: EMAIS has the lowest mean test error'), t);
    assert.ok(t.includes('EMAIS Linear-τ − SGD-Scan -5.17 ± 0.717 (n = 3) points'), t);
    assert.ok(t.includes('(both below 0, as in the paper)'), t);
    const worse = table2Statement([
      { label: 'EMAIS Linear-τ', errors: [0.3] },
      { label: 'SGD-Scan', errors: [0.2] },
      { label: 'SGD-Uni', errors: [0.25] },
    ]);
    assert.ok(worse.startsWith('Differs from [EMAIS] Table 2 (EMAIS best): EMAIS ranks 3 of 3'), worse);
    assert.ok(worse.includes('With one seed there is no interval'), worse);
    assert.throws(() => table2Statement(finals.slice(0, 3)), /no final test error for 'EMAIS Linear-τ'/);
  });

  it('Fig. 2: EMAIS matches the dynamic-batch run and beats both uniform runs', () => {
    const t = fig2Statement(finals);
    // EMAIS − dyn: −1, +1, −0.5 points: the interval contains 0
    assert.ok(t.includes('as in [EMAIS] Fig. 2, EMAIS matches SGD-Uni with batch B_eff,t'), t);
    assert.ok(t.includes('as in the paper, EMAIS beats both at B = 128'), t);
  });

  it('Fig. 1: early s grows with τ; Linear-τ below 1, slightly above the smallest τ', () => {
    const t = fig1Statement([
      { tau: 0, early: [0.3, 0.32, 0.31], all: [0.4, 0.41, 0.42] },
      { tau: 100, early: [0.3, 0.31, 0.32], all: [0.5, 0.5, 0.5] },
      { tau: 20, early: [0.2, 0.21, 0.22], all: [0.35, 0.36, 0.37] },
    ]);
    assert.ok(t.startsWith('Mean s in the first half after the warm-up: τ = 20: 0.210 ± 0.0248 (n = 3)'), t);
    assert.ok(t.includes('As in [EMAIS] Fig. 1(b), smaller fixed τ gives smaller s early'), t);
    assert.ok(t.includes('slightly above the smallest τ, as in the paper'), t);
    const flat = fig1Statement([
      { tau: 0, early: [1.2], all: [1.1] },
      { tau: 20, early: [0.5], all: [0.5] },
      { tau: 100, early: [0.4], all: [0.4] },
    ]);
    assert.ok(flat.includes('Unlike [EMAIS] Fig. 1(b), s early does not grow with τ'), flat);
    assert.ok(flat.includes('unlike the paper, Linear-τ does not keep s below 1'), flat);
  });

  it('emaisRunOptions: the EMAIS set-up with the scale, its epochs and a cosine schedule', () => {
    assert.deepEqual(emaisRunOptions({ scale: 'quick' }, { method: 'emais', epochs: 4 }, 2), {
      task: 'fmnist-lenet',
      scale: 'quick',
      epochs: 4,
      schedule: 'cosine',
      evalEvery: 0,
      method: 'emais',
      seed: 2,
    });
  });
});

describe('EMAIS comparison figure specs: settings', () => {
  const planOf = (id: string, set: Record<string, unknown>) => {
    const spec = figureSpec(id);
    return spec.plan(resolveFigureSettings(spec, {}, set).settings);
  };
  it('the defaults plan the runs of the EMAIS set-up; epochs changes every run and only the epochs', () => {
    const before = planOf('emais/table2', {}).runs.map((r) => r.options);
    assert.equal(before.length, 3 * (8 + 1 + 4)); // per seed: 8 baselines, Linear-τ, 4 fixed τ
    assert.ok(before.every((o) => o.task === 'fmnist-lenet' && o.epochs === 6 && o.schedule === 'cosine'));
    const after = planOf('emais/table2', { epochs: 2 }).runs.map((r) => r.options);
    assert.deepEqual(
      after,
      before.map((o) => ({ ...o, epochs: 2 })),
    );
  });
  it('taus replaces the fixed-τ runs of Fig. 1 and Table 2; Fig. 2 has none', () => {
    const taus = (id: string, set: Record<string, unknown>) =>
      planOf(id, set).runs.flatMap((r) =>
        r.options.methodOptions?.tau === undefined ? [] : [r.options.methodOptions.tau],
      );
    assert.deepEqual(taus('emais/fig1-tau', { seeds: [1], taus: [7, 9] }), [7, 9]);
    assert.deepEqual(taus('emais/fig1-tau', { seeds: [1] }), [20, 100, 200, 470]);
    assert.deepEqual(taus('emais/table2', { seeds: '1', scale: 'full' }), [1000, 5000, 10000, 25000]);
    assert.deepEqual(taus('emais/fig2-dynamic-batch', {}), []);
    assert.throws(
      () => planOf('emais/fig1-tau', { taus: [5, 0] }),
      /figure emais\/fig1-tau: setting taus must be distinct integers ≥ 1/,
    );
  });
  it('Fig. 2 and Table 2 plan the dynamic-batch run per seed from the Linear-τ records', () => {
    const plan = planOf('emais/fig2-dynamic-batch', { seeds: [2] });
    const ems = [100.4, 99.6, Number.NaN, 0.2];
    const linear = {
      tags: { method: 'EMAIS Linear-τ' },
      config: { seed: 2 },
      steps: { objects: () => [...ems.map((e) => ({ ems: e })), {}] },
    };
    const [dyn] = plan.dependents?.([linear] as never) ?? [];
    assert.equal(dyn.options.method, 'uniform-dynamic');
    assert.equal(dyn.options.seed, 2);
    // [EMAIS] Eq. 7 B_eff rounded, at least 1; a step without a finite estimate draws B = 128
    assert.deepEqual(dyn.options.methodOptions?.batchSizes, [100, 100, 128, 1, 128]);
    assert.throws(() => plan.dependents?.([]), /no Linear-τ run of seed 2/);
  });
});
