import type { TrialResult } from '../sweep/trial-pool.js';
import type { ComputeJob } from './compute-job.js';
import type { TrainConfig } from '../train/config.js';
import type { RunHooks } from './run-or-load.js';

/** What the main job hands each experiment module (see `reproduce`). */
export interface ReproduceContext {
  /** 'quick' (minutes on 2 cores) or 'full' (the papers' settings where the machine allows). */
  scale: 'quick' | 'full';
  /** Seeds of every comparison. */
  seeds: number[];
  /** Root folder of run records (pass it to `runOrLoad`). */
  results: string;
  /** Folder for figures (HTML + JSON). */
  figures: string;
  /** Progress lines for the user (stderr in the CLI). */
  log: (line: string) => void;
  /** Hooks for one run, by label; pass them to `runOrLoad` (the main job counts trained and loaded runs). */
  hooks: (label: string) => RunHooks;
  /**
   * Trains the given runs (the part's plan) on the sweep runner's worker processes before the part's own
   * `runOrLoad` calls, which then load them; resolves when all of them have finished. The main job queues every
   * part's plan ({@link ExperimentPlan}) when it starts, so here the runs are usually queued, running or done
   * already; runs not queued yet go after the waiting ones, or before them with `{ first: true }` (a run that
   * depends on another run's records). A failed run is left to the part's own call (which trains it in-process
   * and throws as before). Returns one result per distinct run (same resolved config = one run), in plan order.
   */
  prefetch: (plan: readonly TrainOptions[], options?: { first?: boolean }) => Promise<TrialResult[]>;
  /**
   * Runs measurements that are not training runs ({@link ComputeJob}s, e.g. one per seed) on the runner's
   * workers, like `prefetch`; the part's own `runComputeJob` calls then load the stored values. A failed job is
   * left to the part's own call. Without workers (`workers: 0`) this does nothing and the part computes in-process.
   */
  precompute: (jobs: readonly ComputeJob[]) => Promise<void>;
}

/** What a part's plan depends on: the main job's scale and seeds. */
export type PlanContext = Pick<ReproduceContext, 'scale' | 'seeds'>;

/**
 * A part's plan: every independent training run the part will load (the exact options of its `runOrLoad`
 * calls, so the keys match), for the main job to queue on the sweep runner before the part starts.
 */
export type ExperimentPlan = (ctx: PlanContext) => TrainOptions[];

/** A part's measurements that are not training runs, for the main job to queue on the runner when it starts. */
export type ComputePlan = (ctx: PlanContext) => ComputeJob[];

/** Options of one training run, as `runOrLoad` takes them. */
export type TrainOptions = Partial<TrainConfig> & Pick<TrainConfig, 'task' | 'method'>;

/** One figure written by an experiment module, for the gallery page. */
export interface FigureEntry {
  title: string;
  /** File name relative to the figures folder, e.g. 'mis-fig2-poly6.html'. */
  file: string;
  caption: string;
  /** Run record folders the figure was made from, relative to the figures folder (linked from the gallery). */
  records?: string[];
}

/** An experiment module: runs (or loads) its runs and writes its figures. */
export type ExperimentModule = (ctx: ReproduceContext) => Promise<FigureEntry[]>;
