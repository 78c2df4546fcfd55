import { createRng, permutation, type Rng } from '../random/rng.js';
import { validateDataset, type Dataset } from './dataset.js';

/** Polynomial order of the [MIS] Fig. 2 regression task. */
const degree = 6;
/** Parameters of the linear-in-parameters model: bias + one weight per feature. */
const numParams = degree + 1;

/**
 * Feature basis of {@link makePoly6}: 'monomial' φ_k(x) = x^k (the plain linear-in-parameters polynomial; its Gram
 * matrix under U[−1, 1] has condition number ≈ 1.0e4, so gradient descent is optimisation-limited) or 'legendre'
 * φ_k(x) = sqrt(2k + 1) P_k(x) (orthonormal, Gram = I, well conditioned).
 */
export type Poly6Basis = 'monomial' | 'legendre';

/** The accepted values of {@link Poly6Basis}. */
export const poly6Bases: readonly Poly6Basis[] = ['monomial', 'legendre'];

/** Options of {@link makePoly6}. */
export interface Poly6Options {
  /** Feature basis; default 'legendre'. */
  basis?: Poly6Basis;
  /** Training-set size N (≥ 7 so that the least-squares optimum is unique); default 1024. */
  n?: number;
  /** Test-set size; default 1024. */
  nTest?: number;
  /** Standard deviation of the additive Gaussian target noise; default 0.1. */
  noise?: number;
  /** Fraction of samples (per split, rounded to a count) whose noise is multiplied by `outlierScale`; default 0. */
  outlierFraction?: number;
  /** Noise multiplier of the outliers; default 10. */
  outlierScale?: number;
  /** Seed of every draw (coefficients, inputs, noise, outlier choice); default 0. */
  seed?: number;
}

/** Defaults of {@link makePoly6} (placeholders: [MIS] does not state data, noise or size; METHODS §7.1). */
export const poly6Defaults = {
  basis: 'legendre',
  n: 1024,
  nTest: 1024,
  noise: 0.1,
  outlierFraction: 0,
  outlierScale: 10,
  seed: 0,
} as const;

/** The poly6 task: datasets, raw inputs, the generating coefficients and the train-set least-squares optimum. */
export interface Poly6Data {
  /** Training set: x = the 6 features φ_1..φ_6 of the chosen basis (xShape [6]), y = targets (yShape [1]). */
  train: Dataset;
  /** Test set, same distribution as `train`. */
  test: Dataset;
  /** Raw inputs x ∈ [-1, 1] of the training samples, float64 (n). */
  xRawTrain: Float64Array;
  /** Raw inputs of the test samples (nTest). */
  xRawTest: Float64Array;
  /** Ground-truth coefficients [bias, w_1..w_6] (7), each N(0, 1). */
  thetaTrue: Float64Array;
  /** Least-squares optimum θ* of the stored (float32) training set, [bias, w_1..w_6] (7), float64. */
  thetaStar: Float64Array;
  /** F(θ*) = mean squared residual of θ* on the training set ({@link poly6Loss}). */
  optimalLoss: number;
  /** 1 where a training sample's noise was scaled by `outlierScale` (n). */
  outliersTrain: Uint8Array;
}

/**
 * Orthonormal Legendre features of one input: φ_k(x) = sqrt(2k + 1) · P_k(x), k = 1..degree. Under
 * x ~ U[-1, 1] they satisfy E[φ_j φ_k] = δ_jk and E[φ_k] = 0 (P_0 = 1 is left to the model's bias), so the
 * Gram matrix of [1, φ_1..φ_6] is the identity and gradient descent on the squared loss is well conditioned.
 *
 * @param x input, any finite number (the orthonormality holds on [-1, 1]).
 * @param degree highest order, integer ≥ 1; default 6.
 * @returns Float64Array (degree): [φ_1(x), ..., φ_degree(x)].
 * @example
 * legendreFeatures(1); // [√3, √5, √7, 3, √11, √13] since P_k(1) = 1
 */
