import * as tf from '@tensorflow/tfjs';

/**
 * An in-memory dataset: `n` samples stored row-major in flat typed arrays, so that a minibatch is a gather
 * of rows into one buffer (no per-sample tensors).
 *
 * Symbols: `n` = number of samples (N in METHODS §0), `xShape` = shape of one input, `yShape` = shape of one
 * target (`[]` for integer class labels).
 */
export interface Dataset {
  readonly name: string;
  /** Number of samples N. */
  readonly n: number;
  /** Shape of one input, e.g. [784] or [28, 28, 1]. */
  readonly xShape: readonly number[];
  /** Inputs, n × prod(xShape), row-major. */
  readonly x: Float32Array;
  /** Shape of one target: [] for class ids (stored in an Int32Array), [C] for regression targets. */
  readonly yShape: readonly number[];
  /** Targets: class ids (Int32Array, length n) or real targets (Float32Array, n × prod(yShape)). */
  readonly y: Int32Array | Float32Array;
  /** Number of classes for classification data. */
  readonly numClasses?: number;
}

/** Product of a shape's dimensions (1 for a scalar shape). */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * Checks a dataset where it enters the kit (a loader builds it, or `createTrainer` receives it from a task), in one
 * pass over its typed arrays: `n` an integer ≥ 1; `x` of exactly n·prod(xShape) values and `y` of n·prod(yShape)
 * (never zero-filled or truncated); every input and real target finite; class labels (yShape = []) an Int32Array
 * of integers in 0..numClasses−1 (≥ 0 when `numClasses` is absent). Errors name the dataset, the row and the
 * value: `dataset mnist-train (train set of task mnist-mlp): non-finite input at row 12 (x[12, 301] = NaN)`.
 * Cost: one comparison per value (~30 ms for MNIST's 47 M inputs on the dev machine).
 * @param ds the dataset.
 * @param role where it is used, for messages, e.g. 'train set of task poly6'. Default none.
 * @returns `ds`, unchanged.
 * @example
 * validateDataset({ name: 'tiny', n: 2, xShape: [1], x: Float32Array.of(0, 1), yShape: [], y: Int32Array.of(0, 3), numClasses: 2 });
 * // throws: dataset tiny: label at row 1 is 3; labels must be integers in 0..1 (numClasses = 2)
 */
export function validateDataset(ds: Dataset, role?: string): Dataset {
  const who = `dataset ${ds.name}${role === undefined ? '' : ` (${role})`}`;
  const dx = sizeOf(ds.xShape);
  const dy = sizeOf(ds.yShape);
  if (!Number.isInteger(ds.n) || ds.n < 1) throw new Error(`${who}: n must be an integer ≥ 1, got ${ds.n}`);
  if (ds.x.length !== ds.n * dx) {
    throw new Error(
      `${who}: x has ${ds.x.length} values, expected n·prod(xShape) = ${ds.n}·${dx} = ${ds.n * dx}`,
    );
  }
  if (ds.y.length !== ds.n * dy) {
    throw new Error(
      `${who}: y has ${ds.y.length} values, expected n·prod(yShape) = ${ds.n}·${dy} = ${ds.n * dy}`,
    );
  }
  const classes = ds.yShape.length === 0;
  if (classes && !(ds.y instanceof Int32Array)) {
    throw new Error(`${who}: class labels (yShape = []) must be an Int32Array`);
  }
  const C = ds.numClasses;
  if (C !== undefined && (!Number.isInteger(C) || C < 1)) {
    throw new Error(`${who}: numClasses must be an integer ≥ 1, got ${C}`);
  }
  const badX = firstNonFinite(ds.x);
  if (badX >= 0) {
    const [r, c] = [Math.floor(badX / dx), badX % dx];
    throw new Error(`${who}: non-finite input at row ${r} (x[${r}, ${c}] = ${ds.x[badX]})`);
  }
  if (classes) {
    const y = ds.y as Int32Array; // integers by type: only the range is left to check
    const hi = C ?? 2147483647;
    for (let i = 0; i < y.length; i++) {
      if (y[i] < 0 || y[i] >= hi) {
        const range = C === undefined ? '≥ 0' : `in 0..${C - 1} (numClasses = ${C})`;
        throw new Error(`${who}: label at row ${i} is ${y[i]}; labels must be integers ${range}`);
      }
    }
  } else {
    const badY = firstNonFinite(ds.y);
    if (badY >= 0) {
      const [r, c] = [Math.floor(badY / dy), badY % dy];
      throw new Error(`${who}: non-finite target at row ${r} (y[${r}, ${c}] = ${ds.y[badY]})`);
    }
  }
  return ds;
}

/** Index of the first NaN or ±Infinity in `v`, or −1. */
function firstNonFinite(v: Float32Array | Int32Array): number {
  for (let i = 0; i < v.length; i++) {
    const a = v[i];
    if (a - a !== 0) return i; // a − a is NaN exactly when a is NaN or ±Infinity
  }
  return -1;
}

/** Gathers rows `indices` of a flat row-major array with `width` values per row. */
export function gatherRows<T extends Float32Array | Int32Array>(src: T, width: number, indices: ArrayLike<number>): T {
  const Ctor = src.constructor as new (len: number) => T;
  const out = new Ctor(indices.length * width);
  for (let b = 0; b < indices.length; b++) {
    const i = indices[b];
    out.set(src.subarray(i * width, (i + 1) * width), b * width);
  }
  return out;
}

/** A minibatch as tensors: x (B, ...xShape), y (B) int32 class ids or (B, ...yShape) float32 targets. */
export interface TensorBatch {
  x: tf.Tensor;
  y: tf.Tensor;
}

/**
 * Builds the tensors of a minibatch. The caller owns (and must dispose) the returned tensors; inside
 * `tf.tidy` this happens automatically.
 */
export function gatherBatch(ds: Dataset, indices: ArrayLike<number>): TensorBatch {
  const B = indices.length;
  const x = tf.tensor(gatherRows(ds.x, sizeOf(ds.xShape), indices), [B, ...ds.xShape], 'float32');
  const y =
    ds.y instanceof Int32Array && ds.yShape.length === 0
      ? tf.tensor1d(gatherRows(ds.y, 1, indices), 'int32')
      : tf.tensor(gatherRows(ds.y as Float32Array, sizeOf(ds.yShape), indices), [B, ...ds.yShape], 'float32');
  return { x, y };
}

/** Indices 0..n-1 as an Int32Array. */
export function range(n: number): Int32Array {
  const r = new Int32Array(n);
  for (let i = 0; i < n; i++) r[i] = i;
  return r;
}
