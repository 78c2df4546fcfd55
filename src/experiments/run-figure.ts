import { mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { OptionValue } from '../options/option-spec.js';
import type { Figure } from '../figures/types.js';
import { writeFigureHtml, writeFigureJson } from '../figures/write-figure-html.js';
import { runComputeJob } from './compute-job.js';
import {
  changedSettingsSentence,
  variantSuffix,
  type FigureOutput,
  type FigureSpec,
  type LoadedRun,
  type PlannedRun,
} from './figure-spec.js';
import { writeFileAtomic } from '../records/write-run-records.js';
import { runOrLoad } from './run-or-load.js';
import type { FigureEntry, ReproduceContext } from './types.js';

/** A figure to make: its spec, resolved settings, the defaults they are compared with, and what changed. */
export interface FigureTask {
  spec: FigureSpec;
  settings: Record<string, OptionValue>;
  /** The settings' defaults in this job (declared defaults with the job's scale and seeds). */
  base: Record<string, OptionValue>;
  /** Names of the settings that differ from `base` (the figure is then written under a name carrying them). */
  changed: string[];
}

/**
 * The label of a run in the log: 'poly6/omis J=4/seed 2'.
 * @example
 * runLabel({ options: { task: 'poly6', method: 'is', seed: 1 } }); // 'poly6/is/seed 1'
 * runLabel({ options: { task: 't', method: 'uniform-dynamic', methodOptions: { batchSizes: [4, 5] } } });
 * // 't/uniform-dynamic batchSizes=[2 values]/seed 1'
 */
export function runLabel(run: PlannedRun): string {
  const o = run.options;
  // A list (e.g. a batch-size schedule of one value per step) is shown by its length, so the line stays short.
  const shown = (v: unknown) => (Array.isArray(v) ? `[${v.length} values]` : String(v));
  const extra = Object.entries(o.methodOptions ?? {}).map(([k, v]) => ` ${k}=${shown(v)}`);
  return `${o.task}/${o.method}${extra.join('')}/seed ${o.seed ?? 1}`;
}

/**
 * Loads (or trains, when the worker pool could not) every run of a plan, in plan order, with one log line each:
 * the one load loop of the main job.
 */
export async function loadRuns(ctx: ReproduceContext, runs: readonly PlannedRun[]): Promise<LoadedRun[]> {
  const out: LoadedRun[] = [];
  for (const run of runs) {
    const label = runLabel(run);
    const r = await runOrLoad(run.options, ctx.results, ctx.hooks(label));
    ctx.log(
      `${r.cached ? 'loaded' : 'trained'} ${label} (${r.backend}, ${r.wallSeconds.toFixed(1)} s) → ${r.dir}`,
    );
    out.push({ ...r, tags: run.tags ?? {} });
  }
  return out;
}

/**
 * Writes one output of a figure into `figures` as `<file>.html` (and `<file>.json` for a plot): the one writer of
 * figure files. An output needs exactly one of `figure` and `html`; `who` names the figure in that error.
 * @returns the absolute path of the HTML file.
 * @example
 * writeOutputFiles('figures', 'ablation-beta', { file: 'ablation-beta', title, caption, figure }, 'ablation beta');
 */
export function writeOutputFiles(figures: string, file: string, output: FigureOutput, who: string): string {
  if ((output.figure === undefined) === (output.html === undefined)) {
    throw new Error(`${who}: output '${output.file}' needs exactly one of figure and html`);
  }
  const path = resolve(figures, `${file}.html`);
  if (output.html !== undefined) {
    mkdirSync(figures, { recursive: true });
    writeFileAtomic(path, output.html);
  } else {
    const fig = output.figure as Figure; // heatmap and image traces too: Figure's trace union names only scatter
    writeFigureHtml(fig, path, { title: output.title });
    writeFigureJson(fig, join(figures, `${file}.json`));
  }
  return path;
}

/**
 * Writes one output of a figure (a plot as HTML and JSON, a table page as HTML) and returns its gallery entry: the
 * one writer of the main job.
 * A figure with changed settings is written beside the default one, under a name carrying them, and its caption
 * starts with the settings that differ.
 */
export function writeFigureOutput(
  ctx: Pick<ReproduceContext, 'figures' | 'log'>,
  task: FigureTask,
  output: FigureOutput,
  runs: readonly LoadedRun[],
): FigureEntry {
  const file = `${output.file}${variantSuffix(task.settings, task.changed)}`;
  const path = writeOutputFiles(ctx.figures, file, output, `figure ${task.spec.id}`);
  ctx.log(`figure ${path}`);
  const changed = changedSettingsSentence(task.spec, task.base, task.settings, task.changed);
  return {
    title: output.title,
    file: `${file}.html`,
    caption: changed === '' ? output.caption : `${changed} ${output.caption}`,
    ...(output.records ? { records: runs.map((r) => relative(ctx.figures, r.dir)) } : {}),
  };
}

/**
 * Makes one figure: queues its plan on the worker pool, loads its runs (then plans, queues first and loads its
 * dependent runs) and measurements, calls its `make` and writes every output.
 * @returns the gallery entries.
 * @example
 * const entries = await runFigure(ctx, { spec, settings, base: settings, changed: [] });
 */
export async function runFigure(ctx: ReproduceContext, task: FigureTask): Promise<FigureEntry[]> {
  const plan = task.spec.plan(task.settings);
  const jobs = plan.computations ?? [];
  await ctx.prefetch(plan.runs.map((r) => r.options));
  if (jobs.length > 0) await ctx.precompute(jobs);
  const runs = await loadRuns(ctx, plan.runs);
  const dependents = plan.dependents?.(runs) ?? [];
  if (dependents.length > 0) {
    // Their options come from loaded records, so they could not be queued with the plan: ahead of the queue now.
    await ctx.prefetch(
      dependents.map((r) => r.options),
      { first: true },
    );
    runs.push(...(await loadRuns(ctx, dependents)));
  }
  const computed: unknown[] = [];
  for (const job of jobs) {
    const r = await runComputeJob(ctx.results, job);
    ctx.log(`${r.cached ? 'loaded' : 'computed'} ${job.label} → ${r.path}`);
    computed.push(r.value);
  }
  const outputs = await task.spec.make({ runs, computed, log: ctx.log, results: ctx.results }, task.settings);
  return outputs.map((o) => writeFigureOutput(ctx, task, o, runs));
}
