import * as tf from '@tensorflow/tfjs';
import { fileURLToPath } from 'node:url';
import type { Dataset } from '../data/dataset.js';
import { boxDownscale, readPngRgb, type RgbImage } from '../data/png-image.js';
import { meanSquaredError } from '../losses/mse.js';
import { createSiren, sirenDefaults } from '../models/siren.js';
import type { Model } from '../models/types.js';
import type { TaskSpec } from './types.js';

/** Data options of the image-regression task. */
export interface ImageSirenData {
  /** PNG path; default the repository's `data/chelsea.png` (see data/README.md for its licence). */
  path: string;
  /** Box-filter downscale factor for scale 'quick'; default 8 (451×300 → 56×37 = 2,072 pixels). */
  quickFactor: number;
  /** Downscale factor for scale 'full'; default 4 (112×75 = 8,400 pixels). */
  fullFactor: number;
}

/** Defaults of {@link ImageSirenData}. */
export const imageSirenData: Readonly<ImageSirenData> = Object.freeze({
  path: fileURLToPath(new URL('../../data/chelsea.png', import.meta.url)),
  quickFactor: 8,
  fullFactor: 4,
});

/**
 * Pixel-coordinate dataset of an image: x = (u, v) ∈ [−1, 1]² (column, row; pixel centres), y = RGB ∈ [0, 1]³.
 * Row-major over pixels, so sample i is pixel (⌊i/W⌋, i mod W).
 * @param img the image.
 * @param name dataset name. Default 'image'.
 * @example
 * const ds = imageDataset(boxDownscale(readPngRgb('data/chelsea.png'), 8)); // n = 2072, xShape [2], yShape [3]
 */
export function imageDataset(img: RgbImage, name = 'image'): Dataset {
  const { width: W, height: H } = img;
  const n = W * H;
  const x = new Float32Array(n * 2); // (n, 2)
  for (let r = 0; r < H; r++) {
    for (let c = 0; c < W; c++) {
      x[(r * W + c) * 2] = ((c + 0.5) / W) * 2 - 1;
      x[(r * W + c) * 2 + 1] = ((r + 0.5) / H) * 2 - 1;
    }
  }
  return { name, n, xShape: [2], x, yShape: [3], y: Float32Array.from(img.data) };
}

/** A model's reconstruction of an image and its per-pixel squared error. */
export interface Reconstruction {
  width: number;
  height: number;
  /** Predicted RGB clamped to [0, 1], (H, W, 3) row-major. */
  rgb: Float32Array;
  /** Per-pixel mean squared error over the 3 channels (unclamped prediction), (H, W). */
  error: Float32Array;
}

/**
 * Evaluates the model at every pixel of the dataset's image (chunks of 4,096 rows, inside tf.tidy).
 * @param model a trained image model (2 → 3).
 * @param ds the task's dataset (from {@link imageDataset}).
 * @param width image width W (ds.n = W·H).
 * @example
 * const rec = reconstruct(trainer.model, trainer.task.train, 56);
 */
export function reconstruct(model: Model, ds: Dataset, width: number): Reconstruction {
  if (!Number.isInteger(width) || width < 1 || ds.n % width !== 0) {
    throw new RangeError(`reconstruct: width must divide the dataset size ${ds.n}, got ${width}`);
  }
  const rgb = new Float32Array(ds.n * 3); // (n, 3)
  for (let s = 0; s < ds.n; s += 4096) {
    const e = Math.min(ds.n, s + 4096);
    const out = tf.tidy(
      () => model.apply(tf.tensor2d(ds.x.subarray(s * 2, e * 2), [e - s, 2]), false).output,
    );
    rgb.set(out.dataSync(), s * 3);
    out.dispose();
  }
  const error = new Float32Array(ds.n); // (n)
  for (let i = 0; i < ds.n; i++) {
    let se = 0;
    for (let c = 0; c < 3; c++) se += (rgb[i * 3 + c] - ds.y[i * 3 + c]) ** 2;
    error[i] = se / 3;
  }
  for (let i = 0; i < rgb.length; i++) rgb[i] = Math.min(1, Math.max(0, rgb[i]));
  return { width, height: ds.n / width, rgb, error };
}

/**
 * Width and height of the task's downscaled image at a scale (⌊451/f⌋ × ⌊300/f⌋ for chelsea.png).
 * @param scale 'quick' (factor `quickFactor`) or 'full' (`fullFactor`).
 * @param data partial {@link ImageSirenData}; defaults {@link imageSirenData}.
 * @example
 * imageSirenSize('quick'); // { width: 56, height: 37 }
 */
export function imageSirenSize(
  scale: 'quick' | 'full',
  data: Partial<ImageSirenData> = {},
): { width: number; height: number } {
  const d = { ...imageSirenData, ...data };
  const img = readPngRgb(d.path);
  const f = scale === 'full' ? d.fullFactor : d.quickFactor;
  return { width: Math.floor(img.width / f), height: Math.floor(img.height / f) };
}

const model = { hidden: sirenDefaults.hidden, omega0: sirenDefaults.omega0 };

/**
 * Builds an image-regression task ([MIS] Fig. 7 / [AS-IS] Fig. 6): a SIREN maps pixel coordinates to RGB, MSE loss.
 * @param data partial {@link ImageSirenData}.
 * @param name registry name. Default 'image-siren'.
 * @example
 * registerTask(createImageSirenTask({ quickFactor: 16 }, 'image-siren-tiny'));
 */
export function createImageSirenTask(data: Partial<ImageSirenData> = {}, name = 'image-siren'): TaskSpec {
  const d = { ...imageSirenData, ...data };
  return {
    name,
    description: 'image regression: SIREN from pixel coordinates to RGB of data/chelsea.png ([MIS] Fig. 7)',
    // Kit choice (the sources give no optimiser): Adam η = 1e-4 (1e-3 made IS and OMIS diverge slowly), B = 64, 20 epochs.
    defaults: { epochs: 20, batchSize: 64, lr: 1e-4, optimizer: 'adam', importance: 'output-grad' },
    fingerprint: { data: { ...d, path: 'chelsea.png' }, model },
    methodDefaults: { omis: { J: 3 }, 'mis-bh': { J: 3 } },
    async create({ scale }) {
      const img = boxDownscale(readPngRgb(d.path), scale === 'full' ? d.fullFactor : d.quickFactor);
      return {
        name,
        train: imageDataset(img, name),
        loss: meanSquaredError,
        createModel: (rng) => createSiren({ inputSize: 2, outputSize: 3, ...model }, rng),
      };
    },
  };
}

/**
 * `image-siren`: SIREN (hidden [64, 64, 64], ω0 = 30) regressing the RGB of `data/chelsea.png` box-downscaled
 * 8× (quick, 56×37) or 4× (full, 112×75); OMIS uses J = 3 techniques, one per colour channel.
 */
export const imageSirenTask: TaskSpec = createImageSirenTask();