export function legendreFeatures(x: number, degree = 6): Float64Array {
  if (!Number.isFinite(x)) throw new Error(`legendreFeatures: x must be a finite number, got ${x}`);
  if (!Number.isInteger(degree) || degree < 1) {
    throw new Error(`legendreFeatures: degree must be an integer ≥ 1, got ${degree}`);
  }
  const phi = new Float64Array(degree); // (degree)
  let pPrev = 1; // P_0
  let p = x; // P_1
  for (let k = 1; k <= degree; k++) {
    phi[k - 1] = Math.sqrt(2 * k + 1) * p; // ∫_{-1}^{1} P_k² dx / 2 = 1 / (2k + 1)
    const pNext = ((2 * k + 1) * x * p - k * pPrev) / (k + 1); // Bonnet: (k+1) P_{k+1} = (2k+1) x P_k − k P_{k−1}
    pPrev = p;
    p = pNext;
  }
  return phi;
}

/**
 * Monomial features of one input: φ_k(x) = x^k, k = 1..degree (x^0 is left to the model's bias). Under
 * x ~ U[−1, 1] their Gram matrix E[φ̃ φ̃ᵀ] (φ̃ = [1, φ]) has entries 1/(i + j + 1) for even i + j and 0 otherwise;
 * for degree 6 its eigenvalues span 1.18e-4 … 1.21 (condition number 1.02e4).
 *
 * @param x input, any finite number.
 * @param degree highest order, integer ≥ 1; default 6.
 * @returns Float64Array (degree): [x, x², ..., x^degree].
 * @example
 * monomialFeatures(0.5, 3); // [0.5, 0.25, 0.125]
 */
export function monomialFeatures(x: number, degree = 6): Float64Array {
  if (!Number.isFinite(x)) throw new Error(`monomialFeatures: x must be a finite number, got ${x}`);
  if (!Number.isInteger(degree) || degree < 1) {
    throw new Error(`monomialFeatures: degree must be an integer ≥ 1, got ${degree}`);
  }
  const phi = new Float64Array(degree); // (degree)
  let p = 1;
  for (let k = 1; k <= degree; k++) {
    p *= x;
    phi[k - 1] = p; // φ_k(x) = x^k
  }
  return phi;
}

/**
 * Mean squared loss of the linear model m(x) = θ_0 + Σ_k θ_k φ_k(x) on a poly6 dataset, in float64:
 * F(θ) = (1/n) Σ_i (m(x_i) − y_i)² (the MSE with C = 1). Use `F(θ) − optimalLoss` as the excess loss.
 *
 * @param theta coefficients [bias, w_1..w_6] (7).
 * @param ds a dataset from {@link makePoly6} (xShape [6], yShape [1]).
 * @returns F(θ) ≥ 0.
 * @example
 * const { train, thetaStar, optimalLoss } = makePoly6();
 * poly6Loss(thetaStar, train) === optimalLoss; // true
 */
export function poly6Loss(theta: ArrayLike<number>, ds: Dataset): number {
  if (theta.length !== numParams) {
    throw new Error(`poly6Loss: theta must have ${numParams} values [bias, w_1..w_6], got ${theta.length}`);
  }
  if (ds.xShape.length !== 1 || ds.xShape[0] !== degree || ds.yShape.length !== 1 || ds.yShape[0] !== 1) {
    throw new Error(
      `poly6Loss: ds must have xShape [${degree}] and yShape [1], got xShape [${ds.xShape.join(', ')}] ` +
        `and yShape [${ds.yShape.join(', ')}] (dataset ${ds.name})`,
    );
  }
  let sum = 0;
  for (let i = 0; i < ds.n; i++) {
    let m = theta[0];
    for (let k = 0; k < degree; k++) m += theta[k + 1] * ds.x[i * degree + k];
    const r = m - ds.y[i];
    sum += r * r; // ℓ = (m − y)²
  }
  return sum / ds.n;
}

