import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEmaisSampler, emaisSamplerDefaults } from '../../src/samplers/emais-sampler.js';
import type { Batch } from '../../src/samplers/types.js';
import { createRng } from '../../src/random/rng.js';

const C = 3;
/** Output gradients with ‖u_b‖ = norm(i_b), along ±e_{i mod C} (so the mean gradient is small). */
function grads(indices: Int32Array, norm: (i: number) => number): Float32Array {
  const u = new Float32Array(indices.length * C); // (B × C)
  indices.forEach((i, b) => (u[b * C + (i % C)] = (i % 2 === 0 ? 1 : -1) * norm(i)));
  return u;
}

function runStep(
  s: ReturnType<typeof createEmaisSampler>,
  t: number,
  norm: (i: number) => number,
): { batch: Batch; lrScale: number } {
  const batch = s.next();
  const u = grads(batch.indices, norm);
  const losses = new Float32Array(batch.indices.length);
  const d = s.afterForward({ batch, losses, outputGrad: u, numOutputs: C });
  s.observe({ indices: batch.indices, losses, outputGrad: u, step: t });
  return { batch, lrScale: d.lrScale ?? 1 };
}

describe('emais sampler', () => {
  it('pins its defaults (METHODS §9)', () => {
    assert.deepEqual(
      { ...emaisSamplerDefaults },
      {
        tau: 0,
        maxDup: 1,
        warmupEpochs: 2,
        lrAdjust: 'linear',
        importanceForm: 'std',
        cap: 'water',
        unbiased: false,
      },
    );
  });

  it('warms up with SGD-Scan, then draws capped IS batches with λ = 1/(N p) and B_eff > B', () => {
    const N = 200;
    const B = 10;
    const s = createEmaisSampler({ n: N, batchSize: B, rng: createRng(3) }, { maxDup: 2 });
    const norm = (i: number) => (i < 20 ? 5 : 0.1); // 20 hard samples
    let t = 0;
    for (let e = 0; e < 2; e++) {
      assert.equal(s.stepsInEpoch(e), 20);
      s.beginEpoch(e);
      const seen = new Set<number>();
      for (let k = 0; k < 20; k++) {
        const { batch, lrScale } = runStep(s, t++, norm);
        batch.indices.forEach((i) => seen.add(i));
        assert.ok(batch.weights.every((c) => c === 1));
        assert.equal(lrScale, 1); // METHODS §5.11: λ ≡ 1 ⇒ B_eff = B during warm-up
        assert.equal(s.diagnostics?.().ems, B);
      }
      assert.equal(seen.size, N, 'each warm-up epoch visits every sample once');
      s.endEpoch(e);
    }
    s.beginEpoch(2);
    const p = s.probabilities();
    const sum = p.reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - 1) <= 1e-12, `Σp = ${sum}`);
    assert.ok(B * Math.max(...p) <= 2 + 1e-12, `max B·p = ${B * Math.max(...p)} > D_max = 2`);
    assert.ok(p[0] > p[100], 'hard samples are more likely');
    const { batch, lrScale } = runStep(s, t++, norm);
    for (let b = 0; b < B; b++) {
      const i = batch.indices[b];
      assert.ok(Math.abs(batch.probs[b] - p[i]) <= 1e-12, `probs[${b}] is the pmf of the draw`);
      assert.ok(Math.abs(batch.weights[b] - 1 / (N * p[i])) <= 1e-9, `λ_${b} = 1/(N p)`);
    }
    const d = s.diagnostics?.() ?? {};
    assert.ok(d.ems > B, `B_eff = ${d.ems} should exceed B when IS follows the norms`);
    assert.ok(Math.abs(lrScale - d.ems / B) <= 1e-12, 'Eq. 8 linear rule');
    assert.ok(d.efficiency < 1, `efficiency ${d.efficiency}`);
  });

  it('updates the statistics once per unique index with the mean of its copies', () => {
    const s = createEmaisSampler(
      { n: 4, batchSize: 4, rng: createRng(0) },
      { warmupEpochs: 0, maxDup: 4, tau: 5 },
    );
    s.beginEpoch(0);
    const indices = new Int32Array([1, 1, 2, 1]);
    const u = new Float32Array(4 * C);
    u[0] = 1;
    u[3] = 2;
    u[9] = 3; // norms of index 1 (rows 0, 1, 3): 1, 2, 3 → mean 2
    s.observe({ indices, losses: new Float32Array(4), outputGrad: u, step: 0 });
    assert.equal(s.stats.mean[1], 2);
    assert.equal(s.stats.last[1], 0);
    assert.equal(s.stats.last[0], -1);
  });

  it('rejects NaN or infinite gradient norms with a clear error, and bad options', () => {
    const s = createEmaisSampler({ n: 4, batchSize: 2, rng: createRng(0) });
    s.beginEpoch(0);
    const batch = s.next();
    const u = new Float32Array(2 * C).fill(NaN);
    assert.throws(
      () => s.observe({ indices: batch.indices, losses: new Float32Array(2), outputGrad: u, step: 0 }),
      // the shared check of every sampler's observe (src/samplers/check-observation.ts)
      /^RangeError: emais: observe\(\): obs\.outputGrad\[0\]: output gradient of sample index \d+ \(batch position 0\) is NaN; output gradients must be finite/,
    );
    assert.throws(
      () => s.afterForward({ batch, losses: new Float32Array(2), outputGrad: u, numOutputs: C }),
      /vectors\[0, 0\] must be finite, got NaN/,
    );
    const ctx = { n: 10, batchSize: 5, rng: createRng(0) };
    assert.throws(() => createEmaisSampler(ctx, { maxDup: 0.1 }), /maxDup must be > 0 with N·maxDup\/B ≥ 1/);
    assert.throws(
      () => createEmaisSampler(ctx, { lrAdjust: 'cubic' }),
      /lrAdjust must be one of linear, sqrt, off/,
    );
    assert.throws(() => createEmaisSampler(ctx, { tau: -1 }), /option tau must be a number ≥ 0, got -1/);
    assert.throws(() => createEmaisSampler(ctx, { foo: 1 }), /unknown option 'foo'/);
  });

  it("'mix' cap respects the duplicate bound and the lifecycle is checked", () => {
    const N = 50;
    const B = 10;
    const s = createEmaisSampler({ n: N, batchSize: B, rng: createRng(1) }, { warmupEpochs: 1, cap: 'mix' });
    s.beginEpoch(0);
    for (let k = 0; k < s.stepsInEpoch(0); k++) runStep(s, k, (i) => (i === 0 ? 100 : 0.01));
    s.endEpoch(0);
    s.beginEpoch(1);
    const p = s.probabilities();
    assert.ok(B * Math.max(...p) <= 1 + 1e-9, `mixture max B·p = ${B * Math.max(...p)}`);
    assert.throws(() => s.beginEpoch(2), /still open/);
    assert.throws(() => s.endEpoch(3), /does not match the open epoch/);
  });
});
