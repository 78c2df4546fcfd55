import '../../src/builtins.js';
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { setupBackend } from '../../src/backend/setup-backend.js';
import { validateTraces, validateTracesDefaults } from '../../src/experiments/validate-traces.js';

/** Target: estimated traces within 15% (median relative error over checkpoints) of the exact ones. */
const TARGET = 0.15;

describe('validateTraces (small model)', () => {
  before(async () => {
    await setupBackend('cpu');
  });

  it('toy2d (800 samples, MLP 2-32-32-3): estimated traces and EMS within 15% of the exact values', async () => {
    assert.equal(validateTracesDefaults.task, 'toy2d');
    const r = await validateTraces({ seed: 0 }); // 3 checkpoints, 8 IS minibatches of 64 each, seeded
    for (const k of ['trIS', 'trU', 'trOpt', 'ems'] as const) {
      assert.ok(r.fullVsExact[k] <= TARGET, `${k}: median relative error ${r.fullVsExact[k]} > ${TARGET}`);
    }
    for (const c of r.checkpoints) {
      // [EMAIS] Fig. 3: logit- and full-gradient norms are strongly correlated
      assert.ok(c.normCorrelation > 0.8, `step ${c.step}: corr ${c.normCorrelation}`);
      assert.ok(
        c.exact.trOpt <= c.exact.trIS + 1e-9 && c.exact.trOpt <= c.exact.trU + 1e-9,
        'optimal is minimal',
      );
    }
    // [EMAIS] Fig. 5: EMS from logits close to EMS from full gradients
    assert.ok(r.logitVsFull.ems <= 0.3, `logit vs full EMS: ${r.logitVsFull.ems}`);
  });
});
