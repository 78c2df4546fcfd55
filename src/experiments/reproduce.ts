import { BACKEND_ENV, setupBackend, type BackendRequest } from '../backend/setup-backend.js';
import {
  InterruptedError,
  interruptible,
  interruptRequested,
  isInterruptedError,
} from '../train/interrupt.js';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ColumnTable } from 'arquero';
import { fashionMnistDirEnv, findFashionMnist } from '../data/fashion-mnist.js';
import { checkOutputFolder } from '../records/run-directory.js';
import { writeFileAtomic } from '../records/write-run-records.js';
import { availableParallelism } from 'node:os';
import { exportFigures } from '../figures/export-static.js';
import { toTrials, type Trial } from '../sweep/expand-trials.js';
import { formatProgress } from '../sweep/format-progress.js';
import { createTrialPool, type TrialPool, type TrialResult } from '../sweep/trial-pool.js';
import { ablationsPlan, reproduceAblations } from '../sweep/run-ablation.js';
import { executedNotebookLinks, writeGalleryHtml } from '../figures/gallery-html.js';
import { lineBandFigure } from '../figures/line-band-figure.js';
import { methodStyle } from '../figures/method-style.js';
import { writeFigureHtml, writeFigureJson } from '../figures/write-figure-html.js';
import type { TrainConfig } from '../train/config.js';
import type { TrainHooks } from '../train/train.js';
import { baselinesPlan, reproduceBaselines } from './baseline-figures.js';
import { asisFig1Computations, reproduceAsisFig1 } from './asis-fig1-figure.js';
import { asisFig8Plan, reproduceAsisFig8 } from './asis-fig8-figure.js';
import { emaisExtraPlan, reproduceEmaisExtra } from './emais-extra-figures.js';
import { emaisStudiesPlan, reproduceEmaisStudies } from './emais-study-figures.js';
import { emaisPlan, reproduceEmais } from './emais-figures.js';
import { emaisTraceComputations, reproduceEmaisTraces } from './emais-trace-figures.js';
import { importanceDistanceComputations, reproduceImportanceDistance } from './importance-distance-figure.js';
import { misComputations, misPlan, reproduceMis } from './mis-figures.js';
import { pointcloudPlan, reproducePointcloud } from './pointcloud-figures.js';
import { asisFig10Plan, reproduceAsisFig10 } from './asis-fig10-figure.js';
import { omisMnistPlan, reproduceOmisMnist } from './omis-mnist-figure.js';
import { tailVerdict } from './tail-verdict.js';
import { runOrLoad, type RunHooks, type RunRecords } from './run-or-load.js';
import type {
  ComputePlan,
  ExperimentModule,
  ExperimentPlan,
  FigureEntry,
  ReproduceContext,
} from './types.js';

/** Experiment modules the main job runs after its own figures ('core'), in order. */
export const EXPERIMENTS: Record<string, ExperimentModule> = {
  mis: reproduceMis,
  emais: reproduceEmais,
  baselines: reproduceBaselines,
  pointcloud: reproducePointcloud,
  'pmf-distance': reproduceImportanceDistance,
  'emais-traces': reproduceEmaisTraces,
  'emais-extra': reproduceEmaisExtra,
  'emais-studies': reproduceEmaisStudies,
  'asis-fig1': reproduceAsisFig1,
  'asis-fig8': reproduceAsisFig8,
  'asis-fig10': reproduceAsisFig10,
  'omis-mnist': reproduceOmisMnist,
};

/** Something a part of the main job needs (data, a package), checked before any part starts. */
export interface PartRequirement {
  /** What is needed, e.g. 'Fashion-MNIST'. */
  what: string;
  /** null when it is there, else one line saying what is missing where. */
  missing(): string | null;
  /** The one command that provides it, e.g. 'sudo apt-get install dataset-fashion-mnist'. */
  enable: string;
}

/** One part of the main job: a name for `--only`, what it needs, the module that runs it and its plan. */
export interface ReproducePart {
  name: string;
  /** Checked before the job starts; a part with a missing requirement is skipped (and reported). */
  requires: readonly PartRequirement[];
  run: ExperimentModule;
  /**
   * The training runs the part will load (see {@link ExperimentPlan}); the job queues them on the runner's
   * workers when it starts (every built-in part has one). Absent: the part queues its runs itself
   * (`ctx.prefetch`) when it starts, or works in-process.
   */
  plan?: ExperimentPlan;
  /** Its measurements that are not training runs (see {@link ComputePlan}), queued on the workers likewise. */
  computations?: ComputePlan;
}

