import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  accumulateA,
  accumulateB,
  omisCoefficients,
  omisEstimate,
  solveOmis,
} from '../../src/mis/omis-system.js';
import { createRng, type Rng } from '../../src/random/rng.js';
import { assertAllClose } from '../helpers/reference.js';

// Exact float64 identities (enumeration, algebra): rounding only, J ≤ 4 well-conditioned systems.
const EXACT = { rtol: 1e-10, atol: 1e-12 };
// Identities between two solves of differently scaled systems, solved without jitter: rounding amplified by
// cond(A), which reaches ≈ 1e4 on some B = 6, J = 3 batches.
const ILLCOND = { rtol: 1e-8, atol: 1e-12 };

/** A tiny problem: N samples, J pmfs (positive), P-dimensional per-sample gradients g (N × P). */
function problem(rng: Rng, N: number, J: number, P: number) {
  const p: number[][] = [];
  for (let j = 0; j < J; j++) {
    const q = Array.from({ length: N }, () => 0.05 + rng.next());
    const s = q.reduce((a, b) => a + b, 0);
    p.push(q.map((v) => v / s));
  }
  const g = Array.from({ length: N }, () => Array.from({ length: P }, () => rng.normal()));
  const G = new Float64Array(P);
  for (const gi of g) gi.forEach((v, k) => (G[k] += v / N));
  return { p, g, G };
}

/** Rows of probs (B × J) and per-sample gradients (B × P) for a batch of indices. */
function batchArrays(p: number[][], g: number[][], idx: number[]) {
  const J = p.length;
  const probs = new Float64Array(idx.length * J);
  idx.forEach((x, s) => p.forEach((pj, k) => (probs[s * J + k] = pj[x])));
  return { probs, grads: Float64Array.from(idx.flatMap((x) => g[x])) };
}

/** Ĝ_OMIS of one batch with fresh A, b (β = 0), form a or b. */
function omisOnce(
  p: number[][],
  g: number[][],
  idx: number[],
  counts: number[],
  N: number,
  form: 'a' | 'b',
  jitterScale = 1e-10,
) {
  const J = p.length;
  const P = g[0].length;
  const { probs, grads } = batchArrays(p, g, idx);
  const { W, c } = omisCoefficients(probs, counts, N, form);
  const A = new Float64Array(J * J);
  const b = new Float64Array(J * P);
  accumulateA(A, W, 0);
  accumulateB(b, c, grads, 0, J);
  const { x: coef, kind } = solveOmis(A, b, { jitterScale });
  return { G: omisEstimate(coef, counts, N, form), coef, A, b, c, kind };
}

/** Draws n_j indices from each p_j (inverse CDF). */
function draw(rng: Rng, p: number[][], counts: number[]): number[] {
  const idx: number[] = [];
  p.forEach((pj, j) => {
    for (let s = 0; s < counts[j]; s++) {
      let u = rng.next();
      let x = 0;
      while (x < pj.length - 1 && u >= pj[x]) u -= pj[x++];
      idx.push(x);
    }
  });
  return idx;
}

