import { userRegistrations } from '../builtins.js'; // importing it registers the built-ins
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ColumnTable } from 'arquero';
import { setupBackend } from '../backend/setup-backend.js';
import { DamagedRunError, readRunRecords, type StoredRun } from '../records/read-run-records.js';
import { pathUnder } from '../records/path-under.js';
import { cleanRunLeftovers, runCommitFile } from '../records/run-directory.js';
import { runTables } from '../records/run-tables.js';
import type { TrainConfig } from '../train/config.js';
import { train, type TrainHooks } from '../train/train.js';
import { checkConfigKeys, resolveConfig } from '../train/resolve-config.js';
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
 * Trains a run unless `root/<task>/<method>-s<seed>-<key>/` already holds it intact (its `summary.json`
 * exists and its integrity record checks out), in which case its records are loaded; the key is {@link runKey}
 * (config, task fingerprint, kit version, code hash, resolved backend, so the backend is set up first); a run
 * that uses registrations of user code ({@link userRegistrations}: a method, sampler, estimator, importance
 * function or task registered in a notebook cell or script) also keys on their source text, so editing such a
 * function trains again. Leftovers of killed runs in `root/<task>/` are cleaned first (an interrupted replacement
 * is rolled back), and a run's folder is written as one unit (`writeRunRecords`).
 *
 * A stored run is verified whole before use (`readRunRecords`: summary.json, and the size, SHA-256 and row
 * count of every table file against its integrity record; the tables are read from the CSV files). A damaged
 * folder, or one written by an older kit without that record, is reported in one line through `hooks.log`
 * (default: stderr) naming its path and what is wrong, then trained again and replaced; it is never half-read.
 * @example
 * const r = await runOrLoad({ task: 'poly6', method: 'is', seed: 1 }, 'results');
 */
export async function runOrLoad(
  options: Partial<TrainConfig> & Pick<TrainConfig, 'task' | 'method'>,
  root: string,
  hooks: RunHooks = {},
): Promise<RunRecords> {
  checkConfigKeys(options, 'runOrLoad'); // before anything is keyed or stored: a typo never lands in summary.json
  const resolved = resolveConfig({ ...options, out: null });
  const backend = await setupBackend(resolved.backend);
  const user = userRegistrations(resolved);
  const code = user.length === 0 ? codeHash() : `${codeHash()}+${configHash(user)}`; // user code: not in codeHash
  const key = runKey(resolved, backend.name, code);
  const dir = pathUnder(root, resolved.task, `${resolved.method}-s${resolved.seed}-${key}`);
  cleanRunLeftovers(pathUnder(root, resolved.task));
  if (existsSync(join(dir, runCommitFile))) {
    let stored: StoredRun | null = null;
    try {
      stored = readRunRecords(dir, key);
    } catch (e) {
      if (!(e instanceof DamagedRunError)) throw e;
      // Never half-read: the whole run is trained again and its folder replaced as one unit.
      (hooks.log ?? ((m: string) => process.stderr.write(`${m}\n`)))(`${e.message}; retraining it now`);
    }
    if (stored !== null) {
      const loaded: RunRecords = {
        config: { ...resolved, out: dir },
        key,
        dir,
        evals: stored.evals,
        steps: stored.steps,
        cached: true,
        backend: stored.summary.backend.name,
        wallSeconds: stored.summary.wallSeconds,
      };
      hooks.onRecords?.(loaded);
      return loaded;
    }
  }
  const r = await train({ ...options, out: dir }, { ...hooks, code });
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
