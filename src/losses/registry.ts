import { meanSquaredError } from './mse.js';
import { softmaxCrossEntropy } from './softmax-ce.js';
import type { Loss } from './types.js';

const losses: ReadonlyMap<string, Loss> = new Map([
  [softmaxCrossEntropy.name, softmaxCrossEntropy],
  [meanSquaredError.name, meanSquaredError],
]);

/**
 * Names of the registered losses, in registration order.
 * @returns ['softmax-ce', 'mse'].
 * @example
 * lossNames(); // ['softmax-ce', 'mse']
 */
export function lossNames(): string[] {
  return [...losses.keys()];
}

/**
 * The loss registered under `name`.
 * @param name 'softmax-ce' or 'mse'.
 * @returns the {@link Loss}; throws an Error listing the allowed names when `name` is unknown.
 * @example
 * const loss = getLoss('softmax-ce');
 */
export function getLoss(name: string): Loss {
  const loss = losses.get(name);
  if (loss === undefined) throw new Error(`unknown loss '${name}'; allowed: ${lossNames().join(', ')}`);
  return loss;
}
