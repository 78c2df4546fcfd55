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

/** Throws a clear error if a dataset's arrays do not match its declared shapes. */
export function validateDataset(ds: Dataset): Dataset {
  const dx = sizeOf(ds.xShape);
  const dy = sizeOf(ds.yShape);
  if (!Number.isInteger(ds.n) || ds.n < 1) throw new Error(`dataset ${ds.name}: n must be ≥ 1, got ${ds.n}`);
  if (ds.x.length !== ds.n * dx) {
    throw new Error(`dataset ${ds.name}: x has ${ds.x.length} values, expected n·prod(xShape) = ${ds.n * dx}`);
  }
  if (ds.y.length !== ds.n * dy) {
    throw new Error(`dataset ${ds.name}: y has ${ds.y.length} values, expected n·prod(yShape) = ${ds.n * dy}`);
  }
  if (ds.yShape.length === 0 && !(ds.y instanceof Int32Array)) {
    throw new Error(`dataset ${ds.name}: class labels (yShape = []) must be an Int32Array`);
  }
  return ds;
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
