import { createRegistry, type RegisterOptions } from '../registry/registry.js';
import type { Loss } from './types.js';

/** The loss registry (name → {@link Loss}); the built-ins are registered by `src/builtins.ts`. */
export const lossRegistry = createRegistry<Loss>('loss');

/**
 * Registers a loss under its `name`; a duplicate name is an error unless `override` is set.
 * @example
 * registerLoss({ ...meanSquaredError, name: 'my-mse' });
 */
export function registerLoss(loss: Loss, options: RegisterOptions = {}): void {
  lossRegistry.register(loss.name, loss, options);
}

/**
 * Names of the registered losses, in registration order.
 * @returns built-ins ['softmax-ce', 'mse'].
 * @example
 * lossNames(); // ['softmax-ce', 'mse']
 */
export function lossNames(): string[] {
  return lossRegistry.names();
}

/**
 * The loss registered under `name`.
 * @param name e.g. 'softmax-ce' or 'mse'.
 * @returns the {@link Loss}; throws an Error listing the allowed names when `name` is unknown.
 * @example
 * const loss = getLoss('softmax-ce');
 */
export function getLoss(name: string): Loss {
  return lossRegistry.get(name);
}
