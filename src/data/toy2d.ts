import { createRng, permutation, type Rng } from '../random/rng.js';
import { validateDataset, type Dataset } from './dataset.js';

const numClasses = 3;

/** Turns of each spiral arm per unit radius: at the square's corner (r = √2) an arm has turned 0.71 times. */
const twist = 0.5;

/** Options of {@link makeToy2d}. */
export interface Toy2dOptions {
  /** Training-set size; default 800 (the [AS-IS] Fig. 1 toy set). */
  n?: number;
  /** Test-set size; default 800. */
  nTest?: number;
  /** Label-noise fraction in [0, 1]: this fraction of each split (rounded to a count) gets a wrong label; default 0.05. */
  noise?: number;
  /** Seed of every draw; default 0. */
  seed?: number;
}

/** Defaults of {@link makeToy2d}. */
export const toy2dDefaults = {
  n: 800,
  nTest: 800,
  noise: 0.05,
  seed: 0,
} as const;

/** The toy 2-D task: train and test sets and which of their labels were flipped by the label noise. */
export interface Toy2dData {
  /** Training set: x ∈ [-1, 1]² (xShape [2]), y = class ids 0..2 (Int32, yShape []), numClasses 3. */
  train: Dataset;
  /** Test set, same distribution (label noise included). */
  test: Dataset;
  /** 1 where the training label differs from {@link toy2dLabel} (n). */
  flippedTrain: Uint8Array;
  /** 1 where the test label differs from {@link toy2dLabel} (nTest). */
  flippedTest: Uint8Array;
}

/**
 * Noiseless ground-truth class of a point: three interleaved Archimedean spiral arms. With polar coordinates
 * (r, φ) of (x0, x1), u = φ / 2π + 0.5 · r, the class is ⌊3 · (u mod 1)⌋; the class boundaries are the smooth
 * curves φ = 2π (c/3 − 0.5 r). Defined on the whole plane (for drawing the ground-truth map).
 *
 * @param x0 first coordinate (finite).
 * @param x1 second coordinate (finite).
 * @returns class id 0, 1 or 2.
 * @example
 * toy2dLabel(0.5, 0); // 0: u = 0.25
 */
export function toy2dLabel(x0: number, x1: number): number {
  if (!Number.isFinite(x0) || !Number.isFinite(x1)) {
    throw new Error(`toy2dLabel: x0 and x1 must be finite numbers, got (${x0}, ${x1})`);
  }
  const u = Math.atan2(x1, x0) / (2 * Math.PI) + twist * Math.hypot(x0, x1);
  const frac = u - Math.floor(u); // u mod 1 ∈ [0, 1)
  return Math.min(numClasses - 1, Math.floor(numClasses * frac));
}

/**
 * 3-class 2-D classification with a smooth nonlinear boundary ([MIS] Fig. 1, [AS-IS] Fig. 1 with 800 points;
 * METHODS §7.1–7.2). Points are drawn uniformly on [-1, 1]² and kept only while their class (by
 * {@link toy2dLabel}) has room, so each class gets ⌊n/3⌋ or ⌈n/3⌉ points (the first n mod 3 classes get the extra
 * one), uniformly spread over its region of the square, and the points are stored in random order. Then a random round(noise · n) of the points get a
 * label drawn uniformly from the two other classes. Train and test use independent streams derived by label
 * from `seed` ('train-x', 'train-order', 'train-flip', 'train-label', same for 'test').
 *
 * @param options.n training-set size, integer ≥ 1; default 800.
 * @param options.nTest test-set size, integer ≥ 1; default 800.
 * @param options.noise label-noise fraction in [0, 1]; default 0.05.
 * @param options.seed integer seed; default 0.
 * @returns `{ train, test, flippedTrain, flippedTest }`.
 * @example
 * const { train } = makeToy2d({ noise: 0 });
 * train.y[0] === toy2dLabel(train.x[0], train.x[1]); // true
 */
export function makeToy2d(options: Toy2dOptions = {}): Toy2dData {
  const n = options.n ?? toy2dDefaults.n;
  const nTest = options.nTest ?? toy2dDefaults.nTest;
  const noise = options.noise ?? toy2dDefaults.noise;
  const seed = options.seed ?? toy2dDefaults.seed;
  for (const [param, value] of [
    ['n', n],
    ['nTest', nTest],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`makeToy2d: ${param} must be an integer ≥ 1, got ${value}`);
    }
  }
  if (!(noise >= 0 && noise <= 1)) throw new Error(`makeToy2d: noise must be in [0, 1], got ${noise}`);
  if (!Number.isInteger(seed)) throw new Error(`makeToy2d: seed must be an integer, got ${seed}`);
  const rng = createRng(seed);
  const train = sample('train', n, noise, rng);
  const test = sample('test', nTest, noise, rng);
  return { train: train.ds, test: test.ds, flippedTrain: train.flipped, flippedTest: test.flipped };
}

/** Draws one class-balanced split of n points and flips round(noise · n) labels. */
function sample(split: string, n: number, noise: number, rng: Rng): { ds: Dataset; flipped: Uint8Array } {
  const xRng = rng.derive(`${split}-x`);
  const quota = Array.from({ length: numClasses }, (_, c) => Math.floor(n / numClasses) + (c < n % numClasses ? 1 : 0));
  const x = new Float32Array(2 * n); // (n, 2)
  const y = new Int32Array(n); // (n)
  // Accepted points are placed in a random order: otherwise the rarest class would crowd the end of the set.
  const order = permutation(n, rng.derive(`${split}-order`));
  let i = 0;
  while (i < n) {
    const x0 = 2 * xRng.next() - 1; // U[-1, 1)
    const x1 = 2 * xRng.next() - 1;
    // Label the float32 point that is stored, so that y matches toy2dLabel(x) exactly for clean samples.
    const label = toy2dLabel(Math.fround(x0), Math.fround(x1));
    if (quota[label] === 0) continue;
    quota[label] -= 1;
    const at = order[i];
    x[2 * at] = x0;
    x[2 * at + 1] = x1;
    y[at] = label;
    i += 1;
  }
  const flipped = new Uint8Array(n); // (n)
  const nFlip = Math.round(noise * n);
  const chosen = permutation(n, rng.derive(`${split}-flip`));
  const labelRng = rng.derive(`${split}-label`);
  for (let j = 0; j < nFlip; j++) {
    const k = chosen[j];
    y[k] = (y[k] + 1 + labelRng.int(numClasses - 1)) % numClasses; // uniform over the two other classes
    flipped[k] = 1;
  }
  const ds = validateDataset({ name: `toy2d-${split}`, n, xShape: [2], x, yShape: [], y, numClasses });
  return { ds, flipped };
}
