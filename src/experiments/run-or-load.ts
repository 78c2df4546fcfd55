import { userRegistrations } from '../builtins.js'; // importing it registers the built-ins
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromCSV, type ColumnTable } from 'arquero';
import { setupBackend } from '../backend/setup-backend.js';
import { cleanRunLeftovers } from '../records/run-directory.js';
import { runTables } from '../records/run-tables.js';
import type { TrainConfig } from '../train/config.js';
import { train, type TrainHooks } from '../train/train.js';
import { resolveConfig } from '../train/resolve-config.js';
import { codeHash } from '../records/code-hash.js';
import { configHash } from '../records/config-hash.js';
import { runKey } from '../records/run-key.js';

export { runKey } from '../records/run-key.js';

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

/** Hooks of {@link runOrLoad}: the training hooks, plus one call per run with its records. */
export interface RunHooks extends TrainHooks {
  /** Called once the run's records are there, trained or loaded (`r.cached`). */
  onRecords?(r: RunRecords): void;
}

/**
 * Trains a run unless `root/<task>/<method>-s<seed>-<key>/summary.json` already exists, in which case its
 * records are loaded; the key is {@link runKey} (config, task fingerprint, kit version, code hash, resolved
 * backend, so the backend is set up first); a run that uses registrations of user code ({@link userRegistrations}:
 * a method, sampler, estimator, importance function or task registered in a notebook cell or script) also keys on
 * their source text, so editing such a function trains again. Leftovers of killed runs in `root/<task>/` are cleaned first (an
 * interrupted replacement is rolled back), and a run's folder is written as one unit (`writeRunRecords`).
 * @example
 * const r = await runOrLoad({ task: 'poly6', method: 'is', seed: 1 }, 'results');
 */
export async function runOrLoad(
  options: Partial<TrainConfig> & Pick<TrainConfig, 'task' | 'method'>,
  root: string,
  hooks: RunHooks = {},
): Promise<RunRecords> {
  const resolved = resolveConfig({ ...options, out: null });
  const backend = await setupBackend(resolved.backend);
  const user = userRegistrations(resolved);
  const code = user.length === 0 ? codeHash() : `${codeHash()}+${configHash(user)}`; // user code: not in codeHash
  const key = runKey(resolved, backend.name, code);
  const dir = join(root, resolved.task, `${resolved.method}-s${resolved.seed}-${key}`);
  cleanRunLeftovers(join(root, resolved.task));
  const summaryPath = join(dir, 'summary.json');
  if (existsSync(summaryPath)) {
    const summary = JSON.parse(readFileSync(summaryPath, 'utf8')) as {
      backend: { name: string };
      wallSeconds: number;
    };
    const loaded: RunRecords = {
      config: { ...resolved, out: dir },
      key,
      dir,
      evals: fromCSV(readFileSync(join(dir, 'evals.csv'), 'utf8')),
      steps: fromCSV(readFileSync(join(dir, 'steps.csv'), 'utf8')),
      cached: true,
      backend: summary.backend.name,
      wallSeconds: summary.wallSeconds,
    };
    hooks.onRecords?.(loaded);
    return loaded;
  }
  const r = await train({ ...options, out: dir }, hooks);
  const { evals, steps } = runTables(r);
  const trained: RunRecords = {
    config: r.config,
    key,
    dir,
    evals,
    steps,
    cached: false,
    backend: r.backend.name,
    wallSeconds: r.wallSeconds,
  };
  hooks.onRecords?.(trained);
  return trained;
}
