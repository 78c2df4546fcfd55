import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEmaisSampler, emaisSamplerDefaults } from '../../src/samplers/emais-sampler.js';
import type { Batch, DrawContext } from '../../src/samplers/types.js';
import { cappedPmf } from '../../src/emais/capped-pmf.js';
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
        refreshEvery: 0,
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

  describe('state refresh every K steps ([EMAIS] §9.8, Fig. 7)', () => {
    /** A DrawContext whose evaluate returns score(i) and records each call's step and size. */
    function drawContext(step: number, score: (i: number) => number, calls: { step: number; n: number }[]) {
      const ctx: DrawContext = {
        step,
        evaluate(indices) {
          calls.push({ step, n: indices.length });
          return {
            losses: new Float32Array(indices.length),
            scores: Float32Array.from(indices, (i) => score(i)),
          };
        },
      };
      return ctx;
    }
    /** One step with model access: next(dctx), afterForward, observe with ‖u_b‖ = norm(i_b). */
    function stepWith(
      s: ReturnType<typeof createEmaisSampler>,
      t: number,
      norm: (i: number) => number,
      score: (i: number) => number,
      calls: { step: number; n: number }[],
    ): void {
      const batch = s.next(drawContext(t, score, calls));
      const u = grads(batch.indices, norm);
      const losses = new Float32Array(batch.indices.length);
      s.afterForward({ batch, losses, outputGrad: u, numOutputs: C });
      s.observe({ indices: batch.indices, losses, outputGrad: u, step: t });
    }

    it('scores every sample at t = K, 2K, … (warm-up included) and applies UpdateStats to each (hand-worked)', () => {
      const N = 12;
      const B = 4;
      const tau = 2;
      const s = createEmaisSampler(
        { n: N, batchSize: B, rng: createRng(5) },
        { warmupEpochs: 1, refreshEvery: 2, tau, maxDup: 2 },
      );
      const calls: { step: number; n: number }[] = [];
      const norm = () => 1; // minibatch norms
      const score = (i: number) => 1 + i; // refresh norms
      s.beginEpoch(0); // warm-up: 3 steps, SGD-Scan
      stepWith(s, 0, norm, score, calls);
      stepWith(s, 1, norm, score, calls);
      assert.equal(calls.length, 0, 'no refresh at t = 0 or 1 (K = 2)');
      const last = Float64Array.from(s.stats.last);
      const before = Float64Array.from(s.stats.mean);
      const batch2 = s.next(drawContext(2, score, calls));
      assert.deepEqual(calls, [{ step: 2, n: N }], 'one evaluate of all N samples at t = 2');
      assert.equal(
        s.diagnostics?.().examplesScored,
        0,
        'still step 1’s diagnostics: they update in afterForward',
      );
      for (let i = 0; i < N; i++) {
        assert.equal(s.stats.last[i], 2, `t_${i} = 2 after the refresh`);
        // METHODS §5.8: unseen → μ = v; seen at t_i with μ = 1 → μ = 1 + (1 − e^{−(2 − t_i)/τ})(v − 1)
        const expected =
          last[i] < 0 ? 1 + i : before[i] + (1 - Math.exp(-(2 - last[i]) / tau)) * (1 + i - before[i]);
        assert.ok(
          Math.abs(s.stats.mean[i] - expected) <= 1e-12,
          `μ_${i} = ${s.stats.mean[i]}, expected ${expected}`,
        );
      }
      const u = grads(batch2.indices, norm);
      const losses = new Float32Array(batch2.indices.length);
      s.afterForward({ batch: batch2, losses, outputGrad: u, numOutputs: C });
      assert.equal(s.diagnostics?.().examplesScored, N);
      const refreshed = Float64Array.from(s.stats.mean);
      s.observe({ indices: batch2.indices, losses, outputGrad: u, step: 2 });
      assert.deepEqual(s.stats.mean, refreshed, 'the same step’s minibatch norms have Δ = 0: no change');
      s.endEpoch(0);
      s.beginEpoch(1);
      stepWith(s, 3, norm, score, calls);
      assert.equal(s.diagnostics?.().examplesScored, 0);
      stepWith(s, 4, norm, score, calls);
      assert.deepEqual(
        calls.map((c) => c.step),
        [2, 4],
      );
    });

    it('after a refresh with a short τ the pmf is the capped pmf of the refreshed norms', () => {
      const N = 40;
      const B = 8;
      const s = createEmaisSampler(
        { n: N, batchSize: B, rng: createRng(9) },
        { warmupEpochs: 1, refreshEvery: 5, tau: 0.01, maxDup: 2 },
      );
      const calls: { step: number; n: number }[] = [];
      const score = (i: number) => (i % 7 === 0 ? 4 : 0.5 + i / 100); // differs from the minibatch norms
      s.beginEpoch(0);
      for (let t = 0; t < 5; t++) stepWith(s, t, () => 1, score, calls);
      s.endEpoch(0);
      s.beginEpoch(1);
      s.next(drawContext(5, score, calls)); // refresh at t = 5: a = e^{−Δ/0.01} ≈ 0 ⇒ μ_i = score_i, σ_i ≈ 0
      const p = s.probabilities();
      const ref = cappedPmf(
        Float64Array.from({ length: N }, (_, i) => score(i)),
        2 / B,
      );
      for (let i = 0; i < N; i++) {
        // tolerance: score is float32 (rounding ≈ 6e-8 relative) and e^{−100} residues
        assert.ok(Math.abs(p[i] - ref[i]) <= 1e-7, `p[${i}] = ${p[i]}, capped pmf ${ref[i]}`);
      }
    });

    it('evaluates in chunks of 1000, never without refreshEvery, and fails clearly without model access', () => {
      const calls: { step: number; n: number }[] = [];
      const big = createEmaisSampler({ n: 2500, batchSize: 10, rng: createRng(1) }, { refreshEvery: 1 });
      big.beginEpoch(0);
      big.next(drawContext(1, () => 1, calls));
      assert.deepEqual(
        calls.map((c) => c.n),
        [1000, 1000, 500],
      );
      const none = createEmaisSampler({ n: 30, batchSize: 5, rng: createRng(1) });
      none.beginEpoch(0);
      const noCalls: { step: number; n: number }[] = [];
      for (let t = 0; t < 6; t++)
        stepWith(
          none,
          t,
          () => 1,
          () => 1,
          noCalls,
        );
      assert.equal(noCalls.length, 0);
      assert.equal('examplesScored' in (none.diagnostics?.() ?? {}), false, 'default records unchanged');
      const bare = createEmaisSampler({ n: 30, batchSize: 5, rng: createRng(1) }, { refreshEvery: 2 });
      bare.beginEpoch(0);
      bare.next(); // t = 0: no refresh due
      const u = new Float32Array(5 * C);
      bare.observe({
        indices: new Int32Array([0, 1, 2, 3, 4]),
        losses: new Float32Array(5),
        outputGrad: u,
        step: 0,
      });
      bare.next(); // t = 1
      bare.observe({
        indices: new Int32Array([5, 6, 7, 8, 9]),
        losses: new Float32Array(5),
        outputGrad: u,
        step: 1,
      });
      assert.throws(
        () => bare.next(),
        /^Error: emais: refreshEvery = 2 needs model access \(the DrawContext\) in next\(\)/,
      );
      const nan = createEmaisSampler({ n: 30, batchSize: 5, rng: createRng(1) }, { refreshEvery: 1 });
      nan.beginEpoch(0);
      assert.throws(
        () => nan.next(drawContext(1, (i) => (i === 3 ? NaN : 1), [])),
        /emais: state refresh: evaluate\(\)\.scores\[3\]: importance score of sample index 3 .* is NaN/,
      );
      const ctx = { n: 10, batchSize: 5, rng: createRng(0) };
      assert.throws(
        () => createEmaisSampler(ctx, { refreshEvery: 2.5 }),
        /emais: option refreshEvery must be an integer ≥ 0, got 2.5/,
      );
      assert.throws(() => createEmaisSampler(ctx, { refreshEvery: -1 }), /must be an integer ≥ 0, got -1/);
    });
  });
});
