import { BACKEND_ENV, setupBackend, type BackendRequest } from '../backend/setup-backend.js';
import {
  InterruptedError,
  interruptible,
  interruptRequested,
  isInterruptedError,
} from '../train/interrupt.js';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkOutputFolder } from '../records/run-directory.js';
import { writeFileAtomic } from '../records/write-run-records.js';
import { availableParallelism } from 'node:os';
import { exportFigures } from '../figures/export-static.js';
import { toTrials, type Trial } from '../sweep/expand-trials.js';
import { formatProgress } from '../sweep/format-progress.js';
import {
  createTrialPool,
  inProcessTrialResult,
  type TrialPool,
  type TrialResult,
} from '../sweep/trial-pool.js';
import { executedNotebookLinks, writeGalleryHtml } from '../figures/gallery-html.js';
import type { OptionValue } from '../options/option-spec.js';
import { FIGURE_SPECS, figureSpec } from '../papers/figures.js';
import type { TrainHooks } from '../train/train.js';
import { describeOption } from '../options/option-spec.js';
import { formatSetting, resolveFigureSettings, type PartRequirement } from './figure-spec.js';
import { fashionMnistRequirement } from './requirements.js';
import { runFigure, type FigureTask } from './run-figure.js';
import { runOrLoad, type RunHooks } from './run-or-load.js';
import type {
  ComputePlan,
  ExperimentModule,
  ExperimentPlan,
  FigureEntry,
  ReproduceContext,
} from './types.js';

export type { PartRequirement } from './figure-spec.js';
export { fashionMnistRequirement } from './requirements.js';

/**
 * One part of the main job: a name for `--only` and either a group of figure ids (figure specs, made by the one
 * runner; every built-in part) or a module of the user's that runs its own work, and its plan.
 */
export interface ReproducePart {
  name: string;
  /** Ids of its figure specs (see `FIGURE_SPECS`), e.g. ['mis/fig2-poly6']. */
  figures?: readonly string[];
  /** Checked before the job starts; a part with a missing requirement is skipped (and reported). */
  requires: readonly PartRequirement[];
  /** The module of a part that is not a group of figure specs. */
  run?: ExperimentModule;
  /**
   * The training runs the part will load (see {@link ExperimentPlan}); the job queues them on the runner's
   * workers when it starts. Absent: the part queues its runs itself
   * (`ctx.prefetch`) when it starts, or works in-process.
   */
  plan?: ExperimentPlan;
  /** Its measurements that are not training runs (see {@link ComputePlan}), queued on the workers likewise. */
  computations?: ComputePlan;
}

/** Options of {@link reproduce}. */
export interface ReproduceOptions {
  /** 'quick' (minutes on 2 cores, default) or 'full'. */
  scale: 'quick' | 'full';
  /** Seeds of every comparison. Default [1, 2, 3]. */
  seeds: number[];
  /** Folder of run records. Default 'results'. */
  results: string;
  /** Folder of figures. Default 'figures'. */
  figures: string;
  /**
   * Run only these parts (names of {@link REPRODUCE_PARTS}: core, mis, emais, ...) or figures (ids of
   * `FIGURE_SPECS`: 'mis/fig2-poly6', ...); [] = all (default).
   */
  only: string[];
  /**
   * Settings of the selected figures, e.g. `{ lr: 0.05, seeds: [1, 2] }` (see `isgrad reproduce --list`); every
   * selected figure must declare each. A figure made with changed settings is written beside the default one,
   * under a name carrying them, and its caption lists them. Default {}.
   */
  set?: Readonly<Record<string, unknown>>;
  /**
   * Resolve with the report when a part crashed or a requested part was skipped, instead of rejecting with a
   * {@link ReproduceError} listing them. Default false.
   */
  allowFailures?: boolean;
  /** Called before each run with a label and after each evaluation. */
  log?: (line: string) => void;
  /** Progress hook of each training run. */
  hooks?: (label: string) => TrainHooks;
  /** The parts to choose from; default {@link REPRODUCE_PARTS} (tests pass small fake parts). */
  parts?: readonly ReproducePart[];
  /**
   * Worker processes of the sweep runner for the parts' plans (wasm uses one thread each). Default: the cores.
   * 0: none, every run trains in this process one at a time (the single-process baseline of the bench).
   */
  workers?: number;
  /**
   * Backend of every run, in this process and in the workers (through {@link BACKEND_ENV}, which the workers
   * inherit); default: `auto` as the environment says. Runs on different backends have different keys. The
   * variable stays set in this process after the job (a later `auto` in it means the same backend).
   */
  backend?: BackendRequest;
}

