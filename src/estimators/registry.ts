import type { Sampler } from '../samplers/types.js';
import { createRegistry, type RegisterOptions } from '../registry/registry.js';
import type { GradientEstimator } from './types.js';

/** Options every estimator factory receives: the method's hyper-parameters (e.g. OMIS β) and the training size. */
export interface EstimatorContext {
  /** Training-set size N. */
  n: number;
  /** Method options (from the resolved config). */
  options: Record<string, unknown>;
  /** The run's sampler, for estimators that feed it (e.g. MIS technique scores computed from the forward pass). */
  sampler: Sampler;
}

/** Builds a fresh estimator (with fresh state) for one run. */
export type EstimatorFactory = (ctx: EstimatorContext) => GradientEstimator;

/** The estimator registry (name → {@link EstimatorFactory}); the built-ins are registered by `src/builtins.ts`. */
export const estimatorRegistry = createRegistry<EstimatorFactory>('estimator');

/**
 * Registers an estimator; a second registration of the same name is an error unless `override` is set.
 * @example
 * registerEstimator('my-weighted', () => createWeightedLossEstimator());
 */
export function registerEstimator(
  name: string,
  factory: EstimatorFactory,
  options: RegisterOptions = {},
): void {
  estimatorRegistry.register(name, factory, options);
}

/**
 * Creates the estimator registered under `name`; unknown names are an error that lists the allowed ones.
 * @example
 * const est = createEstimator('weighted-loss', { n: 100, options: {}, sampler });
 */
export function createEstimator(name: string, ctx: EstimatorContext): GradientEstimator {
  return estimatorRegistry.get(name)(ctx);
}

/**
 * Registered estimator names, in registration order.
 * @example
 * estimatorNames(); // ['weighted-loss', 'mis-balance', 'omis']
 */
export function estimatorNames(): string[] {
  return estimatorRegistry.names();
}
