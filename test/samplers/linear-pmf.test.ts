import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/random/rng.js';
import { chiSquare } from '../helpers/chi-square.js';
import { LinearPmf } from '../../src/samplers/linear-pmf.js';
import { SumTree } from '../../src/samplers/sum-tree.js';

describe('LinearPmf', () => {
  it('inverse CDF: u in [c_{i-1}, c_i) maps to i, zero weights skipped (N = 7)', () => {
    // cumulative sums 3, 3, 8, 9, 9, 11, 15; integer weights → no rounding on the grid k/8
    const q = [3, 0, 5, 1, 0, 2, 4];
    const pmf = LinearPmf.fromArray(q);
    assert.equal(pmf.total, 15);
    const counts = new Array<number>(q.length).fill(0);
    for (let k = 0; k < 8 * 15; k++) counts[pmf.sample(k / 8)]++;
    assert.deepEqual(
      counts,
      q.map((v) => 8 * v),
    );
    assert.equal(pmf.sample(2.999), 0);
    assert.equal(pmf.sample(3), 2);
    assert.equal(pmf.sample(8), 3);
    assert.equal(pmf.sample(9), 5);
  });

  it('gives the same index as SumTree for the same u when N is a power of two', () => {
    const rng = createRng(21);
    const q = Array.from({ length: 16 }, () => rng.int(5)); // integers, some zero
    const pmf = LinearPmf.fromArray(q);
    const tree = SumTree.fromArray(q);
    assert.equal(pmf.total, tree.total);
    for (let k = 0; k < 4 * pmf.total; k++) {
      assert.equal(pmf.sample(k / 4), tree.sample(k / 4), `u = ${k / 4}`);
    }
  });

  it('draw frequencies pass the same χ² test as SumTree (N = 13, 60 000 draws, seed 3)', () => {
    // 11 non-zero cells → df = 10, critical value χ²_{0.999}(10) = 29.588 (fixed seed: reproducible).
    const q = [0.5, 2, 0, 1, 3.25, 0.125, 7, 1, 0, 4, 0.75, 2.5, 1.5];
    const pmf = LinearPmf.fromArray(q);
    const M = 60000;
    const counts = new Array<number>(q.length).fill(0);
    for (const i of pmf.sampleMany(createRng(3), M)) counts[i]++;
    assert.equal(counts[2] + counts[8], 0, 'zero weight drawn');
    const { stat, df } = chiSquare(counts, q, M);
    assert.equal(df, 10);
    assert.ok(stat < 29.588, `χ² = ${stat} ≥ 29.588 (df 10, α = 0.001); counts ${counts.join(',')}`);
  });

  it('renormalises after set, setAll and addToAll', () => {
    const pmf = LinearPmf.fromArray([1, 1, 1, 1]);
    assert.equal(pmf.sample(3.5), 3);
    pmf.set(3, 0);
    assert.equal(pmf.total, 3);
    assert.equal(pmf.sample(2.5), 2);
    pmf.setAll([0, 0, 2, 0]);
    assert.equal(pmf.sample(0), 2);
    pmf.addToAll(1);
    assert.equal(pmf.total, 6);
    assert.deepEqual(Array.from(pmf.toArray()), [1, 1, 3, 1]);
    assert.equal(pmf.sample(5.5), 3);
    assert.equal(pmf.get(2), 3);
  });

  it('N = 1', () => {
    const pmf = new LinearPmf(1);
    assert.equal(pmf.total, 0);
    pmf.set(0, 0.5);
    assert.equal(pmf.sample(0.49), 0);
    assert.deepEqual(Array.from(pmf.sampleMany(createRng(0), 2)), [0, 0]);
  });

  it('rejects bad sizes, indices, weights and positions with informative errors', () => {
    assert.throws(() => new LinearPmf(0), /size n must be an integer ≥ 1, got 0/);
    const pmf = new LinearPmf(3);
    assert.throws(() => pmf.sample(0), /all weights are 0/);
    assert.throws(() => pmf.set(0, -2), /weight at index 0 must be finite and ≥ 0, got -2/);
    assert.throws(() => pmf.set(1, NaN), /index 1 .* got NaN/);
    assert.throws(() => pmf.set(3, 1), /index must be an integer in \[0, 3\), got 3/);
    assert.throws(() => pmf.setAll([1, Infinity, 0]), /index 1 .* got Infinity/);
    assert.throws(() => pmf.setAll([1]), /length N = 3, got 1/);
    pmf.setAll([1, 0, 1]);
    assert.throws(() => pmf.addToAll(-0.5), /index 1 .* got -0\.5/);
    assert.throws(() => pmf.sample(2), /u must be in \[0, total\) = \[0, 2\), got 2/);
    assert.throws(() => pmf.sampleMany(createRng(0), 1.5), /k must be an integer ≥ 0, got 1\.5/);
  });
});
