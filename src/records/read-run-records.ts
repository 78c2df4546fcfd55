import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromCSV, type ColumnTable } from 'arquero';
import { INTEGRITY_VERSION, sha256Hex, summaryContentHash, type RunIntegrity } from './run-integrity.js';

/** The table files every run folder holds, each listed in its integrity record. */
export const runTableFiles: readonly string[] = Object.freeze([
  'steps.csv',
  'steps.arrow',
  'evals.csv',
  'evals.arrow',
]);

/** What to do with a damaged run folder, the end of every {@link DamagedRunError} message. */
export const DAMAGED_RUN_ADVICE = 'delete the folder; it will retrain (runOrLoad, sweep, reproduce)';

/** A run folder that cannot be read as a whole: its path, the file at fault and what is wrong with it. */
export class DamagedRunError extends Error {
  constructor(
    /** The run folder. */
    readonly dir: string,
    /** The file at fault, e.g. 'evals.csv'. */
    readonly file: string,
    /** What is wrong, e.g. 'has 9000 bytes, its integrity record says 15304 (truncated or extended)'. */
    readonly problem: string,
  ) {
    super(`damaged run ${dir}: ${file} ${problem}; ${DAMAGED_RUN_ADVICE}`);
    this.name = 'DamagedRunError';
  }
}

/** summary.json of a run folder, as `writeRunRecords` writes it (checked by {@link readRunRecords}). */
export interface StoredSummary {
  /** The resolved config (task, method, seed, …). */
  config: Record<string, unknown> & { task: string; method: string; seed: number };
  backend: { name: string; tfBackend?: string; requested?: string };
  final: Record<string, unknown>;
  totalSteps: number;
  wallSeconds: number;
  warnings: string[];
  /** The run key (config, task data, kit version, code hash, backend), the code hash and when it was written. */
  run: { key: string | null; codeHash: string; written: string };
  integrity: RunIntegrity;
}

/** A verified run folder: its summary and its tables, read from the CSV files. */
export interface StoredRun {
  summary: StoredSummary;
  steps: ColumnTable;
  evals: ColumnTable;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** Reads and checks summary.json: JSON, the keys of a run summary, an integrity record matching its content. */
function readSummary(dir: string): StoredSummary {
  const fail = (problem: string) => new DamagedRunError(dir, 'summary.json', problem);
  let text: string;
  try {
    text = readFileSync(join(dir, 'summary.json'), 'utf8');
  } catch (e) {
    throw fail(`cannot be read (${(e as Error).message})`);
  }
  let s: unknown;
  try {
    s = JSON.parse(text);
  } catch (e) {
    throw fail(`is not valid JSON, truncated or edited (${(e as Error).message})`);
  }
  if (!isObject(s)) throw fail(`holds ${s === null ? 'null' : typeof s}, not a run summary object`);
  const missing = ['config', 'backend', 'final', 'totalSteps', 'wallSeconds', 'run', 'integrity'].filter(
    (k) => !(k in s),
  );
  if (missing.length === 7) throw fail('holds none of the keys of a run summary (config, final, integrity)');
  if (!('integrity' in s)) {
    throw fail(
      'has no integrity record (written by an older kit, or by hand), so its tables cannot be trusted',
    );
  }
  const integrity = s.integrity as RunIntegrity;
  if (!isObject(integrity) || integrity.version !== INTEGRITY_VERSION || !isObject(integrity.files)) {
    throw fail(`has an integrity record of an unknown version (this kit reads version ${INTEGRITY_VERSION})`);
  }
  if (summaryContentHash(s, integrity.files) !== integrity.content) {
    throw fail('was edited or damaged: its content does not match its integrity record');
  }
  // The hash matched, so what follows catches writer bugs and hand-made records, not damage.
  if (missing.length > 0) throw fail(`lacks ${missing.join(', ')}`);
  const config = s.config;
  if (!isObject(config) || typeof config.task !== 'string' || typeof config.method !== 'string') {
    throw fail('has no config with a task and a method');
  }
  if (typeof config.seed !== 'number')
    throw fail(`has config.seed ${JSON.stringify(config.seed)}, not a number`);
  for (const k of ['totalSteps', 'wallSeconds'] as const) {
    if (typeof s[k] !== 'number') throw fail(`has ${k} ${JSON.stringify(s[k])}, not a number`);
  }
  if (!isObject(s.backend) || typeof s.backend.name !== 'string') throw fail('has no backend.name');
  if (!isObject(s.final)) throw fail('has no final metrics object');
  return s as unknown as StoredSummary;
}

/** Checks one table file against its integrity record; returns its bytes. */
function checkFile(dir: string, name: string, integrity: RunIntegrity): Buffer {
  const want = integrity.files[name];
  if (!isObject(want))
    throw new DamagedRunError(dir, 'summary.json', `lists no ${name} in its integrity record`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(dir, name));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new DamagedRunError(dir, name, code === 'ENOENT' ? 'is missing' : `cannot be read (${code})`);
  }
  if (bytes.length !== want.bytes) {
    throw new DamagedRunError(
      dir,
      name,
      `has ${bytes.length} bytes, its integrity record says ${want.bytes} (truncated or extended)`,
    );
  }
  if (sha256Hex(bytes) !== want.sha256) {
    throw new DamagedRunError(
      dir,
      name,
      'was edited or damaged: its SHA-256 does not match its integrity record',
    );
  }
  return bytes;
}

/**
 * Reads a run folder after verifying it whole: summary.json parses, has the keys of a run summary and matches
 * its own content hash; every table file (steps.csv, steps.arrow, evals.csv, evals.arrow) has the size and
 * SHA-256 its integrity record gives; the CSV tables have the recorded number of rows. Anything else throws a
 * {@link DamagedRunError} naming the folder, the file, what is wrong and what to do, before any table is used.
 *
 * One source of truth: the tables are read from the CSV files (what a person can open and check); the Arrow
 * copies are verified too but never read here.
 * @param dir the run folder.
 * @param expectKey the run key the caller computed; a summary of another key is an error. Default: not checked.
 * @example
 * const { summary, evals } = readRunRecords('results/poly6/is-s1-0c1d2e3f4a5b');
 */
export function readRunRecords(dir: string, expectKey?: string): StoredRun {
  const summary = readSummary(dir);
  if (expectKey !== undefined && summary.run.key !== expectKey) {
    throw new DamagedRunError(
      dir,
      'summary.json',
      `is of run key ${String(summary.run.key)}, not ${expectKey} (a folder copied or renamed by hand)`,
    );
  }
  const bytes = Object.fromEntries(runTableFiles.map((f) => [f, checkFile(dir, f, summary.integrity)]));
  const table = (name: 'steps' | 'evals'): ColumnTable => {
    const t = fromCSV(bytes[`${name}.csv`].toString('utf8'));
    const rows = summary.integrity.files[`${name}.csv`].rows;
    if (t.numRows() !== rows) {
      throw new DamagedRunError(dir, `${name}.csv`, `reads as ${t.numRows()} rows, its record says ${rows}`);
    }
    return t;
  };
  return { summary, steps: table('steps'), evals: table('evals') };
}
