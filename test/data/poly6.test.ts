import { test } from 'node:test';
import assert from 'node:assert/strict';
import { legendreFeatures, makePoly6, monomialFeatures, poly6Defaults, poly6Loss } from '../../src/data/poly6.js';
import { validateDataset, type Dataset } from '../../src/data/dataset.js';

/** Float64 closed forms of the Legendre polynomials P_1..P_6 (Abramowitz & Stegun 22.3.8 / Table 22.9). */
const P = [
  (x: number) => x,
  (x: number) => (3 * x ** 2 - 1) / 2,
  (x: number) => (5 * x ** 3 - 3 * x) / 2,
  (x: number) => (35 * x ** 4 - 30 * x ** 2 + 3) / 8,
  (x: number) => (63 * x ** 5 - 70 * x ** 3 + 15 * x) / 8,
  (x: number) => (231 * x ** 6 - 315 * x ** 4 + 105 * x ** 2 - 5) / 16,
];

/** Asserts |actual − expected| ≤ tol elementwise, printing index, actual, expected and tol. */
function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < actual.length; i++) {
    const err = Math.abs(actual[i] - expected[i]);
    if (!(err <= tol)) assert.fail(`${what}[${i}]: actual ${actual[i]}, expected ${expected[i]}, tol ${tol}`);
  }
}

/** Float64 gradient of F(θ) = (1/n) Σ (θ_0 + Σ θ_k x_ik − y_i)²: ∇F = (2/n) Σ r_i [1, x_i]. */
function gradient(theta: Float64Array, ds: Dataset): Float64Array {
  const g = new Float64Array(7);
  for (let i = 0; i < ds.n; i++) {
    let r = theta[0] - ds.y[i];
    for (let k = 0; k < 6; k++) r += theta[k + 1] * ds.x[i * 6 + k];
    g[0] += (2 * r) / ds.n;
    for (let k = 0; k < 6; k++) g[k + 1] += (2 * r * ds.x[i * 6 + k]) / ds.n;
  }
  return g;
}

const EPS64 = 1e-12; // float64 recurrence vs closed form: a few ulps of values ≤ √13

test('legendreFeatures: sqrt(2k+1)·P_k at known points', () => {
  const s = [3, 5, 7, 9, 11, 13].map(Math.sqrt);
  assertClose(legendreFeatures(1), s, EPS64, 'φ(1)'); // P_k(1) = 1
  assertClose(legendreFeatures(-1), s.map((v, k) => (k % 2 === 0 ? -v : v)), EPS64, 'φ(-1)'); // P_k(-1) = (-1)^k
  // P_2(0) = -1/2, P_4(0) = 3/8, P_6(0) = -5/16, odd ones vanish.
  assertClose(legendreFeatures(0), [0, -s[1] / 2, 0, (3 * s[3]) / 8, 0, (-5 * s[5]) / 16], EPS64, 'φ(0)');
  for (const x of [-0.9, -0.3, 0.25, 0.7, 1.5]) {
    assertClose(legendreFeatures(x), P.map((p, k) => s[k] * p(x)), EPS64, `φ(${x})`);
  }
  assert.equal(legendreFeatures(0.5, 2).length, 2);
  assert.throws(() => legendreFeatures(NaN), /x must be a finite number, got NaN/);
  assert.throws(() => legendreFeatures(0, 0), /degree must be an integer ≥ 1, got 0/);
});

test('legendreFeatures are orthonormal with zero mean under U[-1, 1] (composite Simpson)', () => {
  // Simpson with 20,000 intervals on degree ≤ 12 polynomials: error ≈ (2/180)·h⁴·max|f⁗| ≈ 1e-2 · 1e-16 · 1e6,
  // far below the 1e-9 tolerance, which itself leaves room for float64 round-off in the 20,001-term sum.
  const TOL = 1e-9;
  const m = 20000;
  const h = 2 / m;
  const gram = new Float64Array(49); // [1, φ_1..φ_6] Gram matrix, E over U[-1, 1] = (1/2)∫
  for (let i = 0; i <= m; i++) {
    const w = (i === 0 || i === m ? 1 : i % 2 === 1 ? 4 : 2) * (h / 3) * 0.5;
    const f = [1, ...legendreFeatures(-1 + i * h)];
    for (let a = 0; a < 7; a++) for (let b = 0; b < 7; b++) gram[a * 7 + b] += w * f[a] * f[b];
  }
  const identity = Array.from({ length: 49 }, (_, i) => (i % 8 === 0 ? 1 : 0));
  assertClose(gram, identity, TOL, 'Gram');
});

