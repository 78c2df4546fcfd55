import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateDataset, type Dataset } from './dataset.js';
import { parseIdx } from './idx.js';

/** Options of {@link loadFashionMnist}. */
export interface FashionMnistOptions {
  /** Folder with the four IDX files (plain or `.gz`); default env `ISGRAD_FMNIST_DIR`, else the Debian path. */
  dir?: string;
  /** Number of training images, the first `nTrain` of the file (deterministic); default 60000 (all). */
  nTrain?: number;
  /** Number of test images, the first `nTest` of the file (deterministic); default 10000 (all). */
  nTest?: number;
}

/** Defaults of {@link loadFashionMnist}; `dir` is used when neither `options.dir` nor `ISGRAD_FMNIST_DIR` is set. */
export const fashionMnistDefaults = {
  dir: '/usr/share/datasets/fashion-mnist',
  nTrain: 60000,
  nTest: 10000,
} as const;

/** Environment variable naming a folder with the Fashion-MNIST IDX files. */
export const fashionMnistDirEnv = 'ISGRAD_FMNIST_DIR';

/** Base names of the four IDX files, as distributed by Zalando and by Debian (which adds `.gz`). */
const files = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

const side = 28;
const numClasses = 10;

/** Pixel byte → value in [0, 1]. */
const byteToUnit = Float32Array.from({ length: 256 }, (_, b) => b / 255);

/**
 * Loads Fashion-MNIST (Xiao et al., 2017: 60,000 training and 10,000 test 28×28 grey images, 10 classes) from
 * IDX files, as used by [EMAIS] (METHODS §7.3, Table 1: LeNet-5 on FMNIST 60k/10k).
 *
 * Files read from `dir`: `train-images-idx3-ubyte`, `train-labels-idx1-ubyte`, `t10k-images-idx3-ubyte`,
 * `t10k-labels-idx1-ubyte`, each plain or with `.gz` (the plain file wins when both exist). Missing files
 * throw an Error saying how to get them.
 *
 * @param options.dir folder with the files; default `process.env.ISGRAD_FMNIST_DIR`, else
 *   `/usr/share/datasets/fashion-mnist` (Debian package `dataset-fashion-mnist`).
 * @param options.nTrain keep the first `nTrain` training images (1..60000); default 60000.
 * @param options.nTest keep the first `nTest` test images (1..10000); default 10000.
 * @returns `{ train, test }`: x = pixel / 255 ∈ [0, 1] as Float32 (n, 28, 28, 1), xShape [28, 28, 1]; y = Int32
 *   class ids 0..9, yShape []; numClasses 10.
 * @example
 * const { train, test } = loadFashionMnist({ nTrain: 5000 });
 * train.n; // 5000
 */
export function loadFashionMnist(options: FashionMnistOptions = {}): { train: Dataset; test: Dataset } {
  const nTrain = options.nTrain ?? fashionMnistDefaults.nTrain;
  const nTest = options.nTest ?? fashionMnistDefaults.nTest;
  checkCount('nTrain', nTrain, fashionMnistDefaults.nTrain);
  checkCount('nTest', nTest, fashionMnistDefaults.nTest);
  const found = findFashionMnist(options.dir);
  if (found.missing.length > 0) {
    throw new Error(
      `loadFashionMnist: missing Fashion-MNIST file(s) in ${found.dir} (from ${found.source}): ` +
        `${found.missing.join(', ')}. ` +
        `To get them, either install the Debian package (sudo apt-get install dataset-fashion-mnist; it puts the ` +
        `four .gz files in ${fashionMnistDefaults.dir}), or set ${fashionMnistDirEnv} (or options.dir) to a ` +
        `folder holding the four IDX files ${Object.values(files).join(', ')} (plain or .gz), e.g. downloaded ` +
        `from https://github.com/zalandoresearch/fashion-mnist.`,
    );
  }
  const { trainImages, trainLabels, testImages, testLabels } = found.paths as Record<keyof typeof files, string>;
  const train = split('fashion-mnist-train', trainImages, trainLabels, nTrain, 'nTrain');
  const test = split('fashion-mnist-test', testImages, testLabels, nTest, 'nTest');
  return { train, test };
}