describe('OMIS linear system (METHODS §4.3–4.6)', () => {
  it('exact A, b by enumeration of every batch ⇒ E[Â] = A of (4.3) and Σ_j α_j = G', () => {
    const N = 4;
    const J = 3;
    const P = 2;
    const { p, g, G } = problem(createRng(7), N, J, P);
    const counts = [1, 1, 1];
    const EA = new Float64Array(J * J);
    const Eb = new Float64Array(J * P);
    for (let a = 0; a < N; a++)
      for (let b2 = 0; b2 < N; b2++)
        for (let c2 = 0; c2 < N; c2++) {
          const idx = [a, b2, c2];
          const prob = p[0][a] * p[1][b2] * p[2][c2];
          const { probs, grads } = batchArrays(p, g, idx);
          const { W, c } = omisCoefficients(probs, counts, N, 'a');
          const A = new Float64Array(J * J);
          const b = new Float64Array(J * P);
          accumulateA(A, W, 0);
          accumulateB(b, c, grads, 0, J);
          A.forEach((v, i) => (EA[i] += prob * v));
          b.forEach((v, i) => (Eb[i] += prob * v));
        }
    // (4.3): A_jk = Σ_x p_j p_k / S, b_j = Σ_x p_j f / S, f = g/N
    const A43 = new Float64Array(J * J);
    const b43 = new Float64Array(J * P);
    for (let x = 0; x < N; x++) {
      const S = p.reduce((s, pj, k) => s + counts[k] * pj[x], 0);
      for (let j = 0; j < J; j++) {
        for (let k = 0; k < J; k++) A43[j * J + k] += (p[j][x] * p[k][x]) / S;
        for (let d = 0; d < P; d++) b43[j * P + d] += (p[j][x] * g[x][d]) / N / S;
      }
    }
    assertAllClose(EA, A43, EXACT, 'E[Â] vs (4.3)');
    assertAllClose(Eb, b43, EXACT, 'E[b̂] vs (4.3)');
    const { x: coef, kind } = solveOmis(EA, Eb);
    assert.equal(kind, 'cholesky');
    assertAllClose(omisEstimate(coef, counts, N), G, EXACT, 'Σ_j α_j vs G');
  });

  it('forms (a) and (b) of §4.6 give the same Ĝ, with unequal allocations', () => {
    const rng = createRng(11);
    const N = 20;
    const { p, g } = problem(rng, N, 3, 4);
    const counts = [1, 2, 3];
    for (let t = 0; t < 20; t++) {
      const idx = draw(rng, p, counts);
      const a = omisOnce(p, g, idx, counts, N, 'a', 0);
      const b = omisOnce(p, g, idx, counts, N, 'b', 0);
      assertAllClose(b.G, a.G, ILLCOND, `batch ${t}: form (b) vs (a)`);
    }
  });

  it('Σ_j α̂_j equals (4.1) evaluated with the weights (4.2) built from α̂ (fact 1 of §4.4)', () => {
    const rng = createRng(12);
    const N = 15;
    const J = 3;
    const { p, g } = problem(rng, N, J, 2);
    const counts = [2, 1, 3];
    const idx = draw(rng, p, counts);
    const { G, coef } = omisOnce(p, g, idx, counts, N, 'a', 0);
    // (4.1)+(4.2) summed: Σ_j α_j + Σ_samples (f − Σ_k α_k p_k)/S
    const direct = Float64Array.from(coef.slice(0, 2).map((_, d) => coef[d] + coef[2 + d] + coef[4 + d]));
    idx.forEach((x) => {
      const S = p.reduce((s, pj, k) => s + counts[k] * pj[x], 0);
      for (let d = 0; d < 2; d++) {
        let fit = 0;
        for (let k = 0; k < J; k++) fit += coef[k * 2 + d] * p[k][x];
        direct[d] += (g[x][d] / N - fit) / S;
      }
    });
    assertAllClose(direct, G, ILLCOND, '(4.1) with (4.2) vs Σα');
  });

  it('J = 1 reduces exactly to IS (1.1)', () => {
    const rng = createRng(13);
    const N = 10;
    const B = 5;
    const { p, g } = problem(rng, N, 1, 3);
    const idx = draw(rng, p, [B]);
    const { G } = omisOnce(p, g, idx, [B], N, 'a');
    const is = new Float64Array(3);
    idx.forEach((x) => g[x].forEach((v, d) => (is[d] += v / (N * p[0][x]) / B))); // (1.1)
    assertAllClose(G, is, EXACT, 'OMIS J=1 vs IS');
  });

  it('Monte-Carlo mean of Ĝ_OMIS converges to G as B grows (seed 5, N = 50, J = 3, allocation 1:2:3)', () => {
    const rng = createRng(5);
    const N = 50;
    const { p, g, G } = problem(rng, N, 3, 1);
    const M = 20000; // batches per size
    const bias = (scale: number) => {
      const counts = [scale, 2 * scale, 3 * scale];
      let mean = 0;
      for (let t = 0; t < M; t++) mean += omisOnce(p, g, draw(rng, p, counts), counts, N, 'a').G[0] / M;
      return Math.abs(mean - G[0]);
    };
    const small = bias(1); // B = 6
    const large = bias(16); // B = 96
    // Measured with this seed (scratch run, G ≈ 0.0335): bias −0.042 (B = 6), −0.024 (12), −0.009 (24),
    // −0.0034 (48), −0.0028 (96), MC standard error 6e-4 at B = 96: ≈ O(1/B) as METHODS §4.4 states.
    // Tolerance 5e-3 at B = 96 = the O(1/B) extrapolation 0.042·6/96 ≈ 2.6e-3 plus 4 standard errors.
    assert.ok(large < 5e-3, `|E Ĝ − G| = ${large} at B = 96, tolerance 5e-3 (G = ${G[0]})`);
    assert.ok(small > 4 * large, `bias did not shrink 4×: B = 6: ${small}, B = 96: ${large}`);
  });
});

