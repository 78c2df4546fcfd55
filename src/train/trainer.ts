import * as tf from '@tensorflow/tfjs';
import { setupBackend, type BackendInfo } from '../backend/setup-backend.js';
import { gatherBatch } from '../data/dataset.js';
import { getImportance } from '../importance/registry.js';
import type { ImportanceContext, ImportanceFunction } from '../importance/types.js';
import type { Model } from '../models/types.js';
import { createRng } from '../random/rng.js';
import { createSampler } from '../samplers/registry.js';
import type { Sampler } from '../samplers/types.js';
import { getTask } from '../tasks/registry.js';
import type { TaskInstance } from '../tasks/types.js';
import { trainDefaults, type TrainConfig } from './config.js';
import { evaluate } from './evaluate.js';
import { getMethod, type MethodSpec } from './methods.js';
import { createOptimizer, OPTIMIZERS, type Optimizer } from './optimizer.js';
import { learningRateAt, SCHEDULES } from './schedule.js';

/** One optimisation step's record. Times are milliseconds. */
export interface StepRecord {
  step: number;
  epoch: number;
  /** Scheduled learning rate used for this step. */
  lr: number;
  /** Unweighted mean loss of the drawn minibatch (biased toward the sampler's pmf under IS/AS). */
  batchLoss: number;
  /** Time to draw the minibatch (sampler.next). */
  msSample: number;
  /** Time to gather the batch, run forward and backward, and apply the update. */
  msForwardBackward: number;
  /** Time to score the batch (importance function) and update the sampler's memory. */
  msImportance: number;
}

/** One evaluation over the full train (and test) set. */
export interface EvalRecord {
  /** Number of steps taken before this evaluation. */
  step: number;
  /** Number of completed epochs (fractional between epoch ends). */
  epoch: number;
  /** Wall-clock seconds of training (evaluations excluded) up to this point. */
  trainSeconds: number;
  /** Full-dataset mean train loss F(θ). */
  trainLoss: number;
  /** F(θ) − F(θ*) in float64, for tasks with a known optimum. */
  excessLoss?: number;
  trainError?: number;
  testLoss?: number;
  testError?: number;
}

/** A training run that advances one step at a time (the loop of {@link train}, the benchmark, notebooks). */
export interface Trainer {
  readonly config: TrainConfig;
  readonly backend: BackendInfo;
  readonly task: TaskInstance;
  readonly method: MethodSpec;
  readonly model: Model;
  readonly sampler: Sampler;
  /** Steps of the whole run (Σ over epochs of the sampler's steps per epoch). */
  readonly totalSteps: number;
  /** Steps taken so far. */
  readonly step: number;
  /** Current epoch (0-based); equals `config.epochs` when the run is done. */
  readonly epoch: number;
  /** Milliseconds spent in steps (and epoch-end sampler updates), evaluations excluded. */
  readonly trainMs: number;
  readonly done: boolean;
  /** Takes one optimisation step; returns its record, and whether it ended an epoch. */
  runStep(): { record: StepRecord; endedEpoch: boolean };
  /** Evaluates the current model on the full train and test sets. */
  evaluate(): EvalRecord;
  /** Frees the model's and the optimiser's tensors. */
  dispose(): void;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Fills a config from the global defaults, the task's defaults and the given options, and validates it. */
export function resolveConfig(
  options: Partial<TrainConfig> & Pick<TrainConfig, 'task' | 'method'>,
): TrainConfig {
  const task = getTask(options.task);
  getMethod(options.method);
  const c = { ...trainDefaults, ...task.defaults, ...stripUndefined(options) } as TrainConfig;
  const int = (k: keyof TrainConfig, lo: number) => {
    const v = c[k] as number;
    if (!Number.isInteger(v) || v < lo) throw new RangeError(`${k} must be an integer ≥ ${lo}, got ${v}`);
  };
  int('epochs', 1);
  int('batchSize', 1);
  int('evalEvery', 0);
  int('seed', 0);
  int('dataSeed', 0);
  if (!Number.isFinite(c.lr) || c.lr <= 0) throw new RangeError(`lr must be a positive number, got ${c.lr}`);
  if (!(OPTIMIZERS as readonly string[]).includes(c.optimizer)) {
    throw new Error(`optimizer must be one of ${OPTIMIZERS.join(', ')}, got '${c.optimizer}'`);
  }
  if (!(SCHEDULES as readonly string[]).includes(c.schedule)) {
    throw new Error(`schedule must be one of ${SCHEDULES.join(', ')}, got '${c.schedule}'`);
  }
  if (c.scale !== 'quick' && c.scale !== 'full') {
    throw new Error(`scale must be one of quick, full, got '${String(c.scale)}'`);
  }
  getImportance(c.importance);
  return c;
}

const now = () => performance.now();

class TrainerImpl implements Trainer {
  step = 0;
  epoch = 0;
  trainMs = 0;
  readonly totalSteps: number;
  private stepInEpoch = 0;
  private readonly optimizer: Optimizer;
  private readonly importance: ImportanceFunction;

