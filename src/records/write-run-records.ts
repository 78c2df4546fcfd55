import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toArrowIPC, toCSV } from 'arquero';
import { runTables } from './run-tables.js';
import type { RunRecord } from './types.js';

/** Writes `data` to `path` through a temporary file and a rename, so a crash never leaves a half-written file. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/**
 * Persists a run: `steps.csv`, `steps.arrow`, `evals.csv`, `evals.arrow` (Arrow IPC, columnar) and
 * `summary.json` (resolved config, backend, final metrics, timing) in folder `dir`, created if needed.
 * @returns the folder path.
 * @example
 * await writeRunRecords('results/poly6-is-s1', result);
 */
export async function writeRunRecords(dir: string, r: RunRecord): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const { steps, evals } = runTables(r);
  writeFileAtomic(join(dir, 'steps.csv'), toCSV(steps));
  writeFileAtomic(join(dir, 'steps.arrow'), toArrowIPC(steps));
  writeFileAtomic(join(dir, 'evals.csv'), toCSV(evals));
  writeFileAtomic(join(dir, 'evals.arrow'), toArrowIPC(evals));
  const summary = {
    config: r.config,
    backend: { name: r.backend.name, tfBackend: r.backend.tfBackend, requested: r.backend.requested },
    final: r.final,
    totalSteps: r.totalSteps,
    wallSeconds: r.wallSeconds,
  };
  writeFileAtomic(join(dir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  return dir;
}