/**
 * Order-6 polynomial regression, the convex task of [MIS] Fig. 2 (METHODS §7.1): x ~ U[-1, 1],
 * f(x) = θ_0 + Σ_{k=1..6} θ_k φ_k(x) with φ_k the features of `basis` ({@link legendreFeatures} or
 * {@link monomialFeatures}) and θ_true ~ N(0, I_7) in that basis; y = f(x) + noise · s · ε with ε ~ N(0, 1), s = outlierScale for a random
 * round(outlierFraction · n) of the samples of each split and s = 1 otherwise. Train and test are drawn
 * independently from the same distribution.
 *
 * Also returns the least-squares optimum θ* of the training set as stored (float32 features and targets,
 * promoted to float64): the solution of the normal equations A θ = b, A = (1/n) Σ φ̃ φ̃ᵀ, b = (1/n) Σ φ̃ y,
 * φ̃ = [1, φ_1..φ_6], by a Cholesky solve, and optimalLoss = F(θ*).
 *
 * Random streams are derived by label from `seed` ('theta', 'train-x', 'train-noise', 'train-outliers' and the
 * same for 'test'), so changing n leaves θ_true and the test set unchanged.
 *
 * @param options.basis 'legendre' (default) or 'monomial'.
 * @param options.n training-set size, integer ≥ 7; default 1024.
 * @param options.nTest test-set size, integer ≥ 1; default 1024.
 * @param options.noise noise standard deviation ≥ 0; default 0.1.
 * @param options.outlierFraction fraction in [0, 1] of outliers per split; default 0.
 * @param options.outlierScale noise multiplier ≥ 0 of outliers; default 10.
 * @param options.seed integer seed; default 0.
 * @example
 * const { train, thetaStar, optimalLoss } = makePoly6({ n: 256, seed: 1 });
 * train.xShape; // [6]
 */
export function makePoly6(options: Poly6Options = {}): Poly6Data {
  const o: Required<Poly6Options> = {
    basis: options.basis ?? poly6Defaults.basis,
    n: options.n ?? poly6Defaults.n,
    nTest: options.nTest ?? poly6Defaults.nTest,
    noise: options.noise ?? poly6Defaults.noise,
    outlierFraction: options.outlierFraction ?? poly6Defaults.outlierFraction,
    outlierScale: options.outlierScale ?? poly6Defaults.outlierScale,
    seed: options.seed ?? poly6Defaults.seed,
  };
  if (!poly6Bases.includes(o.basis)) {
    throw new Error(`makePoly6: basis must be one of ${poly6Bases.join(', ')}; got '${String(o.basis)}'`);
  }
  checkInteger('n', o.n, numParams);
  checkInteger('nTest', o.nTest, 1);
  checkInteger('seed', o.seed, -Infinity);
  if (!(Number.isFinite(o.noise) && o.noise >= 0)) {
    throw new Error(`makePoly6: noise must be a finite number ≥ 0, got ${o.noise}`);
  }
  if (!(o.outlierFraction >= 0 && o.outlierFraction <= 1)) {
    throw new Error(`makePoly6: outlierFraction must be in [0, 1], got ${o.outlierFraction}`);
  }
  if (!(Number.isFinite(o.outlierScale) && o.outlierScale >= 0)) {
    throw new Error(`makePoly6: outlierScale must be a finite number ≥ 0, got ${o.outlierScale}`);
  }
  const rng = createRng(o.seed);
  const thetaRng = rng.derive('theta');
  const thetaTrue = Float64Array.from({ length: numParams }, () => thetaRng.normal()); // (7)
  const train = sample('train', o.n, thetaTrue, o, rng);
  const test = sample('test', o.nTest, thetaTrue, o, rng);
  const thetaStar = leastSquares(train.ds); // (7)
  return {
    train: train.ds,
    test: test.ds,
    xRawTrain: train.xRaw,
    xRawTest: test.xRaw,
    thetaTrue,
    thetaStar,
    optimalLoss: poly6Loss(thetaStar, train.ds),
    outliersTrain: train.outliers,
  };
}

