import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { boxDownscale, readPngRgb } from '../../src/data/png-image.js';
import { assertAllClose } from '../helpers/reference.js';

const TOL = { rtol: 1e-6, atol: 1e-7 }; // float32 storage of k/255 means

describe('png-image', () => {
  it('reads RGB in [0, 1] and drops alpha', () => {
    const png = new PNG({ width: 2, height: 1 });
    png.data = Buffer.from([255, 0, 51, 10, 0, 102, 255, 255]);
    const path = join(mkdtempSync(join(tmpdir(), 'png-')), 'a.png');
    writeFileSync(path, PNG.sync.write(png));
    const img = readPngRgb(path);
    assert.equal(img.width, 2);
    assert.equal(img.height, 1);
    assertAllClose(img.data, [1, 0, 0.2, 0, 0.4, 1], TOL, 'rgb');
  });

  it('box-downscales by averaging f × f blocks, dropping incomplete edges', () => {
    // 3 × 2 image, factor 2 → 1 × 1: mean of the top-left 2 × 2 block
    const data = Float32Array.from([0, 0, 0, 1, 1, 1, 9, 9, 9, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 9, 9, 9]);
    const out = boxDownscale({ width: 3, height: 2, data }, 2);
    assert.equal(out.width, 1);
    assert.equal(out.height, 1);
    assertAllClose(out.data, [0.5, 0.5, 0.5], TOL, 'mean');
    assert.throws(() => boxDownscale({ width: 3, height: 2, data }, 3), /factor must be an integer in \[1, 2\], got 3/);
  });

  it('reads the repository image data/chelsea.png (451 × 300)', () => {
    const img = readPngRgb('data/chelsea.png');
    assert.equal(img.width, 451);
    assert.equal(img.height, 300);
    assert.ok(img.data.every((v) => v >= 0 && v <= 1));
  });
});
