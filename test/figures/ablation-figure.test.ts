import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ablationCurvesFigure, ablationFigure } from '../../src/figures/ablation-figure.js';

describe('ablationFigure', () => {
  test('mean over seeds per swept value with a 95% t band (hand-worked), x sorted', () => {
    // beta 0.9: [1, 2, 3] → mean 2, half-width t_{.975,2}·1/√3 = 2.4841377…; beta 0: [4, 4] → sd 0
    const rows = [
      { method: 'omis', beta: 0.9, seed: 1, v: 1 },
      { method: 'omis', beta: 0.9, seed: 2, v: 2 },
      { method: 'omis', beta: 0.9, seed: 3, v: 3 },
      { method: 'omis', beta: 0, seed: 1, v: 4 },
      { method: 'omis', beta: 0, seed: 2, v: 4 },
    ];
    const fig = ablationFigure(rows, { x: 'beta', y: 'v', title: 'β' });
    assert.equal(fig.data.length, 2);
    const [band, line] = fig.data;
    assert.deepEqual(line.x, [0, 0.9]);
    assert.deepEqual(line.y, [4, 2]);
    assert.deepEqual(line.customdata, [2, 3]);
    assert.equal(band.fill, 'toself');
    assert.deepEqual(band.x, [0, 0.9, 0.9, 0]);
    const h = 4.302652729749464 / Math.sqrt(3);
    const expected = [4, 2 + h, 2 - h, 4];
    band.y.forEach((y, i) => assert.ok(Math.abs(y - expected[i]) < 1e-12, `band y[${i}] = ${y}, expected ${expected[i]}`));
    assert.equal(fig.layout.title?.text, 'β');
  });

  test('logY summarises log10 (geometric mean) and uses a log axis; a non-numeric swept value is an error', () => {
    const rows = [
      { method: 'is', alpha: 0.1, seed: 1, v: 1e-4 },
      { method: 'is', alpha: 0.1, seed: 2, v: 1e-2 },
    ];
    const fig = ablationFigure(rows, { x: 'alpha', y: 'v', logY: true });
    const line = fig.data[fig.data.length - 1];
    assert.ok(Math.abs(line.y[0] - 1e-3) < 1e-15);
    assert.equal(fig.layout.yaxis?.type, 'log');
    assert.throws(() => ablationFigure([{ method: 'is', a: 'x', v: 1 }], { x: 'a', y: 'v' }), /a must be a finite number/);
  });
});

describe('ablationCurvesFigure', () => {
  test('one curve per swept value, legend in value order, labelled with the symbol', () => {
    const rows = [10, 2, 0].flatMap((tau) =>
      [1, 2].flatMap((seed) => [0, 1].map((step) => ({ method: 'emais', tau, seed, step, loss: tau + step + seed }))),
    );
    const fig = ablationCurvesFigure(rows, { value: 'tau', valueLabel: 'τ', x: 'step', y: 'loss' });
    const lines = fig.data.filter((t) => t.fill === undefined);
    assert.deepEqual(
      lines.map((t) => t.name),
      ['τ = 0', 'τ = 2', 'τ = 10'],
    );
    assert.deepEqual(lines[2].y, [11.5, 12.5]); // mean over seeds 1, 2 of 10 + step + seed
  });
});