test('makePoly6 defaults: shapes, features of xRaw, valid datasets', () => {
  assert.deepEqual(
    { ...poly6Defaults },
    { basis: 'legendre', n: 1024, nTest: 1024, noise: 0.1, outlierFraction: 0, outlierScale: 10, seed: 0 },
  );
  const p = makePoly6();
  validateDataset(p.train);
  validateDataset(p.test);
  assert.equal(p.train.n, 1024);
  assert.equal(p.test.n, 1024);
  assert.deepEqual(p.train.xShape, [6]);
  assert.deepEqual(p.train.yShape, [1]);
  assert.ok(p.train.y instanceof Float32Array);
  assert.equal(p.thetaTrue.length, 7);
  assert.equal(p.thetaStar.length, 7);
  for (const [ds, raw] of [
    [p.train, p.xRawTrain],
    [p.test, p.xRawTest],
  ] as const) {
    assert.equal(raw.length, ds.n);
    for (let i = 0; i < ds.n; i++) {
      assert.ok(raw[i] >= -1 && raw[i] < 1, `xRaw[${i}] = ${raw[i]} not in [-1, 1)`);
      const f32 = Array.from(legendreFeatures(raw[i]), Math.fround);
      assertClose(ds.x.subarray(i * 6, i * 6 + 6), f32, 0, `${ds.name} x row ${i}`);
    }
  }
});

test('monomialFeatures: x^k at known points; bad input is an error', () => {
  assert.deepEqual(Array.from(monomialFeatures(0.5, 3)), [0.5, 0.25, 0.125]);
  assert.deepEqual(Array.from(monomialFeatures(-1)), [-1, 1, -1, 1, -1, 1]);
  assert.deepEqual(Array.from(monomialFeatures(0)), [0, 0, 0, 0, 0, 0]);
  assert.throws(() => monomialFeatures(Infinity), /x must be a finite number, got Infinity/);
  assert.throws(() => monomialFeatures(1, 1.5), /degree must be an integer ≥ 1, got 1.5/);
});

test("makePoly6 basis 'monomial': rows are x^k of xRaw, θ* solves the normal equations, ill-conditioned Gram", () => {
  const p = makePoly6({ basis: 'monomial', n: 4096, outlierFraction: 0.02, outlierScale: 30, seed: 2 });
  for (let i = 0; i < 50; i++) {
    const f32 = Array.from(monomialFeatures(p.xRawTrain[i]), Math.fround);
    assertClose(p.train.x.subarray(i * 6, i * 6 + 6), f32, 0, `x row ${i}`);
  }
  // Cholesky on a Gram matrix with condition number ≈ 1e4 loses ~4 digits: 1e-9 still holds in float64.
  assertClose(gradient(p.thetaStar, p.train), new Float64Array(7), 1e-9, '∇F(θ*) monomial');
  // Sample Gram diagonal vs E[x^{2k}] = 1/(2k + 1) under U[-1, 1] (sd of the mean of x^{2k} ≤ 0.3/√4096 ≈ 0.005).
  for (let k = 1; k <= 6; k++) {
    let m = 0;
    for (let i = 0; i < p.train.n; i++) m += p.train.x[i * 6 + k - 1] ** 2 / p.train.n;
    assert.ok(Math.abs(m - 1 / (2 * k + 1)) < 0.02, `E[x^${2 * k}] = ${m}, expected ${1 / (2 * k + 1)}`);
  }
  assert.throws(() => makePoly6({ basis: 'chebyshev' as 'monomial' }), /basis must be one of monomial, legendre; got 'chebyshev'/);
});

test('θ* solves the normal equations: float64 gradient of the train loss at θ* ≈ 0', () => {
  // A ≈ I (orthonormal features), so the Cholesky solve is accurate to ~1e-15; 1e-9 is the brief's bound.
  const TOL = 1e-9;
  for (const options of [{}, { n: 64, noise: 1, outlierFraction: 0.2, seed: 5 }]) {
    const p = makePoly6(options);
    assertClose(gradient(p.thetaStar, p.train), new Float64Array(7), TOL, `∇F(θ*) ${JSON.stringify(options)}`);
    assert.equal(poly6Loss(p.thetaStar, p.train), p.optimalLoss);
    // θ* is the minimum: any perturbation increases F (F is a convex quadratic).
    for (let k = 0; k < 7; k++) {
      const t = Float64Array.from(p.thetaStar);
      t[k] += 1e-3;
      assert.ok(poly6Loss(t, p.train) > p.optimalLoss, `F(θ* + 1e-3 e_${k}) ≤ F(θ*)`);
    }
    assert.ok(poly6Loss(p.thetaTrue, p.train) >= p.optimalLoss);
  }
});