  constructor(
    readonly config: TrainConfig,
    readonly backend: BackendInfo,
    readonly task: TaskInstance,
    readonly method: MethodSpec,
    readonly model: Model,
    readonly sampler: Sampler,
  ) {
    this.optimizer = createOptimizer(config.optimizer, config);
    this.importance = getImportance(config.importance);
    let total = 0;
    for (let e = 0; e < config.epochs; e++) total += sampler.stepsInEpoch(e);
    this.totalSteps = total;
  }

  get done(): boolean {
    return this.epoch >= this.config.epochs;
  }

  runStep(): { record: StepRecord; endedEpoch: boolean } {
    if (this.done) throw new Error(`the run is complete (${this.totalSteps} steps); no step left`);
    const { config, task, model, sampler } = this;
    const t0 = now();
    if (this.stepInEpoch === 0) sampler.beginEpoch(this.epoch);
    const lr = learningRateAt(config, this.step, this.totalSteps, this.epoch);
    const batch = sampler.next(); // indices with weights c_b
    const t1 = now();
    const wantsScores = this.method.usesImportance && sampler.wantsScores();
    const params = model.params;
    const { x, y } = gatherBatch(task.train, batch.indices); // (B, ...xShape), (B, ...)
    const c = tf.tensor1d(batch.weights); // (B)
    let kept: { output: tf.Tensor2D; hidden: tf.Tensor2D; losses: tf.Tensor1D } | null = null;
    const { value, grads } = tf.variableGrads(() => {
      const { output, hidden } = model.apply(x, true); // (B, C), (B, H)
      const losses = task.loss.perSample(output, y); // (B)
      kept = { output: tf.keep(output), hidden: tf.keep(hidden), losses: tf.keep(losses) };
      return losses.mul(c).mean() as tf.Scalar; // (1/B) Σ_b c_b ℓ_b — METHODS Eq. (1.1)
    }, params);
    const k = kept as unknown as { output: tf.Tensor2D; hidden: tf.Tensor2D; losses: tf.Tensor1D };
    const losses = k.losses.dataSync() as Float32Array;
    let batchLoss = 0;
    for (let b = 0; b < losses.length; b++) batchLoss += losses[b];
    batchLoss /= losses.length;
    if (!Number.isFinite(batchLoss)) {
      tf.dispose([x, y, c, value, k.output, k.hidden, k.losses]);
      tf.dispose(grads);
      throw new Error(
        `training diverged at step ${this.step} (epoch ${this.epoch}): minibatch loss is ${batchLoss}; ` +
          `lower the learning rate (now ${lr})`,
      );
    }
    this.optimizer.step(
      params,
      params.map((p) => grads[p.name]),
      lr,
    );
    tf.dispose([value, c]);
    tf.dispose(grads);
    const t2 = now();
    let scores: Float32Array | undefined;
    if (wantsScores) {
      const ctx: ImportanceContext = {
        model,
        loss: task.loss,
        x,
        y,
        output: k.output,
        hidden: k.hidden,
        losses: k.losses,
      };
      const st = this.importance.score(ctx); // (B) φ from the step's forward pass
      scores = st.dataSync() as Float32Array;
      st.dispose();
    }
    sampler.observe({ indices: batch.indices, scores, losses });
    tf.dispose([x, y, k.output, k.hidden, k.losses]);
    const record: StepRecord = {
      step: this.step,
      epoch: this.epoch,
      lr,
      batchLoss,
      msSample: t1 - t0,
      msForwardBackward: t2 - t1,
      msImportance: 0,
    };
    this.step += 1;
    this.stepInEpoch += 1;
    let endedEpoch = false;
    if (this.stepInEpoch >= sampler.stepsInEpoch(this.epoch)) {
      sampler.endEpoch(this.epoch);
      this.epoch += 1;
      this.stepInEpoch = 0;
      endedEpoch = true;
    }
    const t3 = now();
    record.msImportance = t3 - t2;
    this.trainMs += t3 - t0;
    return { record, endedEpoch };
  }