/** Defaults of {@link ReproduceOptions}. */
export const reproduceDefaults: Omit<ReproduceOptions, 'log' | 'hooks' | 'parts'> = {
  scale: 'quick',
  seeds: [1, 2, 3],
  results: 'results',
  figures: 'figures',
  only: [],
};

/** The parts of the main job, in order, with what each needs (`isgrad reproduce --only` takes their names). */
export const REPRODUCE_PARTS: readonly ReproducePart[] = Object.freeze([
  { name: 'core', requires: [], figures: ['core/poly6-excess-loss'] },
  {
    name: 'mis',
    requires: [],
    figures: ['mis/fig1-toy2d', 'mis/fig2-poly6', 'mis/fig2-poly6-monomial', 'mis/fig7-image'],
  },
  {
    name: 'emais',
    requires: [fashionMnistRequirement],
    figures: ['emais/fig1-tau', 'emais/fig2-dynamic-batch', 'emais/table2'],
  },
  { name: 'baselines', requires: [], figures: ['asis/fig2-mnist', 'core/control-noise-labels'] },
  { name: 'pointcloud', requires: [], figures: ['asis/fig3-pointcloud', 'core/control-noise-labels'] },
  { name: 'pmf-distance', requires: [], figures: ['asis/pmf-distance'] },
  { name: 'emais-traces', requires: [fashionMnistRequirement], figures: ['emais/traces'] },
  {
    name: 'emais-extra',
    requires: [fashionMnistRequirement],
    figures: ['emais/fig6-lr-adjust', 'emais/fig9-traces', 'emais/table5-cpu'],
  },
  {
    name: 'emais-studies',
    requires: [fashionMnistRequirement],
    figures: ['emais/fig7-refresh', 'emais/table6-adam', 'emais/fig10-budgets'],
  },
  { name: 'asis-fig1', requires: [], figures: ['asis/fig1-importance-map'] },
  { name: 'asis-fig8', requires: [], figures: ['asis/fig8-image'] },
  { name: 'asis-fig10', requires: [], figures: ['asis/fig10-pointcloud'] },
  { name: 'omis-mnist', requires: [], figures: ['mis/omis-mnist'] },
  {
    name: 'ablations',
    requires: [],
    figures: ['ablations/alpha', 'ablations/beta', 'ablations/tau', 'ablations/J'],
  },
]);

/** What happened to one part of the main job. */
export interface PartOutcome {
  name: string;
  /** 'ran' (finished), 'skipped' (a requirement is missing; never started) or 'crashed' (threw; the job went on). */
  status: 'ran' | 'skipped' | 'crashed';
  /** True when the part was named in `only`. */
  requested: boolean;
  /** Runs trained now. */
  trained: number;
  /** Runs loaded from the results folder (same key: finished earlier). */
  loaded: number;
  /** Gallery entries the part wrote. */
  figures: FigureEntry[];
  /** For 'skipped': each missing requirement, why, and the command that provides it. */
  missing: { what: string; reason: string; enable: string }[];
  /** For 'crashed': the error message. */
  error?: string;
  seconds: number;
}

/** What {@link reproduce} returns. */
export interface ReproduceReport {
  parts: PartOutcome[];
  /** Paths of the written figures and the index page. */
  files: string[];
  /** Path of the gallery page. */
  index: string;
  /** The exit code of `isgrad reproduce` (see {@link reproduceExitCode}). */
  exitCode: 0 | 1;
  /** Why the SVG/PNG/PDF export was skipped (no headless browser), or null when it ran. */
  staticExportSkipped?: string | null;
}

/**
 * The exit-code rule of the main job: 1 when a part crashed or a part named in `only` was skipped (the job
 * could not do what was asked), else 0 — a part skipped for missing optional data (not named in `only`) is not
 * a failure: the summary says how to enable it.
 * @example
 * reproduceExitCode([{ status: 'skipped', requested: false }]); // 0
 */
export function reproduceExitCode(parts: readonly Pick<PartOutcome, 'status' | 'requested'>[]): 0 | 1 {
  return parts.some((p) => p.status === 'crashed' || (p.status === 'skipped' && p.requested)) ? 1 : 0;
}

