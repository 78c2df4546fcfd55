import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ciCurves, ciLineFigure } from '../../src/figures/ci-line-figure.js';
import { methodStyle } from '../../src/figures/method-style.js';

/** Synthetic records: two pmfs, epochs 0..2, three seeds; 'b' has one missing (NaN) value at epoch 2. */
function rows(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const seed of [1, 2, 3]) {
    for (const epoch of [0, 1, 2]) {
      out.push({ pmf: 'a', seed, epoch, d: epoch + seed }); // seeds give epoch + (1, 2, 3): mean epoch + 2, s = 1
      out.push({ pmf: 'b', seed, epoch, d: seed === 3 && epoch === 2 ? NaN : 10 * seed });
    }
  }
  return out;
}

describe('ciCurves', () => {
  it('gives the mean and the 95% t-interval per group and x (hand-worked)', () => {
    const [a, b] = ciCurves(rows(), 'epoch', 'd', 'pmf');
    assert.equal(a.group, 'a');
    assert.deepEqual(a.x, [0, 1, 2]);
    assert.deepEqual(a.mean, [2, 3, 4]);
    const half = 4.302652729911275 / Math.sqrt(3); // t_{0.975,2} · s/√n with s = 1 (float64 quantile)
    a.lo.forEach((v, k) => assert.ok(Math.abs(v - (a.mean[k] - half)) < 1e-9));
    a.hi.forEach((v, k) => assert.ok(Math.abs(v - (a.mean[k] + half)) < 1e-9));
    // b at epoch 2: the NaN is left out, so n = 2, values 10, 20: mean 15, s = √50, half = t_{0.975,1}·√50/√2 = 12.7062047·5
    assert.deepEqual(b.n, [3, 3, 2]);
    assert.equal(b.mean[2], 15);
    assert.ok(Math.abs(b.hi[2] - (15 + 12.706204736174698 * 5)) < 1e-7);
  });
  it('with log: geometric mean and an interval on log10 y (hand-worked: 1, 10, 100 → 10 · 10^±2.4841)', () => {
    const rowsLog = [1, 10, 100, -1].map((d, seed) => ({ pmf: 'a', seed, epoch: 0, d })); // −1 is left out
    const [c] = ciCurves(rowsLog, 'epoch', 'd', 'pmf', true);
    const half = 4.302652729911275 / Math.sqrt(3); // log10 values 0, 1, 2: s = 1
    assert.deepEqual(c.n, [3]);
    assert.ok(Math.abs(c.mean[0] - 10) < 1e-12);
    assert.ok(Math.abs(c.lo[0] - 10 ** (1 - half)) < 1e-9 && c.lo[0] > 0);
    assert.ok(Math.abs(c.hi[0] - 10 ** (1 + half)) < 1e-5); // 10^3.48: the quantile's 1e-10 error scales by ~7e3
  });
  it('rejects a non-finite x, naming the column', () => {
    assert.throws(() => ciCurves([{ pmf: 'a', epoch: 'one', d: 1 }], 'epoch', 'd', 'pmf'), /column 'epoch'/);
  });
});

describe('ciLineFigure', () => {
  it('draws bands first, then lines, in the given order, with methodStyle colours and labels', () => {
    const fig = ciLineFigure(rows(), {
      x: 'epoch',
      y: 'd',
      group: 'pmf',
      order: ['b', 'a'],
      styles: { a: 'is', b: 'uniform' },
      labels: { a: 'pmf A' },
      yTitle: 'distance',
    });
    assert.equal(fig.data.length, 4);
    assert.deepEqual(
      fig.data.map((t) => t.fill ?? t.mode),
      ['toself', 'toself', 'lines+markers', 'lines+markers'],
    );
    const [bandB, , lineB, lineA] = fig.data;
    assert.equal(lineA.name, 'pmf A');
    assert.equal(lineA.line?.color, methodStyle('is').color);
    assert.equal(lineB.name, methodStyle('uniform').label);
    assert.deepEqual(lineA.y, [2, 3, 4]);
    // band polygon: upper edge left→right, then lower edge right→left
    assert.deepEqual(bandB.x, [0, 1, 2, 2, 1, 0]);
    assert.equal(fig.layout.yaxis?.title?.text, 'distance');
    assert.equal(fig.layout.xaxis?.title?.text, 'epoch');
    assert.doesNotThrow(() => JSON.stringify(fig));
  });
  it('draws no band for single-replicate curves and uses a log axis on request', () => {
    const fig = ciLineFigure(
      [
        { method: 'is', step: 0, y: 1 },
        { method: 'is', step: 1, y: 0.1 },
      ],
      { x: 'step', y: 'y', logY: true },
    );
    assert.equal(fig.data.length, 1);
    assert.equal(fig.layout.yaxis?.type, 'log');
    assert.equal(fig.layout.legend?.xanchor, 'right'); // inside by default
    const out = ciLineFigure([{ method: 'is', step: 0, y: 1 }], { x: 'step', y: 'y', legend: 'outside' });
    assert.equal(out.layout.legend?.x, 1.02);
  });
});
