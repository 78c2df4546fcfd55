import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateDataset, type Dataset } from './dataset.js';

/** Options of {@link loadCifar}. */
export interface CifarOptions {
  /** Folder with the binary files (or its parent holding `cifar-10-batches-bin/` / `cifar-100-binary/`); default env `ISGRAD_CIFAR_DIR`. */
  dir?: string;
  /** 'cifar10' (default) or 'cifar100'. */
  variant?: 'cifar10' | 'cifar100';
  /** CIFAR-100 label set: 'fine' (100 classes, default) or 'coarse' (20 superclasses); CIFAR-10 has only 'fine'. */
  label?: 'fine' | 'coarse';
  /** Keep the first nTrain training images (file order); default all (50,000). */
  nTrain?: number;
  /** Keep the first nTest test images; default all (10,000). */
  nTest?: number;
}

/** Defaults of {@link loadCifar}: CIFAR-10, fine labels, every image. */
export const cifarDefaults = {
  variant: 'cifar10',
  label: 'fine',
  nTrain: 50000,
  nTest: 10000,
} as const satisfies Required<Omit<CifarOptions, 'dir'>>;

/** Environment variable naming the CIFAR folder. */
export const cifarDirEnv = 'ISGRAD_CIFAR_DIR';

const side = 32;
const pixels = side * side * 3; // 3072 bytes per image, channel-major R, G, B planes of 32×32

/** File layout of each variant (the "binary version" of https://www.cs.toronto.edu/~kriz/cifar.html). */
const layouts = {
  cifar10: {
    sub: 'cifar-10-batches-bin',
    train: ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin'],
    test: ['test_batch.bin'],
    labelBytes: 1,
    archive: 'cifar-10-binary.tar.gz',
  },
  cifar100: {
    sub: 'cifar-100-binary',
    train: ['train.bin'],
    test: ['test.bin'],
    labelBytes: 2,
    archive: 'cifar-100-binary.tar.gz',
  },
} as const;

/** Pixel byte → value in [0, 1]. */
const byteToUnit = Float32Array.from({ length: 256 }, (_, b) => b / 255);

/**
 * Loads CIFAR-10 or CIFAR-100 (Krizhevsky, 2009) from the binary distribution, for [MIS] Fig. 4/5 and
 * [AS-IS] Fig. 3/5 style experiments.
 *
 * Format: a file is a sequence of records; CIFAR-10 records are 1 label byte + 3,072 pixel bytes (files
 * `data_batch_1.bin` … `data_batch_5.bin`, `test_batch.bin`), CIFAR-100 records are 2 label bytes (coarse, then
 * fine) + 3,072 pixel bytes (`train.bin`, `test.bin`). Pixels are channel-major: the 1,024 red values of the
 * 32×32 image row by row, then green, then blue. They are converted to HWC (32, 32, 3) in [0, 1].
 * Files are looked up in `dir`, then in `dir/cifar-10-batches-bin` or `dir/cifar-100-binary` (the archives'
 * folders). A file whose size is not a multiple of the record size throws an Error naming the file and the
 * byte offset of the partial record; a label byte out of range names the file and its byte offset.
 * Files are read in order only until `nTrain` (`nTest`) images are collected; later files are not opened.
 *
 * @param options `dir` (default env ISGRAD_CIFAR_DIR), `variant` ('cifar10'), `label` ('fine'), `nTrain`
 *   (50000), `nTest` (10000).
 * @returns `{ train, test }`: x (n, 32, 32, 3) float32 in [0, 1], xShape [32, 32, 3]; y Int32, yShape [];
 *   numClasses 10 (CIFAR-10), 100 (fine) or 20 (coarse).
 * @example
 * const { train, test } = loadCifar({ dir: '/data/cifar', variant: 'cifar100', nTrain: 10000 });
 * train.numClasses; // 100
 */
