import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { table } from 'arquero';
import { BAND_KINDS, summarizeRuns, summarizeRunsDefaults } from '../../src/figures/summarize-runs.js';
import type { RunRow } from '../../src/figures/summarize-runs.js';

// Sums of a few small numbers: float64 round-off only, so a tight relative tolerance.
const TOL = 1e-12;

function assertClose(actual: readonly number[], expected: readonly number[], what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length ${actual.length} vs ${expected.length}`);
  actual.forEach((a, i) => {
    const e = expected[i];
    const tol = TOL * Math.max(1, Math.abs(e));
    assert.ok(Math.abs(a - e) <= tol, `${what}[${i}]: actual ${a}, expected ${e}, tolerance ${tol}`);
  });
}

// Steps deliberately out of order and methods interleaved; 'uniform' appears first.
const rows: RunRow[] = [
  { method: 'uniform', seed: 0, step: 10, loss: Infinity }, // dropped (non-finite)
  { method: 'is', seed: 0, step: 10, loss: 4 },
  { method: 'is', seed: 1, step: 10, loss: 6 },
  { method: 'is', seed: 2, step: 10, loss: NaN }, // dropped: seed 2 diverged
  { method: 'is', seed: 0, step: 0, loss: 1 },
  { method: 'is', seed: 1, step: 0, loss: 2 },
  { method: 'is', seed: 2, step: 0, loss: 3 },
  { method: 'uniform', seed: 0, step: 0, loss: 10 },
  { method: 'uniform', seed: 1, step: 0, loss: null }, // dropped (missing)
];

describe('summarizeRuns', () => {
  it('pins its defaults', () => {
    assert.deepEqual(summarizeRunsDefaults, { group: 'method', replicate: 'seed', band: 'std', logY: false });
    assert.deepEqual(BAND_KINDS, ['std', 'minmax', 'none']);
  });

  it('computes mean and sample-std band per x with unequal replicate counts', () => {
    const s = summarizeRuns(rows, { x: 'step', y: 'loss' });
    assert.deepEqual(
      s.groups.map((g) => g.group),
      ['uniform', 'is'],
      'groups in order of first appearance',
    );
    const is = s.groups[1];
    assert.deepEqual(is.x, [0, 10]);
    assert.deepEqual(is.count, [3, 2]);
    // step 0: {1,2,3}: mean 2, s² = (1+0+1)/2 = 1 → [1, 3]
    // step 10: {4,6}: mean 5, s² = (1+1)/1 = 2 → 5 ∓ √2
    assertClose(is.mean, [2, 5], 'is.mean');
    assertClose(is.lower, [1, 5 - Math.SQRT2], 'is.lower');
    assertClose(is.upper, [3, 5 + Math.SQRT2], 'is.upper');
    assert.deepEqual(is.dropped, { nonFinite: 1, nonPositive: 0 });

    // uniform: only seed 0 at step 0 survives; step 10 has no usable value and is left out (no NaN).
    const u = s.groups[0];
    assert.deepEqual(u.x, [0]);
    assert.deepEqual(u.count, [1]);
    assert.deepEqual([u.mean, u.lower, u.upper], [[10], [10], [10]], 'n = 1 → zero-width band');
    assert.deepEqual(u.dropped, { nonFinite: 2, nonPositive: 0 });
    assert.deepEqual(s.dropped, { nonFinite: 3, nonPositive: 0 });
  });

  it('never emits non-finite numbers', () => {
    for (const band of BAND_KINDS) {
      const s = summarizeRuns(rows, { x: 'step', y: 'loss', band });
      for (const g of s.groups) {
        for (const v of [...g.x, ...g.mean, ...g.lower, ...g.upper, ...g.count]) {
          assert.ok(Number.isFinite(v), `band ${band}, group ${g.group}: ${v}`);
        }
      }
    }
  });

  it('minmax and none bands', () => {
    const mm = summarizeRuns(rows, { x: 'step', y: 'loss', band: 'minmax' }).groups[1];
    assertClose(mm.lower, [1, 4], 'minmax lower');
    assertClose(mm.upper, [3, 6], 'minmax upper');
    const none = summarizeRuns(rows, { x: 'step', y: 'loss', band: 'none' }).groups[1];
    assert.deepEqual(none.lower, none.mean);
    assert.deepEqual(none.upper, none.mean);
  });

  it('with logY uses the geometric mean and a band of ± one std of log10 y, dropping y ≤ 0', () => {
    const logRows: RunRow[] = [
      { method: 'as', seed: 0, step: 0, loss: 1 },
      { method: 'as', seed: 1, step: 0, loss: 100 },
      { method: 'as', seed: 2, step: 0, loss: 0 }, // dropped: log10 0 undefined
      { method: 'as', seed: 3, step: 0, loss: -1 }, // dropped
      { method: 'as', seed: 4, step: 0, loss: NaN }, // dropped (non-finite is counted first)
    ];
    const s = summarizeRuns(logRows, { x: 'step', y: 'loss', logY: true });
    const g = s.groups[0];
    // log10 values {0, 2}: m = 1, s = √((1 + 1)/1) = √2 → mean 10^1, band 10^(1 ∓ √2)
    assert.deepEqual(g.count, [2]);
    assertClose(g.mean, [10], 'geometric mean');
    assertClose(g.lower, [10 ** (1 - Math.SQRT2)], 'lower ≈ 0.3854');
    assertClose(g.upper, [10 ** (1 + Math.SQRT2)], 'upper ≈ 259.5');
    assert.deepEqual(s.dropped, { nonFinite: 1, nonPositive: 2 });

    // minmax on the log scale maps back to the raw extremes.
    const mm = summarizeRuns(logRows, { x: 'step', y: 'loss', logY: true, band: 'minmax' }).groups[0];
    assertClose(mm.lower, [1], 'minmax lower');
    assertClose(mm.upper, [100], 'minmax upper');

    // Without logY, non-positive values are kept: mean of {1, 100, 0, -1} = 25.
    const lin = summarizeRuns(logRows, { x: 'step', y: 'loss' });
    assertClose(lin.groups[0].mean, [25], 'linear mean');
    assert.deepEqual(lin.dropped, { nonFinite: 1, nonPositive: 0 });
  });

  it('honours custom group and replicate columns', () => {
    const r: RunRow[] = [
      { algo: 'a', run: 'r1', t: 1, v: 2 },
      { algo: 'a', run: 'r2', t: 1, v: 4 },
      { algo: 'b', run: 'r1', t: 1, v: 8 },
    ];
    const s = summarizeRuns(r, { x: 't', y: 'v', group: 'algo', replicate: 'run' });
    assert.deepEqual(
      s.groups.map((g) => [g.group, g.mean[0], g.count[0]]),
      [
        ['a', 3, 2],
        ['b', 8, 1],
      ],
    );
  });

  it('accepts arquero table.objects() rows', () => {
    const t = table({ method: ['is', 'is', 'is'], seed: [0, 1, 2], step: [5, 5, 5], loss: [1, 3, NaN] });
    const s = summarizeRuns(t.objects(), { x: 'step', y: 'loss' });
    assert.deepEqual(s.groups[0].mean, [2]);
    assert.deepEqual(s.dropped, { nonFinite: 1, nonPositive: 0 });
  });

  it('returns no groups for no rows', () => {
    assert.deepEqual(summarizeRuns([], { x: 'step', y: 'loss' }).groups, []);
  });

  it('rejects bad options and rows with messages naming the parameter and value', () => {
    assert.throws(
      () => summarizeRuns(rows, { x: 'step', y: 'loss', band: 'iqr' as 'std' }),
      /band must be one of 'std', 'minmax', 'none'; got 'iqr'/,
    );
    assert.throws(() => summarizeRuns(rows, { x: '', y: 'loss' }), /x must be a non-empty column name; got ''/);
    assert.throws(
      () => summarizeRuns(rows, { x: 'step', y: 'loss', logY: 'yes' as unknown as boolean }),
      /logY must be true or false; got 'yes'/,
    );
    assert.throws(
      () => summarizeRuns([{ method: 'is', seed: 0, epoch: 1, loss: 1 }], { x: 'step', y: 'loss' }),
      /row 0 has x column 'step' = undefined; allowed: a finite number/,
    );
    assert.throws(
      () => summarizeRuns([{ method: 'is', seed: 0, step: 1, loss: '0.5' }], { x: 'step', y: 'loss' }),
      /row 0 has y column 'loss' = '0.5'; allowed: a number, null or undefined/,
    );
    assert.throws(
      () => summarizeRuns([{ seed: 0, step: 1, loss: 1 }], { x: 'step', y: 'loss' }),
      /row 0 has no usable value in group column 'method'/,
    );
    assert.throws(
      () =>
        summarizeRuns(
          [
            { method: 'is', seed: 0, step: 1, loss: 1, lr: 0.1 },
            { method: 'is', seed: 0, step: 1, loss: 2, lr: 0.01 },
          ],
          { x: 'step', y: 'loss' },
        ),
      /two rows for method 'is', seed 0, step 1/,
    );
  });
});

it('summarizeRuns alignBy: replicates meet at the same epoch and are placed at their mean x', () => {
  // Wall-clock x differs between seeds; aligning on epoch pools them: epoch 1 → x = (1.0 + 1.4)/2 = 1.2,
  // mean y = (0.3 + 0.5)/2 = 0.4; epoch 2 → x = (2.0 + 3.0)/2 = 2.5, y = (0.2 + 0.4)/2 = 0.3.
  const rows = [
    { method: 'is', seed: 1, epoch: 1, t: 1.0, err: 0.3 },
    { method: 'is', seed: 2, epoch: 1, t: 1.4, err: 0.5 },
    { method: 'is', seed: 1, epoch: 2, t: 2.0, err: 0.2 },
    { method: 'is', seed: 2, epoch: 2, t: 3.0, err: 0.4 },
  ];
  const g = summarizeRuns(rows, { x: 't', y: 'err', alignBy: 'epoch', band: 'none' }).groups[0];
  const close = (a: number[], b: number[]) => a.every((v, i) => Math.abs(v - b[i]) < 1e-12);
  assert.ok(close(g.x, [1.2, 2.5]), `x = ${g.x}`);
  assert.ok(close(g.mean, [0.4, 0.3]), `mean = ${g.mean}`);
  assert.deepEqual(g.count, [2, 2]);
  assert.throws(
    () => summarizeRuns([{ method: 'a', seed: 1, t: 1, err: 1 }], { x: 't', y: 'err', alignBy: 'epoch' }),
    /alignBy column 'epoch' = undefined; allowed: a finite number/,
  );
});
