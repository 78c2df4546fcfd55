import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { heatmapFigure, heatmapFigureDefaults } from '../../src/figures/heatmap-figure.js';

describe('heatmapFigure', () => {
  it('pins its defaults', () => assert.deepEqual(heatmapFigureDefaults, { title: '', columns: 3, digits: 4 }));

  it('lays panels on a grid with their own axes, rows from row-major z, and overlaid points', () => {
    const fig = heatmapFigure(
      [
        { title: 'a', z: [1, 2, 3, 4, 5, 6], x: [0, 1, 2], y: [0, 1], points: { x: [0.5], y: [0.5], color: ['#000000'] } },
        { title: 'b', z: [0.123456, 0, 0, 0, 0, 0], x: [0, 1, 2], y: [0, 1] },
      ],
      { title: 'T', columns: 2 },
    );
    assert.deepEqual(fig.layout.grid, { rows: 1, columns: 2, pattern: 'independent' });
    assert.equal(fig.data.length, 3);
    assert.deepEqual(fig.data[0], { type: 'heatmap', z: [[1, 2, 3], [4, 5, 6]], x: [0, 1, 2], y: [0, 1], colorscale: 'Viridis', showscale: false, xaxis: 'x', yaxis: 'y', name: 'a' });
    assert.equal(fig.data[1].type, 'scatter');
    assert.equal(fig.data[2].xaxis, 'x2');
    assert.equal((fig.data[2] as { z: number[][] }).z[0][0], 0.1235, 'rounded to 4 significant digits');
    assert.deepEqual(fig.layout.annotations.map((a) => [a.text, a.x]), [['a', 0.25], ['b', 0.75]]);
    assert.equal((fig.layout.yaxis2 as { scaleanchor: string }).scaleanchor, 'x2');
  });

  it('rejects mismatched sizes and empty input', () => {
    assert.throws(() => heatmapFigure([{ title: 'a', z: [1], x: [0, 1], y: [0] }]), /panel 'a' has 1 values, expected rows × cols = 1 × 2/);
    assert.throws(() => heatmapFigure([]), /panels must not be empty/);
  });
});
