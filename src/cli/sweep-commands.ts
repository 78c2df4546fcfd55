import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ablations, builtinSweepSpec } from '../sweep/ablation-specs.js';
import { collectRuns } from '../sweep/collect-runs.js';
import { countTrials, expandTrials, MAX_TRIALS } from '../sweep/expand-trials.js';
import { formatProgress } from '../sweep/format-progress.js';
import { runTrials, runTrialsDefaults } from '../sweep/run-trials.js';
import { useModule } from '../sweep/use-module.js';
import { createProgressLine } from '../train/progress-line.js';
import { parseShard, type Shard } from '../sweep/shard-trials.js';
import { slurmArrayScript } from '../sweep/slurm-script.js';
import { loadSweepSpec, validateSweepSpec } from '../sweep/sweep-spec.js';
import { sweepSummary } from '../sweep/sweep-summary.js';

/** Help text of `isgrad sweep`. */
export const sweepUsage = `usage: isgrad sweep SPEC.json|NAME [--workers N] [--shard k/n] [--out DIR] [--json] [--preload MODULE]...
       isgrad sweep SPEC.json --slurm [--shards N] [--workers N] [--time T] [--partition P] [--mem M] [--submit]

  Runs every trial of a sweep spec (grid × list × seeds) in worker processes; finished trials are loaded from
  the results store (--out, default 'results'), failed or interrupted ones run again. NAME is a built-in spec:
  ${Object.values(ablations)
    .map((a) => a.spec.name)
    .join(', ')}.
  --workers N      worker processes (default ${runTrialsDefaults.workers}, the number of cores; 0: in this process)
  --shard k/n      run only the k-th of n parts of the trials (1 ≤ k ≤ n)
  --json           print a one-line JSON summary on stdout
  --preload M      module each process imports first (registers custom tasks or methods)
  --slurm          write an sbatch job-array script (<out>/slurm/<name>.sbatch) instead of running
  --shards N       array tasks of --slurm (default: trials, at most 16); --workers per task defaults to 1
  --submit         with --slurm: submit the script with sbatch and print the job id`;

/** Help text of `isgrad collect`. */
export const collectUsage = `usage: isgrad collect DIR [--out DIR2] [--all-runs]

  Merges every finished run under DIR into steps, evals and runs tables (Arrow IPC + CSV) in DIR2
  (default DIR/collected; never inside a run folder); config keys are columns, the runs table also has the
  run key and code hash. Each run is verified against its integrity record first: a damaged run is reported,
  left out, and the command exits 1. Of several runs of one trial (same config, e.g. before and after a code
  change) the newest is kept and the others are named; --all-runs keeps them all.`;

/** How the compute nodes start this CLI: the compiled main.js, or main.ts with the tsx loader from the sources. */
function cliCommand(): string[] {
  const here = fileURLToPath(import.meta.url);
  const ext = extname(here);
  const main = join(dirname(here), `main${ext}`);
  return ext === '.ts'
    ? [process.execPath, '--import', import.meta.resolve('tsx'), main]
    : [process.execPath, main];
}

/**
 * `isgrad sweep SPEC|NAME [options]`: validates every trial, then runs them on the worker pool (or writes /
 * submits a Slurm array with `--slurm`); exit code 1 when a trial failed.
 * @example
 * await cmdSweep(['ablation-beta', '--workers', '2', '--json']);
 */