export function loadCifar(options: CifarOptions = {}): { train: Dataset; test: Dataset } {
  const variant = options.variant ?? cifarDefaults.variant;
  const label = options.label ?? cifarDefaults.label;
  if (variant !== 'cifar10' && variant !== 'cifar100') {
    throw new Error(`loadCifar: variant must be one of cifar10, cifar100; got '${String(variant)}'`);
  }
  if (label !== 'fine' && label !== 'coarse') {
    throw new Error(`loadCifar: label must be one of fine, coarse; got '${String(label)}'`);
  }
  if (variant === 'cifar10' && label === 'coarse') {
    throw new Error(`loadCifar: label 'coarse' exists only for variant 'cifar100'; CIFAR-10 allows label 'fine'`);
  }
  const nTrain = options.nTrain ?? cifarDefaults.nTrain;
  const nTest = options.nTest ?? cifarDefaults.nTest;
  for (const [k, v, max] of [
    ['nTrain', nTrain, cifarDefaults.nTrain],
    ['nTest', nTest, cifarDefaults.nTest],
  ] as const) {
    if (!Number.isInteger(v) || v < 1 || v > max) {
      throw new Error(`loadCifar: ${k} must be an integer in 1..${max}, got ${v}`);
    }
  }
  const layout = layouts[variant];
  const envDir = process.env[cifarDirEnv];
  const dir = options.dir ?? (envDir !== undefined && envDir !== '' ? envDir : undefined);
  const howToGet =
    `Download the binary version (${layout.archive}) from https://www.cs.toronto.edu/~kriz/cifar.html, ` +
    `unpack it, and pass the folder as options.dir or set ${cifarDirEnv}.`;
  if (dir === undefined) throw new Error(`loadCifar: no folder given (options.dir or ${cifarDirEnv}). ${howToGet}`);
  const base = [dir, join(dir, layout.sub)].find((d) => layout.test.every((f) => existsSync(join(d, f))));
  const missing = [...layout.train, ...layout.test].filter((f) => base === undefined || !existsSync(join(base, f)));
  if (base === undefined || missing.length > 0) {
    throw new Error(
      `loadCifar: missing ${variant} file(s) ${missing.join(', ')} in ${dir} (and ${join(dir, layout.sub)}). ${howToGet}`,
    );
  }
  const numClasses = variant === 'cifar10' ? 10 : label === 'fine' ? 100 : 20;
  // Byte of the record holding the label: CIFAR-100 stores (coarse, fine).
  const labelByte = variant === 'cifar10' ? 0 : label === 'coarse' ? 0 : 1;
  const read = (name: string, files: readonly string[], n: number, param: string): Dataset => {
    const record = layout.labelBytes + pixels;
    const x = new Float32Array(n * pixels); // (n, 32, 32, 3)
    const y = new Int32Array(n); // (n)
    let i = 0;
    for (const f of files) {
      if (i >= n) break;
      const path = join(base, f);
      const bytes = readFileSync(path);
      if (bytes.length === 0 || bytes.length % record !== 0) {
        const partial = Math.floor(bytes.length / record) * record;
        throw new Error(
          `loadCifar: ${path}: truncated or malformed: ${bytes.length} bytes is not a positive multiple of the ` +
            `${record}-byte record (${layout.labelBytes} label byte(s) + ${pixels} pixels); the partial record ` +
            `starts at byte offset ${partial}`,
        );
      }
      for (let r = 0; r < bytes.length / record && i < n; r++, i++) {
        const off = r * record;
        for (let k = 0; k < layout.labelBytes; k++) {
          const v = bytes[off + k];
          const max = variant === 'cifar10' ? 10 : k === 0 ? 20 : 100;
          if (v >= max) {
            const what = variant === 'cifar10' ? 'label' : k === 0 ? 'coarse label' : 'fine label';
            throw new Error(
              `loadCifar: ${path}: ${what} ${v} of record ${r} at byte offset ${off + k} is not in 0..${max - 1}`,
            );
          }
        }
        y[i] = bytes[off + labelByte];
        const px = off + layout.labelBytes;
        const o = i * pixels;
        // CHW (3, 32, 32) → HWC (32, 32, 3)
        for (let c = 0; c < 3; c++) {
          for (let p = 0; p < side * side; p++) x[o + 3 * p + c] = byteToUnit[bytes[px + c * side * side + p]];
        }
      }
    }
    if (i < n) {
      throw new Error(`loadCifar: ${param} must be an integer in 1..${i} for ${files.join(', ')} in ${base}, got ${n}`);
    }
    return validateDataset({ name, n, xShape: [side, side, 3], x, yShape: [], y, numClasses });
  };
  return {
    train: read(`${variant}-train`, layout.train, nTrain, 'nTrain'),
    test: read(`${variant}-test`, layout.test, nTest, 'nTest'),
  };
}
