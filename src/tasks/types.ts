import type { Dataset } from '../data/dataset.js';
import type { Loss } from '../losses/types.js';
import type { Model } from '../models/types.js';
import type { Rng } from '../random/rng.js';

/** A task instantiated for one run: data, loss, a model factory and optional exact references. */
export interface TaskInstance {
  readonly name: string;
  readonly train: Dataset;
  readonly test?: Dataset;
  readonly loss: Loss;
  /** Builds a freshly initialised model from the run's rng. */
  createModel(rng: Rng): Model;
  /**
   * Excess training loss F(θ) − F(θ*) in float64, for tasks whose optimum θ* is known (poly6: least squares).
   */
  excessLoss?(model: Model): number;
}

/** Dataset size presets: 'quick' trains in minutes on 2 cores, 'full' follows the paper's sizes where possible. */
export type TaskScale = 'quick' | 'full';

/**
 * The training settings a task may default (a subset of the run config, declared here so that the tasks layer
 * does not import the trainer's config; `train/config.ts` checks at compile time that it stays a subset).
 */
export interface TaskTrainDefaults {
  epochs?: number;
  batchSize?: number;
  lr?: number;
  optimizer?: 'sgd' | 'adam';
  momentum?: number;
  weightDecay?: number;
  schedule?: 'constant' | 'step' | 'cosine';
  milestones?: number[];
  gamma?: number;
  /** Importance function φ (METHODS §2). */
  importance?: string;
  evalEvery?: number;
}

/** A task registered by name: model + data + loss + metrics, with its training defaults. */
export interface TaskSpec {
  readonly name: string;
  /** One line for `isgrad tasks`. */
  readonly description: string;
  /** Training defaults for this task (override the global defaults; CLI flags override both). */
  readonly defaults: TaskTrainDefaults;
  /**
   * Settings that change results but are not training settings (data generator options, splits,
   * model widths). They are part of a run's key (`runOrLoad`), so changing them never loads stale results.
   */
  readonly fingerprint: Record<string, unknown>;
  /** Per-method option defaults for this task, e.g. `{ omis: { J: 4 } }` (override the method's own). */
  readonly methodDefaults?: Record<string, Record<string, unknown>>;
  create(options: { dataSeed: number; scale: TaskScale }): Promise<TaskInstance>;
}
