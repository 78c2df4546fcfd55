import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng, permutation } from '../../src/random/rng.js';

describe('createRng', () => {
  test('same seed gives the same stream; seed 0 is a valid, distinct seed', () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(0);
    const xs = Array.from({ length: 100 }, () => a.next());
    assert.deepEqual(
      xs,
      Array.from({ length: 100 }, () => b.next()),
    );
    assert.notDeepEqual(
      xs.slice(0, 5),
      Array.from({ length: 5 }, () => c.next()),
    );
  });

  test('derive(label) does not depend on how many numbers were drawn before', () => {
    const a = createRng(3);
    const b = createRng(3);
    for (let i = 0; i < 17; i++) b.next();
    const da = a.derive('model');
    const db = b.derive('model');
    for (let i = 0; i < 10; i++) assert.equal(da.next(), db.next());
    assert.notEqual(createRng(3).derive('model').next(), createRng(3).derive('sampler').next());
  });

  test('next() is uniform on [0, 1): chi-square over 20 bins', () => {
    // 100,000 draws, 20 bins, df = 19; the 0.999 quantile of chi2(19) is 43.8, so a correct generator fails
    // this with probability 1e-3 for a random seed (and never for this fixed seed once it has passed).
    const rng = createRng(12345);
    const bins = new Array(20).fill(0);
    const n = 100000;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      assert.ok(u >= 0 && u < 1, `draw ${i} out of range: ${u}`);
      bins[Math.floor(u * 20)] += 1;
    }
    const e = n / 20;
    const chi2 = bins.reduce((s, o) => s + ((o - e) * (o - e)) / e, 0);
    assert.ok(chi2 < 43.8, `chi2 = ${chi2.toFixed(2)} ≥ 43.8 (df 19, p = 0.001)`);
  });

  test('normal() has mean 0 and variance 1 (200k draws, ±4 standard errors)', () => {
    const rng = createRng(99);
    const n = 200000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      s += z;
      s2 += z * z;
    }
    const mean = s / n;
    const variance = s2 / n - mean * mean;
    assert.ok(Math.abs(mean) < 4 / Math.sqrt(n), `mean ${mean}`);
    assert.ok(Math.abs(variance - 1) < 4 * Math.sqrt(2 / n), `variance ${variance}`);
  });

  test('int(n) covers 0..n-1 and rejects bad n', () => {
    const rng = createRng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(rng.int(5));
    assert.deepEqual([...seen].sort(), [0, 1, 2, 3, 4]);
    assert.throws(() => rng.int(0), /positive integer, got 0/);
    assert.throws(() => rng.int(2.5), /positive integer, got 2.5/);
  });

  test('bad seeds are rejected', () => {
    assert.throws(() => createRng(Number.NaN), /finite integer, got NaN/);
    assert.throws(() => createRng(1.5), /finite integer, got 1.5/);
    // above 2^53 neighbouring integers are the same double (1e20 + 1 === 1e20): not a usable seed
    assert.throws(() => createRng(1e20), /createRng: seed 100000000000000000000 is not a safe integer/);
    assert.equal(createRng(-(2 ** 53 - 1)).seed, -(2 ** 53 - 1));
  });

  test('permutation is a permutation and is seeded', () => {
    const p = permutation(1000, createRng(5));
    assert.deepEqual(
      [...p].sort((a, b) => a - b),
      Array.from({ length: 1000 }, (_, i) => i),
    );
    assert.deepEqual(p, permutation(1000, createRng(5)));
    assert.notDeepEqual(p, permutation(1000, createRng(6)));
  });

  test('getState/setState replay the stream, the cached normal deviate included', () => {
    const a = createRng(7).derive('sampler');
    for (let k = 0; k < 5; k++) a.next();
    a.normal(); // caches the pair's twin
    const saved = JSON.parse(JSON.stringify(a.getState()));
    const want = [a.normal(), a.next(), a.int(1000), a.normal(), a.normal()];
    const b = createRng(7).derive('sampler');
    b.setState(saved);
    assert.deepEqual([b.normal(), b.next(), b.int(1000), b.normal(), b.normal()], want);
    assert.throws(() => b.setState({ words: [0, 0, 0, 0], spare: null }), /not a generator state/);
    assert.throws(() => b.setState({ words: [1, 2, 3], spare: null }), /not a generator state/);
    assert.throws(() => b.setState({ words: [1, 2, 3, 4], spare: NaN }), /not a generator state/);
  });
});
