import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fitLine, scatterFigure } from '../../src/figures/scatter-figure.js';
import { methodStyle } from '../../src/figures/method-style.js';

describe('fitLine', () => {
  it('recovers an exact line and gives r = ±1', () => {
    assert.deepEqual(fitLine([0, 1, 2], [1, 3, 5]), { a: 1, b: 2, r: 1, n: 3 });
    const f = fitLine([0, 1, 2], [4, 2, 0]);
    assert.equal(f.b, -2);
    assert.equal(f.r, -1);
  });
  it('hand-worked noisy case: x = (0, 1, 2, 3), y = (1, 2, 2, 4): b = 0.9, a = 0.9, r = 0.9/√0.9·... ', () => {
    // mx = 1.5, my = 2.25; sxy = 4.5, sxx = 5, syy = 4.75 → b = 0.9, a = 0.9, r = 4.5/√23.75 = 0.923380
    const f = fitLine([0, 1, 2, 3], [1, 2, 2, 4]);
    assert.ok(Math.abs(f.b - 0.9) < 1e-12 && Math.abs(f.a - 0.9) < 1e-12);
    assert.ok(Math.abs(f.r - 0.9233805) < 1e-7);
  });
  it('rejects fewer than 2 points or unequal lengths', () => {
    assert.throws(() => fitLine([1], [1]), /≥ 2 values, got 1, 1/);
  });
});

describe('scatterFigure', () => {
  // Synthetic records: two checkpoints, y = 2x (+ one bad row and one non-positive row).
  const rows = [
    { group: 'step 10', u: 1, g: 2 },
    { group: 'step 10', u: 2, g: 4 },
    { group: 'step 50', u: 0.5, g: 1 },
    { group: 'step 50', u: 4, g: 8 },
    { group: 'step 50', u: NaN, g: 1 },
    { group: 'step 50', u: 0, g: 0 },
  ];
  it('one marker trace per group, then fitted lines (slope and r in the legend), then y = x', () => {
    const fig = scatterFigure(rows, { x: 'u', y: 'g', fit: true, diagonal: true, styles: { 'step 10': 'is' } });
    assert.deepEqual(
      fig.data.map((t) => t.name),
      ['step 10', 'step 50', 'step 10 fit: slope 2.00, r = 1.000', 'step 50 fit: slope 2.00, r = 1.000', 'y = x'],
    );
    assert.deepEqual(fig.data[0].x, [1, 2]);
    assert.deepEqual(fig.data[1].x, [0.5, 4, 0]); // NaN left out; 0 kept on a linear axis
    assert.equal(fig.data[0].marker?.color, 'rgba(213,94,0,0.5)'); // methodStyle('is') #d55e00 at opacity 0.5
    assert.equal(methodStyle('is').color, '#d55e00');
    assert.deepEqual(fig.data[4].x, [0, 8]); // diagonal over the data range
  });
  it('on log axes drops non-positive points and fits on log10 values', () => {
    const fig = scatterFigure(rows, { x: 'u', y: 'g', logX: true, logY: true, fit: true });
    assert.deepEqual(fig.data[1].x, [0.5, 4]);
    const line = fig.data[3];
    assert.ok(Math.abs(line.y[0] - 1) < 1e-12 && Math.abs(line.y[1] - 8) < 1e-12); // y = 2x in log space
    assert.equal(fig.layout.xaxis?.type, 'log');
  });
  it('puts the legend inside (default) or outside on request, and rejects other values', () => {
    assert.equal(scatterFigure(rows, { x: 'u', y: 'g' }).layout.legend?.x, 0);
    assert.equal(scatterFigure(rows, { x: 'u', y: 'g', legend: 'outside' }).layout.legend?.x, 1.02);
    assert.throws(
      // @ts-expect-error: not an allowed value
      () => scatterFigure(rows, { x: 'u', y: 'g', legend: 'left' }),
      /legend must be 'inside' or 'outside', got 'left'/,
    );
  });
  it('rejects an opacity outside [0, 1]', () => {
    assert.throws(() => scatterFigure(rows, { x: 'u', y: 'g', opacity: 2 }), /opacity must be in \[0, 1\], got 2/);
  });
});
