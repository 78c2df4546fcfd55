import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/random/rng.js';
import { chiSquare } from '../helpers/chi-square.js';
import { SumTree } from '../../src/samplers/sum-tree.js';

function naiveSum(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s;
}

describe('SumTree', () => {
  it('total equals the naive sum exactly after random integer updates (N = 1000, not a power of two)', () => {
    // Integer weights < 2^20 with N = 1000 keep every partial sum below 2^53, so float64 sums are exact in
    // any order and the comparison can be strict.
    const N = 1000;
    const rng = createRng(11);
    const tree = new SumTree(N);
    const ref = new Float64Array(N);
    for (let t = 0; t < 20000; t++) {
      const i = rng.int(N);
      const v = rng.int(1 << 20);
      tree.set(i, v);
      ref[i] = v;
      if (t % 997 === 0) assert.equal(tree.total, naiveSum(ref), `after ${t + 1} updates`);
    }
    assert.equal(tree.total, naiveSum(ref));
    for (let i = 0; i < N; i++) assert.equal(tree.get(i), ref[i], `leaf ${i}`);
  });

  it('does not drift: after 1e5 random float updates the tree is bit-identical to a fresh build', () => {
    // Parents are recomputed from children, so the tree is a function of its leaves only; a delta-updating
    // tree would differ from the fresh build in the last bits after this many updates.
    const N = 777;
    const rng = createRng(12);
    const tree = new SumTree(N);
    for (let t = 0; t < 100000; t++) tree.set(rng.int(N), rng.next() * 10 ** (rng.int(7) - 3));
    const leaves = tree.toArray();
    const fresh = SumTree.fromArray(leaves);
    assert.equal(tree.total, fresh.total);
    // Against a naive left-to-right sum the order of additions differs: relative error ≤ N·2^-53 (sum of
    // non-negative terms), here a generous 1e-12.
    const naive = naiveSum(leaves);
    const rel = Math.abs(tree.total - naive) / naive;
    assert.ok(rel <= 1e-12, `total ${tree.total} vs naive ${naive}: relative error ${rel} > 1e-12`);
  });

  it('descent partitions [0, Σq) into intervals of length q_i exactly (N = 7, zeros included)', () => {
    // Integer weights make every partial sum an integer, so sampling u on the grid k/8 involves no rounding:
    // leaf i must receive exactly 8·q_i grid points.
    const q = [3, 0, 5, 1, 0, 2, 4];
    const tree = SumTree.fromArray(q);
    assert.equal(tree.total, 15);
    const counts = new Array<number>(q.length).fill(0);
    for (let k = 0; k < 8 * 15; k++) counts[tree.sample(k / 8)]++;
    assert.deepEqual(
      counts,
      q.map((v) => 8 * v),
    );
  });

  it('power-of-two N keeps leaves in order: u in [c_{i-1}, c_i) maps to i', () => {
    const q = [1, 2, 0, 3, 1, 0, 0, 1]; // N = 8, cumulative 1, 3, 3, 6, 7, 7, 7, 8
    const tree = SumTree.fromArray(q);
    const expected = [0, 1, 1, 3, 3, 3, 4, 7];
    for (let u = 0; u < 8; u++) assert.equal(tree.sample(u), expected[u], `u = ${u}`);
    assert.equal(tree.sample(7.999999), 7);
  });

  it('draw frequencies pass a χ² test (N = 13, 60 000 draws, seed 3)', () => {
    // N = 13 is not a power of two; 2 zero weights → 11 cells, df = 10. Critical value χ²_{0.999}(10) = 29.588:
    // a correct sampler fails with probability 0.001, and the fixed seed makes the outcome reproducible.
    const q = [0.5, 2, 0, 1, 3.25, 0.125, 7, 1, 0, 4, 0.75, 2.5, 1.5];
    const tree = SumTree.fromArray(q);
    const M = 60000;
    const draws = tree.sampleMany(createRng(3), M);
    const counts = new Array<number>(q.length).fill(0);
    for (const i of draws) counts[i]++;
    assert.equal(counts[2], 0, 'zero weight drawn');
    assert.equal(counts[8], 0, 'zero weight drawn');
    const { stat, df } = chiSquare(counts, q, M);
    assert.equal(df, 10);
    assert.ok(stat < 29.588, `χ² = ${stat} ≥ 29.588 (df 10, α = 0.001); counts ${counts.join(',')}`);
  });

  it('frequencies follow set() updates (χ² after changing weights, N = 6)', () => {
    const tree = SumTree.fromArray([1, 1, 1, 1, 1, 1]);
    tree.set(0, 0);
    tree.set(5, 4);
    tree.set(2, 2.5);
    const q = [0, 1, 2.5, 1, 1, 4];
    const M = 40000;
    const counts = new Array<number>(6).fill(0);
    for (const i of tree.sampleMany(createRng(4), M)) counts[i]++;
    const { stat, df } = chiSquare(counts, q, M);
    // df = 4, χ²_{0.999}(4) = 18.467
    assert.equal(df, 4);
    assert.equal(counts[0], 0);
    assert.ok(stat < 18.467, `χ² = ${stat} ≥ 18.467 (df 4); counts ${counts.join(',')}`);
  });

  it('N = 1: the root is the leaf', () => {
    const tree = new SumTree(1);
    assert.equal(tree.total, 0);
    tree.set(0, 2.5);
    assert.equal(tree.total, 2.5);
    assert.equal(tree.sample(0), 0);
    assert.equal(tree.sample(2.4), 0);
    assert.deepEqual(Array.from(tree.sampleMany(createRng(0), 3)), [0, 0, 0]);
    tree.addToAll(0.5);
    assert.equal(tree.total, 3);
  });

  it('setAll, fromArray and addToAll rebuild consistently', () => {
    const tree = new SumTree(5);
    tree.setAll([1, 2, 3, 4, 5]);
    assert.equal(tree.total, 15);
    tree.addToAll(0.5);
    assert.deepEqual(Array.from(tree.toArray()), [1.5, 2.5, 3.5, 4.5, 5.5]);
    assert.equal(tree.total, 17.5);
    tree.addToAll(-1.5); // allowed while every leaf stays ≥ 0
    assert.equal(tree.get(0), 0);
    assert.equal(tree.total, 10);
    assert.equal(SumTree.fromArray(new Float64Array([0.25, 0.5])).total, 0.75);
  });

  it('sampleMany is reproducible with the same seed and fills a given buffer', () => {
    const tree = SumTree.fromArray([1, 2, 3, 4, 5, 6, 7]);
    const a = tree.sampleMany(createRng(9), 50);
    const out = new Int32Array(60).fill(-1);
    const b = tree.sampleMany(createRng(9), 50, out);
    assert.equal(b, out);
    assert.deepEqual(Array.from(out.subarray(0, 50)), Array.from(a));
    assert.equal(out[50], -1);
  });

  it('handles N = 1e7 (build, update, draw)', () => {
    const N = 1e7;
    const tree = new SumTree(N);
    tree.addToAll(1);
    assert.equal(tree.total, N);
    tree.set(N - 1, 1e7); // half of the mass on the last leaf
    assert.equal(tree.total, 2e7 - 1);
    const draws = tree.sampleMany(createRng(5), 2000);
    let last = 0;
    for (const i of draws) {
      assert.ok(i >= 0 && i < N, `index ${i} out of range`);
      if (i === N - 1) last++;
    }
    // P(last) = 1e7 / (2e7 − 1) ≈ 0.5; binomial sd over 2000 draws = 22.4, band ±5 sd = ±112.
    assert.ok(Math.abs(last - 1000) <= 112, `last leaf drawn ${last} times, expected 1000 ± 112`);
  });

  it('rejects bad sizes, indices, weights and positions with informative errors', () => {
    assert.throws(() => new SumTree(0), /size n must be an integer ≥ 1, got 0/);
    assert.throws(() => new SumTree(2.5), /got 2\.5/);
    const tree = new SumTree(4);
    assert.throws(() => tree.set(1, -1), /weight at index 1 must be finite and ≥ 0, got -1/);
    assert.throws(() => tree.set(2, NaN), /index 2 .* got NaN/);
    assert.throws(() => tree.set(3, Infinity), /index 3 .* got Infinity/);
    assert.throws(() => tree.set(4, 1), /index must be an integer in \[0, 4\), got 4/);
    assert.throws(() => tree.set(-1, 1), /got -1/);
    assert.throws(() => tree.get(1.5), /got 1\.5/);
    assert.throws(() => SumTree.fromArray([1, 2, NaN]), /setAll: weight at index 2 .* got NaN/);
    assert.throws(() => SumTree.fromArray([]), /size n must be an integer ≥ 1, got 0/);
    assert.throws(() => tree.setAll([1, 2]), /length N = 4, got 2/);
    assert.throws(() => tree.sample(0), /all weights are 0/);
    tree.setAll([1, 0, 2, 1]);
    assert.throws(() => tree.addToAll(-0.5), /addToAll: weight at index 1 .* got -0\.5/);
    assert.equal(tree.total, 4, 'a rejected addToAll changes nothing');
    assert.throws(() => tree.addToAll(NaN), /c must be a finite number, got NaN/);
    assert.throws(() => tree.sample(4), /u must be in \[0, total\) = \[0, 4\), got 4/);
    assert.throws(() => tree.sample(-0.1), /got -0\.1/);
    assert.throws(() => tree.sample(NaN), /got NaN/);
    assert.throws(() => tree.sampleMany(createRng(0), -1), /k must be an integer ≥ 0, got -1/);
    assert.throws(() => tree.sampleMany(createRng(0), 3, new Int32Array(2)), /out has length 2 < k = 3/);
  });
});