/** Where {@link findFashionMnist} looked and what it found. */
export interface FashionMnistFiles {
  /** The folder searched. */
  dir: string;
  /** Where `dir` came from: 'options.dir', the env variable's name, or 'the default folder'. */
  source: string;
  /** Path of each of the four files, or null when missing. */
  paths: Record<'trainImages' | 'trainLabels' | 'testImages' | 'testLabels', string | null>;
  /** Names (`<base>[.gz]`) of the missing files; [] when all four are there. */
  missing: string[];
}

/**
 * Locates the four Fashion-MNIST IDX files without reading them, e.g. to check before a long job that the data
 * is there. The folder is `dir`, else env `ISGRAD_FMNIST_DIR`, else `/usr/share/datasets/fashion-mnist`.
 * @example
 * findFashionMnist().missing.length === 0; // true once `sudo apt-get install dataset-fashion-mnist` ran
 */
export function findFashionMnist(dir?: string): FashionMnistFiles {
  const envDir = process.env[fashionMnistDirEnv];
  const useEnv = dir === undefined && envDir !== undefined && envDir !== '';
  const folder = dir ?? (useEnv ? envDir : fashionMnistDefaults.dir);
  const source = dir !== undefined ? 'options.dir' : useEnv ? fashionMnistDirEnv : 'the default folder';
  const paths = {
    trainImages: locate(folder, files.trainImages),
    trainLabels: locate(folder, files.trainLabels),
    testImages: locate(folder, files.testImages),
    testLabels: locate(folder, files.testLabels),
  };
  const missing = (Object.keys(files) as (keyof typeof files)[])
    .filter((k) => paths[k] === null)
    .map((k) => `${files[k]}[.gz]`);
  return { dir: folder, source, paths, missing };
}

/** Throws unless `value` is an integer in 1..max. */
function checkCount(param: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`loadFashionMnist: ${param} must be an integer in 1..${max}, got ${value}`);
  }
}

/** Path of `base` or `base.gz` in `dir`, or null if neither exists. */
function locate(dir: string, base: string): string | null {
  for (const candidate of [join(dir, base), join(dir, `${base}.gz`)]) {
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/** Reads one image file and its label file and keeps the first `n` samples. */
function split(name: string, imagePath: string, labelPath: string, n: number, param: string): Dataset {
  const images = parseIdx(readFileSync(imagePath), imagePath);
  const labels = parseIdx(readFileSync(labelPath), labelPath);
  if (images.dims.length !== 3 || images.dims[1] !== side || images.dims[2] !== side) {
    throw new Error(
      `loadFashionMnist: ${imagePath}: image dims must be [N, ${side}, ${side}], got [${images.dims.join(', ')}]`,
    );
  }
  if (labels.dims.length !== 1 || labels.dims[0] !== images.dims[0]) {
    throw new Error(
      `loadFashionMnist: ${labelPath}: label dims must be [${images.dims[0]}] to match ${imagePath}, ` +
        `got [${labels.dims.join(', ')}]`,
    );
  }
  const available = images.dims[0];
  if (n > available) {
    throw new Error(`loadFashionMnist: ${param} must be an integer in 1..${available} for ${imagePath}, got ${n}`);
  }
  const d = side * side;
  const x = new Float32Array(n * d); // (n, 28, 28, 1)
  for (let i = 0; i < n * d; i++) x[i] = byteToUnit[images.data[i]];
  const y = new Int32Array(n); // (n)
  for (let i = 0; i < n; i++) {
    const label = labels.data[i];
    if (label >= numClasses) {
      throw new Error(
        `loadFashionMnist: ${labelPath}: label ${label} of sample ${i} (byte offset ${8 + i}) is not in 0..9`,
      );
    }
    y[i] = label;
  }
  return validateDataset({ name, n, xShape: [side, side, 1], x, yShape: [], y, numClasses });
}
