/**
 * Why OMIS does not beat IS on poly6: the mean squared error E‖Ĝ − G‖² of one step's gradient estimate at fixed
 * parameters θ, for uniform sampling, IS with the exact per-sample gradient norm (the task's score), balance MIS
 * and OMIS (coefficient-group techniques, METHODS §4.7), all in float64 with exact (fresh) technique pmfs and the
 * kit's OMIS functions (form (a), METHODS §4.6). θ is taken on the exact-GD path (step 0, 300) and at θ*.
 * Printed as ratios to IS's MSE. OMIS β = 0.7 accumulates A and b over the repeated draws at the same θ, i.e. the
 * fixed-θ variance of its momentum average.
 *
 * Run: `node --import tsx scripts/omis-variance.ts [poly6|poly6-monomial]` (≈ 15 s).
 */
import { makePoly6, type Poly6Options } from '../src/data/poly6.js';
import { mixtureWeights } from '../src/mis/mixture.js';
import {
  accumulateA,
  accumulateB,
  omisCoefficients,
  omisEstimate,
  solveOmis,
} from '../src/mis/omis-system.js';
import { coefficientGroups } from '../src/mis/technique-scores.js';
import { createRng } from '../src/random/rng.js';
import { poly6Data, poly6MonomialData } from '../src/tasks/poly6.js';

const task = process.argv[2] ?? 'poly6';
const data: Poly6Options = task === 'poly6-monomial' ? poly6MonomialData : poly6Data;
const eta = task === 'poly6-monomial' ? 0.05 : 0.02;
const d = makePoly6({ ...data, seed: 1 });
const N = d.train.n;
const D = 7; // [bias, w_1..w_6]
const B = 32;
const reps = 20000;
const phi = new Float64Array(N * D); // (N, 7) φ̃ = [1, φ]
for (let i = 0; i < N; i++) {
  phi[i * D] = 1;
  for (let k = 1; k < D; k++) phi[i * D + k] = d.train.x[i * 6 + k - 1];
}

/** Per-sample gradients g_i = 2 r_i φ̃_i of ℓ = (m − y)² (N × 7) and their mean G. */
function gradients(theta: Float64Array): { g: Float64Array; G: Float64Array; r: Float64Array } {
  const g = new Float64Array(N * D);
  const G = new Float64Array(D);
  const r = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    let m = 0;
    for (let k = 0; k < D; k++) m += theta[k] * phi[i * D + k];
    r[i] = m - d.train.y[i];
    for (let k = 0; k < D; k++) {
      g[i * D + k] = 2 * r[i] * phi[i * D + k];
      G[k] += g[i * D + k] / N;
    }
  }
  return { g, G, r };
}

/** Normalised pmf and its cumulative sums from non-negative scores. */
function pmf(score: (i: number) => number): { p: Float64Array; cum: Float64Array } {
  const p = new Float64Array(N);
  const cum = new Float64Array(N);
  let t = 0;
  for (let i = 0; i < N; i++) t += p[i] = score(i) + 1e-300;
  let a = 0;
  for (let i = 0; i < N; i++) cum[i] = a += p[i] /= t;
  return { p, cum };
}

const rng = createRng(7);
function draw(cum: Float64Array): number {
  const u = rng.next() * cum[N - 1];
  let lo = 0;
  let hi = N - 1;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (cum[m] > u) hi = m;
    else lo = m + 1;
  }
  return lo;
}

