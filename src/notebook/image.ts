import { PNG } from 'pngjs';
import { display, type MimeBundle } from './display.js';

/** Pixel values with their layout: `data` row-major, `channels` values per pixel (1 grey, 3 RGB). */
export interface ImageLike {
  data: ArrayLike<number>;
  width: number;
  height: number;
  channels?: 1 | 3;
}

/** A tensor-like value (a `tf.Tensor` of shape `[H, W]`, `[H, W, 1]` or `[H, W, 3]`). */
export interface TensorImageLike {
  shape: number[];
  dataSync(): ArrayLike<number>;
}

/** Options of {@link image} and {@link imageBundle}. */
export interface ImageOptions {
  /** Value range mapped to black…white; values outside are clipped. Default `[0, 1]`. */
  range?: [number, number];
  /** Integer upscaling factor (nearest neighbour), for small reconstructions. Default 1. */
  scale?: number;
  /** Caption used as the text summary. Default `'image'`. */
  caption?: string;
}

/** Defaults of {@link image}: `range: [0, 1]`, `scale: 1`, `caption: 'image'`. */
export const imageDefaults: Readonly<Required<ImageOptions>> = { range: [0, 1], scale: 1, caption: 'image' };

function asImage(img: ImageLike | TensorImageLike): Required<ImageLike> {
  if (
    Array.isArray((img as TensorImageLike).shape) &&
    typeof (img as TensorImageLike).dataSync === 'function'
  ) {
    const { shape } = img as TensorImageLike;
    const c = shape.length === 2 ? 1 : shape[2];
    if ((shape.length !== 2 && shape.length !== 3) || (c !== 1 && c !== 3)) {
      throw new Error(
        `image: a tensor must have shape [H, W], [H, W, 1] or [H, W, 3]; got [${shape.join(', ')}]`,
      );
    }
    return { data: (img as TensorImageLike).dataSync(), height: shape[0], width: shape[1], channels: c };
  }
  const { data, width, height } = img as ImageLike;
  const channels = (img as ImageLike).channels ?? 1;
  if (!Number.isInteger(width) || width <= 0 || !Number.isInteger(height) || height <= 0) {
    throw new Error(`image: width and height must be positive integers; got ${width} × ${height}`);
  }
  if (channels !== 1 && channels !== 3) throw new Error(`image: channels must be 1 or 3; got ${channels}`);
  if (data?.length !== width * height * channels) {
    throw new Error(
      `image: data has ${data?.length} values; ${width} × ${height} × ${channels} channels needs ${width * height * channels}`,
    );
  }
  return { data, width, height, channels };
}

/**
 * The MIME bundle of an image, without sending it: a PNG (`image/png`, base64) and a text summary.
 *
 * @param img - `{ data, width, height, channels = 1 }` (row-major) or a tensor of shape `[H, W]`, `[H, W, 1]`, `[H, W, 3]`.
 * @param options - `range = [0, 1]` (black…white; clipped), `scale = 1` (nearest-neighbour upscaling),
 *   `caption = 'image'`.
 * @example
 * imageBundle({ data: [0, 1, 1, 0], width: 2, height: 2 }, { scale: 64 })['text/plain']; // 'image: 2 × 2 grey, shown at 128 × 128 px'
 */
export function imageBundle(img: ImageLike | TensorImageLike, options: ImageOptions = {}): MimeBundle {
  if (img === null || typeof img !== 'object')
    throw new Error(`image: expected an image or tensor; got ${img}`);
  const { data, width, height, channels } = asImage(img);
  const [lo, hi] = options.range ?? imageDefaults.range;
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo)) {
    throw new Error(`image: options.range must be [lo, hi] with finite lo < hi; got [${lo}, ${hi}]`);
  }
  const scale = options.scale ?? imageDefaults.scale;
  if (!Number.isInteger(scale) || scale < 1 || scale > 64) {
    throw new Error(`image: options.scale must be an integer in [1, 64]; got ${scale}`);
  }
  const caption = options.caption ?? imageDefaults.caption;
  for (let i = 0; i < data.length; i++) {
    if (Number.isNaN(Number(data[i])))
      throw new Error(`image: value ${i} is NaN; an image needs finite values`);
  }
  const W = width * scale;
  const H = height * scale;
  const png = new PNG({ width: W, height: H });
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const src = (Math.floor(y / scale) * width + Math.floor(x / scale)) * channels;
      const dst = (y * W + x) * 4;
      for (let k = 0; k < 3; k++) {
        const v = Number(data[src + (channels === 3 ? k : 0)]);
        const u = Math.min(1, Math.max(0, (v - lo) / (hi - lo)));
        png.data[dst + k] = Math.round(255 * u);
      }
      png.data[dst + 3] = 255;
    }
  }
  return {
    'image/png': PNG.sync.write(png).toString('base64'),
    'text/plain': `${caption}: ${width} × ${height} ${channels === 3 ? 'RGB' : 'grey'}, shown at ${W} × ${H} px`,
  };
}

/**
 * Shows an image (e.g. a SIREN reconstruction) in the notebook as a PNG.
 *
 * @param img - `{ data, width, height, channels = 1 }` (row-major) or a tensor `[H, W]`, `[H, W, 1]`, `[H, W, 3]`.
 * @param options - `range = [0, 1]`, `scale = 1`, `caption = 'image'`.
 * @example
 * import { image } from 'isgrad/notebook';
 * image(prediction.reshape([64, 64, 3]), { scale: 4, caption: 'reconstruction' });
 */
export function image(img: ImageLike | TensorImageLike, options: ImageOptions = {}): void {
  display(imageBundle(img, options));
}
