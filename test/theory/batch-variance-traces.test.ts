import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { exactTracesFromNorms } from '../../src/emais/exact-traces.js';
import { createRng } from '../../src/random/rng.js';
import { batchVarianceTraces } from '../../src/theory/batch-variance-traces.js';
import { enumerateMoments } from '../../src/theory/enumerate-moments.js';
import { summarizeGradients } from '../../src/theory/is-estimator.js';
import { randomPmf, toyGradients } from '../../src/theory/toy-problem.js';
import { assertAllClose } from '../helpers/reference.js';

// Float64 enumeration over 5³ = 125 outcomes: rounding only.
const EXACT = { rtol: 1e-10, atol: 1e-12 };

describe('batchVarianceTraces ([EMAIS] Prop. 4.1)', () => {
  it('enumeration: unbiased estimates average to the exact traces; plug-in ones are low by tr Σ_p / B', () => {
    const rng = createRng(10);
    const N = 5;
    const B = 3;
    const g = toyGradients({ N, P: 2, rng });
    const p = randomPmf(N, rng);
    const { norms, gSq } = summarizeGradients(g);
    const ex = exactTracesFromNorms(norms, gSq, p, B);
    const slots = Array(B).fill(p);
    const u = enumerateMoments(slots, (idx) => {
      const t = batchVarianceTraces(g, p, idx, { unbiased: true });
      return [t.trIS, t.trU, t.trOpt];
    });
    assertAllClose(u.mean, [ex.trIS, ex.trU, ex.trOpt], EXACT, 'unbiased');
    const pl = enumerateMoments(slots, (idx) => {
      const t = batchVarianceTraces(g, p, idx);
      return [t.trIS, t.trU];
    });
    assertAllClose(pl.mean, [ex.trIS - ex.trIS / B, ex.trU - ex.trIS / B], EXACT, 'plug-in');
  });
  it('hand value and errors', () => {
    // N = 2, p uniform: λ = 1; draws (0, 1) of g = (1), (3): S1 = 5, K = 4 → trU = 1
    assert.equal(batchVarianceTraces([[1], [3]], [0.5, 0.5], [0, 1]).trU, 1);
    assert.throws(() => batchVarianceTraces([[1], [3]], [1, 0], [1]), /drawn index 1 has p = 0/);
    assert.throws(() => batchVarianceTraces([[1]], [0.5, 0.5], [0]), /p has 2 entries, g has N = 1 rows/);
  });
});
