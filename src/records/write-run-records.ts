import { randomBytes } from 'node:crypto';
import { readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { toArrowIPC, toCSV } from 'arquero';
import { processAlive, writeRunDirectory } from './run-directory.js';
import { codeHash } from './code-hash.js';
import { runIntegrity } from './run-integrity.js';
import { runTables } from './run-tables.js';
import { stringifyFinite } from './stringify-finite.js';
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
 * (Arrow IPC, columnar) and, last, `summary.json` (resolved config, backend, final metrics, timing, `warnings`,
 * `run` = { key, codeHash, written } and, its last key, the integrity record: size, SHA-256 and rows of each
 * table file plus a hash of the summary's own content, see `runIntegrity`; `readRunRecords` checks it) are written
 * into a temporary sibling of `dir`, which is then renamed to `dir` (replacing an earlier run there). A process
 * killed meanwhile leaves the earlier run or none, never a mix of two runs. A NaN or ±Infinity anywhere in the
 * step or evaluation rows or in the summary is an error naming the table, column and step (or the summary key)
 * before anything is written: CSV would hold 'NaN' and JSON a silent null.
 * @returns the folder path.
 * @example
 * await writeRunRecords('results/poly6-is-s1', result);
 */
export async function writeRunRecords(dir: string, r: RunRecord): Promise<string> {
  // Checked before anything is written: a non-finite number is an error naming it, never a NaN cell or a null.
  checkFiniteRows('steps', r.steps);
  checkFiniteRows('evals', r.evals);
  const { steps, evals } = runTables(r);
  const summary = {
    config: r.config,
    backend: { name: r.backend.name, tfBackend: r.backend.tfBackend, requested: r.backend.requested },
    final: r.final,
    totalSteps: r.totalSteps,
    wallSeconds: r.wallSeconds,
    warnings: r.warnings ?? [],
    run: { key: r.key ?? null, codeHash: r.codeHash ?? codeHash(), written: new Date().toISOString() },
  };
  try {
    stringifyFinite(summary);
  } catch (e) {
    throw new RangeError(`summary.json: ${(e as Error).message}`);
  }
  return writeRunDirectory(dir, (tmp) => {
    const files = {
      'steps.csv': { data: toCSV(steps), rows: steps.numRows() },
      'steps.arrow': { data: toArrowIPC(steps), rows: steps.numRows() },
      'evals.csv': { data: toCSV(evals), rows: evals.numRows() },
      'evals.arrow': { data: toArrowIPC(evals), rows: evals.numRows() },
    };
    for (const [name, { data }] of Object.entries(files)) writeFileSync(join(tmp, name), data);
    // The integrity record is computed from the exact bytes written, and goes last into the file written last.
    const integrity = runIntegrity(files, summary);
    writeFileSync(join(tmp, 'summary.json'), JSON.stringify({ ...summary, integrity }, null, 2) + '\n');
  });
}

/** Throws unless every number of every row (diagnostics included) is finite; names the column and the step. */
function checkFiniteRows(table: string, rows: ReadonlyArray<{ step: number }>): void {
  rows.forEach((row, i) => {
    const { diagnostics, ...cols } = row as { step: number; diagnostics?: Record<string, number> };
    for (const [k, v] of Object.entries({ ...cols, ...(diagnostics ?? {}) })) {
      if (typeof v === 'number' && !Number.isFinite(v)) {
        throw new RangeError(
          `${table} table: column ${k} is ${v} at step ${row.step} (row ${i}); a result number must be finite`,
        );
      }
    }
  });
}
