import { dlisLastLayerImportance } from './dlis-last-layer.js';
import { fullGradImportance } from './full-grad.js';
import { lossImportance } from './loss.js';
import { outputGradAutodiffImportance } from './output-grad-autodiff.js';
import { outputGradImportance } from './output-grad.js';
import type { ImportanceFunction } from './types.js';

const importances: ReadonlyMap<string, ImportanceFunction> = new Map(
  [
    lossImportance,
    outputGradImportance,
    outputGradAutodiffImportance,
    dlisLastLayerImportance,
    fullGradImportance,
  ].map((f) => [f.name, f]),
);

/**
 * Names of the registered importance functions (METHODS §2), in registration order.
 * @returns ['loss', 'output-grad', 'output-grad-autodiff', 'dlis-last-layer', 'full-grad'].
 * @example
 * importanceNames().includes('output-grad'); // true
 */
export function importanceNames(): string[] {
  return [...importances.keys()];
}

/**
 * The importance function registered under `name`.
 * @param name one of {@link importanceNames}.
 * @returns the {@link ImportanceFunction}; throws an Error listing the allowed names when `name` is unknown.
 * @example
 * const phi = getImportance('output-grad');
 * const scores = phi.score(ctx); // (B)
 */
export function getImportance(name: string): ImportanceFunction {
  const f = importances.get(name);
  if (f === undefined)
    throw new Error(`unknown importance '${name}'; allowed: ${importanceNames().join(', ')}`);
  return f;
}