/**
 * The one summary the main job ends with: per part what ran (runs trained, loaded from results, figures), what
 * was skipped and the one command that enables it, what crashed and its error; then the gallery and exit code.
 * @example
 * console.log(formatReproduceSummary(await reproduce({ only: ['core'] })));
 */
export function formatReproduceSummary(report: ReproduceReport): string {
  const lines = ['summary:'];
  const width = Math.max(...report.parts.map((p) => p.name.length), 4);
  for (const p of report.parts) {
    const head = `  ${p.status.padEnd(8)} ${p.name.padEnd(width)}  `;
    if (p.status === 'skipped') {
      const why = p.missing.map((m) => `needs ${m.what}: ${m.reason}`).join('; ');
      const enable = [...new Set(p.missing.map((m) => m.enable))].join(' && ');
      lines.push(`${head}${why}`, `  ${' '.repeat(8 + width + 3)}enable with: ${enable}`);
      continue;
    }
    const counts =
      `${p.trained} run${p.trained === 1 ? '' : 's'} trained, ${p.loaded} loaded from results, ` +
      `${p.figures.length} figure${p.figures.length === 1 ? '' : 's'}, ${p.seconds.toFixed(1)} s`;
    lines.push(p.status === 'crashed' ? `${head}${counts}; error: ${p.error ?? ''}` : `${head}${counts}`);
  }
  if (report.parts.length === 0) lines.push('  (no part selected)');
  const n = report.files.length - 1;
  lines.push(`  gallery: ${report.index} (${n} figure file${n === 1 ? '' : 's'} written now)`);
  if (report.staticExportSkipped) lines.push(`  ${report.staticExportSkipped}`);
  const crashed = report.parts.filter((p) => p.status === 'crashed').map((p) => p.name);
  const askedSkipped = report.parts.filter((p) => p.status === 'skipped' && p.requested).map((p) => p.name);
  const why = [
    ...(crashed.length > 0 ? [`crashed: ${crashed.join(', ')}`] : []),
    ...(askedSkipped.length > 0 ? [`requested but skipped: ${askedSkipped.join(', ')}`] : []),
  ];
  lines.push(`  exit ${report.exitCode}${why.length > 0 ? ` (${why.join('; ')})` : ''}`);
  return lines.join('\n');
}

/**
 * The error {@link reproduce} rejects with when a part crashed or a part named in `only` was skipped (unless
 * `allowFailures`): its message lists each failure with its error, and `report` is the full report.
 */
export class ReproduceError extends Error {
  constructor(readonly report: ReproduceReport) {
    const failed = report.parts.filter(
      (p) => p.status === 'crashed' || (p.status === 'skipped' && p.requested),
    );
    super(
      `reproduce: ${failed.length} part${failed.length === 1 ? '' : 's'} failed: ` +
        failed
          .map((p) =>
            p.status === 'crashed'
              ? `${p.name} crashed: ${p.error ?? ''}`
              : `${p.name} skipped: ${p.missing.map((m) => `needs ${m.what} (${m.enable})`).join('; ')}`,
          )
          .join('; ') +
        ' (pass allowFailures: true to get the report instead)',
    );
    this.name = 'ReproduceError';
  }
}

/** One unit of work: a part, or the figures of a part named by id in `only`. */
interface Unit {
  part: ReproducePart;
  name: string;
  requested: boolean;
  /** The figures to make (empty for a part that is a module). */
  tasks: FigureTask[];
  missing: { what: string; reason: string; enable: string }[];
}

/** The units `only` selects, in part order, with every figure's settings resolved (errors before any work). */
function selectUnits(o: ReproduceOptions, all: readonly ReproducePart[]): Unit[] {
  const base: Record<string, OptionValue> = { scale: o.scale, seeds: o.seeds };
  const set = o.set ?? {};
  const units: Unit[] = [];
  for (const part of all) {
    const ids = part.figures ?? [];
    const named = ids.filter((id) => o.only.includes(id));
    const whole = o.only.length === 0 || o.only.includes(part.name);
    if (!whole && named.length === 0) continue;
    if (part.run !== undefined && Object.keys(set).length > 0) {
      throw new Error(
        `reproduce: part ${part.name} has no declared settings (only figure specs do: ` +
          `${FIGURE_SPECS.map((f) => f.id).join(', ')}); drop it from --only or drop --set`,
      );
    }
    const tasks = (whole ? ids : named).map((id): FigureTask => {
      const spec = figureSpec(id);
      const defaults = resolveFigureSettings(spec, base, {}).settings;
      const { settings, changed } = resolveFigureSettings(spec, base, set);
      return { spec, settings, base: defaults, changed };
    });
    const requires = [...part.requires, ...tasks.flatMap((t) => t.spec.requires ?? [])];
    const missing = [...new Set(requires)].flatMap((r) => {
      const reason = r.missing();
      return reason === null ? [] : [{ what: r.what, reason, enable: r.enable }];
    });
    const name = whole ? part.name : named.join(', ');
    units.push({ part, name, requested: o.only.includes(part.name) || named.length > 0, tasks, missing });
  }
  return units;
}

