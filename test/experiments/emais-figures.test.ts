import '../../src/builtins.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  emaisFiguresDefaults,
  emaisRunOptions,
  fig1Statement,
  fig2Statement,
  reproduceEmais,
  table2Statement,
} from '../../src/experiments/emais-figures.js';

describe('reproduceEmais settings', () => {
  it('full scale follows [EMAIS] Fig. 1 (FMNIST τ ∈ {1000, 5000, 10000, 25000}, ≈ 25k steps, 5 seeds)', () => {
    const full = emaisFiguresDefaults.full;
    assert.deepEqual(full.taus, [1000, 5000, 10000, 25000]);
    assert.equal(full.seedCount, 5);
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
    assert.equal(typeof reproduceEmais, 'function');
  });
});

describe('EMAIS part captions (computed statements)', () => {
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