describe('solveOmis', () => {
  it('solves a well-conditioned system by Cholesky (jitter 1e-10·tr/J)', () => {
    const A = Float64Array.of(4, 2, 2, 3);
    const r = solveOmis(A, Float64Array.of(1, 2));
    // [[4, 2], [2, 3]]⁻¹ [1, 2] = [-1/8, 3/4]
    assertAllClose(r.x, [-0.125, 0.75], { rtol: 1e-9, atol: 1e-12 }, 'x');
    assert.equal(r.kind, 'cholesky');
    assert.equal(r.jitter, (1e-10 * 7) / 2);
  });
  it('a technique with no mass falls back to the pseudo-inverse: finite, α_empty = 0', () => {
    const A = Float64Array.of(2, 0, 0, 0, 0, 0, 0, 0, 1);
    const r = solveOmis(A, Float64Array.of(1, 5, 3));
    assert.equal(r.kind, 'pinv');
    assertAllClose(r.x, [0.5, 0, 3], { rtol: 1e-12, atol: 1e-14 }, 'x');
  });
  it('a singular A (two identical techniques) gives a finite minimum-norm solution', () => {
    const A = Float64Array.of(1, 1, 1, 1);
    const r = solveOmis(A, Float64Array.of(2, 2));
    assert.ok(r.x.every(Number.isFinite), `x = ${r.x}`);
    // Either branch must satisfy A x = b (b is in the range of A): x_0 + x_1 = 2.
    assert.ok(Math.abs(r.x[0] + r.x[1] - 2) < 1e-6, `x_0 + x_1 = ${r.x[0] + r.x[1]}, expected 2`);
  });
  it('A = 0 gives x = 0 and kind "zero", never NaN', () => {
    const r = solveOmis(new Float64Array(4), Float64Array.of(1, 1));
    assert.equal(r.kind, 'zero');
    assert.deepEqual([...r.x], [0, 0]);
  });
  it('rejects bad shapes and β', () => {
    assert.throws(() => solveOmis(new Float64Array(3), new Float64Array(1)), /not J × J/);
    assert.throws(() => solveOmis(new Float64Array(4), new Float64Array(3)), /not a multiple of J = 2/);
    assert.throws(
      () => accumulateA(new Float64Array(1), Float64Array.of(1), 1),
      /beta must be a number in \[0, 1\), got 1/,
    );
    assert.throws(
      () => omisCoefficients(Float64Array.of(1), [1], 4, 'c' as 'a'),
      /form must be 'a' or 'b', got 'c'/,
    );
  });
  it('momentum: A ← βA + (1 − β) W Wᵀ (hand-worked, β = 0.5)', () => {
    const A = Float64Array.of(2, 0, 0, 2);
    accumulateA(A, Float64Array.of(1, 2), 0.5);
    // 0.5·[[2,0],[0,2]] + 0.5·[[1,2],[2,4]] = [[1.5, 1], [1, 3]]
    assertAllClose(A, [1.5, 1, 1, 3], EXACT, 'A');
  });
});
