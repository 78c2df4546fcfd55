import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importanceMapFigure } from '../../src/figures/importance-map-figure.js';
import { fallbackPalette } from '../../src/figures/method-style.js';

describe('importanceMapFigure', () => {
  // Synthetic points: class 0 with weights 0, 1, 4; class 1 with weights 2, 4 (max 4).
  const pts = [
    { x: 0, y: 0, label: 0, weight: 0 },
    { x: 1, y: 0, label: 0, weight: 1 },
    { x: 2, y: 0, label: 0, weight: 4 },
    { x: 0, y: 1, label: 1, weight: 2 },
    { x: 1, y: 1, label: 1, weight: 4 },
  ];
  it('opacity = ceil(levels·w/max w)/levels; weight 0 is left out; one legend entry per class (its most opaque trace)', () => {
    const fig = importanceMapFigure(pts, { levels: 4, classNames: ['A', 'B'] });
    // class 0: w 1 → level 1 (0.25), w 4 → level 4 (1); class 1: w 2 → level 2 (0.5), w 4 → level 4
    assert.deepEqual(
      fig.data.map((t) => [t.name, t.x, t.marker?.color, t.showlegend]),
      [
        ['A', [1], 'rgba(68,119,170,0.250)', false],
        ['A', [2], 'rgba(68,119,170,1.000)', true],
        ['B', [0], 'rgba(238,136,102,0.500)', false],
        ['B', [1], 'rgba(238,136,102,1.000)', true],
      ],
    );
    assert.equal(fallbackPalette[0], '#4477aa');
    assert.equal(fallbackPalette[1], '#ee8866');
    assert.doesNotThrow(() => JSON.stringify(fig));
  });
  it('rejects negative weights, bad labels, all-zero weights and bad levels', () => {
    assert.throws(() => importanceMapFigure([{ x: 0, y: 0, label: 0, weight: -1 }]), /points\[0\]\.weight must be finite and ≥ 0, got -1/);
    assert.throws(() => importanceMapFigure([{ x: 0, y: 0, label: 0.5, weight: 1 }]), /label must be an integer ≥ 0, got 0.5/);
    assert.throws(() => importanceMapFigure([{ x: 0, y: 0, label: 0, weight: 0 }]), /at least one point with weight > 0/);
    assert.throws(() => importanceMapFigure(pts, { levels: 0 }), /levels must be an integer ≥ 1, got 0/);
  });
});
