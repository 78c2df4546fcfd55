import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lineBandFigure } from '../../src/figures/line-band-figure.js';
import type { Figure, PlotlyTrace } from '../../src/figures/types.js';

describe('Figure types', () => {
  it('builder output is plain JSON (no undefined, NaN, functions or class instances)', () => {
    const rows = [
      { method: 'is', seed: 0, step: 0, loss: 1 },
      { method: 'is', seed: 1, step: 0, loss: NaN },
      { method: 'uniform', seed: 0, step: 0, loss: 2 },
    ];
    const fig: Figure = lineBandFigure(rows, { x: 'step', y: 'loss', title: 't' });
    // A JSON round trip drops undefined members and turns NaN into null, so deepEqual would then fail.
    assert.deepEqual(JSON.parse(JSON.stringify(fig)), fig);
  });

  it('rejects traces outside the typed schema at compile time (checked by tsc in npm test)', () => {
    // @ts-expect-error a trace needs x and y arrays
    const noXY: PlotlyTrace = { type: 'scatter' };
    // @ts-expect-error dash patterns are a closed set
    const badDash: PlotlyTrace = { type: 'scatter', x: [], y: [], line: { dash: 'wiggly' } };
    assert.deepEqual([noXY.type, badDash.type], ['scatter', 'scatter']);
  });
});
