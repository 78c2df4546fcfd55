import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { writeFileAtomic } from '../records/write-run-records.js';
import type { ColumnTable } from 'arquero';
import { exportFigures } from '../figures/export-static.js';
import { lineBandFigure } from '../figures/line-band-figure.js';
import { writeFigureHtml, writeFigureJson } from '../figures/write-figure-html.js';
import type { TrainConfig } from '../train/config.js';
import type { TrainHooks } from '../train/train.js';
import { reproduceBaselines } from './baseline-figures.js';
import { reproduceEmais } from './emais-figures.js';
import { reproduceMis } from './mis-figures.js';
import { reproducePointcloud } from './pointcloud-figures.js';
import { runOrLoad, type RunRecords } from './run-or-load.js';
import type { ExperimentModule, FigureEntry } from './types.js';

/** Experiment modules the main job runs after its own figures, in order. */
export const EXPERIMENTS: Record<string, ExperimentModule> = {
  mis: reproduceMis,
  emais: reproduceEmais,
  baselines: reproduceBaselines,
  pointcloud: reproducePointcloud,
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
  /** Run only these parts ('core' = the built-in figures, or names of {@link EXPERIMENTS}); [] = all (default). */
  only: string[];
  /** Called before each run with a label and after each evaluation. */
  log?: (line: string) => void;
  /** Progress hook of each training run. */
  hooks?: (label: string) => TrainHooks;
}

export const reproduceDefaults: Omit<ReproduceOptions, 'log' | 'hooks'> = {
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
  extra?: { file: string; title: string; caption: string; x: string; xTitle: string }[];
}

const FIGURES: FigureJob[] = [
  {
    file: 'poly6-excess-loss',
    title: 'Polynomial regression (order 6): uniform SGD vs IS vs AS',
    caption:
      'Excess training loss F(θ) − F(θ*) vs step on poly6 (MIS Fig. 2 set-up, B = 32); mean and ±1 std band of ' +
      'log10 over seeds. IS uses the memory-based algorithm with the exact per-sample gradient norm of the linear model.',
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
 * The main job: trains (or loads, when an earlier run with the same config exists) every run the kit's figures
 * need, then writes each figure as self-contained HTML plus its JSON, and an index page.
 * @returns the paths of the written figures.
 */
export async function reproduce(options: Partial<ReproduceOptions> = {}): Promise<string[]> {
  const o = { ...reproduceDefaults, ...options };
  const log = o.log ?? (() => {});
  const written: string[] = [];
  const gallery: FigureEntry[] = [];
  for (const job of o.only.length > 0 && !o.only.includes('core') ? [] : FIGURES) {
    const runs: RunRecords[] = [];
    for (const method of job.methods) {
      for (const seed of o.seeds) {
        const label = `${job.task}/${method}/seed ${seed}`;
        const r = await runOrLoad(
          { task: job.task, method, seed, scale: o.scale, ...job.overrides },
          o.results,
          o.hooks?.(label) ?? {},
        );
        log(
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
      const html = writeFigureHtml(fig, join(o.figures, `${v.file}.html`), { title: v.title });
      writeFigureJson(fig, join(o.figures, `${v.file}.json`));
      gallery.push({
        title: v.title,
        file: `${v.file}.html`,
        caption: v.caption,
        records: runs.map((r) => relative(o.figures, r.dir)),
      });
      written.push(html);
      log(`figure ${html}`);
    }
  }
  const ctx = {
    scale: o.scale,
    seeds: o.seeds,
    results: o.results,
    figures: o.figures,
    log,
    hooks: o.hooks ?? (() => ({})),
  };
  for (const [name, run] of Object.entries(EXPERIMENTS)) {
    if (o.only.length > 0 && !o.only.includes(name)) continue;
    log(`experiment ${name}`);
    for (const entry of await run(ctx)) {
      gallery.push(entry);
      written.push(join(o.figures, entry.file));
    }
  }
  // Partial runs (--only) keep the entries of earlier runs: merge with the manifest, newest entry per file wins.
  const manifest = join(o.figures, 'gallery.json');
  const earlier: FigureEntry[] = existsSync(manifest)
    ? (JSON.parse(readFileSync(manifest, 'utf8')) as FigureEntry[])
    : [];
  const merged = [...earlier.filter((e) => !gallery.some((g) => g.file === e.file)), ...gallery].filter((e) =>
    existsSync(join(o.figures, e.file)),
  );
  mkdirSync(o.figures, { recursive: true });
  writeFileAtomic(manifest, JSON.stringify(merged, null, 2) + '\n');
  // SVG/PNG/PDF of this run's figures, thumbnails, and the gallery page (index.html) over every entry.
  written.push(
    ...(await exportFigures(o.figures, { only: gallery.map((e) => e.file.replace(/\.html$/, '')) })),
  );
  return written;
}
