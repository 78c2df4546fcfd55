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
   * Trains the given runs (the part's plan) on the sweep runner's worker processes, `workers` at a time, before
   * the part's own `runOrLoad` calls, which then load them. A failed run is left to the part's own call (which
   * trains it in-process and throws as before). Parts without a plan skip this and train one run at a time.
   */
  prefetch: (plan: readonly TrainOptions[]) => Promise<void>;
}

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
