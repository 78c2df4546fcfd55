import type { BackendRequest } from '../backend/setup-backend.js';
import type { OptionValue } from '../options/option-spec.js';
import type { TaskTrainDefaults } from '../tasks/types.js';
import type { ScheduleName } from './schedule.js';

/**
 * Every setting of a training run. Defaults live in {@link trainDefaults}; a task's own defaults override them
 * and explicit options override both. The resolved config is stored with every result.
 */
export interface TrainConfig {
  /** Task name, e.g. 'poly6' (see `isgrad tasks`). */
  task: string;
  /** Method name: 'uniform' (SGD-Scan), 'uniform-replace' (SGD-Uni), 'is', 'as'. */
  method: string;
  /** Seed of the run: model initialisation and sampling; an integer in [0, 2^53 − 1]. Default 1. */
  seed: number;
  /** Seed of the dataset (fixed across runs so that seeds vary only the training); in [0, 2^53 − 1]. Default 0. */
  dataSeed: number;
  /** Dataset size preset. Default 'quick'. */
  scale: 'quick' | 'full';
  /** Number of epochs (IS/AS count their initialisation epoch). Default 10. */
  epochs: number;
  /** Minibatch size B. Default 64. */
  batchSize: number;
  /** Base learning rate η_0. Default 0.01. */
  lr: number;
  /** 'sgd' (default) or 'adam'. */
  optimizer: 'sgd' | 'adam';
  /** SGD heavy-ball momentum. Default 0. */
  momentum: number;
  /** Coupled L2 weight decay. Default 0. */
  weightDecay: number;
  /** Learning-rate schedule: 'constant' (default), 'step', 'cosine'. */
  schedule: ScheduleName;
  /** Epochs of the 'step' schedule's drops. Default []. */
  milestones: number[];
  /** Factor of each 'step' drop. Default 0.1. */
  gamma: number;
  /** Importance function φ for IS/AS (METHODS §2). Default 'output-grad'. */
  importance: string;
  /**
   * The method's hyper-parameters, each declared by the method (`isgrad methods`, `MethodSpec.options`) and
   * given on the CLI as `--<kebab-name>`: e.g. the memory blend `alpha` (α_q), `eps`, `epsMode` of IS/AS/MIS
   * (declared once in `samplers/importance-memory.ts`), OMIS `J`, `beta`, EMAIS `tau`, `maxDup`. `resolveConfig`
   * fills the method's defaults (task defaults override them) and rejects an option the method does not declare.
   * Default {}.
   */
  methodOptions: Record<string, OptionValue>;
  /**
   * Sampler diagnostics (effective sample size, weight range, seen fraction, staleness, class shares every step;
   * variance traces, EMS and efficiency score every this many steps) recorded per step; 0 = off (default).
   */
  diagnosticsEvery: number;
  /** Evaluate train/test metrics every this many steps; 0 = at the end of each epoch (default). */
  evalEvery: number;
  /** TensorFlow.js backend. Default 'auto'. */
  backend: BackendRequest;
  /** Folder for records (CSV + Arrow + summary JSON); null = keep in memory only. Default null. */
  out: string | null;
  /**
   * Checkpoints of a run with `out` set (`train`): every this many steps; 0 = never; null (default) = automatic,
   * at the first step end after each 60 s of training. A run started again with the same run key resumes from
   * its checkpoint (`<out>.checkpoint-<key>`). Not part of the run key.
   */
  checkpointEvery: number | null;
}

/** Global defaults; see {@link TrainConfig} for each field. */
export const trainDefaults: Omit<TrainConfig, 'task' | 'method'> = {
  seed: 1,
  dataSeed: 0,
  scale: 'quick',
  epochs: 10,
  batchSize: 64,
  lr: 0.01,
  optimizer: 'sgd',
  momentum: 0,
  weightDecay: 0,
  schedule: 'constant',
  milestones: [],
  gamma: 0.1,
  importance: 'output-grad',
  methodOptions: {},
  diagnosticsEvery: 0,
  evalEvery: 0,
  backend: 'auto',
  out: null,
  checkpointEvery: null,
};

// A task's defaults must be settings of the config (checked at compile time, no runtime cost).
type AssertExtends<A extends B, B> = A;
export type TaskDefaultsAreConfig = AssertExtends<TaskTrainDefaults, Partial<TrainConfig>>;
