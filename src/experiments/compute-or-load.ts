import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../records/write-run-records.js';
import { codeHash } from '../records/code-hash.js';
import { configHash } from '../records/config-hash.js';
import { kitVersion } from '../records/kit-version.js';

/** What {@link computeOrLoad} returns. */
export interface Computed<T> {
  value: T;
  /** True when read from disk. */
  cached: boolean;
  /** The JSON file holding the value. */
  path: string;
}

/**
 * The `runOrLoad` of a measurement that is not a training run (a diagnostic over checkpoints, a trace check):
 * returns the JSON stored at `root/<folder>/<key>.json`, else computes it and stores it atomically. The key
 * hashes `settings`, the kit version and the code hash, so changed code or settings recompute.
 *
 * @param root results folder (the main job's `--results`).
 * @param folder sub-folder naming the measurement, e.g. 'importance-distance'.
 * @param settings everything the value depends on (JSON-serialisable).
 * @param compute produces the value (JSON-serialisable: no NaN survives JSON, it reads back as null).
 * @example
 * const r = await computeOrLoad('results', 'trace-check', { seed: 1 }, async () => ({ x: 1 }));
 */
export async function computeOrLoad<T>(
  root: string,
  folder: string,
  settings: unknown,
  compute: () => Promise<T>,
): Promise<Computed<T>> {
  const key = configHash({ settings, kit: kitVersion(), code: codeHash() });
  const dir = join(root, folder);
  const path = join(dir, `${key}.json`);
  if (existsSync(path)) {
    const stored = JSON.parse(readFileSync(path, 'utf8')) as { value: T };
    return { value: stored.value, cached: true, path };
  }
  const value = await compute();
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(path, JSON.stringify({ settings, value }, null, 1) + '\n');
  return { value, cached: false, path };
}
