// The danfo bridge against the real danfojs-node of the notebook environment (notebooks/node_modules, installed by
// `npm run notebooks:setup`). Outside CI the round-trip tests skip, saying why, when it is not installed; in CI
// (CI=true) they fail instead.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { from, table as arqueroTable } from 'arquero';
import { fromDanfo, toDanfo, type DanfoModuleLike } from '../../src/notebook/danfo.js';

let danfo: DanfoModuleLike | null = null;
let why = '';
try {
  danfo = createRequire(join(resolve('notebooks'), 'package.json'))('danfojs-node') as DanfoModuleLike;
} catch (e) {
  why = (e as Error).message.split('\n')[0];
}
const inCi = process.env.CI === 'true' || process.env.CI === '1';
const skip =
  danfo === null && !inCi
    ? `danfojs-node not installed in notebooks/ (${why}); run npm run notebooks:setup`
    : false;

describe('toDanfo / fromDanfo', () => {
  it('round-trips an arquero table exactly (float64 numbers, strings, nulls, column order)', { skip }, () => {
    assert.ok(danfo !== null, `CI must install the notebook environment: ${why}`);
    const t = arqueroTable(
      {
        step: Float64Array.from([0, 8, 16]),
        excessLoss: [0.1 + 0.2, 1e-300, 2.5],
        method: ['uniform', null, 'is'],
        seed: [1, 2, 3],
      },
      ['step', 'excessLoss', 'method', 'seed'],
    );
    const df = toDanfo(t, { danfo: danfo! });
    assert.deepEqual(df.columns, ['step', 'excessLoss', 'method', 'seed']);
    assert.deepEqual(df.shape, [3, 4]);
    assert.deepEqual(
      df.values[0],
      [0, 0.30000000000000004, 'uniform', 1],
      'float64 kept, not rounded to float32',
    );
    const back = fromDanfo(df);
    assert.deepEqual(back.columnNames(), t.columnNames());
    assert.deepEqual(back.objects(), t.objects());
  });

  it('finds danfojs-node from the working directory when no module is passed', { skip }, () => {
    const cwd = process.cwd();
    process.chdir(resolve('notebooks'));
    try {
      const df = toDanfo(from([{ a: 1 }, { a: 2 }]));
      assert.deepEqual(df.shape, [2, 1]);
    } finally {
      process.chdir(cwd);
    }
  });

  it('reads danfo frames by shape alone (no danfo needed)', () => {
    const t = fromDanfo({
      columns: ['a', 'b'],
      values: [
        [1, 'x'],
        [2, 'y'],
      ],
      shape: [2, 2],
    });
    assert.deepEqual(t.objects(), [
      { a: 1, b: 'x' },
      { a: 2, b: 'y' },
    ]);
  });

  it('rejects what is not a table or a frame', () => {
    assert.throws(() => toDanfo(null as never), /toDanfo: expected an arquero table; got null/);
    assert.throws(
      () => toDanfo(arqueroTable({}), { danfo: {} as DanfoModuleLike }),
      /the table has no columns/,
    );
    assert.throws(
      () => fromDanfo({} as never),
      /fromDanfo: expected a danfo DataFrame \(columns, values\); got object/,
    );
  });
});
