import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/random/rng.js';
import {
  createMemoryAs,
  createMemoryIs,
  createMemorySampler,
  memorySamplerDefaults,
  type MemorySampler,
} from '../../src/samplers/memory-sampler.js';
import type { Batch } from '../../src/samplers/types.js';

/** Scores φ(i_b) for a batch, from a per-index table. */
function scoresOf(indices: Int32Array, phi: ArrayLike<number>): Float32Array {
  return Float32Array.from(indices, (i) => phi[i]);
}

/** Runs one whole epoch, feeding φ(i) back after every step; returns the batches. */
function runEpoch(s: MemorySampler, epoch: number, phi: ArrayLike<number>): Batch[] {
  const batches: Batch[] = [];
  s.beginEpoch(epoch);
  for (let t = 0; t < s.stepsInEpoch(epoch); t++) {
    const batch = s.next();
    batches.push(batch);
    s.observe({
      indices: batch.indices,
      scores: scoresOf(batch.indices, phi),
      losses: new Float32Array(batch.indices.length),
    });
  }
  s.endEpoch(epoch);
  return batches;
}

/**
 * Per-index weights c(i) as returned by the sampler's own batches, gathered over main epochs in which q stays
 * fixed (alpha = 0, eps = 0, constant scores φ = q). Asserts that an index always carries the same weight.
 */
function weightsFromBatches(
  s: MemorySampler,
  phi: ArrayLike<number>,
  N: number,
  firstEpoch: number,
): number[] {
  const w = new Array<number>(N).fill(NaN);
  let seen = 0;
  for (let e = firstEpoch; seen < N; e++) {
    assert.ok(e < firstEpoch + 1000, 'some index was never drawn in 1000 epochs');
    for (const batch of runEpoch(s, e, phi)) {
      batch.indices.forEach((i, b) => {
        if (Number.isNaN(w[i])) {
          w[i] = batch.weights[b];
          seen++;
        } else assert.equal(batch.weights[b], w[i], `index ${i} changed weight`);
      });
    }
  }
  return w;
}

/**
 * Exact mean vector and tr Cov of Ĝ = (1/B) Σ_b c(i_b) g_{i_b} by enumerating all N^B outcomes
 * (i_1..i_B) with probability Π_b p(i_b).
 */
function enumerate(p: ArrayLike<number>, c: ArrayLike<number>, g: number[][], B: number) {
  const N = p.length;
  const D = g[0].length;
  const mean = new Array<number>(D).fill(0);
  let second = 0; // E‖Ĝ‖²
  let mass = 0;
  const outcomes = N ** B;
  const idx = new Array<number>(B).fill(0);
  for (let o = 0; o < outcomes; o++) {
    let r = o;
    let prob = 1;
    for (let b = 0; b < B; b++) {
      idx[b] = r % N;
      r = Math.floor(r / N);
      prob *= p[idx[b]];
    }
    const est = new Array<number>(D).fill(0);
    for (let b = 0; b < B; b++) for (let d = 0; d < D; d++) est[d] += (c[idx[b]] * g[idx[b]][d]) / B;
    for (let d = 0; d < D; d++) mean[d] += prob * est[d];
    second += prob * est.reduce((a, v) => a + v * v, 0);
    mass += prob;
  }
  const trCov = second - mean.reduce((a, v) => a + v * v, 0);
  return { mean, trCov, mass };
}

/** Toy 2-D "gradients" g_i. */
function toyGradients(N: number): number[][] {
  return Array.from({ length: N }, (_, i) => [i - 1.5, ((i * i) % 3) + 0.25 * (i + 1)]);
}

const G_of = (g: number[][]): number[] => g[0].map((_, d) => g.reduce((a, gi) => a + gi[d], 0) / g.length); // G = (1/N) Σ g_i