test('poly6Loss matches a hand-worked value', () => {
  // Two samples: x rows φ = [1,0,0,0,0,0] and [0,0,0,0,0,2], y = 1 and 0; θ = [0.5, 1, 0, 0, 0, 0, 1].
  // m_1 = 0.5 + 1 = 1.5, r_1 = 0.5; m_2 = 0.5 + 2 = 2.5, r_2 = 2.5; F = (0.25 + 6.25)/2 = 3.25.
  const ds: Dataset = {
    name: 'hand',
    n: 2,
    xShape: [6],
    x: Float32Array.from([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]),
    yShape: [1],
    y: Float32Array.from([1, 0]),
  };
  assert.equal(poly6Loss([0.5, 1, 0, 0, 0, 0, 1], ds), 3.25);
  assert.throws(() => poly6Loss([0, 1], ds), /theta must have 7 values .*got 2/);
  assert.throws(() => poly6Loss(new Float64Array(7), { ...ds, xShape: [3, 2] }), /xShape \[6\].*got xShape \[3, 2\]/);
});

test('makePoly6 noise: optimal loss ≈ noise²·(1 − 7/n) and θ* ≈ θ_true', () => {
  // E[F(θ*)] = σ²(n − 7)/n = 0.00993 for σ = 0.1, n = 1024; sd ≈ σ²·sqrt(2/n) = 4.4e-4, band = 5 sd.
  const p = makePoly6();
  const expected = 0.01 * (1 - 7 / 1024);
  assert.ok(
    Math.abs(p.optimalLoss - expected) <= 5 * 4.4e-4,
    `optimalLoss: actual ${p.optimalLoss}, expected ${expected}, tol ${5 * 4.4e-4}`,
  );
  // θ* − θ_true ~ N(0, σ²/n · A⁻¹), A ≈ I: sd ≈ 0.1/32 = 3.1e-3 per coefficient; band 0.02 ≈ 6 sd.
  assertClose(p.thetaStar, p.thetaTrue, 0.02, 'θ* vs θ_true');
});

test('makePoly6 outliers: exact count and noise scaled by outlierScale', () => {
  const p = makePoly6({ n: 2000, outlierFraction: 0.1, outlierScale: 10, noise: 0.1, seed: 3 });
  const flagged = p.outliersTrain.reduce((a, b) => a + b, 0);
  assert.equal(flagged, 200);
  // Residual y − f(x) has sd 1.0 on outliers and 0.1 elsewhere. The sample sd of m normals has relative sd
  // ≈ 1/sqrt(2m): 5% for m = 200, 1.7% for m = 1800; bands are 20% and 8% (≈ 4–5 sd).
  const sq = [0, 0];
  const cnt = [0, 0];
  for (let i = 0; i < p.train.n; i++) {
    let f = p.thetaTrue[0];
    for (let k = 0; k < 6; k++) f += p.thetaTrue[k + 1] * legendreFeatures(p.xRawTrain[i])[k];
    const r = p.train.y[i] - f;
    sq[p.outliersTrain[i]] += r * r;
    cnt[p.outliersTrain[i]] += 1;
  }
  const sdClean = Math.sqrt(sq[0] / cnt[0]);
  const sdOut = Math.sqrt(sq[1] / cnt[1]);
  assert.ok(Math.abs(sdClean - 0.1) <= 0.008, `clean sd: actual ${sdClean}, expected 0.1, tol 0.008`);
  assert.ok(Math.abs(sdOut - 1) <= 0.2, `outlier sd: actual ${sdOut}, expected 1, tol 0.2`);
});

test('makePoly6 is deterministic per seed; streams are independent of n', () => {
  const a = makePoly6({ seed: 7 });
  const b = makePoly6({ seed: 7 });
  assert.deepEqual(a.train.x, b.train.x);
  assert.deepEqual(a.train.y, b.train.y);
  assert.deepEqual(a.test.y, b.test.y);
  assert.deepEqual(a.thetaStar, b.thetaStar);
  const c = makePoly6({ seed: 8 });
  assert.notDeepEqual(a.thetaTrue, c.thetaTrue);
  assert.notDeepEqual(a.train.y, c.train.y);
  const d = makePoly6({ seed: 7, n: 100 });
  assert.deepEqual(d.thetaTrue, a.thetaTrue);
  assert.deepEqual(d.test.y, a.test.y);
  assert.deepEqual(d.train.y, a.train.y.slice(0, 100)); // same x and noise streams, shorter
});

test('makePoly6 rejects bad options with the parameter, value and allowed range', () => {
  assert.throws(() => makePoly6({ n: 6 }), /n must be an integer ≥ 7, got 6/);
  assert.throws(() => makePoly6({ nTest: 0 }), /nTest must be an integer ≥ 1, got 0/);
  assert.throws(() => makePoly6({ noise: -1 }), /noise must be a finite number ≥ 0, got -1/);
  assert.throws(() => makePoly6({ outlierFraction: 1.5 }), /outlierFraction must be in \[0, 1\], got 1\.5/);
  assert.throws(() => makePoly6({ outlierScale: NaN }), /outlierScale must be a finite number ≥ 0, got NaN/);
  assert.throws(() => makePoly6({ seed: 0.5 }), /seed must be an integer, got 0\.5/);
});
