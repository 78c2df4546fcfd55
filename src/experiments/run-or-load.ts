import '../builtins.js'; // registers the built-in tasks and methods before runs are resolved
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromCSV, type ColumnTable } from 'arquero';
import { runTables } from '../records/run-tables.js';
import type { TrainConfig } from '../train/config.js';
import { train, type TrainHooks } from '../train/train.js';
import { resolveConfig } from '../train/resolve-config.js';
import { getTask } from '../tasks/registry.js';
import { configHash } from './config-hash.js';
import { kitVersion } from './kit-version.js';

/** The records of one run, fresh or loaded from a previous (possibly interrupted) sweep. */
export interface RunRecords {
  config: TrainConfig;
  key: string;
  dir: string;
  evals: ColumnTable;
  steps: ColumnTable;
  /** True when the records were read from disk instead of trained now. */
  cached: boolean;
  /** Backend the run trained on. */
  backend: string;
  wallSeconds: number;
}

/**
 * Trains a run unless `root/<task>/<method>-s<seed>-<hash>/summary.json` already exists for the same resolved
 * config, in which case its records are loaded. The hash covers every config field except `out` and `backend`,
 * the task's `fingerprint` (data and model settings outside the config) and the kit's version.
 * @example
 * const r = await runOrLoad({ task: 'poly6', method: 'is', seed: 1 }, 'results');
 */
export async function runOrLoad(
  options: Partial<TrainConfig> & Pick<TrainConfig, 'task' | 'method'>,
  root: string,
  hooks: TrainHooks = {},
): Promise<RunRecords> {
  const resolved = resolveConfig({ ...options, out: null });
  const { out: _o, backend: _b, ...keyed } = resolved;
  const key = configHash({ config: keyed, task: getTask(resolved.task).fingerprint, kit: kitVersion() });
  const dir = join(root, resolved.task, `${resolved.method}-s${resolved.seed}-${key}`);
  const summaryPath = join(dir, 'summary.json');
  if (existsSync(summaryPath)) {
    const summary = JSON.parse(readFileSync(summaryPath, 'utf8')) as {
      backend: { name: string };
      wallSeconds: number;
    };
    return {
      config: { ...resolved, out: dir },
      key,
      dir,
      evals: fromCSV(readFileSync(join(dir, 'evals.csv'), 'utf8')),
      steps: fromCSV(readFileSync(join(dir, 'steps.csv'), 'utf8')),
      cached: true,
      backend: summary.backend.name,
      wallSeconds: summary.wallSeconds,
    };
  }
  const r = await train({ ...options, out: dir }, hooks);
  const { evals, steps } = runTables(r);
  return {
    config: r.config,
    key,
    dir,
    evals,
    steps,
    cached: false,
    backend: r.backend.name,
    wallSeconds: r.wallSeconds,
  };
}
