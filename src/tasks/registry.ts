import { createRegistry, type RegisterOptions } from '../registry/registry.js';
import type { TaskSpec } from './types.js';

/** The task registry (name → {@link TaskSpec}); the built-ins are registered by `src/builtins.ts`. */
export const taskRegistry = createRegistry<TaskSpec>('task');

/**
 * Registers a task; a second registration of the same name is an error unless `override` is set.
 * @example
 * registerTask(createPoly6Task({ ...poly6Data, outlierFraction: 0 }, 'poly6-gauss'));
 */
export function registerTask(spec: TaskSpec, options: RegisterOptions = {}): void {
  taskRegistry.register(spec.name, spec, options);
}

/**
 * The task registered under `name`; unknown names are an error that lists the allowed ones.
 * @example
 * getTask('poly6').defaults.batchSize; // 32
 */
export function getTask(name: string): TaskSpec {
  return taskRegistry.get(name);
}

/**
 * Registered task names, in registration order.
 * @example
 * taskNames()[0]; // 'poly6'
 */
export function taskNames(): string[] {
  return taskRegistry.names();
}
