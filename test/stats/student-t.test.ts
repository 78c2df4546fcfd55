import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { incompleteBeta, logGamma, studentTCdf, studentTQuantile } from '../../src/stats/student-t.js';

/** Relative tolerance: the quantile is computed in float64 by inverting a CDF accurate to ~1e-15. */
const TOL = 1e-10;

function close(actual: number, expected: number, tol: number, what: string) {
  const err = Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
  assert.ok(err <= tol, `${what}: actual ${actual}, expected ${expected}, rel. error ${err} > ${tol}`);
}

describe('studentTQuantile', () => {
  test('matches the closed forms for ν = 1 (Cauchy), 2 and 4 over a range of p', () => {
    for (const p of [0.001, 0.01, 0.1, 0.3, 0.6, 0.75, 0.9, 0.975, 0.995, 0.9999]) {
      close(studentTQuantile(p, 1), Math.tan(Math.PI * (p - 0.5)), TOL, `ν=1 p=${p}`);
      close(studentTQuantile(p, 2), (2 * p - 1) / Math.sqrt(2 * p * (1 - p)), TOL, `ν=2 p=${p}`);
      // ν = 4: with a = 4p(1−p) and q = cos(arccos(√a)/3)/√a, t = sign(p − ½)·2√(q − 1) (Hill 1970)
      const a = 4 * p * (1 - p);
      const q = Math.cos(Math.acos(Math.sqrt(a)) / 3) / Math.sqrt(a);
      close(studentTQuantile(p, 4), Math.sign(p - 0.5) * 2 * Math.sqrt(q - 1), TOL, `ν=4 p=${p}`);
    }
  });

  test('matches SciPy 1.17 (scipy.stats.t.ppf) at integer and fractional ν', () => {
    // python3 -c "from scipy.stats import t; print(repr(t.ppf(p, df)))" for each row
    const ref: [number, number, number][] = [
      [0.975, 3, 3.1824463052837078],
      [0.975, 5, 2.5705818356363146],
      [0.975, 10, 2.228138851986274],
      [0.975, 30, 2.0422724563012378],
      [0.975, 100, 1.9839715185235518],
      [0.995, 7, 3.4994832973504924],
      [0.9, 1.5, 2.1963984175655376],
      [0.6, 50, 0.254699342988588],
      [0.025, 4, -2.7764451051977943],
      [0.999, 2.5, 13.82219311086596],
      [0.75, 1000, 0.6747351646070093],
    ];
    for (const [p, nu, t] of ref) close(studentTQuantile(p, nu), t, TOL, `p=${p} ν=${nu}`);
  });

  test('inverts the CDF, is odd in p − ½, and rejects bad input by name', () => {
    for (const nu of [3, 7.5, 60]) {
      for (const p of [0.02, 0.4, 0.97]) {
        close(studentTCdf(studentTQuantile(p, nu), nu), p, 1e-12, `cdf(quantile) ν=${nu} p=${p}`);
        close(studentTQuantile(1 - p, nu), -studentTQuantile(p, nu), 1e-12, `symmetry ν=${nu} p=${p}`);
      }
    }
    assert.equal(studentTQuantile(0.5, 9), 0);
    assert.throws(() => studentTQuantile(1, 3), /p must be in \(0, 1\), got 1/);
    assert.throws(() => studentTQuantile(0.5, 0), /degrees of freedom must be finite and > 0, got 0/);
    assert.throws(() => studentTCdf(NaN, 3), /t must be a number/);
  });

  test('helpers: ln Γ at known values, I_x(a, b) at closed forms', () => {
    close(logGamma(1), 0, 1e-14, 'lnΓ(1)');
    close(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-14, 'lnΓ(½)');
    close(logGamma(10), Math.log(362880), 1e-14, 'lnΓ(10)');
    for (const x of [0.1, 0.5, 0.8]) {
      close(incompleteBeta(x, 1, 1), x, 1e-14, `I_${x}(1,1)`);
      close(incompleteBeta(x, 2, 1), x * x, 1e-14, `I_${x}(2,1)`);
      close(incompleteBeta(x, 2, 2), 3 * x * x - 2 * x ** 3, 1e-13, `I_${x}(2,2)`);
    }
  });
});
