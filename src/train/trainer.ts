import * as tf from '@tensorflow/tfjs';
import { setupBackend, type BackendInfo } from '../backend/setup-backend.js';
import { gatherBatch, gatherRows } from '../data/dataset.js';
import { createEstimator } from '../estimators/registry.js';
import type { GradientEstimator } from '../estimators/types.js';
import { getImportance } from '../importance/registry.js';
import type { ImportanceContext, ImportanceFunction } from '../importance/types.js';
import type { Model } from '../models/types.js';
import { createRng } from '../random/rng.js';
import { withDiagnostics } from '../diagnostics/with-diagnostics.js';
import { createSampler } from '../samplers/registry.js';
import type { DrawContext, ForwardInfo, Sampler } from '../samplers/types.js';
import { getTask } from '../tasks/registry.js';
import type { TaskInstance } from '../tasks/types.js';
import type { TrainConfig } from './config.js';
import { evaluate } from './evaluate.js';
import { getMethod, type MethodSpec } from '../methods/method-spec.js';
import { resolveConfig } from './resolve-config.js';
import { createOptimizer, type Optimizer } from './optimizer.js';
import { learningRateAt } from './schedule.js';

/** One optimisation step's record. Times are milliseconds. */
export interface StepRecord {
  step: number;
  epoch: number;
  /** Learning rate applied in this step: the scheduled rate × `lrScale`. */
  lr: number;
  /** Factor the sampler put on the scheduled rate (EMAIS Eq. 8, RAIS); 1 for most methods. */
  lrScale: number;
  /** Unweighted mean loss of the drawn minibatch (biased toward the sampler's pmf under IS/AS). */
  batchLoss: number;
  /** Time the sampler spent evaluating candidates with the model while drawing (DLIS presampling). */
  msScore: number;
  /** Time to draw the minibatch, excluding `msScore`. */
  msSample: number;
  /** Time to gather the batch's rows into tensors. */
  msGather: number;
  /** Time of the forward pass, backward pass and parameter update. */
  msForwardBackward: number;
  /** Time to score the batch (importance function) and update the sampler's memory (and epoch-end work). */
  msImportance: number;
  /** Method-specific per-step diagnostics (sampler and estimator), e.g. EMAIS traces. */
  diagnostics?: Record<string, number>;
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

const now = () => performance.now();

class TrainerImpl implements Trainer {
  step = 0;
  epoch = 0;
  trainMs = 0;
  readonly totalSteps: number;
  private stepInEpoch = 0;
  private readonly optimizer: Optimizer;
  private readonly importance: ImportanceFunction;
  private readonly estimator: GradientEstimator;
  private readonly drawContext: DrawContext;

  constructor(
    readonly config: TrainConfig,
    readonly backend: BackendInfo,
    readonly task: TaskInstance,
    readonly method: MethodSpec,
    readonly model: Model,
    readonly sampler: Sampler,
    private readonly inner: Sampler,
  ) {
    this.optimizer = createOptimizer(config.optimizer, config);
    this.importance = getImportance(config.importance);
    this.estimator = createEstimator(method.estimator ?? 'weighted-loss', {
      n: task.train.n,
      options: config.methodOptions,
      sampler: inner, // unwrapped: MIS estimators call their sampler's own methods
    });
    this.drawContext = { evaluate: (idx) => this.evaluateIndices(idx), step: 0 };
    let total = 0;
    for (let e = 0; e < config.epochs; e++) total += sampler.stepsInEpoch(e);
    this.totalSteps = total;
  }

  get done(): boolean {
    if (this.epoch >= this.config.epochs) return true;
    // RAIS: stop once the effective iterations reach the budget T (METHODS §6.4), unless it runs fixed iterations.
    return this.inner.stopAtScheduleEnd === true && this.scheduleStep() >= this.totalSteps;
  }

  /** Iteration count of the learning-rate schedule: the sampler's (RAIS t̃) or the real step count. */
  private scheduleStep(): number {
    return this.inner.scheduleProgress?.() ?? this.step;
  }

  /** Losses and importance scores of training samples under the current model (no gradient). */
  private evaluateIndices(indices: Int32Array): { losses: Float32Array; scores: Float32Array } {
    const t0 = now();
    const { model, task } = this;
    const [l, sc] = tf.tidy(() => {
      const { x, y } = gatherBatch(task.train, indices);
      const { output, hidden } = model.apply(x, false); // (n, C), (n, H)
      const losses = task.loss.perSample(output, y); // (n)
      const scores = this.importance.score({ model, loss: task.loss, x, y, output, hidden, losses }); // (n)
      return [losses, scores];
    });
    const out = { losses: l.dataSync() as Float32Array, scores: sc.dataSync() as Float32Array };
    tf.dispose([l, sc]);
    this.msScoreInStep += now() - t0;
    return out;
  }

  private msScoreInStep = 0;

