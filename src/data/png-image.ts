import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';

/** An RGB image in float32, row-major (height × width × 3), values in [0, 1]. */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  /** Pixels, (height, width, 3) row-major. */
  readonly data: Float32Array;
}

/**
 * Reads a PNG file (any colour type pngjs accepts) into RGB float32 in [0, 1]; alpha is dropped.
 * @param path file path.
 * @example
 * const img = readPngRgb('data/chelsea.png'); // { width: 451, height: 300, data: Float32Array(405900) }
 */
export function readPngRgb(path: string): RgbImage {
  const png = PNG.sync.read(readFileSync(path));
  const { width, height } = png;
  const data = new Float32Array(width * height * 3); // (H, W, 3)
  for (let i = 0; i < width * height; i++) {
    for (let c = 0; c < 3; c++) data[i * 3 + c] = png.data[i * 4 + c] / 255;
  }
  return { width, height, data };
}

/**
 * Box-filter downscale by an integer factor f: each output pixel is the mean of an f × f block (incomplete
 * blocks at the right/bottom edge are dropped), so the output is ⌊W/f⌋ × ⌊H/f⌋.
 * @param img the source image.
 * @param factor integer f ≥ 1 with f ≤ min(W, H).
 * @example
 * boxDownscale(readPngRgb('data/chelsea.png'), 8); // 56 × 37
 */
export function boxDownscale(img: RgbImage, factor: number): RgbImage {
  if (!Number.isInteger(factor) || factor < 1 || factor > Math.min(img.width, img.height)) {
    throw new RangeError(
      `boxDownscale: factor must be an integer in [1, ${Math.min(img.width, img.height)}], got ${factor}`,
    );
  }
  const width = Math.floor(img.width / factor);
  const height = Math.floor(img.height / factor);
  const data = new Float32Array(width * height * 3); // (H', W', 3)
  const inv = 1 / (factor * factor);
  for (let r = 0; r < height; r++) {
    for (let col = 0; col < width; col++) {
      for (let c = 0; c < 3; c++) {
        let s = 0;
        for (let dr = 0; dr < factor; dr++) {
          for (let dc = 0; dc < factor; dc++) {
            s += img.data[((r * factor + dr) * img.width + col * factor + dc) * 3 + c];
          }
        }
        data[(r * width + col) * 3 + c] = s * inv;
      }
    }
  }
  return { width, height, data };
}
