import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/random/rng.js';
import { randomPmf, toyGradients } from '../../src/theory/toy-problem.js';

describe('toy problem generators', () => {
  it('toyGradients: shape, seeded, norms spread with `spread`', () => {
    const a = toyGradients({ N: 200, P: 4, rng: createRng(1) });
    assert.equal(a.length, 200);
    assert.ok(a.every((r) => r.length === 4));
    assert.deepEqual(a, toyGradients({ N: 200, P: 4, rng: createRng(1) }));
    const logSd = (rows: number[][]) => {
      const l = rows.map((r) => Math.log(Math.hypot(...r)));
      const m = l.reduce((s, v) => s + v, 0) / l.length;
      return Math.sqrt(l.reduce((s, v) => s + (v - m) ** 2, 0) / (l.length - 1));
    };
    const wide = logSd(toyGradients({ N: 200, P: 4, spread: 1.5, shift: 0, rng: createRng(2) }));
    const narrow = logSd(toyGradients({ N: 200, P: 4, spread: 0, shift: 0, rng: createRng(2) }));
    assert.ok(wide > narrow + 0.8, `log-norm sd ${wide} vs ${narrow}`);
    assert.throws(() => toyGradients({ N: 0, P: 1, rng: createRng(1) }), /N must be an integer ≥ 1, got 0/);
    assert.throws(() => toyGradients({ N: 1, P: 1, spread: -1, rng: createRng(1) }), /spread must be/);
  });
  it('randomPmf: positive, sums to 1, seeded', () => {
    const p = randomPmf(10, createRng(4));
    assert.ok(p.every((v) => v > 0));
    assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-12);
    assert.deepEqual(p, randomPmf(10, createRng(4)));
    assert.deepEqual(Array.from(randomPmf(4, createRng(4), 0)), [0.25, 0.25, 0.25, 0.25]);
    assert.throws(() => randomPmf(0, createRng(1)), /N must be an integer ≥ 1/);
  });
});
