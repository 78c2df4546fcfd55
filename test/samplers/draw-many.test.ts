import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/random/rng.js';
import { drawMany } from '../../src/samplers/draw-many.js';
import { LinearPmf } from '../../src/samplers/linear-pmf.js';
import { SumTree } from '../../src/samplers/sum-tree.js';
import { chiSquare } from '../helpers/chi-square.js';

describe('drawMany', () => {
  const q = [0.5, 0, 2, 1, 0.25, 4];

  test('draw frequencies follow q/Σq (seed 3, 60000 draws, χ² with 4 df < 18.47, α = 0.001); zero mass never drawn', () => {
    const draws = 60000;
    const idx = drawMany(SumTree.fromArray(q), createRng(3), draws);
    const counts = new Float64Array(q.length);
    for (const i of idx) counts[i] += 1;
    assert.equal(counts[1], 0);
    const { stat, df } = chiSquare(counts, q, draws);
    assert.equal(df, 4);
    assert.ok(stat < 18.47, `χ² = ${stat}`);
  });

  test('one rng.next() per draw; a LinearPmf draws the same frequencies (χ² < 18.47)', () => {
    const draws = 60000;
    const idx = drawMany(LinearPmf.fromArray(q), createRng(4), draws);
    const counts = new Float64Array(q.length);
    for (const i of idx) counts[i] += 1;
    assert.ok(chiSquare(counts, q, draws).stat < 18.47);
    const rng = createRng(9);
    drawMany(SumTree.fromArray(q), rng, 7);
    const ref = createRng(9);
    for (let i = 0; i < 7; i++) ref.next();
    assert.equal(rng.next(), ref.next());
  });

  test('fills `out` when given, and rejects a bad k or a short out naming the caller', () => {
    const out = new Int32Array(5).fill(-1);
    assert.equal(drawMany(SumTree.fromArray(q), createRng(1), 3, out, 'T'), out);
    assert.ok(out.slice(0, 3).every((i) => i >= 0) && out[3] === -1);
    assert.throws(() => drawMany(SumTree.fromArray(q), createRng(1), -1, undefined, 'T'), /T: k must be/);
    assert.throws(() => drawMany(SumTree.fromArray(q), createRng(1), 2.5), /drawMany: k must be/);
    assert.throws(
      () => drawMany(SumTree.fromArray(q), createRng(1), 6, out, 'T'),
      /T: out has length 5 < k = 6/,
    );
  });
});