/**
 * The main job. Before any work it checks the output folders, resolves the settings of every selected figure
 * and checks what each selected part needs ({@link ReproducePart.requires}); then it queues every plan on the
 * worker pool and makes every part it can, in order: each loads (or trains) its runs and writes its figures. A
 * part with a missing requirement is skipped; a part that throws is reported and the job goes on with the next.
 * Finally the gallery (`index.html`) is written for every figure there is. When a part crashed or a requested
 * part was skipped it rejects with a {@link ReproduceError} (its `report` says what ran), unless `allowFailures`.
 * @returns the report; print it with {@link formatReproduceSummary}, exit with `report.exitCode`.
 * @example
 * const report = await reproduce({ only: ['mis/fig2-poly6'], set: { lr: 0.05, seeds: [1, 2] } });
 * report.exitCode; // 0
 */
export function reproduce(options: Partial<ReproduceOptions> = {}): Promise<ReproduceReport> {
  // SIGINT (Ctrl-C, Kernel > Interrupt) stops the job at the next training step: rejects with InterruptedError.
  return interruptible(() => reproduceRun(options));
}

async function reproduceRun(options: Partial<ReproduceOptions>): Promise<ReproduceReport> {
  const o = { ...reproduceDefaults, ...options };
  const log = o.log ?? (() => {});
  const all = o.parts ?? REPRODUCE_PARTS;
  checkReproduceOptions(o, all);
  if (o.backend !== undefined && o.backend !== 'auto') {
    await setupBackend(o.backend); // a backend that cannot start fails now, naming its install command
    process.env[BACKEND_ENV] = o.backend; // the parts' runs ask for 'auto'; the forked workers inherit this
  }
  checkOutputFolder(o.results, 'results (--results)');
  checkOutputFolder(o.figures, 'figures (--figures)');
  // Settings and requirements before the first run: a bad setting or a missing dataset is known in milliseconds.
  const units = selectUnits(o, all);
  const skipped = units.filter((u) => u.missing.length > 0).map((u) => u.name);
  log(
    `parts: ${units.map((u) => u.name).join(', ') || '(none)'}` +
      (skipped.length > 0 ? `; skipped for missing requirements: ${skipped.join(', ')}` : ''),
  );
  const outcomes: PartOutcome[] = [];
  const written: string[] = [];
  const gallery: FigureEntry[] = [];
  // One pool of worker processes for the whole job. Every plan is queued now, in part order: the workers go on to
  // the next parts' runs while this process makes a part's figures, so no core waits at a part boundary.
  const workers = o.workers ?? availableParallelism();
  const pool: Pick<TrialPool, 'submit' | 'compute' | 'close'> =
    workers === 0
      ? inProcessRunner(o.results)
      : createTrialPool({ root: o.results, workers, onProgress: (p) => log(formatProgress(p)) });
  try {
    for (const unit of units) {
      if (workers === 0 || unit.missing.length > 0) continue;
      const at = { scale: o.scale, seeds: o.seeds };
      // A plan that throws is skipped here: the part meets the same error when it runs, and is reported as crashed.
      // A failure to start workers surfaces in the part's own prefetch.
      try {
        for (const t of unit.tasks) {
          const plan = t.spec.plan(t.settings);
          const runs = plan.runs.map((r) => r.options);
          pool.submit(toTrials(runs, `plan of figure ${t.spec.id}`)).catch(() => {});
          if (plan.computations) pool.compute(plan.computations).catch(() => {});
        }
        const part = unit.part;
        if (part.plan) pool.submit(toTrials(part.plan(at), `plan of part ${part.name}`)).catch(() => {});
        if (part.computations) pool.compute(part.computations(at)).catch(() => {});
      } catch {
        continue;
      }
    }
    const trainedEarlier = new Set<string>(); // run folders an earlier unit counted as trained
    for (const unit of units) {
      const outcome = await runUnit(unit, o, pool, log, trainedEarlier);
      outcomes.push(outcome);
      for (const entry of outcome.figures) {
        gallery.push(entry);
        written.push(join(o.figures, entry.file));
      }
    }
  } finally {
    await pool.close(); // runs planned by a part that crashed before loading them are dropped, not trained
  }
  // Partial runs (--only) keep the entries of earlier runs: merge with the manifest, newest entry per file wins.
  const manifest = join(o.figures, 'gallery.json');
  const earlier: FigureEntry[] = existsSync(manifest)
    ? (JSON.parse(readFileSync(manifest, 'utf8')) as FigureEntry[])
    : [];
  const merged = [...earlier.filter((e) => !gallery.some((g) => g.file === e.file)), ...gallery].filter((e) =>
    existsSync(join(o.figures, e.file)),
  );
  writeFileAtomic(manifest, JSON.stringify(merged, null, 2) + '\n');
  const index = join(o.figures, 'index.html');
  // SVG/PNG/PDF of this run's figures, thumbnails, and the gallery page (index.html) over every entry. Without a
  // headless browser the static formats are skipped (said in the log and the summary) and the gallery links HTML.
  let staticExport: string | null = null;
  try {
    written.push(
      ...(await exportFigures(o.figures, {
        only: gallery.map((e) => e.file.replace(/\.html$/, '')),
        notebooks: executedNotebookLinks(o.figures),
      })),
    );
  } catch (e) {
    staticExport = `static export (SVG/PNG/PDF) skipped: ${e instanceof Error ? e.message : String(e)}`;
    log(staticExport);
    writeGalleryHtml(merged, index, { notebooks: executedNotebookLinks(o.figures) });
  }
  written.push(index);
  const report: ReproduceReport = {
    parts: outcomes,
    files: written,
    index,
    exitCode: reproduceExitCode(outcomes),
    staticExportSkipped: staticExport,
  };
  if (report.exitCode !== 0 && !o.allowFailures) throw new ReproduceError(report);
  return report;
}

