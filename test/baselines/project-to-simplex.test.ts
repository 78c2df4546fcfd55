import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { projectToSimplex } from '../../src/baselines/project-to-simplex.js';
import { createRng } from '../../src/random/rng.js';

/** float64 rounding over sums of ≤ 20 terms of size ≤ 10. */
const TOL = 1e-12;

/** KKT conditions of min ½‖w − c‖² s.t. w ≥ 0, Σw = T: one ν with w_b = c_b − ν where w_b > 0 and c_b ≤ ν where w_b = 0. */
function assertKkt(c: Float64Array, w: Float64Array, total: number): void {
  assert.ok(Math.abs(w.reduce((s, v) => s + v, 0) - total) < TOL * Math.max(1, total), 'Σw = total');
  let nu: number | undefined;
  for (let b = 0; b < c.length; b++) {
    assert.ok(w[b] >= 0, `w[${b}] = ${w[b]} < 0`);
    if (w[b] > 0) {
      const v = c[b] - w[b];
      if (nu === undefined) nu = v;
      assert.ok(Math.abs(v - nu) < 1e-9, `b=${b}: c − w = ${v}, expected ν = ${nu} (tol 1e-9)`);
    }
  }
  for (let b = 0; b < c.length; b++) {
    if (w[b] === 0) assert.ok(c[b] <= (nu as number) + 1e-9, `b=${b}: clipped c = ${c[b]} > ν = ${nu}`);
  }
}

describe('projectToSimplex', () => {
  it('matches hand-worked projections', () => {
    // c = (1, 1, 4), total 3: ν = (4 − 3)/1 = 1 → (0, 0, 3)
    assert.deepEqual(Array.from(projectToSimplex(Float64Array.of(1, 1, 4), 3)), [0, 0, 3]);
    // c already on the simplex: unchanged
    assert.deepEqual(Array.from(projectToSimplex(Float64Array.of(1.25, 0.75), 2)), [1.25, 0.75]);
    // c = (0, 0): ν = −0.5 → (0.5, 0.5) for total 1
    assert.deepEqual(Array.from(projectToSimplex(Float64Array.of(0, 0))), [0.5, 0.5]);
  });

  it('satisfies the KKT conditions on random points (seed 7, 200 cases)', () => {
    const rng = createRng(7);
    for (let t = 0; t < 200; t++) {
      const n = 1 + rng.int(20);
      const c = Float64Array.from({ length: n }, () => 4 * rng.normal());
      const total = 0.5 + 5 * rng.next();
      assertKkt(c, projectToSimplex(c, total), total);
    }
  });

  it('is no farther from c than random feasible points (optimality spot check)', () => {
    const rng = createRng(3);
    const c = Float64Array.of(0.3, -1, 2, 0.9, 0.1);
    const w = projectToSimplex(c, 2);
    const d = (v: Float64Array) => v.reduce((s, x, b) => s + (x - c[b]) ** 2, 0);
    for (let t = 0; t < 500; t++) {
      const r = Float64Array.from({ length: 5 }, () => rng.next());
      const s = r.reduce((a, b) => a + b, 0);
      const f = r.map((v) => (2 * v) / s);
      assert.ok(d(w) <= d(f) + TOL, `feasible point closer: ${d(f)} < ${d(w)}`);
    }
  });

  it('rejects bad input naming the parameter', () => {
    assert.throws(() => projectToSimplex(new Float64Array(0)), /c must have at least one entry/);
    assert.throws(() => projectToSimplex(Float64Array.of(1), 0), /total must be a finite number > 0, got 0/);
    assert.throws(() => projectToSimplex(Float64Array.of(1, NaN)), /c\[1\] must be finite, got NaN/);
  });
});
