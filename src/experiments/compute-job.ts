import { computeOrLoad, type Computed } from './compute-or-load.js';

/**
 * A measurement that is not a training run, as data (so a sweep worker process can run it): the stored value is
 * `computeOrLoad(root, folder, settings, () => fn(...args))`, with `fn` the export named `fn` of the module at
 * `module` (a `file:` URL, usually the defining module's `import.meta.url`). Build one with the module's own
 * job function, so the job and the module's `computeOrLoad` call cannot disagree.
 */
export interface ComputeJob {
  /** Sub-folder of the results folder, e.g. 'importance-distance'. */
  folder: string;
  /** Everything the value depends on (JSON); with the kit version and code hash, the stored value's key. */
  settings: unknown;
  /** `file:` URL of the module that exports `fn`. */
  module: string;
  /** Name of the exported async function that computes the value. */
  fn: string;
  /** Its arguments (JSON-serialisable). */
  args: unknown[];
  /** Short description for progress and failure messages, e.g. 'importance distances seed 1'. */
  label: string;
}

/**
 * Loads a job's stored value, or computes it (importing `job.module` and calling `job.fn(...job.args)`) and
 * stores it: {@link computeOrLoad} for a {@link ComputeJob}. The main job's parts and the sweep workers call
 * this same function, so a value computed on a worker is the one the part loads.
 * @example
 * const r = await runComputeJob('results', importanceDistanceJob({ scale: 'quick' }, 1));
 */
export async function runComputeJob<T>(root: string, job: ComputeJob): Promise<Computed<T>> {
  return computeOrLoad<T>(root, job.folder, job.settings, async () => {
    const m = (await import(job.module)) as Record<string, unknown>;
    const f = m[job.fn];
    if (typeof f !== 'function') {
      throw new Error(`compute job '${job.label}': ${job.module} has no exported function '${job.fn}'`);
    }
    return (await (f as (...a: unknown[]) => Promise<T>)(...job.args)) as T;
  });
}
