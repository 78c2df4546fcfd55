import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { imageFigure, imageFigureDefaults } from '../../src/figures/image-figure.js';

describe('imageFigure', () => {
  it('pins its defaults', () => assert.deepEqual(imageFigureDefaults, { title: '', columns: 4 }));

  it('converts [0, 1] RGB to clamped 0..255 rows and crops', () => {
    // 2 × 2 image: red, green / blue, out-of-range (1.5, −1, 0.5)
    const rgb = [1, 0, 0, 0, 1, 0, 0, 0, 1, 1.5, -1, 0.5];
    const fig = imageFigure([
      { title: 'full', width: 2, height: 2, rgb },
      { title: 'crop', width: 2, height: 2, rgb, crop: { x0: 1, y0: 1, w: 1, h: 1 } },
    ]);
    assert.deepEqual(fig.data[0].z, [
      [[255, 0, 0], [0, 255, 0]],
      [[0, 0, 255], [255, 0, 128]],
    ]);
    assert.deepEqual(fig.data[1].z, [[[255, 0, 128]]]);
    assert.equal(fig.data[1].xaxis, 'x2');
    assert.deepEqual(fig.layout.grid, { rows: 1, columns: 2, pattern: 'independent' });
  });

  it('rejects crops outside the image and wrong sizes', () => {
    assert.throws(() => imageFigure([{ title: 'a', width: 1, height: 1, rgb: [0, 0, 0], crop: { x0: 0, y0: 0, w: 2, h: 1 } }]), /crop .* of panel 'a' is outside 1 × 1/);
    assert.throws(() => imageFigure([{ title: 'a', width: 1, height: 1, rgb: [0] }]), /panel 'a' has 1 values, expected 1 × 1 × 3/);
  });
});
