import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { from, toArrowIPC, toCSV, type ColumnTable } from 'arquero';
import { canonicalJson } from '../records/config-hash.js';
import { DamagedRunError, readRunRecords, type StoredRun } from '../records/read-run-records.js';
import { runCommitFile } from '../records/run-directory.js';
import { writeFileAtomic } from '../records/write-run-records.js';

/** Options of {@link collectRuns}. */
export interface CollectRunsOptions {
  /** Folder to write `steps|evals|runs.arrow` and `.csv` to; not inside a run folder. Default: none. */
  out?: string;
  /** Collect only these run folders (e.g. a sweep's `TrialResult.dir`s) instead of every run under the root. */
  dirs?: string[];
  /**
   * Keep every run of a trial (same config, e.g. before and after a code change; told apart by the runs table's
   * `key` and `codeHash` columns and by `run`). Default false: the newest run of each trial is kept, the others
   * are listed in `superseded`.
   */
  all?: boolean;
  /**
   * Skip damaged run folders (listed in `skipped`) instead of throwing. Default false: one damaged run is an
   * error naming every damaged folder. The CLI skips, reports them and exits 1.
   */
  skipDamaged?: boolean;
}

/** Every finished run under a results root, as three tables. */
export interface CollectedRuns {
  /** One row per run and optimisation step: config columns, then the step record's columns. */
  steps: ColumnTable;
  /** One row per run and evaluation: config columns, then the evaluation record's columns. */
  evals: ColumnTable;
  /**
   * One row per run: config columns, `key` (run key), `codeHash`, `wallSeconds`, `totalSteps` and the final
   * metrics (`final.<name>`).
   */
  runs: ColumnTable;
  /** Damaged run folders left out (with `skipDamaged`), each with the message naming what is wrong. */
  skipped: { dir: string; message: string }[];
  /** Older runs of a trial left out for a newer one (`dir` replaced by `kept`); empty with `all`. */
  superseded: { dir: string; kept: string }[];
}

/** Columns the run records carry as tags; the config columns replace them (same values). */
const TAGS = new Set(['task', 'method', 'seed']);

/** Hidden folders and the store's leftovers (`<name>.tmp-<pid>-…` being written, `<name>.old-<pid>-…` replaced). */
const isLeftover = (name: string) => name.startsWith('.') || /\.(tmp|old)-\d+/.test(name);

/** Run folders (holding a summary.json) below `dir`, sorted, skipping leftovers and hidden folders. */
function runDirs(dir: string): string[] {
  if (existsSync(join(dir, runCommitFile))) return [dir];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !isLeftover(e.name))
    .map((e) => e.name)
    .sort()
    .flatMap((name) => runDirs(join(dir, name)));
}

/** Throws when `out` is a run folder or lies inside one (its tables would be overwritten or mixed in). */
function checkOutFolder(out: string): void {
  for (let p = resolve(out); ; p = dirname(p)) {
    if (existsSync(join(p, runCommitFile))) {
      throw new Error(
        `collect: --out '${out}' is ${p === resolve(out) ? '' : 'inside '}the run folder ${p}; ` +
          'writing there would replace or mix in its records; give a folder outside every run folder',
      );
    }
    if (dirname(p) === p) return;
  }
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
 * Folders without `summary.json` (runs in progress or interrupted) and leftover folders (`.tmp-`, `.old-`) are
 * skipped. Every run is verified whole before use (`readRunRecords`: integrity record, sizes, SHA-256 and rows
 * of every table file; the tables are read from the CSV files, the one source of truth): a damaged run is an
 * error naming it, or with `skipDamaged` is left out and listed in `skipped`. Runs of the same trial (same
 * resolved config) are reduced to the newest unless `all`. A root holding no run is an error. With `out`
 * (never inside a run folder), writes `steps|evals|runs.arrow` (Arrow IPC) and `.csv` there.
 * @example
 * const { evals } = collectRuns('results', { out: 'results/collected' });
 * evals.groupby('method', 'beta').rollup({ loss: op.mean('trainLoss') });
 */
export function collectRuns(root: string, options: CollectRunsOptions = {}): CollectedRuns {
  if (!existsSync(root)) throw new Error(`collect: results folder '${root}' does not exist`);
  const { out } = options;
  if (out !== undefined) checkOutFolder(out);
  const dirs = options.dirs ?? runDirs(root);
  if (dirs.length === 0) {
    throw new Error(
      `collect: no runs under '${root}' (no folder there holds a ${runCommitFile}); nothing collected`,
    );
  }
  const skipped: CollectedRuns['skipped'] = [];
  const verified: { dir: string; run: StoredRun }[] = [];
  for (const dir of dirs) {
    try {
      verified.push({ dir, run: readRunRecords(dir) });
    } catch (e) {
      if (!(e instanceof DamagedRunError)) throw e;
      skipped.push({ dir, message: e.message });
    }
  }
  if (skipped.length > 0 && options.skipDamaged !== true) {
    throw new Error(
      `collect: ${skipped.length} damaged run folder(s), nothing collected:\n` +
        skipped.map((s) => `  ${s.message}`).join('\n') +
        '\n(pass skipDamaged: true to collect the other runs)',
    );
  }
  if (verified.length === 0) {
    throw new Error(`collect: every run under '${root}' is damaged (${skipped.length}); nothing collected`);
  }
  const superseded: CollectedRuns['superseded'] = [];
  const kept = options.all === true ? verified : newestPerTrial(verified, superseded);
  const loaded = kept.map(({ dir, run }) => ({
    dir,
    summary: run.summary,
    steps: run.steps.objects() as Row[],
    evals: run.evals.objects() as Row[],
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
    runRows.push({
      ...cfg,
      key: l.summary.run.key,
      codeHash: l.summary.run.codeHash,
      wallSeconds: l.summary.wallSeconds,
      totalSteps: l.summary.totalSteps,
      ...Object.fromEntries(Object.entries(l.summary.final).map(([k, v]) => [`final.${k}`, v])),
    });
  }
  const tables = { steps: tableOf(stepRows), evals: tableOf(evalRows), runs: tableOf(runRows) };
  if (out !== undefined) {
    mkdirSync(out, { recursive: true });
    for (const [name, t] of Object.entries(tables) as [string, ColumnTable][]) {
      writeFileAtomic(join(out, `${name}.arrow`), toArrowIPC(t));
      writeFileAtomic(join(out, `${name}.csv`), toCSV(t));
    }
  }
  return { ...tables, skipped, superseded };
}

/**
 * The newest run of each trial (same resolved config but `out`), by summary.json's `run.written` (ties: the
 * later folder name); the others are appended to `superseded`. Order of the kept runs: as given.
 */
function newestPerTrial<T extends { dir: string; run: StoredRun }>(
  runs: T[],
  superseded: CollectedRuns['superseded'],
): T[] {
  const newest = new Map<string, T>();
  const trial = (r: T) => canonicalJson({ ...r.run.summary.config, out: undefined });
  const later = (a: T, b: T) =>
    a.run.summary.run.written !== b.run.summary.run.written
      ? a.run.summary.run.written > b.run.summary.run.written
      : a.dir > b.dir;
  for (const r of runs) {
    const t = trial(r);
    const seen = newest.get(t);
    if (seen === undefined || later(r, seen)) newest.set(t, r);
  }
  const kept = new Set(newest.values());
  for (const r of runs) if (!kept.has(r)) superseded.push({ dir: r.dir, kept: newest.get(trial(r))!.dir });
  return runs.filter((r) => kept.has(r));
}