/**
 * Fashion-MNIST IDX files (Debian `dataset-fashion-mnist`, or a folder in env `ISGRAD_FMNIST_DIR`), needed by the
 * `fmnist-lenet` task.
 */
export const fashionMnistRequirement: PartRequirement = {
  what: 'Fashion-MNIST (task fmnist-lenet)',
  missing() {
    const f = findFashionMnist();
    return f.missing.length === 0
      ? null
      : `${f.missing.length === 4 ? 'none of its four IDX files' : `no ${f.missing.join(', ')}`} in ${f.dir} ` +
          `(${f.source}; or set ${fashionMnistDirEnv} to a folder holding them)`;
  },
  enable: 'sudo apt-get install dataset-fashion-mnist',
};

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
  /** Run only these parts (names of {@link REPRODUCE_PARTS}: core, mis, emais, ...); [] = all (default). */
  only: string[];
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

/** One figure of the main job. */
interface FigureJob {
  file: string;
  title: string;
  caption: string;
  task: string;
  methods: string[];
  overrides: Partial<TrainConfig>;
  x: string;
  y: string;
  xTitle: string;
  yTitle: string;
  logY: boolean;
  /** Leave out evaluations with x below this (e.g. the untrained model at epoch 0). */
  fromX?: number;
  /** The paper's claim, and the methods it shows below uniform (caption verdict on the tail-averaged y). */
  paper: { claim: string; expectBelow: string[] };
  extra?: { file: string; title: string; caption: string; x: string; xTitle: string }[];
}

const FIGURES: FigureJob[] = [
  {
    file: 'poly6-excess-loss',
    title: 'Polynomial regression (order 6): uniform SGD vs IS vs AS',
    caption:
      'Excess training loss F(θ) − F(θ*) vs step on poly6 ([MIS] Fig. 2 set-up, B = 32); mean and ±1 std band of ' +
      'log10 over seeds. IS uses the memory-based algorithm with the exact per-sample gradient norm of the linear model.',
    paper: {
      claim:
        '[MIS] Fig. 2 shows IS below SGD at its noise floor. AS (no reweighting) minimises a reweighted loss, so its ' +
        'excess loss on F is a bias floor; no paper shows AS on poly6.',
      expectBelow: ['is'],
    },
    task: 'poly6',
    methods: ['uniform', 'is', 'as'],
    overrides: { evalEvery: 8 },
    x: 'step',
    y: 'excessLoss',
    xTitle: 'step',
    yTitle: 'excess loss F(θ) − F(θ*)',
    logY: true,
  },
];

/** Rows of the evaluation tables of several runs, as plain objects. */
function evalRows(runs: RunRecords[]): Record<string, unknown>[] {
  return runs.flatMap((r) => (r.evals as ColumnTable).objects() as Record<string, unknown>[]);
}

/**
 * The 'core' part's plan: uniform, IS and AS on poly6 for every seed (the runs its figure loads).
 * @example
 * corePlan({ scale: 'quick', seeds: [1, 2, 3] }).length; // 9
 */
export const corePlan: ExperimentPlan = (ctx) =>
  FIGURES.flatMap((job) =>
    job.methods.flatMap((method) =>
      ctx.seeds.map((seed) => ({ task: job.task, method, seed, scale: ctx.scale, ...job.overrides })),
    ),
  );

/**
 * The main job's own figures (part 'core': uniform vs IS vs AS on poly6).
 * @example
 * const entries = await reproduceCore(ctx);
 */
