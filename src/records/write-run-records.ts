import { randomBytes } from 'node:crypto';
import { readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { toArrowIPC, toCSV } from 'arquero';
import { processAlive, writeRunDirectory } from './run-directory.js';
import { runTables } from './run-tables.js';
import type { RunRecord } from './types.js';

/** `<file>.tmp-<pid>` or `<file>.tmp-<pid>-<random>`, the temporaries of {@link writeFileAtomic}. */
const TEMP_SUFFIX = /^\.tmp-(\d+)(?:-[A-Za-z0-9]+)?$/;

/**
 * Writes `data` to `path` through a temporary sibling `<path>.tmp-<pid>-<random>` and a rename, so a crash never
 * leaves a half-written file; temporaries of `path` left by killed processes are deleted first.
 * @example
 * writeFileAtomic('figures/gallery.json', '[]\n');
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const dir = dirname(path);
  const base = basename(path);
  for (const n of readdirSync(dir)) {
    const m = n.startsWith(base) ? TEMP_SUFFIX.exec(n.slice(base.length)) : null;
    if (m !== null && !processAlive(Number(m[1]))) rmSync(join(dir, n), { force: true });
  }
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true }); // a failed write or rename leaves no temporary behind
    throw e;
  }
}

/**
 * Persists a run as one unit (see `writeRunDirectory`): `steps.csv`, `steps.arrow`, `evals.csv`, `evals.arrow`
 * (Arrow IPC, columnar) and, last, `summary.json` (resolved config, backend, final metrics, timing) are written
 * into a temporary sibling of `dir`, which is then renamed to `dir` (replacing an earlier run there). A process
 * killed meanwhile leaves the earlier run or none, never a mix of two runs.
 * @returns the folder path.
 * @example
 * await writeRunRecords('results/poly6-is-s1', result);
 */
export async function writeRunRecords(dir: string, r: RunRecord): Promise<string> {
  const { steps, evals } = runTables(r);
  const summary = {
    config: r.config,
    backend: { name: r.backend.name, tfBackend: r.backend.tfBackend, requested: r.backend.requested },
    final: r.final,
    totalSteps: r.totalSteps,
    wallSeconds: r.wallSeconds,
  };
  return writeRunDirectory(dir, (tmp) => {
    writeFileSync(join(tmp, 'steps.csv'), toCSV(steps));
    writeFileSync(join(tmp, 'steps.arrow'), toArrowIPC(steps));
    writeFileSync(join(tmp, 'evals.csv'), toCSV(evals));
    writeFileSync(join(tmp, 'evals.arrow'), toArrowIPC(evals));
    writeFileSync(join(tmp, 'summary.json'), JSON.stringify(summary, null, 2) + '\n'); // the commit marker, last
  });
}
