// Plain-TypeScript float64 references and a tolerance assertion for the loss, model and importance tests.
import assert from 'node:assert/strict';

/** Tolerance of a comparison: |actual − expected| ≤ atol + rtol·|expected|, element-wise. */
export interface Tolerance {
  rtol: number;
  atol: number;
}

/** Asserts element-wise closeness; the message names the first failing index, both values and the tolerance. */
export function assertAllClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tol: Tolerance,
  label: string,
): void {
  assert.equal(
    actual.length,
    expected.length,
    `${label}: length ${actual.length}, expected ${expected.length}`,
  );
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    const bound = tol.atol + tol.rtol * Math.abs(e);
    if (!(Math.abs(a - e) <= bound)) {
      assert.fail(
        `${label}: index ${i}: actual ${a}, expected ${e}, |diff| ${Math.abs(a - e)} > tolerance ${bound} ` +
          `(rtol ${tol.rtol}, atol ${tol.atol})`,
      );
    }
  }
}

/** Central finite differences of a float64 function f: R^n → R at x, step h; O(h²) error. */
export function centralDiff(f: (x: Float64Array) => number, x: ArrayLike<number>, h = 1e-6): Float64Array {
  const x0 = Float64Array.from(x);
  const g = new Float64Array(x0.length);
  for (let i = 0; i < x0.length; i++) {
    const xp = Float64Array.from(x0);
    const xm = Float64Array.from(x0);
    xp[i] += h;
    xm[i] -= h;
    g[i] = (f(xp) - f(xm)) / (2 * h);
  }
  return g;
}

/** Euclidean norm. */
export function norm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

/** Softmax cross-entropy of one logit row z with class y, float64, stable: log Σ exp(z − max) + max − z_y. */
export function softmaxCe64(z: ArrayLike<number>, y: number): number {
  let mx = -Infinity;
  for (let c = 0; c < z.length; c++) mx = Math.max(mx, z[c]);
  let s = 0;
  for (let c = 0; c < z.length; c++) s += Math.exp(z[c] - mx);
  return Math.log(s) + mx - z[y];
}

/** Softmax of one row, float64. */
export function softmax64(z: ArrayLike<number>): Float64Array {
  let mx = -Infinity;
  for (let c = 0; c < z.length; c++) mx = Math.max(mx, z[c]);
  const s = new Float64Array(z.length);
  let tot = 0;
  for (let c = 0; c < z.length; c++) tot += s[c] = Math.exp(z[c] - mx);
  for (let c = 0; c < z.length; c++) s[c] /= tot;
  return s;
}

/** Mean squared error of one row, float64: (1/C) Σ_c (m_c − y_c)². */
export function mse64(m: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let c = 0; c < m.length; c++) s += (m[c] - y[c]) ** 2;
  return s / m.length;
}

/**
 * Float64 forward pass of a dense network: params [W_1 (in·out row-major), b_1, ..., W_L, b_L], act on
 * every layer but the last. Returns the output row and the input of the last layer.
 */
export function mlpForward64(
  params: readonly ArrayLike<number>[],
  widths: readonly number[],
  act: 'relu' | 'tanh' | 'none',
  x: ArrayLike<number>,
): { output: Float64Array; hidden: Float64Array } {
  let a = Float64Array.from(x);
  let hidden = a;
  const L = widths.length - 1;
  for (let k = 0; k < L; k++) {
    const W = params[2 * k];
    const b = params[2 * k + 1];
    const nIn = widths[k];
    const nOut = widths[k + 1];
    const z = new Float64Array(nOut);
    for (let o = 0; o < nOut; o++) {
      let s = b[o];
      for (let i = 0; i < nIn; i++) s += a[i] * W[i * nOut + o];
      z[o] = s;
    }
    hidden = a;
    if (k + 1 < L && act !== 'none') a = z.map((v) => (act === 'relu' ? Math.max(v, 0) : Math.tanh(v)));
    else a = z;
  }
  return { output: a, hidden };
}
