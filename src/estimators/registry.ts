import type { Sampler } from '../samplers/types.js';
import type { GradientEstimator } from './types.js';
import { createWeightedLossEstimator } from './weighted-loss.js';

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

const factories = new Map<string, EstimatorFactory>();

/** Registers an estimator; a second registration of the same name is an error unless `override` is set. */
export function registerEstimator(name: string, factory: EstimatorFactory, { override = false } = {}): void {
  if (factories.has(name) && !override) {
    throw new Error(`estimator '${name}' is already defined; pass { override: true } to replace it`);
  }
  factories.set(name, factory);
}

/** Creates the estimator registered under `name`; unknown names are an error that lists the allowed ones. */
export function createEstimator(name: string, ctx: EstimatorContext): GradientEstimator {
  const f = factories.get(name);
  if (f === undefined)
    throw new Error(`unknown estimator '${name}'; allowed: ${estimatorNames().join(', ')}`);
  return f(ctx);
}

/** Registered estimator names. */
export function estimatorNames(): string[] {
  return [...factories.keys()];
}

registerEstimator('weighted-loss', () => createWeightedLossEstimator());
