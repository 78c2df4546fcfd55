import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathUnder } from '../records/path-under.js';
import { writeFileAtomic } from '../records/write-run-records.js';
import { codeHash } from '../records/code-hash.js';
import { canonicalJson, configHash } from '../records/config-hash.js';
import { kitVersion } from '../records/kit-version.js';

/** What {@link computeOrLoad} returns. */
export interface Computed<T> {
  value: T;
  /** True when read from disk. */
  cached: boolean;
  /** The JSON file holding the value. */
  path: string;
}

/** SHA-256 of a stored payload's canonical JSON (key order and spacing do not matter). */
function payloadHash(payload: object): string {
  return createHash('sha256').update(canonicalJson(payload)).digest('hex');
}

/** A stored value, or what is wrong with its file (naming it, with what to do). */
function readStored<T>(path: string): { value: T } | { problem: string } {
  const problem = (what: string) => ({
    problem: `damaged result ${path}: ${what}; delete it; it will be computed again`,
  });
  let stored: unknown;
  try {
    stored = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    return problem(`is not valid JSON, truncated or edited (${(e as Error).message})`);
  }
  if (stored === null || typeof stored !== 'object' || !('value' in stored)) {
    return problem('holds no stored value');
  }
  const { sha256, ...payload } = stored as { sha256?: unknown; value: T };
  if (typeof sha256 !== 'string') return problem('has no checksum (written by an older kit)');
  if (payloadHash(payload) !== sha256) return problem('was edited or damaged: its checksum does not match');
  return { value: payload.value };
}

/**
 * The `runOrLoad` of a measurement that is not a training run (a diagnostic over checkpoints, a trace check):
 * returns the JSON stored at `root/<folder>/<key>.json`, else computes it and stores it atomically. The key
 * hashes `settings`, the kit version and the code hash, so changed code or settings recompute. The file holds
 * `{ settings, value, sha256 }`, the last a SHA-256 of the rest: a truncated, edited or checksum-less file is
 * reported on stderr in one line naming it and computed again, never half-read.
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
  const dir = pathUnder(root, folder);
  const path = join(dir, `${key}.json`);
  if (existsSync(path)) {
    const stored = readStored<T>(path);
    if ('value' in stored) return { value: stored.value, cached: true, path };
    // Never half-read: recomputed and replaced as a whole, said in one line.
    process.stderr.write(`${stored.problem}; computing it again\n`);
  }
  const value = await compute();
  mkdirSync(dir, { recursive: true });
  const payload = JSON.parse(JSON.stringify({ settings, value })) as object;
  writeFileAtomic(path, JSON.stringify({ ...payload, sha256: payloadHash(payload) }, null, 1) + '\n');
  return { value, cached: false, path };
}