  evaluate(): EvalRecord {
    const { task, model } = this;
    const frac = this.done ? 0 : this.stepInEpoch / this.sampler.stepsInEpoch(this.epoch);
    const tr = evaluate(model, task.train, task.loss);
    const rec: EvalRecord = {
      step: this.step,
      epoch: this.epoch + frac,
      trainSeconds: this.trainMs / 1000,
      trainLoss: tr.loss,
    };
    if (tr.error !== undefined) rec.trainError = tr.error;
    if (task.excessLoss) rec.excessLoss = task.excessLoss(model);
    if (task.test) {
      const te = evaluate(model, task.test, task.loss);
      rec.testLoss = te.loss;
      if (te.error !== undefined) rec.testError = te.error;
    }
    return rec;
  }

  dispose(): void {
    this.optimizer.dispose();
    this.model.dispose();
  }
}

/**
 * Builds a training run: resolves the config, starts the backend, loads the task, initialises the model from
 * `rng.derive('model')` and the sampler from `rng.derive('sampler')` of the run's seed.
 *
 * Each step: the sampler draws indices with weights c_b; one forward pass gives the outputs m_b and losses ℓ_b;
 * one backward pass of (1/B) Σ_b c_b ℓ_b gives the estimate Ĝ of METHODS Eq. (1.1) (c_b = 1/(N p) for IS, 1 for
 * uniform and AS); the optimiser steps; then, for methods that use importance, φ is computed from the same
 * forward pass's tensors and fed to the sampler (which updates its memory once per unique index).
 *
 * @example
 * const t = await createTrainer({ task: 'poly6', method: 'is', seed: 1 });
 * while (!t.done) t.runStep();
 * t.evaluate().excessLoss;
 * t.dispose();
 */
export async function createTrainer(
  options: Partial<TrainConfig> & Pick<TrainConfig, 'task' | 'method'>,
): Promise<Trainer> {
  const config = resolveConfig(options);
  const backend = await setupBackend(config.backend);
  const method = getMethod(config.method);
  const task = await getTask(config.task).create({ dataSeed: config.dataSeed, scale: config.scale });
  const N = task.train.n;
  if (config.batchSize > N) {
    throw new RangeError(`batchSize (${config.batchSize}) exceeds the training set size N = ${N}`);
  }
  const rng = createRng(config.seed);
  const sampler = createSampler(
    method.sampler,
    { n: N, batchSize: config.batchSize, rng: rng.derive('sampler') },
    method.samplerOptions(config),
  );
  const model = task.createModel(rng.derive('model'));
  return new TrainerImpl(config, backend, task, method, model, sampler);
}
