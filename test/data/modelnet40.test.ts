import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateDataset } from '../../src/data/dataset.js';
import { loadModelNet40, modelNet40Defaults, modelNet40DirEnv } from '../../src/data/modelnet40.js';

/** A tetrahedron OFF with vertices scaled by s, in the ModelNet quirk form ('OFF4 4 0') when `quirk`. */
function tetra(s: number, quirk: boolean): string {
  const v = [
    [0, 0, 0],
    [s, 0, 0],
    [0, s, 0],
    [0, 0, s],
  ];
  const header = quirk ? 'OFF4 4 0\n' : 'OFF\n4 4 0\n';
  return header + v.map((p) => p.join(' ')).join('\n') + '\n3 0 1 2\n3 0 1 3\n3 0 2 3\n3 1 2 3\n';
}

let dir = '';

before(() => {
  // Published layout: <dir>/<class>/{train,test}/<class>_NNNN.off; files written out of order on purpose.
  dir = mkdtempSync(join(tmpdir(), 'isgrad-modelnet40-'));
  const layout: Record<string, { train: number[]; test: number[] }> = {
    chair: { train: [3, 1, 2], test: [9] },
    airplane: { train: [2, 1], test: [7, 8] },
  };
  for (const [c, splits] of Object.entries(layout)) {
    for (const split of ['train', 'test'] as const) {
      mkdirSync(join(dir, c, split), { recursive: true });
      for (const k of splits[split]) {
        writeFileSync(join(dir, c, split, `${c}_${String(k).padStart(4, '0')}.off`), tetra(k, k % 2 === 1));
      }
    }
  }
  mkdirSync(join(dir, 'README-not-a-class')); // no train/test: ignored
});

after(() => rmSync(dir, { recursive: true, force: true }));

describe('loadModelNet40', () => {
  it('defaults: 1,024 points, every mesh, seed 0', () => {
    assert.deepEqual(modelNet40Defaults, { points: 1024, maxPerClass: Infinity, seed: 0 });
  });

  it('reads the published folder layout: sorted classes, sorted files, unit-sphere clouds', () => {
    const { train, test, classNames } = loadModelNet40({ dir, points: 32 });
    validateDataset(train);
    validateDataset(test);
    assert.deepEqual(classNames, ['airplane', 'chair']);
    assert.deepEqual(train.xShape, [32, 3]);
    assert.equal(train.numClasses, 2);
    assert.deepEqual(Array.from(train.y), [0, 0, 1, 1, 1]);
    assert.deepEqual(Array.from(test.y), [0, 0, 1]);
    const TOL = 1e-5; // float32
    for (let i = 0; i < train.n; i++) {
      let rMax = 0;
      for (let p = 0; p < 32; p++) {
        const o = (i * 32 + p) * 3;
        rMax = Math.max(rMax, Math.hypot(train.x[o], train.x[o + 1], train.x[o + 2]));
      }
      assert.ok(Math.abs(rMax - 1) < TOL, `cloud ${i}: max radius ${rMax}`);
    }
  });

  it('is deterministic; a mesh keeps its points whatever else is loaded; classes and maxPerClass subset', () => {
    const a = loadModelNet40({ dir, points: 16, seed: 4 });
    const b = loadModelNet40({ dir, points: 16, seed: 4 });
    assert.deepEqual(a.train.x, b.train.x);
    const chairs = loadModelNet40({ dir, points: 16, seed: 4, classes: ['chair'], maxPerClass: 2 });
    assert.deepEqual(chairs.classNames, ['chair']);
    assert.deepEqual(Array.from(chairs.train.y), [0, 0]);
    // chair_0001, chair_0002 are clouds 2 and 3 of the full load.
    assert.deepEqual(chairs.train.x, a.train.x.subarray(2 * 16 * 3, 4 * 16 * 3));
    const other = loadModelNet40({ dir, points: 16, seed: 5 });
    assert.notDeepEqual(other.train.x, a.train.x);
  });

  it('missing folder: says where to get ModelNet40 and names the env variable', () => {
    const saved = process.env[modelNet40DirEnv];
    delete process.env[modelNet40DirEnv];
    try {
      assert.throws(() => loadModelNet40(), /no folder given \(options\.dir or ISGRAD_MODELNET40_DIR\)/);
    } finally {
      if (saved !== undefined) process.env[modelNet40DirEnv] = saved;
    }
    assert.throws(
      () => loadModelNet40({ dir: join(dir, 'nope') }),
      /folder .*nope does not exist\. Download ModelNet40\.zip from https:\/\/modelnet\.cs\.princeton\.edu\/.*ISGRAD_MODELNET40_DIR/,
    );
    assert.throws(() => loadModelNet40({ dir: join(dir, 'chair') }), /holds no class folder with train\/ and test\//);
  });

  it('a malformed mesh names its path, line and byte offset; bad options are rejected', () => {
    const bad = mkdtempSync(join(tmpdir(), 'isgrad-modelnet40-bad-'));
    try {
      mkdirSync(join(bad, 'cup', 'train'), { recursive: true });
      mkdirSync(join(bad, 'cup', 'test'), { recursive: true });
      writeFileSync(join(bad, 'cup', 'train', 'cup_0001.off'), 'OFF\n4 4 0\n0 0 0\n1 0 0\n');
      writeFileSync(join(bad, 'cup', 'test', 'cup_0002.off'), tetra(1, false));
      assert.throws(
        () => loadModelNet40({ dir: bad, points: 8 }),
        /cup_0001\.off: end of file at byte offset 22 .*truncated: the header announces 4 vertices and 4 faces/,
      );
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
    assert.throws(() => loadModelNet40({ dir, classes: ['sofa'] }), /classes \[sofa\] not found .* allowed: airplane, chair/);
    assert.throws(() => loadModelNet40({ dir, points: 0 }), /points must be a positive integer, got 0/);
    assert.throws(() => loadModelNet40({ dir, maxPerClass: 0 }), /maxPerClass must be a positive integer/);
  });
});
