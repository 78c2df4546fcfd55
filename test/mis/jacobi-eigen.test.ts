import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { jacobiRotate } from '../../src/mis/jacobi-eigen.js';
import { createRng } from '../../src/random/rng.js';

describe('jacobiRotate', () => {
  test('2 × 2 closed form: [[2, 1], [1, 2]] has eigenvalues 1 and 3', () => {
    const a = Float64Array.of(2, 1, 1, 2);
    jacobiRotate(a, 2, (off) => off < 1e-300);
    const [lo, hi] = [a[0], a[3]].sort((x, y) => x - y);
    assert.ok(Math.abs(lo - 1) < 1e-14 && Math.abs(hi - 3) < 1e-14, `eigenvalues ${lo}, ${hi}`);
    assert.ok(Math.abs(a[1]) < 1e-15 && Math.abs(a[2]) < 1e-15);
  });

  test('random symmetric 5 × 5 (seed 4): A V = V diag(λ) and VᵀV = I to 1e-12 (float64)', () => {
    const J = 5;
    const rng = createRng(4);
    const A = new Float64Array(J * J);
    for (let i = 0; i < J; i++) {
      for (let j = i; j < J; j++) A[i * J + j] = A[j * J + i] = rng.next() * 2 - 1;
    }
    const a = Float64Array.from(A);
    const V = new Float64Array(J * J);
    for (let i = 0; i < J; i++) V[i * J + i] = 1;
    jacobiRotate(a, J, (off) => off < 1e-300, V);
    for (let i = 0; i < J; i++) {
      for (let c = 0; c < J; c++) {
        let av = 0;
        let vtv = 0;
        for (let k = 0; k < J; k++) {
          av += A[i * J + k] * V[k * J + c];
          vtv += V[k * J + i] * V[k * J + c];
        }
        assert.ok(Math.abs(av - V[i * J + c] * a[c * J + c]) < 1e-12, `(AV − VΛ)[${i}, ${c}]`);
        assert.ok(Math.abs(vtv - (i === c ? 1 : 0)) < 1e-12, `(VᵀV − I)[${i}, ${c}]`);
      }
    }
  });

  test('stops when `done` says so (before any rotation here)', () => {
    const a = Float64Array.of(2, 1, 1, 2);
    let calls = 0;
    jacobiRotate(a, 2, () => (calls++, true));
    assert.equal(calls, 1);
    assert.deepEqual([...a], [2, 1, 1, 2]);
  });
});
