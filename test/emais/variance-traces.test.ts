import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { varianceTraces, varianceTracesFromVectors } from '../../src/emais/variance-traces.js';

// Tiny dataset: N = 4 samples with 2-D "gradients" g_i and an IS pmf p (METHODS §1.5, §5.13).
const G_ROWS = [
  [1, 0],
  [0, 2],
  [-1, 3],
  [0.5, -0.5],
];
const P = [0.1, 0.2, 0.4, 0.3];
const N = G_ROWS.length;
const D = 2;
/** Exact enumeration tolerance: float64 sums of at most N^B = 64 terms. */
const TOL_EXACT = 1e-12;

const norm = (v: number[]) => Math.hypot(...v);
/** Exact traces in float64 (METHODS §5.2: Eq. 1.2, [EMAIS] Eq. 6). */
function exact() {
  const G = [0, 0];
  for (const g of G_ROWS) for (let d = 0; d < D; d++) G[d] += g[d] / N;
  const gSq = G[0] ** 2 + G[1] ** 2;
  let trIS = -gSq;
  let trU = -gSq;
  let m = 0;
  G_ROWS.forEach((g, i) => {
    trIS += norm(g) ** 2 / (N * N * P[i]);
    trU += norm(g) ** 2 / N;
    m += norm(g) / N;
  });
  return { trIS, trU, trOpt: m * m - gSq, gSq };
}

/** Exact mean of f over all N^B ordered outcomes of B i.i.d. draws from P. */
function enumerate(B: number, f: (idx: number[]) => number): number {
  let mean = 0;
  const idx = new Array<number>(B).fill(0);
  for (let code = 0; code < N ** B; code++) {
    let c = code;
    let prob = 1;
    for (let b = 0; b < B; b++) {
      idx[b] = c % N;
      c = Math.floor(c / N);
      prob *= P[idx[b]];
    }
    mean += prob * f(idx);
  }
  return mean;
}

function tracesOf(idx: number[], unbiased: boolean) {
  const lambda = idx.map((i) => 1 / (N * P[i])); // [EMAIS] Eq. 2
  const vec = idx.flatMap((i) => G_ROWS[i]);
  return varianceTracesFromVectors(lambda, vec, D, { unbiased });
}

describe('varianceTraces', () => {
  it('hand-worked plug-in values: λ = 1, norms 1 and 3, K = 4', () => {
    // S2 = S1 = (1 + 9)/2 = 5, S0 = 2: trIS = trU = 1, trOpt = 4 − 4 = 0
    const t = varianceTraces([1, 1], [1, 3], 4);
    assert.deepEqual([t.trIS, t.trU, t.trOpt, t.S2, t.S1, t.S0], [1, 1, 0, 5, 5, 2]);
  });

  it('unbiased estimators have exact means equal to the exact traces (enumeration, B = 3)', () => {
    const ex = exact();
    for (const key of ['trIS', 'trU', 'trOpt'] as const) {
      const m = enumerate(3, (idx) => tracesOf(idx, true)[key]);
      assert.ok(Math.abs(m - ex[key]) <= TOL_EXACT, `${key}: mean ${m}, exact ${ex[key]}, tol ${TOL_EXACT}`);
    }
  });

  it('S2, S1, S0 are unbiased for E_p[λ²‖g‖²], E_U‖g‖², E_U‖g‖ (enumeration, B = 2)', () => {
    let e2 = 0;
    let e1 = 0;
    let e0 = 0;
    G_ROWS.forEach((g, i) => {
      const l = 1 / (N * P[i]);
      e2 += P[i] * l * l * norm(g) ** 2;
      e1 += norm(g) ** 2 / N;
      e0 += norm(g) / N;
    });
    const m2 = enumerate(2, (idx) => tracesOf(idx, false).S2);
    const m1 = enumerate(2, (idx) => tracesOf(idx, false).S1);
    const m0 = enumerate(2, (idx) => tracesOf(idx, false).S0);
    assert.ok(Math.abs(m2 - e2) <= TOL_EXACT, `S2 ${m2} vs ${e2}`);
    assert.ok(Math.abs(m1 - e1) <= TOL_EXACT, `S1 ${m1} vs ${e1}`);
    assert.ok(Math.abs(m0 - e0) <= TOL_EXACT, `S0 ${m0} vs ${e0}`);
  });

  it('plug-in trIS is biased low by exactly trIS/B (METHODS §5.4), B = 3', () => {
    const ex = exact();
    const B = 3;
    const m = enumerate(B, (idx) => tracesOf(idx, false).trIS);
    const expected = ex.trIS - ex.trIS / B; // E[K] = ‖G‖² + trΣ_p/B
    assert.ok(Math.abs(m - expected) <= TOL_EXACT, `plug-in mean ${m}, expected ${expected}`);
  });

  it('rejects NaN and infinite norms or vector entries, naming the row', () => {
    assert.throws(() => varianceTraces([1, 1], [1, NaN], 0), /norms\[1\] must be finite.*NaN/);
    assert.throws(() => varianceTraces([1, 1], [Infinity, 1], 0), /norms\[0\] must be finite.*Infinity/);
    assert.throws(() => varianceTracesFromVectors([1], [0, NaN], 2), /vectors\[0, 1\] must be finite/);
    assert.throws(() => varianceTraces([1], [1], 0, { unbiased: true }), /needs B ≥ 2/);
    assert.throws(() => varianceTraces([0], [1], 0), /lambda\[0\] must be finite and > 0/);
  });
});