describe('createMemorySampler: initialisation epoch', () => {
  it('scans a permutation once in ceil(N/B) slices with weights 1 and sets q_i ← φ(i)', () => {
    const N = 10;
    const s = createMemoryIs({ n: N, batchSize: 3, rng: createRng(1) });
    assert.equal(s.name, 'is');
    assert.equal(s.mode, 'is');
    assert.deepEqual(s.options, memorySamplerDefaults);
    assert.equal(s.stepsInEpoch(0), 4); // ceil(10/3)
    assert.equal(s.stepsInEpoch(1), 3); // floor(10/3)
    assert.equal(s.wantsScores(), true);
    const phi = Array.from({ length: N }, (_, i) => 0.5 + i); // exact in float32
    s.beginEpoch(0);
    const seen = new Array<number>(N).fill(0);
    const sizes: number[] = [];
    for (let t = 0; t < 4; t++) {
      assert.ok(
        s.probabilities().every((p) => p === 1 / N),
        'pmf during the init scan is uniform',
      );
      const batch = s.next();
      sizes.push(batch.indices.length);
      batch.indices.forEach((i, b) => {
        seen[i]++;
        assert.equal(batch.weights[b], 1);
        assert.equal(batch.probs[b], 1 / N);
      });
      assert.equal(s.wantsScores(), true);
      s.observe({
        indices: batch.indices,
        scores: scoresOf(batch.indices, phi),
        losses: new Float32Array(3),
      });
    }
    s.endEpoch(0);
    assert.deepEqual(sizes, [3, 3, 3, 1]);
    assert.deepEqual(seen, new Array<number>(N).fill(1));
    assert.deepEqual(Array.from(s.memory()), phi, 'q = φ after init, and no ε added in an init epoch');
    const sum = phi.reduce((a, v) => a + v, 0); // 55, exact
    assert.deepEqual(
      Array.from(s.probabilities()),
      phi.map((v) => v / sum),
    );
  });

  it('initEpochs = 2 gives two scans; initEpochs = 0 starts from a uniform pmf (q = 1)', () => {
    const s2 = createMemoryAs({ n: 7, batchSize: 2, rng: createRng(2) }, { initEpochs: 2 });
    assert.deepEqual([0, 1, 2].map(s2.stepsInEpoch), [4, 4, 3]);
    const s0 = createMemoryIs({ n: 10, batchSize: 5, rng: createRng(2) }, { initEpochs: 0 });
    assert.equal(s0.stepsInEpoch(0), 2);
    assert.deepEqual(Array.from(s0.memory()), new Array<number>(10).fill(1));
    s0.beginEpoch(0);
    const batch = s0.next();
    assert.deepEqual(Array.from(batch.probs), new Array<number>(5).fill(0.1));
    assert.deepEqual(Array.from(batch.weights), [1, 1, 1, 1, 1]);
  });
});

