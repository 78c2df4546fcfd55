import { createRng, type Rng } from '../random/rng.js';
import { validateDataset, type Dataset } from './dataset.js';
import { normalizeToUnitSphere } from './off-mesh.js';

/** Names of the parametric shape classes of {@link makeShapes3d}, in label order. */
export const shapes3dClassNames = [
  'sphere',
  'cube',
  'cylinder',
  'cone',
  'torus',
  'ellipsoid',
  'ripple-plane',
  'helix',
] as const;

/** Options of {@link makeShapes3d}. */
export interface Shapes3dOptions {
  /** Training clouds; default 2000. */
  nTrain?: number;
  /** Test clouds; default 500. */
  nTest?: number;
  /** Points per cloud; default 256 (use 1024 for the PointNet/ModelNet40 setting). */
  points?: number;
  /** Number of classes, the first `classes` of {@link shapes3dClassNames} (2..8); default 8. */
  classes?: number;
  /** Standard deviation of the Gaussian jitter added to every coordinate (before normalisation); default 0.02. */
  noise?: number;
  /** Largest anisotropic scale factor s: each axis is scaled by a factor in [1/s, s]; default 1.25. */
  maxScale?: number;
  /** Seed of the generator; default 0. */
  seed?: number;
}

/** Defaults of {@link makeShapes3d}: 2,000 / 500 clouds of 256 points, 8 classes, noise 0.02, scale ≤ 1.25. */
export const shapes3dDefaults = {
  nTrain: 2000,
  nTest: 500,
  points: 256,
  classes: 8,
  noise: 0.02,
  maxScale: 1.25,
  seed: 0,
} as const satisfies Required<Shapes3dOptions>;

type Point = [number, number, number];

/** One point on the surface of class `c` in its canonical pose (roughly inside [−1, 1]³). */
function canonicalPoint(c: number, rng: Rng): Point {
  const TAU = 2 * Math.PI;
  switch (c) {
    case 0: {
      // sphere: a normalised Gaussian vector is uniform on the sphere
      let [x, y, z] = [rng.normal(), rng.normal(), rng.normal()];
      const r = Math.hypot(x, y, z) || 1;
      [x, y, z] = [x / r, y / r, z / r];
      return [x, y, z];
    }
    case 1: {
      // cube surface: a face (equal areas), then a uniform point on it
      const f = rng.int(6);
      const u = 2 * rng.next() - 1;
      const v = 2 * rng.next() - 1;
      const s = f % 2 === 0 ? 1 : -1;
      const axis = f >> 1;
      return axis === 0 ? [s, u, v] : axis === 1 ? [u, s, v] : [u, v, s];
    }
    case 2: {
      // cylinder r = 0.5, height 2, with caps, area-weighted: side 2π·0.5·2 = 2π, caps 2·π·0.25 = π/2
      const t = TAU * rng.next();
      if (rng.next() < 2 / 2.5) return [0.5 * Math.cos(t), 0.5 * Math.sin(t), 2 * rng.next() - 1];
      const r = 0.5 * Math.sqrt(rng.next());
      return [r * Math.cos(t), r * Math.sin(t), rng.next() < 0.5 ? -1 : 1];
    }
    case 3: {
      // cone: apex (0, 0, 1), base radius 1 at z = −1; lateral surface, uniform in area (radius ∝ √u)
      const s = Math.sqrt(rng.next());
      const t = TAU * rng.next();
      return [s * Math.cos(t), s * Math.sin(t), 1 - 2 * s];
    }
    case 4: {
      // torus R = 0.8, r = 0.25: uniform in area by rejection on the weight (R + r cos v) / (R + r)
      for (;;) {
        const u = TAU * rng.next();
        const v = TAU * rng.next();
        if (rng.next() * 1.05 <= 0.8 + 0.25 * Math.cos(v)) {
          const w = 0.8 + 0.25 * Math.cos(v);
          return [w * Math.cos(u), w * Math.sin(u), 0.25 * Math.sin(v)];
        }
      }
    }
    case 5: {
      // ellipsoid with semi-axes (1, 0.6, 0.35): a scaled uniform sphere point (not exactly area-uniform)
      const [x, y, z] = canonicalPoint(0, rng);
      return [x, 0.6 * y, 0.35 * z];
    }
    case 6: {
      // plane with ripples z = 0.15 sin(2πx) cos(2πy) over [−1, 1]²
      const x = 2 * rng.next() - 1;
      const y = 2 * rng.next() - 1;
      return [x, y, 0.15 * Math.sin(TAU * x) * Math.cos(TAU * y)];
    }
    default: {
      // helix of 3 turns, radius 0.7, height 2, as a tube of radius 0.08
      const t = rng.next();
      const a = 3 * TAU * t;
      const phi = TAU * rng.next();
      const r = 0.7 + 0.08 * Math.cos(phi);
      return [r * Math.cos(a), r * Math.sin(a), 2 * t - 1 + 0.08 * Math.sin(phi)];
    }
  }
}

