import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSweepSpec, validateSweepSpec } from '../../src/sweep/sweep-spec.js';

const ok = { name: 'b', base: { task: 'poly6', method: 'omis' }, grid: { beta: [0, 0.9] }, seeds: [1, 2] };

describe('validateSweepSpec', () => {
  test('accepts a valid spec and fills list with one empty variant', () => {
    const s = validateSweepSpec(ok);
    assert.deepEqual(s.list, [{}]);
    assert.deepEqual(s.grid, { beta: [0, 0.9] });
  });

  test('an unknown top-level key is an error naming it and the allowed keys', () => {
    assert.throws(
      () => validateSweepSpec({ ...ok, seed: [1] }),
      /unknown key 'seed'; allowed: name, base, grid, list, seeds/,
    );
  });

  test('bad seeds, grids, names and values are errors naming the key', () => {
    assert.throws(() => validateSweepSpec({ ...ok, seeds: [] }), /'seeds' must be a non-empty list/);
    assert.throws(() => validateSweepSpec({ ...ok, seeds: [1, 1.5] }), /'seeds' must be/);
    assert.throws(() => validateSweepSpec({ ...ok, seeds: [1, 1] }), /'seeds' has duplicates/);
    assert.throws(
      () => validateSweepSpec({ ...ok, grid: { beta: [] } }),
      /grid\.beta must be a non-empty list/,
    );
    assert.throws(
      () => validateSweepSpec({ ...ok, grid: { beta: [{ a: 1 }] } }),
      /grid\.beta\[0\]\.beta: values must be/,
    );
    assert.throws(() => validateSweepSpec({ ...ok, name: 'a b' }), /'name' must be/);
    assert.throws(
      () => validateSweepSpec({ ...ok, base: { ...ok.base, out: 'x' } }),
      /base\.out: 'out' is set by the sweep/,
    );
    assert.throws(
      () => validateSweepSpec({ ...ok, list: [{ seed: 3 }] }),
      /list\[0\]\.seed: 'seed' is set by the sweep/,
    );
    assert.throws(
      () => validateSweepSpec({ ...ok, base: { task: 'poly6', lr: NaN } }),
      /base\.lr: values must be/,
    );
  });

  test('loadSweepSpec names the file in its errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'isgrad-spec-'));
    try {
      const f = join(dir, 'bad.json');
      writeFileSync(f, JSON.stringify({ ...ok, grids: {} }));
      assert.throws(() => loadSweepSpec(f), new RegExp(`sweep spec ${f}: unknown key 'grids'`));
      writeFileSync(f, '{ not json');
      assert.throws(() => loadSweepSpec(f), new RegExp(`sweep spec ${f}: `));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