describe('createMemorySampler: main epochs', () => {
  it('(a) probs are the pmf q/Σq used for the draw and IS weights are 1/(N·probs) exactly; AS weights 1', () => {
    for (const mode of ['is', 'as'] as const) {
      const N = 9;
      const rng = createRng(30);
      const phi = Array.from({ length: N }, () => Math.fround(0.01 + rng.next())); // generic values
      const s = createMemorySampler({ n: N, batchSize: 4, rng: createRng(31) }, {}, mode);
      runEpoch(s, 0, phi);
      for (let e = 1; e <= 3; e++) {
        s.beginEpoch(e);
        for (let t = 0; t < s.stepsInEpoch(e); t++) {
          const pmf = s.probabilities();
          const q = s.memory();
          const qSum = q.reduce((a, v) => a + v, 0);
          const batch = s.next();
          assert.equal(batch.indices.length, 4);
          batch.indices.forEach((i, b) => {
            assert.equal(batch.probs[b], pmf[i], `${mode} e${e} t${t} b${b}: probs vs probabilities()`);
            // Σq in tree order vs left to right differ by rounding only: ≤ N·2^-53 relative.
            const rel = Math.abs(batch.probs[b] - q[i] / qSum) / (q[i] / qSum);
            assert.ok(rel <= 1e-14, `probs[${b}] = ${batch.probs[b]} vs q/Σq = ${q[i] / qSum} (rel ${rel})`);
            const expected = mode === 'is' ? 1 / (N * batch.probs[b]) : 1;
            assert.equal(batch.weights[b], expected, `${mode} weight of index ${i}`);
          });
          // new scores each step, so q (and the pmf) really changes between draws
          s.observe({
            indices: batch.indices,
            scores: Float32Array.from(batch.indices, () => rng.next()),
            losses: new Float32Array(4),
          });
        }
        s.endEpoch(e);
      }
    }
  });

  it('(b) exact enumeration, IS: mean = G to 1e-12 and tr Cov = (1.2)/B to 1e-12 (N = 4, 5; B = 2)', () => {
    // φ chosen so that λ_i = Σφ/(N φ_i) is a power of two, i.e. exact in the Float32Array of weights:
    // N = 4: Σφ = 8, λ = 2/φ = [2, 1, 0.5, 2];  N = 5: Σφ = 10, λ = 2/φ = [2, 1, 1, 0.5, 2].
    for (const phi of [
      [1, 2, 4, 1],
      [1, 2, 2, 4, 1],
    ]) {
      const N = phi.length;
      const B = 2;
      const s = createMemoryIs(
        { n: N, batchSize: B, rng: createRng(40 + N) },
        { alpha: 0, eps: 0, epsMode: 'absolute' },
      );
      runEpoch(s, 0, phi);
      const p = s.probabilities();
      const c = weightsFromBatches(s, phi, N, 1);
      assert.deepEqual(
        Array.from(s.probabilities()),
        Array.from(p),
        'pmf stayed fixed while collecting weights',
      );
      const g = toyGradients(N);
      const G = G_of(g);
      const { mean, trCov, mass } = enumerate(p, c, g, B);
      assert.ok(Math.abs(mass - 1) <= 1e-12, `Σ probabilities = ${mass}`);
      mean.forEach((m, d) =>
        assert.ok(Math.abs(m - G[d]) <= 1e-12, `N=${N} dim ${d}: mean ${m}, G ${G[d]}, tol 1e-12`),
      );
      // METHODS (1.2): tr Cov(Ĝ) = (Σ_i ‖g_i‖²/(N² p_i) − ‖G‖²) / B
      let t = 0;
      for (let i = 0; i < N; i++) t += (g[i][0] ** 2 + g[i][1] ** 2) / (N * N * p[i]);
      const expected = (t - (G[0] ** 2 + G[1] ** 2)) / B;
      assert.ok(
        Math.abs(trCov - expected) <= 1e-12,
        `N=${N}: tr Cov ${trCov}, (1.2)/B ${expected}, tol 1e-12`,
      );
    }
  });

  it('(b) exact enumeration, IS with generic φ: bias only from float32 weights (≤ 2^-24·mean‖g‖)', () => {
    // Batch.weights is a Float32Array, so λ carries a relative rounding error ≤ 2^-24; the mean error is then
    // ≤ 2^-24 Σ_i p_i λ_i |g_i| = 2^-24 (1/N) Σ_i |g_i| per coordinate (plus float64 noise, 1e-15).
    const phi = [0.3, 1.7, 0.05, 2.2, 0.9].map(Math.fround);
    const N = phi.length;
    const s = createMemoryIs(
      { n: N, batchSize: 2, rng: createRng(45) },
      { alpha: 0, eps: 0, epsMode: 'absolute' },
    );
    runEpoch(s, 0, phi);
    const p = s.probabilities();
    const c = weightsFromBatches(s, phi, N, 1);
    const g = toyGradients(N);
    const G = G_of(g);
    const { mean } = enumerate(p, c, g, 2);
    mean.forEach((m, d) => {
      const tol = (2 ** -24 * g.reduce((a, gi) => a + Math.abs(gi[d]), 0)) / N + 1e-15;
      assert.ok(Math.abs(m - G[d]) <= tol, `dim ${d}: mean ${m}, G ${G[d]}, tol ${tol}`);
    });
  });

  it('(b) exact enumeration, AS: mean = Σ p_i g_i to 1e-12, tr Cov = (Σ p‖g‖² − ‖Σ p g‖²)/B', () => {
    const phi = [0.3, 1.7, 0.05, 2.2, 0.9].map(Math.fround);
    const N = phi.length;
    const s = createMemoryAs(
      { n: N, batchSize: 2, rng: createRng(46) },
      { alpha: 0, eps: 0, epsMode: 'absolute' },
    );
    runEpoch(s, 0, phi);
    const p = s.probabilities();
    const c = weightsFromBatches(s, phi, N, 1);
    assert.deepEqual(c, [1, 1, 1, 1, 1]);
    const g = toyGradients(N);
    const { mean, trCov } = enumerate(p, c, g, 2);
    const target = [0, 1].map((d) => g.reduce((a, gi, i) => a + p[i] * gi[d], 0)); // biased toward p
    mean.forEach((m, d) =>
      assert.ok(Math.abs(m - target[d]) <= 1e-12, `dim ${d}: mean ${m}, Σ p g ${target[d]}, tol 1e-12`),
    );
    const second = g.reduce((a, gi, i) => a + p[i] * (gi[0] ** 2 + gi[1] ** 2), 0);
    const expected = (second - (target[0] ** 2 + target[1] ** 2)) / 2;
    assert.ok(Math.abs(trCov - expected) <= 1e-12, `tr Cov ${trCov}, expected ${expected}`);
    const G = G_of(g);
    assert.ok(
      Math.abs(mean[0] - G[0]) > 0.1,
      'AS is biased for this φ (guards against testing IS by mistake)',
    );
  });

  it("(c) Monte Carlo with the sampler's own draws: 20 000 batches, mean within 5 sd of G (IS) / Σ p g (AS)", () => {
    // Each coordinate of the average of M independent Ĝ has sd = sqrt(Var_d / M), Var_d from the exact pmf;
    // a 5-sd band fails with probability < 1e-6 for a correct sampler (and the seed is fixed).
    const phi = [0.3, 1.7, 0.05, 2.2, 0.9].map(Math.fround);
    const N = phi.length;
    const B = 2;
    const M = 20000;
    const g = toyGradients(N);
    for (const mode of ['is', 'as'] as const) {
      const s = createMemorySampler(
        { n: N, batchSize: B, rng: createRng(50) },
        { alpha: 0, eps: 0, epsMode: 'absolute' },
        mode,
      );
      runEpoch(s, 0, phi);
      const p = s.probabilities();
      const lambda = Array.from(p, (pi) => (mode === 'is' ? 1 / (N * pi) : 1));
      const sum = [0, 0];
      let batches = 0;
      for (let e = 1; batches < M; e++) {
        for (const batch of runEpoch(s, e, phi)) {
          for (let d = 0; d < 2; d++) {
            let est = 0;
            batch.indices.forEach((i, b) => (est += (batch.weights[b] * g[i][d]) / B)); // (1.1)
            sum[d] += est;
          }
          batches++;
        }
      }
      for (let d = 0; d < 2; d++) {
        const target = mode === 'is' ? G_of(g)[d] : g.reduce((a, gi, i) => a + p[i] * gi[d], 0);
        const second = g.reduce((a, gi, i) => a + p[i] * (lambda[i] * gi[d]) ** 2, 0);
        const sd = Math.sqrt((second - target ** 2) / B / batches);
        const mean = sum[d] / batches;
        assert.ok(
          Math.abs(mean - target) <= 5 * sd,
          `${mode} dim ${d}: MC mean ${mean}, target ${target}, band ±${5 * sd} (5 sd, ${batches} batches)`,
        );
      }
    }
  });

  it('blends q_i ← α q_i + (1 − α) φ(i) for drawn indices only (α = 0.25)', () => {
    // hand-worked: q = 4, φ = 8 → 0.25·4 + 0.75·8 = 7 (all dyadic, exact)
    const s = createMemoryAs({ n: 8, batchSize: 2, rng: createRng(55) }, { alpha: 0.25 });
    runEpoch(s, 0, [4, 4, 4, 4, 4, 4, 4, 4]);
    s.beginEpoch(1);
    const batch = s.next();
    s.observe({ indices: batch.indices, scores: Float32Array.of(8, 8), losses: new Float32Array(2) });
    const q = s.memory();
    for (let i = 0; i < 8; i++) {
      const drawn = batch.indices.includes(i);
      assert.equal(q[i], drawn ? 7 : 4, `index ${i} (${drawn ? 'drawn' : 'not drawn'})`);
    }
  });

  it('updates q once per unique index with the mean score of its copies (α = 0.5)', () => {
    const N = 3;
    const s = createMemoryIs({ n: N, batchSize: 3, rng: createRng(60) }, { alpha: 0.5 });
    runEpoch(s, 0, [1, 2, 4]);
    s.beginEpoch(1);
    let batch = s.next();
    // Find a batch with a repeated index (P(all distinct) = 3! p0 p1 p2 = 6·8/343 ≈ 0.14 per draw).
    for (let e = 1; new Set(batch.indices).size === N;) {
      s.observe({
        indices: batch.indices,
        scores: scoresOf(batch.indices, [1, 2, 4]),
        losses: new Float32Array(3),
      });
      s.endEpoch(e);
      s.beginEpoch(++e);
      batch = s.next();
    }
    const before = s.memory();
    const scores = Float32Array.from(batch.indices, (_, b) => 8 * (b + 1)); // copies see 8, 16, 24
    s.observe({ indices: batch.indices, scores, losses: new Float32Array(3) });
    const after = s.memory();
    for (let i = 0; i < N; i++) {
      const mine = Array.from(batch.indices.keys()).filter((b) => batch.indices[b] === i);
      const expected =
        mine.length === 0
          ? before[i]
          : 0.5 * before[i] + 0.5 * (mine.reduce((a, b) => a + scores[b], 0) / mine.length);
      assert.equal(
        after[i],
        expected,
        `index ${i} (copies at ${mine.join(',')}): ${after[i]} vs ${expected}`,
      );
    }
  });

  it('adds ε once per main epoch: relative ε·mean(q) and absolute ε', () => {
    const phi = [1, 2, 4, 1]; // Σ = 8, mean 2 (exact)
    const rel = createMemoryIs({ n: 4, batchSize: 2, rng: createRng(70) }, { eps: 1e-3 });
    runEpoch(rel, 0, phi);
    assert.deepEqual(Array.from(rel.memory()), phi, 'no ε after the init epoch');
    rel.beginEpoch(1);
    for (let t = 0; t < rel.stepsInEpoch(1); t++) rel.next(); // no observe: only ε can change q
    assert.deepEqual(Array.from(rel.memory()), phi, 'no ε inside the epoch');
    rel.endEpoch(1);
    const once = phi.map((v) => v + 1e-3 * (8 / 4));
    assert.deepEqual(Array.from(rel.memory()), once, 'q + 1e-3·mean(q) after epoch 1');
    rel.beginEpoch(2);
    rel.endEpoch(2);
    const mean1 = once.reduce((a, v) => a + v, 0) / 4;
    const twice = once.map((v) => v + 1e-3 * mean1);
    rel
      .memory()
      .forEach((v, i) =>
        assert.ok(Math.abs(v - twice[i]) <= 1e-15 * twice[i], `epoch 2, index ${i}: ${v} vs ${twice[i]}`),
      );

    const abs = createMemoryAs(
      { n: 4, batchSize: 2, rng: createRng(71) },
      { eps: 0.25, epsMode: 'absolute' },
    );
    runEpoch(abs, 0, phi);
    assert.deepEqual(Array.from(abs.memory()), phi, 'no ε after the init epoch');
    abs.beginEpoch(1);
    abs.next();
    abs.next();
    abs.endEpoch(1);
    assert.deepEqual(Array.from(abs.memory()), [1.25, 2.25, 4.25, 1.25], 'q + 0.25 after epoch 1');
    abs.beginEpoch(2);
    abs.endEpoch(2);
    assert.deepEqual(Array.from(abs.memory()), [1.5, 2.5, 4.5, 1.5], 'q + 2·0.25 after epoch 2');
  });

  it('Σq = 0: draws uniformly with weights 1 until ε or a positive score arrives', () => {
    const s = createMemoryIs({ n: 6, batchSize: 3, rng: createRng(80) });
    runEpoch(s, 0, [0, 0, 0, 0, 0, 0]);
    assert.ok(s.probabilities().every((p) => p === 1 / 6));
    const counts = new Array<number>(6).fill(0);
    const zero = [0, 0, 0, 0, 0, 0];
    for (let e = 1; e <= 200; e++) {
      for (const batch of runEpoch(s, e, zero)) {
        assert.deepEqual(Array.from(batch.weights), [1, 1, 1]);
        assert.deepEqual(Array.from(batch.probs), [1 / 6, 1 / 6, 1 / 6]);
        for (const i of batch.indices) counts[i]++;
      }
    }
    // relative ε·mean(q) = 0 keeps q at 0; 1200 uniform draws: every index appears (P(miss) ≈ 6·(5/6)^1200)
    assert.ok(
      counts.every((c) => c > 0),
      `counts ${counts.join(',')}`,
    );
    assert.deepEqual(Array.from(s.memory()), zero);
    const a = createMemoryIs({ n: 6, batchSize: 3, rng: createRng(81) }, { eps: 0.5, epsMode: 'absolute' });
    runEpoch(a, 0, zero);
    runEpoch(a, 1, zero);
    assert.deepEqual(Array.from(a.memory()), [0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
  });

  it('same seed ⇒ identical batches; another seed ⇒ different batches', () => {
    const phi = Array.from({ length: 20 }, (_, i) => Math.fround(0.1 + ((i * 7) % 5)));
    const run = (seed: number): number[] => {
      const s = createMemoryIs({ n: 20, batchSize: 4, rng: createRng(seed) });
      const out: number[] = [];
      for (let e = 0; e < 4; e++) for (const b of runEpoch(s, e, phi)) out.push(...b.indices, ...b.weights);
      return out;
    };
    assert.deepEqual(run(90), run(90));
    assert.notDeepEqual(run(90), run(91));
  });
});

describe('createMemorySampler: errors', () => {
  const ctx = () => ({ n: 5, batchSize: 2, rng: createRng(0) });

  it('rejects every bad option with its name, value and allowed values', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ alpha: -0.1 }, /option alpha must be a number in \[0, 1\), got -0\.1/],
      [{ alpha: 1 }, /alpha .* got 1$/],
      [{ alpha: NaN }, /alpha .* got NaN/],
      [{ alpha: '0.5' }, /alpha .* got "0\.5"/],
      [{ eps: -1 }, /option eps must be a number ≥ 0, got -1/],
      [{ eps: Infinity }, /eps .* got Infinity/],
      [{ eps: NaN }, /eps .* got NaN/],
      [{ epsMode: 'rel' }, /option epsMode must be one of relative, absolute, got "rel"/],
      [{ initEpochs: 1.5 }, /option initEpochs must be an integer ≥ 0, got 1\.5/],
      [{ initEpochs: -1 }, /initEpochs .* got -1/],
      [{ beta: 0.7 }, /unknown option 'beta'; allowed options: alpha, eps, epsMode, initEpochs/],
    ];
    for (const [options, re] of cases) {
      assert.throws(() => createMemoryIs(ctx(), options), re, JSON.stringify(options));
    }
    assert.throws(
      () => createMemorySampler(ctx(), {}, 'mis' as 'is'),
      /mode must be 'is' or 'as', got 'mis'/,
    );
    assert.throws(
      () => createMemoryAs({ n: 5, batchSize: 6, rng: createRng(0) }),
      /batchSize .* \[1, N = 5\], got 6/,
    );
    assert.throws(() => createMemoryAs({ n: 0, batchSize: 1, rng: createRng(0) }), /ctx\.n .* got 0/);
  });

  it('rejects non-finite or negative scores naming the sample index, and mismatched observations', () => {
    const s = createMemoryIs(ctx());
    assert.throws(() => s.next(), /outside an epoch/);
    s.beginEpoch(0);
    assert.throws(
      () => s.observe({ indices: new Int32Array(0), losses: new Float32Array(0) }),
      /without a batch/,
    );
    const batch = s.next();
    const [i0, i1] = batch.indices;
    const obs = (scores?: Float32Array) => ({ indices: batch.indices, scores, losses: new Float32Array(2) });
    assert.throws(
      () => s.observe(obs(Float32Array.of(1, NaN))),
      new RegExp(`score of sample index ${i1} \\(batch position 1\\) is NaN.*lowering the learning rate`),
    );
    assert.throws(() => s.observe(obs(Float32Array.of(-1, 1))), new RegExp(`sample index ${i0} .* is -1`));
    assert.throws(() => s.observe(obs(Float32Array.of(Infinity, 1))), /is Infinity/);
    assert.throws(() => s.observe(obs()), /needs obs\.scores/);
    assert.throws(() => s.observe(obs(Float32Array.of(1))), /length 1, expected the batch size 2/);
    assert.throws(
      () =>
        s.observe({
          indices: Int32Array.of(i1, i0),
          scores: Float32Array.of(1, 1),
          losses: new Float32Array(2),
        }),
      /do not match the last batch/,
    );
    assert.deepEqual(Array.from(s.memory()), [1, 1, 1, 1, 1], 'rejected observations change nothing');
    s.observe(obs(Float32Array.of(1, 1)));
    assert.throws(() => s.beginEpoch(1), /epoch 0 is still open/);
    assert.throws(() => s.endEpoch(1), /endEpoch\(1\) does not match the open epoch \(0\)/);
    s.next();
    s.next();
    assert.throws(() => s.next(), /more than stepsInEpoch = 3 times in epoch 0/);
  });
});
