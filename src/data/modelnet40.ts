import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRng } from '../random/rng.js';
import { validateDataset, type Dataset } from './dataset.js';
import { normalizeToUnitSphere, parseOff, samplePointsOnMesh } from './off-mesh.js';

/** Options of {@link loadModelNet40}. */
export interface ModelNet40Options {
  /** Folder `ModelNet40/` holding `<class>/{train,test}/*.off`; default env `ISGRAD_MODELNET40_DIR`. */
  dir?: string;
  /** Points sampled on each mesh; default 1024 ([AS-IS] §5, PointNet). */
  points?: number;
  /** Class folders to load, in label order; default all sub-folders of `dir`, sorted (40 for ModelNet40). */
  classes?: readonly string[];
  /** Keep at most this many meshes per class and split (the first in sorted file order); default all. */
  maxPerClass?: number;
  /** Seed of the surface sampling; default 0. */
  seed?: number;
}

/** Defaults of {@link loadModelNet40}: 1,024 points, every class and mesh, seed 0. */
export const modelNet40Defaults = {
  points: 1024,
  maxPerClass: Infinity,
  seed: 0,
} as const;

/** Environment variable naming the ModelNet40 folder. */
export const modelNet40DirEnv = 'ISGRAD_MODELNET40_DIR';

/** Sorted `*.off` files of a folder ('' entries never occur). */
function offFiles(folder: string): string[] {
  return readdirSync(folder)
    .filter((f) => f.toLowerCase().endsWith('.off'))
    .sort();
}

/**
 * Loads ModelNet40 (Wu et al., 2015; 12,311 CAD meshes in 40 classes, official split 9,843 / 2,468) from its
 * published folder layout `<dir>/<class>/train/*.off` and `<dir>/<class>/test/*.off` (the unzipped
 * `ModelNet40.zip` from https://modelnet.cs.princeton.edu/), as used for [MIS] Fig. 6 and [AS-IS] Fig. 3.
 *
 * Each mesh is parsed with {@link parseOff} (ModelNet's `OFF<counts>` header quirk included), `points` points
 * are drawn uniformly on its surface ({@link samplePointsOnMesh}), and the cloud is centred and scaled to the
 * unit sphere ({@link normalizeToUnitSphere}), the PointNet preprocessing. Order is deterministic: classes in
 * the given (or sorted) order, files sorted by name; the points of a mesh draw from
 * `createRng(seed).derive('<split>/<class>/<file>')`, so they do not depend on which other meshes are loaded.
 * Parsing all 12,311 meshes takes minutes; `maxPerClass` loads a subset.
 *
 * @param options `dir` (default env ISGRAD_MODELNET40_DIR), `points` (1024), `classes` (all, sorted),
 *   `maxPerClass` (all), `seed` (0).
 * @returns `{ train, test, classNames }`: x (n, points, 3) float32, xShape [points, 3]; y Int32 class ids (index
 *   in `classNames`), yShape [].
 * @example
 * const { train, test, classNames } = loadModelNet40({ dir: '/data/ModelNet40', points: 1024 });
 * train.n; // 9843
 */
export function loadModelNet40(options: ModelNet40Options = {}): {
  train: Dataset;
  test: Dataset;
  classNames: string[];
} {
  const envDir = process.env[modelNet40DirEnv];
  const dir = options.dir ?? (envDir !== undefined && envDir !== '' ? envDir : undefined);
  const points = options.points ?? modelNet40Defaults.points;
  const maxPerClass = options.maxPerClass ?? modelNet40Defaults.maxPerClass;
  const seed = options.seed ?? modelNet40Defaults.seed;
  if (!Number.isInteger(points) || points < 1) {
    throw new Error(`loadModelNet40: points must be a positive integer, got ${points}`);
  }
  if (!(maxPerClass === Infinity || (Number.isInteger(maxPerClass) && maxPerClass >= 1))) {
    throw new Error(`loadModelNet40: maxPerClass must be a positive integer (or Infinity), got ${maxPerClass}`);
  }
  const howToGet =
    `Download ModelNet40.zip from https://modelnet.cs.princeton.edu/ (Wu et al., 2015), unzip it, and pass ` +
    `its ModelNet40 folder (the one holding airplane/, bathtub/, ...) as options.dir or set ${modelNet40DirEnv}.`;
  if (dir === undefined) throw new Error(`loadModelNet40: no folder given (options.dir or ${modelNet40DirEnv}). ${howToGet}`);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(`loadModelNet40: folder ${dir} does not exist. ${howToGet}`);
  }
  const available = readdirSync(dir)
    .filter((c) => existsSync(join(dir, c, 'train')) && existsSync(join(dir, c, 'test')))
    .sort();
  if (available.length === 0) {
    throw new Error(`loadModelNet40: ${dir} holds no class folder with train/ and test/ sub-folders. ${howToGet}`);
  }
  const classNames = options.classes ? [...options.classes] : available;
  const unknown = classNames.filter((c) => !available.includes(c));
  if (unknown.length > 0 || classNames.length === 0) {
    throw new Error(
      `loadModelNet40: classes [${unknown.join(', ')}] not found in ${dir}; allowed: ${available.join(', ')}`,
    );
  }
  const rng = createRng(seed);
  const load = (split: 'train' | 'test'): Dataset => {
    const clouds: Float32Array[] = [];
    const labels: number[] = [];
    classNames.forEach((c, label) => {
      const folder = join(dir, c, split);
      const files = offFiles(folder).slice(0, maxPerClass);
      for (const f of files) {
        const path = join(folder, f);
        const mesh = parseOff(readFileSync(path), path);
        const pts = samplePointsOnMesh(mesh, points, rng.derive(`${split}/${c}/${f}`)); // (points, 3)
        clouds.push(normalizeToUnitSphere(pts));
        labels.push(label);
      }
    });
    if (clouds.length === 0) throw new Error(`loadModelNet40: no .off file in ${dir}/<class>/${split} for the classes`);
    const n = clouds.length;
    const x = new Float32Array(n * points * 3); // (n, points, 3)
    clouds.forEach((cl, i) => x.set(cl, i * points * 3));
    return validateDataset({
      name: `modelnet40-${split}`,
      n,
      xShape: [points, 3],
      x,
      yShape: [],
      y: Int32Array.from(labels),
      numClasses: classNames.length,
    });
  };
  return { train: load('train'), test: load('test'), classNames };
}
