import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/random/rng.js';
import { createSelfPaced, selfPacedDefaults, selfPacedThreshold } from '../../src/samplers/self-paced.js';
import type { DrawContext } from '../../src/samplers/types.js';

/** A DrawContext that returns loss L[i] for sample i and counts the evaluated rows. */
function lossTable(L: ArrayLike<number>): DrawContext & { rows: number } {
  const ctx = {
    step: 0,
    rows: 0,
    evaluate(indices: Int32Array) {
      ctx.rows += indices.length;
      return { losses: Float32Array.from(indices, (i) => L[i]), scores: new Float32Array(indices.length) };
    },
  };
  return ctx;
}

describe('self-paced (METHODS §6.6)', () => {
  it('pins the defaults (60% initial, μ = 1.3)', () => {
    assert.deepEqual({ ...selfPacedDefaults }, { initialFraction: 0.6, growth: 1.3, evalChunk: 1024 });
  });

  it('selfPacedThreshold lets exactly ceil(f·N) distinct losses pass', () => {
    assert.equal(selfPacedThreshold(Float32Array.of(4, 1, 3, 2, 5), 0.6), 3.5); // sorted 1..5, k = 3
    assert.equal(selfPacedThreshold(Float32Array.of(4, 1), 1), Infinity);
    const rng = createRng(4);
    const L = Float64Array.from({ length: 997 }, () => rng.next());
    const k = selfPacedThreshold(L, 0.6);
    assert.equal(L.filter((l) => l < k).length, Math.ceil(0.6 * 997));
  });

  it('drops exactly the samples with loss ≥ κ and averages over the rest; κ ← μκ per epoch', () => {
    const N = 100;
    const B = 10;
    const L = Float64Array.from({ length: N }, (_, i) => Math.fround(i / 10)); // 0, 0.1, ..., 9.9
    const s = createSelfPaced({ n: N, batchSize: B, rng: createRng(6) }, { evalChunk: 33 });
    const ctx = lossTable(L);
    s.beginEpoch(0);
    const batch = s.next(ctx);
    assert.equal(ctx.rows, N, 'κ_0 is set from all N initial losses');
    const kappa0 = s.threshold();
    assert.ok(Math.abs(kappa0 - (L[59] + L[60]) / 2) < 1e-12, `κ_0 = ${kappa0}`); // 60 of 100 pass
    assert.equal(s.diagnostics?.().examplesScored, N);
    const losses = Float32Array.from(batch.indices, (i) => L[i]);
    const d = s.afterForward?.({ batch, losses, numOutputs: 1 });
    const w = (d as { weights: Float64Array }).weights;
    const pass = Array.from(losses, (l) => l < kappa0);
    const k = pass.filter(Boolean).length;
    for (let b = 0; b < B; b++) assert.equal(w[b], pass[b] ? B / k : 0, `row ${b}, loss ${losses[b]}`);
    s.observe({ indices: batch.indices, losses });
    for (let t = 1; t < s.stepsInEpoch(0); t++) {
      const b = s.next(ctx);
      s.observe({ indices: b.indices, losses: new Float32Array(B) });
    }
    s.endEpoch(0);
    assert.ok(Math.abs(s.threshold() - 1.3 * kappa0) < 1e-12);
    assert.equal(ctx.rows, N, 'the full set is scored only once');
  });

  it('skips a step where nothing passes (weights 0, lrScale 0)', () => {
    const s = createSelfPaced({ n: 10, batchSize: 5, rng: createRng(1) });
    s.beginEpoch(0);
    const batch = s.next(lossTable(Float64Array.from({ length: 10 }, (_, i) => i)));
    const d = s.afterForward?.({ batch, losses: new Float32Array(5).fill(100), numOutputs: 1 });
    assert.deepEqual(d, { weights: new Float64Array(5), lrScale: 0 });
    assert.equal(s.diagnostics?.().selectedFraction, 0);
  });

  it('rejects bad options', () => {
    const ctx = { n: 10, batchSize: 2, rng: createRng(1) };
    assert.throws(
      () => createSelfPaced(ctx, { initialFraction: 0 }),
      /initialFraction must be a number in \(0, 1\], got 0/,
    );
    assert.throws(() => createSelfPaced(ctx, { growth: 0.5 }), /growth must be a number ≥ 1, got 0.5/);
  });
});