/** Uniform random rotation matrix (row-major 3×3) from a uniform unit quaternion (normalised Gaussian 4-vector). */
function randomRotation(rng: Rng): number[] {
  let [w, x, y, z] = [rng.normal(), rng.normal(), rng.normal(), rng.normal()];
  const n = Math.hypot(w, x, y, z) || 1;
  [w, x, y, z] = [w / n, x / n, y / n, z / n];
  return [
    1 - 2 * (y * y + z * z),
    2 * (x * y - w * z),
    2 * (x * z + w * y),
    2 * (x * y + w * z),
    1 - 2 * (x * x + z * z),
    2 * (y * z - w * x),
    2 * (x * z - w * y),
    2 * (y * z + w * x),
    1 - 2 * (x * x + y * y),
  ];
}

/** One cloud of class c: canonical points, anisotropic scale, rotation, jitter, unit-sphere normalisation. */
function makeCloud(c: number, P: number, noise: number, maxScale: number, rng: Rng): Float32Array {
  const logS = Math.log(maxScale);
  const scale = [0, 1, 2].map(() => Math.exp((2 * rng.next() - 1) * logS)); // each axis in [1/s, s]
  const R = randomRotation(rng);
  const out = new Float32Array(P * 3); // (P, 3)
  for (let p = 0; p < P; p++) {
    const q = canonicalPoint(c, rng);
    const s = [q[0] * scale[0], q[1] * scale[1], q[2] * scale[2]];
    for (let i = 0; i < 3; i++) {
      out[3 * p + i] = R[3 * i] * s[0] + R[3 * i + 1] * s[1] + R[3 * i + 2] * s[2] + noise * rng.normal();
    }
  }
  return normalizeToUnitSphere(out);
}

function split(name: string, n: number, o: Required<Shapes3dOptions>, rng: Rng): Dataset {
  const P = o.points;
  const x = new Float32Array(n * P * 3); // (n, P, 3)
  const y = new Int32Array(n); // (n)
  for (let i = 0; i < n; i++) {
    const c = i % o.classes; // balanced: class counts differ by at most one
    y[i] = c;
    x.set(makeCloud(c, P, o.noise, o.maxScale, rng.derive(String(i))), i * P * 3);
  }
  return validateDataset({ name, n, xShape: [P, 3], x, yShape: [], y, numClasses: o.classes });
}

/**
 * A seeded synthetic point-cloud classification set, a stand-in for ModelNet40 ([MIS] Fig. 6, AS/IS Fig. 3
 * right) that needs no download. Classes, in label order: sphere, cube surface, cylinder with caps, cone,
 * torus, ellipsoid, rippled plane, helix tube (the first `classes` are used). Each cloud: points on the
 * canonical surface, an anisotropic scale (each axis by a factor in [1/maxScale, maxScale], log-uniform), a
 * uniformly random rotation, Gaussian jitter N(0, noise²) per coordinate, then centring and scaling to the unit
 * sphere (as for ModelNet40). Sample i has class i mod classes (balanced) and draws from
 * `createRng(seed).derive(split).derive(i)`, so a larger `nTrain` keeps the first clouds unchanged.
 *
 * Defaults (kit choice, 'quick'): 2,000 / 500 clouds of 256 points train a PointNet to well above chance in a
 * few epochs on wasm; use `points: 1024` and the ModelNet40 split sizes 9,843 / 2,468 for the 'full' setting.
 *
 * @param options `nTrain` (2000), `nTest` (500), `points` (256), `classes` (8), `noise` (0.02), `maxScale`
 *   (1.25), `seed` (0).
 * @returns `{ train, test }`: x (n, points, 3) float32, xShape [points, 3]; y Int32 class ids, yShape [].
 * @example
 * const { train } = makeShapes3d({ nTrain: 80, nTest: 16, points: 128, seed: 1 });
 * train.xShape; // [128, 3]
 */
export function makeShapes3d(options: Shapes3dOptions = {}): { train: Dataset; test: Dataset } {
  const o: Required<Shapes3dOptions> = { ...shapes3dDefaults, ...stripUndefined(options) };
  const int = (k: keyof Shapes3dOptions, lo: number, hi = Infinity) => {
    const v = o[k];
    if (!Number.isInteger(v) || v < lo || v > hi) {
      throw new Error(`makeShapes3d: ${k} must be an integer in ${lo}..${hi}, got ${v}`);
    }
  };
  int('nTrain', 1);
  int('nTest', 1);
  int('points', 1);
  int('classes', 2, shapes3dClassNames.length);
  int('seed', -(2 ** 31), 2 ** 31 - 1);
  if (!Number.isFinite(o.noise) || o.noise < 0) {
    throw new Error(`makeShapes3d: noise must be a finite number ≥ 0, got ${o.noise}`);
  }
  if (!Number.isFinite(o.maxScale) || o.maxScale < 1) {
    throw new Error(`makeShapes3d: maxScale must be a finite number ≥ 1, got ${o.maxScale}`);
  }
  const rng = createRng(o.seed);
  return {
    train: split('shapes3d-train', o.nTrain, o, rng.derive('train')),
    test: split('shapes3d-test', o.nTest, o, rng.derive('test')),
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
