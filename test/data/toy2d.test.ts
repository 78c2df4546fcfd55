import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeToy2d, toy2dDefaults, toy2dLabel } from '../../src/data/toy2d.js';
import { validateDataset, type Dataset } from '../../src/data/dataset.js';

function classCounts(ds: Dataset): number[] {
  const c = [0, 0, 0];
  for (const v of ds.y) c[v] += 1;
  return c;
}

test('toy2dLabel: hand-worked points of the three spiral arms', () => {
  // u = atan2(x1, x0)/2π + 0.5·r, class = ⌊3·(u mod 1)⌋.
  assert.equal(toy2dLabel(0.5, 0), 0); // u = 0 + 0.25
  assert.equal(toy2dLabel(0, 0.5), 1); // u = 0.25 + 0.25 = 0.5
  assert.equal(toy2dLabel(-0.5, 0), 2); // u = 0.5 + 0.25 = 0.75
  assert.equal(toy2dLabel(0, -0.5), 0); // u = -0.25 + 0.25 = 0
  assert.equal(toy2dLabel(1, 0), 1); // u = 0.5: the arm through (0.5, 0) has turned, class 1 is now on the x axis
  assert.throws(() => toy2dLabel(NaN, 0), /x0 and x1 must be finite numbers, got \(NaN, 0\)/);
});

test('toy2dLabel covers the square with three regions of about a third each', () => {
  // Midpoint grid of 200×200 cells; the measured shares on a 1000×1000 grid are 0.326, 0.331, 0.343.
  const c = [0, 0, 0];
  const G = 200;
  for (let i = 0; i < G; i++) {
    for (let j = 0; j < G; j++) {
      const l = toy2dLabel(-1 + (2 * i + 1) / G, -1 + (2 * j + 1) / G);
      assert.ok(l === 0 || l === 1 || l === 2, `label ${l}`);
      c[l] += 1;
    }
  }
  for (const share of c.map((v) => v / (G * G))) assert.ok(Math.abs(share - 1 / 3) < 0.03, `share ${share}`);
});

test('makeToy2d defaults: 800 / 800, xShape [2], classes balanced, x in [-1, 1]²', () => {
  assert.deepEqual({ ...toy2dDefaults }, { n: 800, nTest: 800, noise: 0.05, seed: 0 });
  const { train, test: tst, flippedTrain, flippedTest } = makeToy2d();
  for (const ds of [train, tst]) {
    validateDataset(ds);
    assert.equal(ds.n, 800);
    assert.deepEqual(ds.xShape, [2]);
    assert.deepEqual(ds.yShape, []);
    assert.equal(ds.numClasses, 3);
    assert.ok(ds.y instanceof Int32Array);
    for (const v of ds.x) assert.ok(v >= -1 && v <= 1, `x ${v}`);
    for (const v of ds.y) assert.ok(v >= 0 && v <= 2, `label ${v}`);
  }
  // Exactly 40 = 0.05·800 labels are flipped; flipped labels differ from the ground truth, the rest equal it.
  for (const [ds, flipped] of [
    [train, flippedTrain],
    [tst, flippedTest],
  ] as const) {
    assert.equal(
      flipped.reduce((a, b) => a + b, 0),
      40,
    );
    for (let i = 0; i < ds.n; i++) {
      const truth = toy2dLabel(ds.x[2 * i], ds.x[2 * i + 1]);
      assert.equal(ds.y[i] !== truth, flipped[i] === 1, `${ds.name} sample ${i}: y ${ds.y[i]}, truth ${truth}`);
    }
    // Before flipping the classes hold 267, 267, 266; 40 flips move each count by at most 40.
    classCounts(ds).forEach((c, k) => assert.ok(Math.abs(c - [267, 267, 266][k]) <= 40, `class ${k}: ${c}`));
  }
});

test('makeToy2d without noise: exact class balance and labels = toy2dLabel', () => {
  const { train } = makeToy2d({ n: 301, noise: 0, seed: 4 });
  assert.deepEqual(classCounts(train), [101, 100, 100]);
  for (let i = 0; i < train.n; i++) assert.equal(train.y[i], toy2dLabel(train.x[2 * i], train.x[2 * i + 1]));
  // Points are stored in random order: the last 30 are not all one class.
  assert.ok(new Set(train.y.slice(-30)).size === 3);
});

test('makeToy2d is deterministic per seed and differs across seeds', () => {
  const a = makeToy2d({ seed: 11 });
  const b = makeToy2d({ seed: 11 });
  assert.deepEqual(a.train.x, b.train.x);
  assert.deepEqual(a.train.y, b.train.y);
  assert.deepEqual(a.test.y, b.test.y);
  assert.deepEqual(a.flippedTrain, b.flippedTrain);
  const c = makeToy2d({ seed: 12 });
  assert.notDeepEqual(a.train.x, c.train.x);
  assert.notDeepEqual(a.train.x, a.test.x);
});

test('makeToy2d rejects bad options with the parameter, value and allowed range', () => {
  assert.throws(() => makeToy2d({ n: 0 }), /n must be an integer ≥ 1, got 0/);
  assert.throws(() => makeToy2d({ nTest: 2.5 }), /nTest must be an integer ≥ 1, got 2\.5/);
  assert.throws(() => makeToy2d({ noise: 1.1 }), /noise must be in \[0, 1\], got 1\.1/);
  assert.throws(() => makeToy2d({ seed: NaN }), /seed must be an integer, got NaN/);
});
