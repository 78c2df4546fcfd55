import { createRegistry, type RegisterOptions } from '../registry/registry.js';
import type { ImportanceFunction } from './types.js';

/** The importance registry (name → {@link ImportanceFunction}); the built-ins are registered by `src/builtins.ts`. */
export const importanceRegistry = createRegistry<ImportanceFunction>('importance');

/**
 * Registers an importance function under its `name`; a duplicate name is an error unless `override` is set.
 * @example
 * registerImportance({ ...lossImportance, name: 'my-loss' });
 */
export function registerImportance(f: ImportanceFunction, options: RegisterOptions = {}): void {
  importanceRegistry.register(f.name, f, options);
}

/**
 * Names of the registered importance functions (METHODS §2), in registration order.
 * @returns built-ins ['loss', 'output-grad', 'output-grad-autodiff', 'dlis-last-layer', 'full-grad'].
 * @example
 * importanceNames().includes('output-grad'); // true
 */
export function importanceNames(): string[] {
  return importanceRegistry.names();
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
  return importanceRegistry.get(name);
}
