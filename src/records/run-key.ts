import type { BackendName } from '../backend/setup-backend.js';
import { getTask } from '../tasks/registry.js';
import { codeHash } from './code-hash.js';
import { configHash } from './config-hash.js';
import { kitVersion } from './kit-version.js';

/**
 * What {@link runKey} reads of a resolved config (`TrainConfig`, a layer above): every field is hashed but
 * `out`, `backend` and `checkpointEvery`; `task` also selects the task's fingerprint.
 */
export interface KeyedConfig {
  task: string;
  out?: unknown;
  backend?: unknown;
  checkpointEvery?: unknown;
}

/**
 * The key of a run's results: 12 hex digits of SHA-256 over the canonical JSON (key order does not matter) of
 * the resolved config without `out`, `backend` and `checkpointEvery` (where and how often a run is saved does
 * not change its results), the task's `fingerprint` (data and model settings outside the
 * config), the kit's version, the hash of the running code ({@link codeHash}) and the name of the backend the
 * run trains on, as resolved on this machine ('auto' becomes e.g. 'wasm'; cpu and wasm results differ by ~1e-7).
 * @param config a resolved config (`resolveConfig`), so defaults and explicit equal values share a key.
 * @param backend the resolved backend (`setupBackend(config.backend).name`).
 * @param code the code hash; default {@link codeHash}().
 * @example
 * runKey(resolveConfig({ task: 'poly6', method: 'is' }), 'wasm'); // e.g. '0c1d2e3f4a5b'
 */
export function runKey<C extends KeyedConfig>(
  config: C,
  backend: BackendName,
  code: string = codeHash(),
): string {
  const { out: _o, backend: _b, checkpointEvery: _c, ...keyed } = config;
  return configHash({
    config: keyed,
    task: getTask(config.task).fingerprint,
    kit: kitVersion(),
    code,
    backend,
  });
}