/**
 * Runs one unit (its figures through the one runner, or the part's module) and counts its runs: each distinct
 * run folder once, trained when the pool or this process trained it for this unit, else loaded (a run the pool
 * trained for an earlier unit, in `trainedEarlier`, is loaded from this unit's view).
 */
async function runUnit(
  unit: Unit,
  o: ReproduceOptions,
  pool: Pick<TrialPool, 'submit' | 'compute'>,
  log: (line: string) => void,
  trainedEarlier: Set<string>,
): Promise<PartOutcome> {
  const outcome: PartOutcome = {
    name: unit.name,
    status: 'skipped',
    requested: unit.requested,
    trained: 0,
    loaded: 0,
    figures: [],
    missing: unit.missing,
    seconds: 0,
  };
  if (unit.missing.length > 0) {
    log(`skipped ${unit.name}: ${unit.missing.map((m) => `${m.what}: ${m.reason}`).join('; ')}`);
    return outcome;
  }
  log(`part ${unit.name}`);
  const trained = new Set<string>();
  const seen = new Set<string>();
  const count = (dir: string, wasTrained: boolean) => {
    const d = resolve(dir);
    seen.add(d);
    if (wasTrained && !trainedEarlier.has(d)) trained.add(d);
  };
  const ctx: ReproduceContext = {
    scale: o.scale,
    seeds: o.seeds,
    results: o.results,
    figures: o.figures,
    log,
    hooks: (label): RunHooks => ({
      ...(o.hooks?.(label) ?? {}),
      onRecords: (r) => count(r.dir, !r.cached),
    }),
    prefetch: async (runs, options = {}) => {
      const results = await pool.submit(toTrials([...runs]), options);
      for (const r of results) {
        // A failed run is left to the part's own runOrLoad, which retries it (and throws as before).
        if (r.status !== 'failed' && r.dir !== null) count(r.dir, r.status === 'trained');
      }
      return results;
    },
    precompute: async (jobs) => {
      await pool.compute(jobs);
    },
  };
  const t0 = performance.now();
  try {
    if (unit.part.run) outcome.figures = await unit.part.run(ctx);
    for (const task of unit.tasks) outcome.figures.push(...(await runFigure(ctx, task)));
    outcome.status = 'ran';
  } catch (e) {
    if (isInterruptedError(e) || interruptRequested()) {
      throw new InterruptedError(`interrupted in part ${unit.name}; run again to resume: finished runs load`);
    }
    outcome.status = 'crashed';
    outcome.error = e instanceof Error ? e.message : String(e);
    log(`crashed ${unit.name}: ${outcome.error}`);
  }
  outcome.seconds = (performance.now() - t0) / 1000;
  outcome.trained = trained.size;
  outcome.loaded = seen.size - trained.size;
  for (const d of trained) trainedEarlier.add(d);
  return outcome;
}