function report(label: string, theta: Float64Array): void {
  const { g, G, r } = gradients(theta);
  const mse = (est: () => Float64Array) => {
    let s = 0;
    for (let t = 0; t < reps; t++) {
      const e = est();
      for (let k = 0; k < D; k++) s += (e[k] - G[k]) ** 2;
    }
    return s / reps;
  };
  const norm = (i: number, lo: number, hi: number) => {
    let s2 = 0;
    for (let k = lo; k < hi; k++) s2 += phi[i * D + k] ** 2;
    return 2 * Math.abs(r[i]) * Math.sqrt(s2);
  };
  const is = pmf((i) => norm(i, 0, D)); // METHODS §1.2: p ∝ ‖g_i‖ (the optimal single pmf)
  const estIs = () => {
    const e = new Float64Array(D);
    for (let b = 0; b < B; b++) {
      const i = draw(is.cum);
      for (let k = 0; k < D; k++) e[k] += g[i * D + k] / (N * is.p[i] * B); // Eq. (1.1): ∇ℓ/(N p B)
    }
    return e;
  };
  const estUniform = () => {
    const e = new Float64Array(D);
    for (let b = 0; b < B; b++) {
      const i = Math.floor(rng.next() * N);
      for (let k = 0; k < D; k++) e[k] += g[i * D + k] / B;
    }
    return e;
  };
  /** Balance MIS (bh) or OMIS with momentum β over J coefficient-group techniques, n_j = B/J. */
  const mis = (J: number, mode: 'bh' | 'omis', beta = 0) => {
    const starts = coefficientGroups(D, J);
    const tech = Array.from({ length: J }, (_, j) => pmf((i) => norm(i, starts[j], starts[j + 1])));
    const counts = new Int32Array(J).fill(B / J);
    const A = new Float64Array(J * J);
    const bRows = new Float64Array(J * D);
    return () => {
      const idx: number[] = [];
      for (let j = 0; j < J; j++) for (let t = 0; t < counts[j]; t++) idx.push(draw(tech[j].cum));
      const probs = new Float64Array(B * J);
      const gs = new Float64Array(B * D);
      idx.forEach((i, s) => {
        for (let j = 0; j < J; j++) probs[s * J + j] = tech[j].p[i];
        gs.set(g.subarray(i * D, (i + 1) * D), s * D);
      });
      if (mode === 'bh') {
        const { lambda } = mixtureWeights(probs, counts, N); // METHODS §4.2: λ = B/(N S)
        const e = new Float64Array(D);
        for (let s = 0; s < B; s++) for (let k = 0; k < D; k++) e[k] += (lambda[s] * gs[s * D + k]) / B;
        return e;
      }
      const { W, c } = omisCoefficients(probs, counts, N); // METHODS §4.6 (a)
      accumulateA(A, W, beta); // [MIS] Alg. 2 l.17
      accumulateB(bRows, c, gs, beta, J); // [MIS] Alg. 2 l.18
      return omisEstimate(solveOmis(A, bRows).x, counts, N); // [MIS] Alg. 2 l.21–22
    };
  };
  const base = mse(estIs);
  const cells: [string, number][] = [
    ['uniform', mse(estUniform)],
    ['balance MIS J=4', mse(mis(4, 'bh'))],
    ['OMIS J=2 β=0', mse(mis(2, 'omis'))],
    ['OMIS J=4 β=0', mse(mis(4, 'omis'))],
    ['OMIS J=4 β=0.7 (fixed θ)', mse(mis(4, 'omis', 0.7))],
  ];
  console.log(
    `| ${label} | ${base.toExponential(2)} | ${cells.map(([, v]) => (v / base).toFixed(2)).join(' | ')} |`,
  );
}

console.log(`${task}, seed 1, B = ${B}, ${reps} draws per cell; MSE ÷ IS's MSE`);
console.log(
  '| θ | IS MSE | uniform | balance MIS J=4 | OMIS J=2 β=0 | OMIS J=4 β=0 | OMIS J=4 β=0.7 (fixed θ) |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- |');
const theta = new Float64Array(D);
let step = 0;
for (const target of [0, 300]) {
  for (; step < target; step++) {
    const { G } = gradients(theta);
    for (let k = 0; k < D; k++) theta[k] -= eta * G[k]; // exact GD
  }
  report(`GD step ${target}`, theta);
}
report('θ*', d.thetaStar);