export const reproduceCore: ExperimentModule = async (ctx: ReproduceContext): Promise<FigureEntry[]> => {
  const gallery: FigureEntry[] = [];
  // Every run of the part on the runner's worker processes first; the loop below then loads them.
  await ctx.prefetch(corePlan(ctx));
  for (const job of FIGURES) {
    const runs: RunRecords[] = [];
    for (const method of job.methods) {
      for (const seed of ctx.seeds) {
        const label = `${job.task}/${method}/seed ${seed}`;
        const r = await runOrLoad(
          { task: job.task, method, seed, scale: ctx.scale, ...job.overrides },
          ctx.results,
          ctx.hooks(label),
        );
        ctx.log(
          `${r.cached ? 'loaded' : 'trained'} ${label} (${r.backend}, ${r.wallSeconds.toFixed(1)} s) → ${r.dir}`,
        );
        runs.push(r);
      }
    }
    const rows = evalRows(runs).filter((r) => job.fromX === undefined || (r[job.x] as number) >= job.fromX);
    const views: { file: string; title: string; caption: string; x: string; xTitle: string }[] = [
      { file: job.file, title: job.title, caption: job.caption, x: job.x, xTitle: job.xTitle },
    ];
    views.push(...(job.extra ?? []));
    for (const v of views) {
      const fig = lineBandFigure(rows, {
        x: v.x,
        y: job.y,
        title: v.title,
        xTitle: v.xTitle,
        yTitle: job.yTitle,
        logY: job.logY,
        alignBy: job.x, // replicates meet at the job's x (e.g. epoch); a time view plots their mean time
      });
      const html = writeFigureHtml(fig, join(ctx.figures, `${v.file}.html`), { title: v.title });
      writeFigureJson(fig, join(ctx.figures, `${v.file}.json`));
      const verdict = tailVerdict(rows, {
        y: job.y,
        reference: 'uniform',
        expectBelow: job.paper.expectBelow,
        labels: Object.fromEntries(job.methods.map((m) => [m, methodStyle(m).label])),
      });
      gallery.push({
        title: v.title,
        file: `${v.file}.html`,
        caption: `${v.caption} Seeds ${ctx.seeds.join(', ')}. ${job.paper.claim} ${verdict}`,
        records: runs.map((r) => relative(ctx.figures, r.dir)),
      });
      ctx.log(`figure ${html}`);
    }
  }
  return gallery;
};