/**
 * Every figure id with its title, paper reference, part and settings (default, allowed values, help): the text of
 * `isgrad reproduce --list`; parts that are modules (no figure specs) are listed after them.
 * @example
 * console.log(formatFigureList());
 */
export function formatFigureList(parts: readonly ReproducePart[] = REPRODUCE_PARTS): string {
  const lines: string[] = ['figures (isgrad reproduce --only ID --set NAME=VALUE):'];
  for (const part of parts) {
    for (const id of part.figures ?? []) {
      const spec = figureSpec(id);
      lines.push(``, `${spec.id}  (part ${part.name}) ${spec.title} — ${spec.paper}`);
      for (const [k, d] of Object.entries(spec.settings)) {
        lines.push(
          `    ${k.padEnd(8)} = ${formatSetting(d.default).padEnd(14)} ${describeOption(d)}: ${d.help}`,
        );
      }
    }
  }
  const modules = parts.filter((p) => p.run !== undefined).map((p) => p.name);
  if (modules.length > 0) {
    lines.push(``, `parts without declared settings (--scale and --seeds only): ${modules.join(', ')}`);
  }
  return lines.join('\n');
}

/**
 * The runner of `workers: 0`: trains each submitted run in this process, one at a time, through `runOrLoad`
 * (a failure is a 'failed' result, as on the runner); compute jobs are left to the parts.
 */
function inProcessRunner(root: string): Pick<TrialPool, 'submit' | 'compute' | 'close'> {
  let chain: Promise<unknown> = Promise.resolve();
  const runOne = async (trial: Trial): Promise<TrialResult> => {
    const c0 = process.cpuUsage();
    try {
      const r = await runOrLoad(trial.options, root);
      const c = process.cpuUsage(c0);
      return inProcessTrialResult(trial, r, r.cached ? null : (c.user + c.system) / 1e6);
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      const none = { dir: null, key: null, backend: null, cpuSeconds: null };
      return { trial, status: 'failed', ...none, steps: 0, wallSeconds: 0, timing: [], error };
    }
  };
  return {
    submit(trials) {
      const done = chain.then(async () => {
        const out: TrialResult[] = [];
        for (const t of trials) out.push(await runOne(t));
        return out;
      });
      chain = done.catch(() => {});
      return done;
    },
    compute: async () => [], // the parts' own runComputeJob calls compute in-process
    close: async () => {
      await chain;
    },
  };
}

/** Throws on options that would otherwise be silently replaced by defaults or ignored. */
function checkReproduceOptions(o: ReproduceOptions, parts: readonly ReproducePart[]): void {
  if (o.scale !== 'quick' && o.scale !== 'full') {
    throw new Error(`reproduce: scale '${String(o.scale)}' is not allowed; allowed values: quick, full`);
  }
  if (o.seeds.length === 0)
    throw new Error('reproduce: seeds is empty; give at least one seed, e.g. [1, 2, 3]');
  for (const s of o.seeds) {
    if (!Number.isSafeInteger(s) || s < 0) {
      throw new Error(`reproduce: seed ${s} is not a non-negative integer (≤ 2^53 − 1)`);
    }
  }
  if (o.workers !== undefined && (!Number.isInteger(o.workers) || o.workers < 0)) {
    throw new Error(
      `reproduce: workers ${o.workers} is not allowed; give an integer ≥ 0 (0: no worker processes)`,
    );
  }
  const names = parts.map((p) => p.name);
  const ids = parts.flatMap((p) => p.figures ?? []);
  for (const n of o.only) {
    if (!names.includes(n) && !ids.includes(n)) {
      throw new Error(
        `reproduce: only: '${n}' is neither a part nor a figure id; parts: ${names.join(', ')}; ` +
          `figure ids: ${ids.join(', ')}`,
      );
    }
  }
}
