import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { from, fromArrow, fromCSV, toArrowIPC, toCSV, type ColumnTable } from 'arquero';
import { writeFileAtomic } from '../records/write-run-records.js';

/** Options of {@link collectRuns}. */
export interface CollectRunsOptions {
  /** Folder to write `steps|evals|runs.arrow` and `.csv` to. Default: none (tables returned only). */
  out?: string;
  /** Collect only these run folders (e.g. a sweep's `TrialResult.dir`s) instead of every run under the root. */
  dirs?: string[];
}

/** Every finished run under a results root, as three tables. */
export interface CollectedRuns {
  /** One row per run and optimisation step: config columns, then the step record's columns. */
  steps: ColumnTable;
  /** One row per run and evaluation: config columns, then the evaluation record's columns. */
  evals: ColumnTable;
  /** One row per run: config columns, `wallSeconds`, `totalSteps` and the final metrics (`final.<name>`). */
  runs: ColumnTable;
}

/** Columns the run records carry as tags; the config columns replace them (same values). */
const TAGS = new Set(['task', 'method', 'seed']);

/** Folders whose name marks a run still being written (the store's temporary siblings) or hidden files. */
const isTemporary = (name: string) => name.startsWith('.') || name.includes('.tmp');

/** Run folders (holding a summary.json) below `dir`, sorted, skipping temporary and hidden folders. */
function runDirs(dir: string): string[] {
  if (existsSync(join(dir, 'summary.json'))) return [dir];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !isTemporary(e.name))
    .map((e) => e.name)
    .sort()
    .flatMap((name) => runDirs(join(dir, name)));
}

function readTable(dir: string, name: string): ColumnTable {
  const arrow = join(dir, `${name}.arrow`);
  if (existsSync(arrow)) return fromArrow(readFileSync(arrow));
  return fromCSV(readFileSync(join(dir, `${name}.csv`), 'utf8'));
}

type Row = Record<string, unknown>;

/** A table over the union of the rows' keys (missing values are null), columns in first-seen order. */
function tableOf(rows: Row[]): ColumnTable {
  const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return from(
    rows.map((r) => Object.fromEntries(names.map((k) => [k, r[k] ?? null]))),
    names,
  );
}

/** A config as flat columns: method options by their own name, lists as JSON text, `out` left out. */
function configColumns(config: Row, recordColumns: Set<string>): Row {
  const flat: Row = { task: config.task, method: config.method, seed: config.seed };
  const put = (k: string, v: unknown) => {
    // A config key that a record also uses (the step's applied `lr`) keeps the record's name for the record.
    const name = recordColumns.has(k) && !TAGS.has(k) ? `config.${k}` : k;
    flat[name] = Array.isArray(v) ? JSON.stringify(v) : v;
  };
  for (const [k, v] of Object.entries(config)) {
    if (k === 'out' || k === 'methodOptions') continue;
    put(k, v);
  }
  const mo = (config.methodOptions ?? {}) as Row;
  for (const [k, v] of Object.entries(mo)) put(k in config ? `methodOptions.${k}` : k, v);
  return flat;
}

/**
 * Merges every finished run under `root` (each folder with a `summary.json`, as `runOrLoad` and `isgrad sweep`
 * write them) into one steps table, one evals table and one runs table, with the run's resolved config as
 * columns (method options by name, e.g. `beta`; a config key that clashes with a record column is prefixed
 * `config.`, e.g. `config.lr` beside the step's applied `lr`) and a `run` column (folder relative to `root`).
 * Folders without `summary.json` (runs in progress or interrupted) and temporary folders are skipped, so each
 * run appears once. With `out`, writes `steps|evals|runs.arrow` (Arrow IPC) and `.csv` there.
 * @example
 * const { evals } = collectRuns('results', { out: 'results/collected' });
 * evals.groupby('method', 'beta').rollup({ loss: op.mean('trainLoss') });
 */
export function collectRuns(root: string, options: CollectRunsOptions = {}): CollectedRuns {
  if (!existsSync(root)) throw new Error(`collect: results folder '${root}' does not exist`);
  const { out } = options;
  const dirs = options.dirs ?? runDirs(root);
  const loaded = dirs.map((dir) => ({
    dir,
    summary: JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Row & { config: Row },
    steps: readTable(dir, 'steps').objects() as Row[],
    evals: readTable(dir, 'evals').objects() as Row[],
  }));
  const recordColumns = new Set<string>();
  for (const l of loaded) {
    for (const r of [l.steps[0] ?? {}, l.evals[0] ?? {}])
      for (const k of Object.keys(r)) recordColumns.add(k);
  }
  const stepRows: Row[] = [];
  const evalRows: Row[] = [];
  const runRows: Row[] = [];
  for (const l of loaded) {
    const run = relative(root, l.dir);
    const cfg = { run, ...configColumns(l.summary.config, recordColumns) };
    const strip = (r: Row) => Object.fromEntries(Object.entries(r).filter(([k]) => !TAGS.has(k)));
    for (const s of l.steps) stepRows.push({ ...cfg, ...strip(s) });
    for (const e of l.evals) evalRows.push({ ...cfg, ...strip(e) });
    const final = (l.summary.final ?? {}) as Row;
    runRows.push({
      ...cfg,
      wallSeconds: l.summary.wallSeconds,
      totalSteps: l.summary.totalSteps,
      ...Object.fromEntries(Object.entries(final).map(([k, v]) => [`final.${k}`, v])),
    });
  }
  const tables: CollectedRuns = {
    steps: tableOf(stepRows),
    evals: tableOf(evalRows),
    runs: tableOf(runRows),
  };
  if (out !== undefined) {
    mkdirSync(out, { recursive: true });
    for (const [name, t] of Object.entries(tables) as [string, ColumnTable][]) {
      writeFileAtomic(join(out, `${name}.arrow`), toArrowIPC(t));
      writeFileAtomic(join(out, `${name}.csv`), toCSV(t));
    }
  }
  return tables;
}
