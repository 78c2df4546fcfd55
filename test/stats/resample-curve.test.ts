import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resampleCurve, resampleRuns } from '../../src/stats/resample-curve.js';

describe('resampleCurve', () => {
  test('linear interpolation inside the range, null outside, any grid order', () => {
    assert.deepEqual(resampleCurve([0, 10, 20], [1, 3, 3], [5, 0, 20, 15, -1, 21, 10]), [
      2,
      1,
      3,
      3,
      null,
      null,
      3,
    ]);
    assert.deepEqual(resampleCurve([], [], [0]), [null]);
    assert.throws(
      () => resampleCurve([0, 2, 1], [0, 0, 0], [1]),
      /x must be ascending; x\[2\] = 1 < x\[1\] = 2/,
    );
    assert.throws(() => resampleCurve([0], [0, 1], [1]), /differ in length/);
  });
});

describe('resampleRuns', () => {
  test('puts runs measured at different times on the grid they all cover', () => {
    const rows = [
      ...[0, 1, 2, 4].map((t) => ({ run: 'a', t, y: t })),
      ...[0.5, 3, 5].map((t) => ({ run: 'b', t, y: 2 * t })),
    ];
    const out = resampleRuns(rows, { x: 't', y: 'y', points: 3 }); // common range [0.5, 4]
    assert.deepEqual(
      out.map((r) => [r.run, r.t, r.y]),
      [
        ['a', 0.5, 0.5],
        ['a', 2.25, 2.25],
        ['a', 4, 4],
        ['b', 0.5, 1],
        ['b', 2.25, 4.5],
        ['b', 4, 8],
      ],
    );
    assert.throws(
      () =>
        resampleRuns(
          [
            { run: 'a', t: 0, y: 0 },
            { run: 'b', t: 5, y: 0 },
          ],
          { x: 't', y: 'y' },
        ),
      /share no t range/,
    );
  });
});
