import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import { imageBundle, imageDefaults } from '../../src/notebook/image.js';

function decode(b: Record<string, string | object>): PNG {
  return PNG.sync.read(Buffer.from(b['image/png'] as string, 'base64'));
}

describe('imageBundle', () => {
  it('pins its defaults', () => {
    assert.deepEqual(imageDefaults, { range: [0, 1], scale: 1, caption: 'image' });
  });

  it('writes a grey PNG, upscaled by nearest neighbour', () => {
    const b = imageBundle({ data: [0, 1, 1, 0.5], width: 2, height: 2 }, { scale: 2, caption: 'recon' });
    assert.equal(b['text/plain'], 'recon: 2 × 2 grey, shown at 4 × 4 px');
    const png = decode(b);
    assert.equal(png.width, 4);
    assert.equal(png.height, 4);
    const px = (x: number, y: number) => Array.from(png.data.subarray((y * 4 + x) * 4, (y * 4 + x) * 4 + 4));
    assert.deepEqual(px(0, 0), [0, 0, 0, 255]);
    assert.deepEqual(px(1, 1), [0, 0, 0, 255], 'same source pixel');
    assert.deepEqual(px(2, 0), [255, 255, 255, 255]);
    assert.deepEqual(px(3, 3), [128, 128, 128, 255], '0.5 → round(127.5) = 128');
  });

  it('reads RGB tensors [H, W, 3], maps the range and clips', () => {
    const t = { shape: [1, 2, 3], dataSync: () => new Float32Array([-1, 0, 1, 2, 0.5, -5]) };
    const png = decode(imageBundle(t, { range: [-1, 1] }));
    assert.deepEqual(Array.from(png.data), [0, 128, 255, 255, 255, 191, 0, 255]);
  });

  it('rejects NaN, wrong sizes and bad options', () => {
    assert.throws(() => imageBundle({ data: [0, NaN], width: 2, height: 1 }), /image: value 1 is NaN/);
    assert.throws(
      () => imageBundle({ data: [0], width: 2, height: 1 }),
      /data has 1 values; 2 × 1 × 1 channels needs 2/,
    );
    assert.throws(
      () => imageBundle({ shape: [2, 2, 4], dataSync: () => [] }),
      /shape \[H, W\], \[H, W, 1\] or \[H, W, 3\]; got \[2, 2, 4\]/,
    );
    assert.throws(
      () => imageBundle({ data: [0], width: 1, height: 1 }, { scale: 0 }),
      /options\.scale must be an integer in \[1, 64\]; got 0/,
    );
    assert.throws(
      () => imageBundle({ data: [0], width: 1, height: 1 }, { range: [1, 1] }),
      /options\.range must be \[lo, hi\]/,
    );
  });
});
