import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { processAlive } from './run-directory.js';
import { writeFileAtomic } from './write-run-records.js';
import type { EncodedState } from '../checkpoint/state-codec.js';

/** What a run's checkpoint file holds (plain JSON; `train` fills it). */
export interface CheckpointBody {
  /** The run key ({@link checkpointPath}); a file of another key is never resumed. */
  key: string;
  /** Steps taken when the checkpoint was written. */
  step: number;
  /** `Trainer.checkpoint()`. */
  trainer: EncodedState;
  /** The records so far (encoded step and evaluation records). */
  records: EncodedState;
}

/** First line of a checkpoint file: format, version and the SHA-256 of everything after the line. */
const HEADER = /^isgrad-checkpoint v1 sha256=([0-9a-f]{64})\n/;

/**
 * Where the checkpoint of the run written to `out` with run key `key` lives: the file `<out>.checkpoint-<key>`
 * beside the run directory (never inside it, so the run directory stays the unit that is renamed into place).
 * @param out the run directory (`--out`).
 * @param key the run key (`runKey`).
 * @example
 * checkpointPath('results/poly6-is', '0c1d2e3f4a5b'); // '/abs/results/poly6-is.checkpoint-0c1d2e3f4a5b'
 */
export function checkpointPath(out: string, key: string): string {
  return `${resolve(out)}.checkpoint-${key}`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Writes a checkpoint atomically: a header line with the SHA-256 of the JSON body, then the body, into a
 * temporary sibling renamed over `path` (`writeFileAtomic`), so a process killed while writing leaves the
 * previous checkpoint (or none), and a damaged file is recognised by {@link readCheckpoint}.
 * @param path from {@link checkpointPath}.
 * @param body the checkpoint.
 * @example
 * writeCheckpoint(checkpointPath(out, key), { key, step, trainer: t.checkpoint(), records });
 */
export function writeCheckpoint(path: string, body: CheckpointBody): void {
  const json = JSON.stringify(body);
  writeFileAtomic(path, `isgrad-checkpoint v1 sha256=${sha256(json)}\n${json}`);
}

/** Result of {@link readCheckpoint}: the checkpoint, or why the file cannot be used. */
export type CheckpointRead = { body: CheckpointBody } | { problem: string };

/**
 * Reads and verifies a checkpoint: null when there is none; `{ problem }` when the file is damaged (truncated,
 * edited, unreadable: the checksum or the format does not match) or belongs to another run key.
 * @param path from {@link checkpointPath}.
 * @param key the run key the caller expects.
 * @example
 * const r = readCheckpoint(checkpointPath(out, key), key);
 * if (r !== null && 'body' in r) trainer.restore(r.body.trainer);
 */
export function readCheckpoint(path: string, key: string): CheckpointRead | null {
  if (!existsSync(path)) return null;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { problem: `cannot read it (${(e as Error).message})` };
  }
  const m = HEADER.exec(text);
  if (m === null) return { problem: 'its header is missing or damaged' };
  const json = text.slice(m[0].length);
  if (sha256(json) !== m[1]) {
    return { problem: `its checksum does not match (${json.length} characters; truncated or damaged)` };
  }
  let body: CheckpointBody;
  try {
    body = JSON.parse(json) as CheckpointBody;
  } catch (e) {
    return { problem: `its body is not JSON (${(e as Error).message})` };
  }
  if (body === null || typeof body !== 'object' || body.key !== key) {
    return { problem: `it belongs to run key ${String(body?.key)}, not ${key}` };
  }
  return { body };
}

/** `<checkpoint>.tmp-<pid>-<r>`: a checkpoint being written by process pid (`writeFileAtomic`). */
const TEMP = /^\.tmp-(\d+)(?:-[A-Za-z0-9]+)?$/;

/**
 * Deletes the temporaries of a checkpoint left by killed writers (a live writer's are kept).
 * @param path from {@link checkpointPath}.
 * @returns the names removed.
 * @example
 * cleanCheckpointTemps(checkpointPath(out, key)); // ['poly6-is.checkpoint-0c1d2e3f4a5b.tmp-4242-9f8e7d6c']
 */
export function cleanCheckpointTemps(path: string): string[] {
  const dir = dirname(path);
  const base = basename(path);
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const n of names) {
    const m = n.startsWith(base) ? TEMP.exec(n.slice(base.length)) : null;
    if (m !== null && !processAlive(Number(m[1]))) {
      rmSync(join(dir, n), { force: true });
      removed.push(n);
    }
  }
  return removed;
}

/**
 * Deletes a checkpoint file and the temporaries of killed writers (after its run directory was committed); no
 * error when there is none.
 * @example
 * removeCheckpoint(checkpointPath(out, key));
 */
export function removeCheckpoint(path: string): void {
  rmSync(path, { force: true });
  cleanCheckpointTemps(path);
}