/** The parts of the main job, in order, with what each needs (`isgrad reproduce --only` takes their names). */
export const REPRODUCE_PARTS: readonly ReproducePart[] = Object.freeze([
  { name: 'core', requires: [], run: reproduceCore, plan: corePlan },
  { name: 'mis', requires: [], run: EXPERIMENTS.mis, plan: misPlan, computations: misComputations },
  { name: 'emais', requires: [fashionMnistRequirement], run: EXPERIMENTS.emais, plan: emaisPlan },
  { name: 'baselines', requires: [], run: EXPERIMENTS.baselines, plan: baselinesPlan },
  { name: 'pointcloud', requires: [], run: EXPERIMENTS.pointcloud, plan: pointcloudPlan },
  {
    name: 'pmf-distance',
    requires: [],
    run: EXPERIMENTS['pmf-distance'],
    computations: importanceDistanceComputations,
  },
  {
    name: 'emais-traces',
    requires: [fashionMnistRequirement],
    run: EXPERIMENTS['emais-traces'],
    computations: emaisTraceComputations,
  },
  {
    name: 'emais-extra',
    requires: [fashionMnistRequirement],
    run: EXPERIMENTS['emais-extra'],
    plan: emaisExtraPlan,
  },
  {
    name: 'emais-studies',
    requires: [fashionMnistRequirement],
    run: EXPERIMENTS['emais-studies'],
    plan: emaisStudiesPlan,
  },
  { name: 'asis-fig1', requires: [], run: EXPERIMENTS['asis-fig1'], computations: asisFig1Computations },
  { name: 'asis-fig8', requires: [], run: EXPERIMENTS['asis-fig8'], plan: asisFig8Plan },
  { name: 'asis-fig10', requires: [], run: EXPERIMENTS['asis-fig10'], plan: asisFig10Plan() },
  { name: 'omis-mnist', requires: [], run: EXPERIMENTS['omis-mnist'], plan: omisMnistPlan() },
  { name: 'ablations', requires: [], run: reproduceAblations, plan: ablationsPlan },
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
 * The main job. Before any work it checks the output folders and what each selected part needs
 * ({@link ReproducePart.requires}); then it runs every part it can, in order: each trains (or loads, when a run with
 * the same key finished earlier) its runs and writes its figures. A part with a missing requirement is skipped; a
 * part that throws is reported and the job goes on with the next. Finally the gallery (`index.html`) is written
 * for every figure there is, and the report says what ran, was loaded, skipped or crashed.
 * @returns the report; print it with {@link formatReproduceSummary}, exit with `report.exitCode`.
 * @example
 * const report = await reproduce({ scale: 'quick', only: ['core'] });
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
  const selected = all.filter((p) => o.only.length === 0 || o.only.includes(p.name));
  // Check every requirement before the first run, so a missing dataset is known in milliseconds, not at minute 5.
  const plan = selected.map((part) => ({
    part,
    missing: part.requires.flatMap((r) => {
      const reason = r.missing();
      return reason === null ? [] : [{ what: r.what, reason, enable: r.enable }];
    }),
  }));
  const skipped = plan.filter((p) => p.missing.length > 0).map((p) => p.part.name);
  log(
    `parts: ${selected.map((p) => p.name).join(', ') || '(none)'}` +
      (skipped.length > 0 ? `; skipped for missing requirements: ${skipped.join(', ')}` : ''),
  );
  const outcomes: PartOutcome[] = [];
  const written: string[] = [];
  const gallery: FigureEntry[] = [];
  // One pool of worker processes for the whole job. Every part's plan is queued now, in part order: the workers
  // go on to the next parts' runs while this process makes a part's figures (or trains what could not be
  // planned), so no core waits at a part boundary and a part's last runs overlap the next part's first.
  const workers = o.workers ?? availableParallelism();
  const pool: Pick<TrialPool, 'submit' | 'compute' | 'close'> =
    workers === 0
      ? inProcessRunner(o.results)
      : createTrialPool({ root: o.results, workers, onProgress: (p) => log(formatProgress(p)) });
  const countedTrained = new Set<string>(); // run folders a part already counted as trained by the pool
  try {
    for (const { part, missing } of plan) {
      if (workers === 0 || missing.length > 0) continue;
      const at = { scale: o.scale, seeds: o.seeds };
      // A plan that throws is skipped here: the part meets the same error when it runs, and is reported as crashed.
      // A failure to start workers surfaces in the part's own prefetch.
      try {
        if (part.plan) pool.submit(toTrials(part.plan(at), `plan of part ${part.name}`)).catch(() => {});
        if (part.computations) pool.compute(part.computations(at)).catch(() => {});
      } catch {
        continue;
      }
    }
    for (const { part, missing } of plan) {
      const outcome: PartOutcome = {
        name: part.name,
        status: 'skipped',
        requested: o.only.includes(part.name),
        trained: 0,
        loaded: 0,
        figures: [],
        missing,
        seconds: 0,
      };
      outcomes.push(outcome);
      if (missing.length > 0) {
        log(`skipped ${part.name}: ${missing.map((m) => `${m.what}: ${m.reason}`).join('; ')}`);
        continue;
      }
      log(`part ${part.name}`);
      const prefetched = new Set<string>();
      const ctx: ReproduceContext = {
        scale: o.scale,
        seeds: o.seeds,
        results: o.results,
        figures: o.figures,
        log,
        hooks: (label): RunHooks => ({
          ...(o.hooks?.(label) ?? {}),
          onRecords: (r) => {
            if (prefetched.has(r.dir)) return; // counted when the runner made or found it
            if (r.cached) outcome.loaded++;
            else outcome.trained++;
          },
        }),
        prefetch: async (runs, options = {}) => {
          const results = await pool.submit(toTrials([...runs]), options);
          for (const r of results) {
            if (r.status === 'failed' || r.dir === null) continue; // the part's own runOrLoad retries it
            if (prefetched.has(r.dir)) continue;
            prefetched.add(r.dir);
            // A run the pool trained for an earlier part (a shared run) is loaded from this part's view.
            if (r.status === 'trained' && !countedTrained.has(r.dir)) {
              countedTrained.add(r.dir);
              outcome.trained++;
            } else outcome.loaded++;
          }
          return results;
        },
        precompute: async (jobs) => {
          await pool.compute(jobs);
        },
      };
      const t0 = performance.now();
      try {
        outcome.figures = await part.run(ctx);
        outcome.status = 'ran';
      } catch (e) {
        if (isInterruptedError(e) || interruptRequested()) {
          throw new InterruptedError(
            `interrupted in part ${part.name}; run again to resume: finished runs load`,
          );
        }
        outcome.status = 'crashed';
        outcome.error = e instanceof Error ? e.message : String(e);
        log(`crashed ${part.name}: ${outcome.error}`);
      }
      outcome.seconds = (performance.now() - t0) / 1000;
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
  return {
    parts: outcomes,
    files: written,
    index,
    exitCode: reproduceExitCode(outcomes),
    staticExportSkipped: staticExport,
  };
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
      return {
        trial,
        status: r.cached ? 'cached' : 'trained',
        dir: r.dir,
        key: r.key,
        backend: r.backend,
        steps: r.steps.numRows(),
        wallSeconds: r.wallSeconds,
        cpuSeconds: r.cached ? null : (c.user + c.system) / 1e6,
        timing: [],
      };
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
  for (const n of o.only) {
    if (!names.includes(n))
      throw new Error(`reproduce: only: '${n}' is not a part; allowed: ${names.join(', ')}`);
  }
}
