import { adoptBuiltinWrapper } from '../builtins.js';
import { getTask, registerTask, taskNames } from '../tasks/registry.js';
import type { TaskInstance, TaskScale } from '../tasks/types.js';

/** Defaults of {@link cacheTaskInstances}: keep the 4 most recently used task instances. */
export const cacheTaskInstancesDefaults = { maxEntries: 4 };

/**
 * Makes every registered task reuse its instances: `create({ dataSeed, scale })` returns the instance made
 * earlier with the same arguments (its datasets are read-only to training), so a process that trains many runs
 * (a sweep worker) loads and generates each dataset once instead of once per run (Fashion-MNIST at quick scale:
 * ≈ 1 s per run). The least recently used instance is dropped beyond `maxEntries`. Tasks registered later are not
 * affected. Not for processes that modify a task's data.
 * @param maxEntries instances kept, over all tasks (default 4).
 * @example
 * cacheTaskInstances(); // in the sweep worker, after the built-ins and preloads are registered
 */
export function cacheTaskInstances(maxEntries = cacheTaskInstancesDefaults.maxEntries): void {
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new RangeError(`cacheTaskInstances: maxEntries must be an integer ≥ 1, got ${maxEntries}`);
  }
  const cache = new Map<string, Promise<TaskInstance>>(); // insertion order = least recently used first
  for (const name of taskNames()) {
    const spec = getTask(name);
    const create = spec.create.bind(spec);
    registerTask(
      {
        ...spec,
        create(options: { dataSeed: number; scale: TaskScale }) {
          const key = JSON.stringify([name, options.dataSeed, options.scale]);
          let instance = cache.get(key);
          if (instance === undefined) {
            instance = create(options);
            instance.catch(() => cache.delete(key)); // a failed creation is retried next time
          } else cache.delete(key);
          cache.set(key, instance);
          while (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
          return instance;
        },
      },
      { override: true },
    );
    adoptBuiltinWrapper('task', name, spec); // the cached task is the built-in: same run keys as in-process
  }
}
