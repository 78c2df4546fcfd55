import { makePoly6, poly6Loss, type Poly6Options } from '../data/poly6.js';
import { meanSquaredError } from '../losses/mse.js';
import { createLinearModel } from '../models/linear.js';
import type { Model } from '../models/types.js';
import type { TaskSpec } from './types.js';

/**
 * Data of the `poly6` task. N = 4096 gives 128 steps per epoch at B = 32, so that within-epoch gradient noise,
 * not the end-of-epoch cancellation of random reshuffling (SGD-Scan's O(η²) noise floor), decides the final
 * excess loss; 2% of the labels carry 30× noise (heavy-tailed residuals), the regime where per-sample gradient
 * norms differ and importance sampling pays. Orthonormal Legendre features make gradient descent well conditioned,
 * so the final excess loss is each stochastic method's noise floor. See `scripts/poly6-sensitivity.ts` and docs/guide.md
 * (Tasks) for the measured sensitivity of the ordering to the learning rate and to the noise model.
 */
export const poly6Data: Poly6Options = {
  basis: 'legendre',
  n: 4096, // training samples N
  nTest: 1024, // held-out samples (same noise model)
  noise: 0.1, // label noise σ
  outlierFraction: 0.02, // share of samples whose noise is scaled by outlierScale
  outlierScale: 30,
};

/**
 * Data of the `poly6-monomial` task: the same noise model on the plain monomials x, x², …, x⁶, whose Gram matrix
 * (condition number 1.0e4) keeps gradient descent far from converged after 10 epochs: the optimisation-limited
 * regime, where the final excess loss is mostly gradient descent's own and the methods differ by their noise.
 */
export const poly6MonomialData: Poly6Options = { ...poly6Data, basis: 'monomial' };

/** Reads the linear model's parameters as θ = [bias, w_1..w_6] in float64. */
function thetaOf(model: Model): Float64Array {
  const w = model.params.find((p) => p.shape.length === 2);
  const b = model.params.find((p) => p.shape.length === 1);
  if (w === undefined || b === undefined) throw new Error('poly6: expected a linear model with W and b');
  const theta = new Float64Array(1 + w.size);
  theta[0] = b.dataSync()[0];
  theta.set(w.dataSync(), 1);
  return theta;
}

/**
 * Builds a poly6 task on the given data options (used by the sensitivity study with other noise models).
 * @param data options of {@link makePoly6} (its `seed` is replaced by the run's `dataSeed`).
 * @param name the task's registry name. Default 'poly6'.
 * @param lr the default constant SGD step size. Default 0.02.
 * @example
 * registerTask(createPoly6Task({ ...poly6Data, outlierFraction: 0 }, 'poly6-gauss'));
 */
export function createPoly6Task(data: Poly6Options, name = 'poly6', lr = 0.02): TaskSpec {
  const basis = data.basis ?? 'legendre';
  return {
    name,
    description: `order-6 polynomial regression, ${basis} features (convex, known optimum; [MIS] Fig. 2)`,
    defaults: { epochs: 10, batchSize: 32, lr, optimizer: 'sgd', importance: 'dlis-last-layer' },
    fingerprint: { data, model: 'linear(6→1), zero init' },
    async create({ dataSeed }) {
      const d = makePoly6({ ...data, seed: dataSeed });
      return {
        name,
        train: d.train,
        test: d.test,
        loss: meanSquaredError,
        createModel: (rng) => createLinearModel({ inputSize: 6, outputSize: 1 }, rng),
        excessLoss: (model) => poly6Loss(thetaOf(model), d.train) - d.optimalLoss,
      };
    },
  };
}

/**
 * `poly6`: order-6 polynomial regression, convex ([MIS] Fig. 2). x ~ U[-1, 1], features = the orthonormal
 * Legendre polynomials of degree 1..6 (the bias carries degree 0), a linear model initialised at 0, MSE loss.
 * The least-squares optimum θ* of the stored (float32) training set is computed in float64, so runs report the
 * excess loss F(θ) − F(θ*). Importance: 'dlis-last-layer', which for a linear model is the exact per-sample
 * gradient norm |u|·sqrt(1 + ‖h‖²), i.e. the optimal IS score of METHODS §1.2.
 *
 * Defaults: 10 epochs, B = 32, plain SGD, η = 0.02 (constant).
 */
export const poly6Task: TaskSpec = createPoly6Task(poly6Data);

/**
 * `poly6-monomial`: `poly6` on the monomials x, …, x⁶ (ill conditioned: Hessian eigenvalues 2.4e-4 … 2.41), the
 * optimisation-limited regime in which "error vs iterations" mostly measures gradient descent's progress.
 * Defaults as `poly6` but η = 0.05.
 */
export const poly6MonomialTask: TaskSpec = createPoly6Task(poly6MonomialData, 'poly6-monomial', 0.05);