/** Throws unless `value` is an integer ≥ min. */
function checkInteger(param: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    const range = min === -Infinity ? 'an integer' : `an integer ≥ ${min}`;
    throw new Error(`makePoly6: ${param} must be ${range}, got ${value}`);
  }
}

/** Draws one split of n samples. */
function sample(
  split: string,
  n: number,
  thetaTrue: Float64Array,
  o: Required<Poly6Options>,
  rng: Rng,
): { ds: Dataset; xRaw: Float64Array; outliers: Uint8Array } {
  const xRng = rng.derive(`${split}-x`);
  const noiseRng = rng.derive(`${split}-noise`);
  const outliers = new Uint8Array(n); // (n)
  const nOut = Math.round(o.outlierFraction * n);
  const chosen = permutation(n, rng.derive(`${split}-outliers`));
  for (let i = 0; i < nOut; i++) outliers[chosen[i]] = 1;
  const xRaw = new Float64Array(n); // (n)
  const x = new Float32Array(n * degree); // (n, 6)
  const y = new Float32Array(n); // (n, 1)
  for (let i = 0; i < n; i++) {
    xRaw[i] = 2 * xRng.next() - 1; // x ~ U[-1, 1)
    const phi = o.basis === 'monomial' ? monomialFeatures(xRaw[i], degree) : legendreFeatures(xRaw[i], degree); // (6)
    let f = thetaTrue[0];
    for (let k = 0; k < degree; k++) {
      f += thetaTrue[k + 1] * phi[k]; // f(x) = θ_0 + Σ θ_k φ_k(x)
      x[i * degree + k] = phi[k];
    }
    const s = outliers[i] === 1 ? o.outlierScale : 1;
    y[i] = f + o.noise * s * noiseRng.normal(); // y = f(x) + noise · s · ε
  }
  const ds = validateDataset({ name: `poly6-${split}`, n, xShape: [degree], x, yShape: [1], y });
  return { ds, xRaw, outliers };
}

/** Least-squares θ* of a poly6 dataset: normal equations A θ = b solved by Cholesky, A = LLᵀ. */
function leastSquares(ds: Dataset): Float64Array {
  const p = numParams;
  const A = new Float64Array(p * p); // (7, 7)
  const b = new Float64Array(p); // (7)
  const phi = new Float64Array(p); // (7): [1, φ_1..φ_6]
  for (let i = 0; i < ds.n; i++) {
    phi[0] = 1;
    for (let k = 0; k < degree; k++) phi[k + 1] = ds.x[i * degree + k];
    for (let r = 0; r < p; r++) {
      b[r] += (phi[r] * ds.y[i]) / ds.n; // b = (1/n) Σ φ̃ y
      for (let c = 0; c <= r; c++) A[r * p + c] += (phi[r] * phi[c]) / ds.n; // A = (1/n) Σ φ̃ φ̃ᵀ (lower)
    }
  }
  const L = new Float64Array(p * p); // (7, 7), lower triangular
  for (let r = 0; r < p; r++) {
    for (let c = 0; c <= r; c++) {
      let s = A[r * p + c];
      for (let k = 0; k < c; k++) s -= L[r * p + k] * L[c * p + k];
      if (r === c) {
        if (!(s > 0)) {
          throw new Error(`makePoly6: the normal equations of ${ds.name} are singular (n = ${ds.n}); use more samples`);
        }
        L[r * p + r] = Math.sqrt(s);
      } else {
        L[r * p + c] = s / L[c * p + c];
      }
    }
  }
  const z = new Float64Array(p); // L z = b
  for (let r = 0; r < p; r++) {
    let s = b[r];
    for (let k = 0; k < r; k++) s -= L[r * p + k] * z[k];
    z[r] = s / L[r * p + r];
  }
  const theta = new Float64Array(p); // Lᵀ θ = z
  for (let r = p - 1; r >= 0; r--) {
    let s = z[r];
    for (let k = r + 1; k < p; k++) s -= L[k * p + r] * theta[k];
    theta[r] = s / L[r * p + r];
  }
  return theta;
}
