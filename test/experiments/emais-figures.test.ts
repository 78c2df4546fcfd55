import '../../src/builtins.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emaisFiguresDefaults, reproduceEmais } from '../../src/experiments/emais-figures.js';

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