export async function cmdSweep(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      workers: { type: 'string' },
      shard: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' },
      quiet: { type: 'boolean' },
      preload: { type: 'string', multiple: true },
      slurm: { type: 'boolean' },
      shards: { type: 'string' },
      submit: { type: 'boolean' },
      time: { type: 'string' },
      partition: { type: 'string' },
      mem: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help === true) {
    console.log(sweepUsage);
    return;
  }
  if (positionals.length !== 1)
    throw new Error(`sweep takes one spec file, got ${positionals.length}\n${sweepUsage}`);
  // A file path, or the name of a built-in spec (isgrad sweep ablation-beta).
  const builtin = existsSync(positionals[0]) ? undefined : builtinSweepSpec(positionals[0]);
  if (!existsSync(positionals[0]) && builtin === undefined) {
    const names = Object.values(ablations).map((a) => a.spec.name);
    throw new Error(
      `sweep: no spec file '${positionals[0]}' and no built-in spec of that name (${names.join(', ')})`,
    );
  }
  const specPath = builtin === undefined ? resolve(positionals[0]) : positionals[0];
  const out = resolve(values.out ?? 'results');
  const preload = (values.preload ?? []).map((p) => resolve(p));
  for (const p of preload) await useModule(p); // custom tasks must exist to validate the spec; workers load it too
  const workers = values.workers === undefined ? runTrialsDefaults.workers : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 0) {
    throw new Error(`--workers must be an integer ≥ 0 (0: in this process), got '${values.workers}'`);
  }
  const spec = builtin === undefined ? loadSweepSpec(specPath) : validateSweepSpec(builtin);
  const shard: Shard | null = values.shard === undefined ? null : parseShard(values.shard);
  // Validates every trial (of the shard) before anything runs; a huge grid is refused with its count.
  // With --slurm a huge sweep is validated on its first part (each array task validates its own shard).
  const total = countTrials(spec);
  const trials = expandTrials(spec, {
    shard:
      values.slurm !== true ? shard : total > MAX_TRIALS ? { k: 1, n: Math.ceil(total / MAX_TRIALS) } : null,
  });

  if (values.slurm === true) {
    const shards = values.shards === undefined ? Math.min(total, 16) : Number(values.shards);
    if (!Number.isInteger(shards) || shards < 1)
      throw new Error(`--shards must be an integer ≥ 1, got '${values.shards}'`);
    const script = slurmArrayScript({
      name: spec.name,
      spec: specPath,
      out,
      shards,
      workers: values.workers === undefined ? 1 : workers, // per array task; this host's cores say nothing about the nodes
      command: cliCommand(),
      time: values.time,
      partition: values.partition,
      memory: values.mem,
      preload,
    });
    const dir = join(out, 'slurm');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${spec.name}.sbatch`);
    writeFileSync(file, script, { mode: 0o755 });
    if (values.submit !== true) {
      console.log(file);
      return;
    }
    const r = spawnSync('sbatch', ['--parsable', file], { encoding: 'utf8' });
    if (r.error !== undefined) throw new Error(`--submit: could not run sbatch (${r.error.message})`);
    if (r.status !== 0) throw new Error(`--submit: sbatch exited with ${r.status}: ${r.stderr.trim()}`);
    const jobId = r.stdout.trim().split(';')[0];
    console.log(
      values.json === true ? JSON.stringify({ sweep: spec.name, script: file, jobId, shards }) : jobId,
    );
    return;
  }
  if (values.submit === true) throw new Error('--submit needs --slurm');

  const quiet = values.quiet === true || process.env.ISGRAD_QUIET === '1';
  const line = quiet ? null : createProgressLine();
  const t0 = performance.now();
  const results = await runTrials(trials, {
    root: out,
    workers,
    allowFailures: true, // the summary lists them, and the exit code is 1
    onProgress:
      line === null
        ? undefined
        : (p) => {
            if (p.last?.status === 'failed' && p.last.interrupted !== true) {
              line.note(`failed: ${p.last.trial.label}: ${p.last.error}`);
            }
            line.update(formatProgress(p), p.done === p.total);
          },
  }).finally(() => line?.end());
  const summary = sweepSummary(spec.name, results, {
    shard,
    workers,
    wallSeconds: (performance.now() - t0) / 1000,
  });
  if (values.json === true) console.log(JSON.stringify(summary));
  else {
    console.log(
      `sweep ${spec.name}${shard ? ` (shard ${shard.k}/${shard.n})` : ''}: ${summary.trials} trials, ` +
        `${summary.trained} trained, ${summary.cached} cached, ${summary.failed} failed in ` +
        `${summary.wallSeconds.toFixed(1)} s; results in ${out}`,
    );
    for (const f of summary.failures)
      console.log(`  failed trial ${f.index} ${f.label}: ${f.error} (${f.file})`);
  }
  if (summary.failed > 0) process.exitCode = 1;
}

/**
 * `isgrad collect DIR [--out DIR2]`: merges every finished run under DIR into Arrow + CSV tables.
 * @example
 * cmdCollect(['results']);
 */
export function cmdCollect(argv: string[]): void {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      'all-runs': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help === true) {
    console.log(collectUsage);
    return;
  }
  if (positionals.length !== 1) throw new Error(`collect takes one results folder\n${collectUsage}`);
  const root = resolve(positionals[0]);
  const out = resolve(values.out ?? join(root, 'collected'));
  const t = collectRuns(root, { out, all: values['all-runs'] === true, skipDamaged: true });
  for (const s of t.superseded) {
    console.error(
      `collect: left out ${s.dir}: an older run of the same trial as ${s.kept} (--all-runs keeps it)`,
    );
  }
  for (const s of t.skipped) console.error(`collect: left out ${s.message}`);
  console.log(
    `collected ${t.runs.numRows()} runs (${t.steps.numRows()} step rows, ${t.evals.numRows()} eval rows) into ${out}`,
  );
  if (t.skipped.length > 0) {
    console.error(`collect: ${t.skipped.length} damaged run folder(s) left out (above); exit status 1`);
    process.exitCode = 1;
  }
}