  runStep(): { record: StepRecord; endedEpoch: boolean } {
    if (this.done) throw new Error(`the run is complete (${this.totalSteps} steps); no step left`);
    const { config, task, model, sampler } = this;
    const t0 = now();
    if (this.stepInEpoch === 0) sampler.beginEpoch(this.epoch);
    const lrScheduled = learningRateAt(config, this.scheduleStep(), this.totalSteps, this.epoch); // RAIS: η(t̃)
    this.msScoreInStep = 0;
    this.drawContext.step = this.step;
    const batch = sampler.next(this.drawContext); // indices with weights c_b
    const msScore = this.msScoreInStep;
    const t1 = now();
    const { x, y } = gatherBatch(task.train, batch.indices); // (B, ...xShape), (B, ...)
    const t2 = now();
    const wantsScores = this.method.usesImportance && sampler.wantsScores();
    const needs = sampler.needs ?? {};
    const labels =
      (needs.output || needs.outputGrad) && task.train.yShape.length === 0
        ? gatherRows(task.train.y as Int32Array, 1, batch.indices)
        : undefined;
    let read: Pick<ForwardInfo, 'output' | 'outputGrad' | 'losses'> | null = null;
    const est = this.estimator.estimate({
      model,
      loss: task.loss,
      x,
      y,
      batch,
      afterForward: (losses, output) => {
        // Host read-backs happen here, inside the forward pass, only for what the sampler asked for.
        read = {
          losses: losses.dataSync() as Float32Array,
          output: needs.output ? (output.dataSync() as Float32Array) : undefined,
          outputGrad: needs.outputGrad ? this.outputGradOf(output, y) : undefined,
        };
        const decision =
          sampler.afterForward?.({ batch, ...read, numOutputs: output.shape[1], labels }) ?? {};
        const weights = decision.weights ?? batch.weights;
        if (weights.length !== batch.indices.length) {
          throw new Error(
            `${sampler.name}.afterForward returned ${weights.length} weights for a batch of ${batch.indices.length}`,
          );
        }
        const lrScale = decision.lrScale ?? 1;
        if (!Number.isFinite(lrScale) || lrScale < 0) {
          throw new Error(
            `${sampler.name}.afterForward returned lrScale ${lrScale}; it must be finite and ≥ 0`,
          );
        }
        return { weights, lrScale };
      },
    });
    const r = read as unknown as Pick<ForwardInfo, 'output' | 'outputGrad' | 'losses'> | null;
    if (r === null) {
      tf.dispose([x, y, est.output, est.hidden, est.losses, ...est.grads]);
      throw new Error(`estimator ${this.estimator.name} did not call afterForward`);
    }
    const losses = r.losses;
    let batchLoss = 0;
    for (let b = 0; b < losses.length; b++) batchLoss += losses[b];
    batchLoss /= losses.length;
    const lr = lrScheduled * est.lrScale;
    if (!Number.isFinite(batchLoss)) {
      tf.dispose([x, y, est.output, est.hidden, est.losses, ...est.grads]);
      throw new Error(
        `training diverged at step ${this.step} (epoch ${this.epoch}): minibatch loss is ${batchLoss}; ` +
          `lower the learning rate (now ${lr})`,
      );
    }
    this.optimizer.step(model.params, est.grads, lr);
    tf.dispose(est.grads);
    const t3 = now();
    let scores: Float32Array | undefined;
    if (wantsScores) {
      const ctx: ImportanceContext = {
        model,
        loss: task.loss,
        x,
        y,
        output: est.output,
        hidden: est.hidden,
        losses: est.losses,
      };
      const st = this.importance.score(ctx); // (B) φ from the step's forward pass
      scores = st.dataSync() as Float32Array;
      st.dispose();
    }
    sampler.observe({
      indices: batch.indices,
      scores,
      losses,
      output: r.output,
      outputGrad: r.outputGrad,
      labels,
      step: this.step,
    });
    tf.dispose([x, y, est.output, est.hidden, est.losses]);
    const record: StepRecord = {
      step: this.step,
      epoch: this.epoch,
      lr,
      lrScale: est.lrScale,
      batchLoss,
      msScore,
      msSample: t1 - t0 - msScore,
      msGather: t2 - t1,
      msForwardBackward: t3 - t2,
      msImportance: 0,
    };
    const diag = { ...(sampler.diagnostics?.() ?? {}), ...(this.estimator.diagnostics?.() ?? {}) };
    if (Object.keys(diag).length > 0) record.diagnostics = diag;
    this.step += 1;
    this.stepInEpoch += 1;
    let endedEpoch = false;
    if (this.stepInEpoch >= sampler.stepsInEpoch(this.epoch)) {
      sampler.endEpoch(this.epoch);
      this.epoch += 1;
      this.stepInEpoch = 0;
      endedEpoch = true;
    }
    const t4 = now();
    record.msImportance = t4 - t3;
    this.trainMs += t4 - t0;
    return { record, endedEpoch };
  }

  /** u_b = ∂ℓ_b/∂m_b (B × C) on the host: the loss's closed form, else autodiff of the loss head. */
  private outputGradOf(output: tf.Tensor2D, y: tf.Tensor): Float32Array {
    const loss = this.task.loss;
    const u = tf.tidy(() =>
      loss.outputGrad
        ? loss.outputGrad(output, y)
        : (tf.grad((m: tf.Tensor) => loss.perSample(m as tf.Tensor2D, y).sum())(output) as tf.Tensor2D),
    );
    const out = u.dataSync() as Float32Array;
    u.dispose();
    return out;
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
    this.estimator.dispose();
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
  const labels = task.train.yShape.length === 0 ? (task.train.y as Int32Array) : undefined;
  const inner = createSampler(
    method.sampler,
    {
      n: N,
      batchSize: config.batchSize,
      rng: rng.derive('sampler'),
      labels,
    },
    method.samplerOptions(config),
  );
  const sampler =
    config.diagnosticsEvery > 0
      ? withDiagnostics(inner, {
          every: config.diagnosticsEvery,
          n: N,
          labels,
          numClasses: task.train.numClasses,
        })
      : inner;
  const model = task.createModel(rng.derive('model'));
  return new TrainerImpl(config, backend, task, method, model, sampler, inner);
}
