import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cifarDefaults, cifarDirEnv, loadCifar } from '../../src/data/cifar.js';

/** Pixel byte of record r, channel c, position p (row-major in 32×32). */
const pixel = (r: number, c: number, p: number): number => (7 * r + 85 * c + p) % 256;

/** One binary record: label bytes, then the R, G, B planes. */
function record(labels: number[], r: number): Uint8Array {
  const out = new Uint8Array(labels.length + 3072);
  out.set(labels);
  for (let c = 0; c < 3; c++) for (let p = 0; p < 1024; p++) out[labels.length + c * 1024 + p] = pixel(r, c, p);
  return out;
}

function file(records: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(records.reduce((s, r) => s + r.length, 0));
  let o = 0;
  for (const r of records) {
    out.set(r, o);
    o += r.length;
  }
  return out;
}

let root = '';
let c10 = '';
let c100 = '';
// CIFAR-10: two records per train batch (labels 0..9 over the five files), one test record.
const c10Labels = [
  [3, 8],
  [0, 9],
  [1, 2],
  [4, 5],
  [6, 7],
];

before(() => {
  root = mkdtempSync(join(tmpdir(), 'isgrad-cifar-'));
  c10 = join(root, 'c10');
  mkdirSync(c10);
  let r = 0;
  c10Labels.forEach((ls, k) => {
    writeFileSync(join(c10, `data_batch_${k + 1}.bin`), file(ls.map((l) => record([l], r++))));
  });
  writeFileSync(join(c10, 'test_batch.bin'), file([record([6], 100)]));
  // CIFAR-100 inside the archive's sub-folder: records (coarse, fine).
  c100 = join(root, 'c100');
  mkdirSync(join(c100, 'cifar-100-binary'), { recursive: true });
  writeFileSync(
    join(c100, 'cifar-100-binary', 'train.bin'),
    file([record([19, 99], 0), record([4, 30], 1), record([0, 0], 2)]),
  );
  writeFileSync(join(c100, 'cifar-100-binary', 'test.bin'), file([record([11, 57], 3)]));
});

after(() => rmSync(root, { recursive: true, force: true }));

describe('loadCifar', () => {
  it('defaults: CIFAR-10, fine labels, 50,000 / 10,000 images', () => {
    assert.deepEqual(cifarDefaults, { variant: 'cifar10', label: 'fine', nTrain: 50000, nTest: 10000 });
  });

  it('CIFAR-10: labels in file order and CHW bytes → HWC values byte / 255', () => {
    const { train, test } = loadCifar({ dir: c10, nTrain: 10, nTest: 1 });
    assert.equal(train.n, 10);
    assert.deepEqual(train.xShape, [32, 32, 3]);
    assert.equal(train.numClasses, 10);
    assert.deepEqual(Array.from(train.y), c10Labels.flat());
    assert.deepEqual(Array.from(test.y), [6]);
    for (let r = 0; r < 10; r++) {
      for (let p = 0; p < 1024; p++) {
        for (let c = 0; c < 3; c++) {
          const actual = train.x[r * 3072 + 3 * p + c];
          const expected = Math.fround(pixel(r, c, p) / 255);
          if (actual !== expected) assert.fail(`record ${r} pixel ${p} channel ${c}: ${actual}, expected ${expected}, tol 0`);
        }
      }
    }
    const part = loadCifar({ dir: c10, nTrain: 3, nTest: 1 });
    assert.deepEqual(Array.from(part.train.y), [3, 8, 0]);
    assert.deepEqual(part.train.x, train.x.subarray(0, 3 * 3072));
  });

  it('CIFAR-100: fine and coarse labels, files found in the cifar-100-binary sub-folder', () => {
    const fine = loadCifar({ dir: c100, variant: 'cifar100', nTrain: 3, nTest: 1 });
    assert.equal(fine.train.numClasses, 100);
    assert.deepEqual(Array.from(fine.train.y), [99, 30, 0]);
    assert.deepEqual(Array.from(fine.test.y), [57]);
    const coarse = loadCifar({ dir: c100, variant: 'cifar100', label: 'coarse', nTrain: 3, nTest: 1 });
    assert.equal(coarse.train.numClasses, 20);
    assert.deepEqual(Array.from(coarse.train.y), [19, 4, 0]);
    assert.equal(coarse.test.x[3 * 5 + 2], Math.fround(pixel(3, 2, 5) / 255));
  });

  it('truncated file: error names the file and the byte offset of the partial record', () => {
    const dir = join(root, 'trunc');
    mkdirSync(join(dir), { recursive: true });
    writeFileSync(join(dir, 'train.bin'), file([record([1, 2], 0), record([1, 2], 1)]).subarray(0, 3074 + 100));
    writeFileSync(join(dir, 'test.bin'), file([record([1, 2], 0)]));
    assert.throws(
      () => loadCifar({ dir, variant: 'cifar100', nTrain: 1, nTest: 1 }),
      /trunc\/train\.bin: truncated or malformed: 3174 bytes is not a positive multiple of the 3074-byte record .* starts at byte offset 3074/,
    );
  });

  it('bad label: error names the file, the record and the byte offset', () => {
    const dir = join(root, 'badlabel');
    mkdirSync(dir);
    writeFileSync(join(dir, 'train.bin'), file([record([1, 2], 0), record([3, 100], 1)]));
    writeFileSync(join(dir, 'test.bin'), file([record([25, 2], 0)]));
    assert.throws(
      () => loadCifar({ dir, variant: 'cifar100', nTrain: 2, nTest: 1 }),
      /badlabel\/train\.bin: fine label 100 of record 1 at byte offset 3075 is not in 0\.\.99/,
    );
    assert.throws(
      () => loadCifar({ dir, variant: 'cifar100', nTrain: 1, nTest: 1 }),
      /badlabel\/test\.bin: coarse label 25 of record 0 at byte offset 0 is not in 0\.\.19/,
    );
  });

  it('missing folder or files: says where to get the data and names the env variable', () => {
    const saved = process.env[cifarDirEnv];
    delete process.env[cifarDirEnv];
    try {
      assert.throws(() => loadCifar(), /no folder given \(options\.dir or ISGRAD_CIFAR_DIR\).*kriz\/cifar\.html/);
    } finally {
      if (saved !== undefined) process.env[cifarDirEnv] = saved;
    }
    assert.throws(
      () => loadCifar({ dir: join(root, 'nowhere') }),
      /missing cifar10 file\(s\) data_batch_1\.bin.*test_batch\.bin.*cifar-10-binary\.tar\.gz.*ISGRAD_CIFAR_DIR/,
    );
  });

  it('rejects bad options and too-large counts', () => {
    assert.throws(() => loadCifar({ dir: c10, variant: 'svhn' as never }), /variant must be one of cifar10, cifar100; got 'svhn'/);
    assert.throws(() => loadCifar({ dir: c10, label: 'coarse' }), /label 'coarse' exists only for variant 'cifar100'/);
    assert.throws(() => loadCifar({ dir: c10, nTrain: 0 }), /nTrain must be an integer in 1\.\.50000, got 0/);
    assert.throws(() => loadCifar({ dir: c10, nTrain: 11, nTest: 1 }), /nTrain must be an integer in 1\.\.10 .* got 11/);
  });
});
