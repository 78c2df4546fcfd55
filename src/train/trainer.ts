import { packState, statePart, unpackState, type EncodedState } from '../checkpoint/state-codec.js';
import { assertCheckpointable, loadStateOf, saveStateOf } from '../samplers/sampler-state.js';
import { cpuUsage } from 'node:process';
import * as tf from '@tensorflow/tfjs';
import { setupBackend, type BackendInfo } from '../backend/setup-backend.js';
import { gatherBatch, gatherRows, validateDataset } from '../data/dataset.js';
import { createEstimator } from '../estimators/registry.js';
import type { EstimatorOutput, GradientEstimator, StepWeights } from '../estimators/types.js';
import { outputGrad } from '../importance/output-grad.js';
import { getImportance } from '../importance/registry.js';
import type { ImportanceContext, ImportanceFunction } from '../importance/types.js';
import type { Model } from '../models/types.js';
import { createRng } from '../random/rng.js';
import { withDiagnostics } from '../diagnostics/with-diagnostics.js';
import { createSampler } from '../samplers/registry.js';
import type { Batch, DrawContext, ForwardInfo, Sampler } from '../samplers/types.js';
import { getTask } from '../tasks/registry.js';
import type { TaskInstance } from '../tasks/types.js';
import type { TrainConfig } from './config.js';
import { evaluate } from './evaluate.js';
import { getMethod, type MethodSpec } from '../methods/method-spec.js';
import { scoreBatch } from '../importance/score-batch.js';
import { checkConfigKeys, resolveConfig } from './resolve-config.js';
import { createOptimizer, type Optimizer } from './optimizer.js';
import { learningRateAt } from './schedule.js';

/** One optimisation step's record. Times are milliseconds. */
export interface StepRecord {
  step: number;
  epoch: number;
  /** Learning rate applied in this step: the scheduled rate × `lrScale`. */
  lr: number;
  /** Factor the sampler put on the scheduled rate ([EMAIS] Eq. 8, RAIS); 1 for most methods. */
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
  /**
   * Process CPU time of the whole step (user + system, from `process.cpuUsage()`), which a busy machine inflates
   * far less than wall time. The wasm backend runs on the main thread with one thread, so this is the step's own
   * compute; with a multi-threaded backend (tfjs-node) it sums the time of all threads.
   */
  msCpu: number;
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
  /** Process CPU seconds of training (Σ `msCpu` of the steps so far / 1000); all threads, see `StepRecord.msCpu`. */
  trainCpuSeconds: number;
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
  /** The run's sampler; with `diagnosticsEvery > 0`, wrapped by `withDiagnostics` (transparent, `inner` unwraps). */
  readonly sampler: Sampler;
  /** Steps of the whole run (Σ over epochs of the sampler's steps per epoch). */
  readonly totalSteps: number;
  /** Steps taken so far. */
  readonly step: number;
  /** Current epoch (0-based); equals `config.epochs` when the run is done. */
  readonly epoch: number;
  /** Milliseconds spent in steps (and epoch-end sampler updates), evaluations excluded. */
  readonly trainMs: number;
  /** Process CPU milliseconds spent in steps (Σ `StepRecord.msCpu`), evaluations excluded. */
  readonly trainCpuMs: number;
  readonly done: boolean;
  /** Takes one optimisation step; returns its record, and whether it ended an epoch. */
  runStep(): { record: StepRecord; endedEpoch: boolean };
  /**
   * Evaluates the current model on the full train and test sets. A non-finite metric throws the divergence error
   * (`training diverged at step t (epoch e): the full train-set loss (trainLoss) is Infinity; lower the learning
   * rate (now η)`), as a non-finite minibatch loss does in {@link Trainer.runStep}.
   */
  evaluate(): EvalRecord;
  /**
   * Warnings about the run's settings, known when it is built (e.g. a run no longer than its method's warm-up,
   * which trains like 'uniform'); `train()` reports them through `onWarning` and records them in summary.json.
   */
  readonly warnings: readonly string[];
  /**
   * Throws, naming the part, unless the whole run can be checkpointed (the sampler, the inner sampler under the
   * diagnostics wrapper, and the estimator have `saveState`/`loadState`). Checkpointed runs call it before their
   * first step, so a custom sampler without the contract fails at once, never silently at its first checkpoint.
   */
  assertCheckpointable(): void;
  /**
   * The run's complete state between two steps, as plain JSON ({@link TrainerState}): model variables (float32
   * bytes), optimiser slots, sampler state (importance memory, open epoch, random stream positions), estimator
   * state, step/epoch counters and cumulative times. {@link Trainer.restore} of it on a fresh trainer of the same
   * config continues exactly as this one would.
   */
  checkpoint(): TrainerState;
  /**
   * Restores a state saved by {@link Trainer.checkpoint} of a trainer with the same config (same task data, model
   * shapes and method); throws on a mismatch. Call between steps, normally right after `createTrainer`.
   */
  restore(state: TrainerState): void;
  /** Frees the model's and the optimiser's tensors. */
  dispose(): void;
}

/**
 * A trainer's saved state ({@link Trainer.checkpoint}): `{ kind: 'trainer', state, parts }` with the counters and
 * model variables in `state` and the optimiser, sampler and estimator states in `parts`. Plain JSON.
 */
export type TrainerState = EncodedState;

/** The counters and model of a {@link TrainerState}. */
type TrainerFields = {
  step: number;
  epoch: number;
  stepInEpoch: number;
  trainMs: number;
  trainCpuMs: number;
  /** Model variables in `model.params` order. */
  params: { name: string; shape: number[]; data: Float32Array }[];
};

const now = () => performance.now();

/**
 * Wall-clock laps of one step's stages, and the step's process CPU time. The two `cpuUsage()` reads of a step
 * cost ~1.2 µs together (measured over 10⁵ pairs on the 2-core dev machine), against steps of milliseconds.
 */
class StepClock {
  private readonly cpu0 = cpuUsage();
  private readonly t0 = now();
  private last = this.t0;

  /** Milliseconds since the previous lap (or the start). */
  lap(): number {
    const t = now();
    const ms = t - this.last;
    this.last = t;
    return ms;
  }

  /** Wall milliseconds from the start to the last lap. */
  wallMs(): number {
    return this.last - this.t0;
  }

  /** Process CPU milliseconds (user + system, all threads) since the start. */
  cpuMs(): number {
    const d = cpuUsage(this.cpu0);
    return (d.user + d.system) / 1000;
  }
}

/** The batch's tensors x (B, ...xShape), y, and its integer labels (B) on the host when the sampler needs them. */
interface GatheredBatch {
  x: tf.Tensor;
  y: tf.Tensor;
  labels?: Int32Array;
}

/** Host copies of the forward pass: ℓ (B) always; m and u = ∂ℓ/∂m (B × C) when the sampler `needs` them. */
type HostForward = Pick<ForwardInfo, 'losses' | 'output' | 'outputGrad'>;

/** The trainer's answer to the forward pass (weights c_b, rate factor), with the read-backs it made for it. */
interface SeenForward extends StepWeights {
  host: HostForward;
}

/**
 * The one message of a diverged run, whether a step's minibatch loss or an evaluation turned non-finite:
 * `training diverged at step 12 (epoch 1): minibatch loss is NaN; lower the learning rate (now 0.5)`.
 */
function divergedError(step: number, epoch: number, what: string, value: number, lr: number): Error {
  return new Error(
    `training diverged at step ${step} (epoch ${epoch}): ${what} is ${value}; lower the learning rate (now ${lr})`,
  );
}

/** What each metric of an {@link EvalRecord} is, in a divergence message. */
const EVAL_METRICS = {
  trainLoss: 'the full train-set loss (trainLoss)',
  excessLoss: 'the excess loss F(θ) − F(θ*) (excessLoss)',
  trainError: 'the train error rate (trainError)',
  testLoss: 'the test-set loss (testLoss)',
  testError: 'the test error rate (testError)',
} as const;

/**
 * Warnings about a run's settings: a run of no more epochs than the sampler's SGD-Scan warm-up (IS/AS/MIS
 * initialisation, EMAIS warm-up, ...) never samples by importance and trains like 'uniform', which a reader of its results must be told.
 */
function runWarnings(config: TrainConfig, sampler: Sampler): string[] {
  const warm = sampler.warmupEpochs ?? 0;
  if (warm < 1 || config.epochs > warm) return [];
  return [
    `method '${config.method}' draws like SGD-Scan (uniform) for its first ${warm} epoch${warm === 1 ? '' : 's'} ` +
      `of warm-up/initialisation, and the run has --epochs ${config.epochs}: it never samples by importance, so ` +
      `it trains like --method uniform; give --epochs ≥ ${warm + 1}`,
  ];
}

/** Mean of the minibatch losses (float64 sum). */
function meanOf(v: Float32Array): number {
  let s = 0;
  for (let b = 0; b < v.length; b++) s += v[b];
  return s / v.length;
}

class TrainerImpl implements Trainer {
  step = 0;
  epoch = 0;
  trainMs = 0;
  trainCpuMs = 0;
  readonly totalSteps: number;
  readonly warnings: readonly string[];
  private stepInEpoch = 0;
  /** Learning rate of the last update (the base rate before the first), for divergence messages. */
  private lastLr: number;
  private readonly optimizer: Optimizer;
  private readonly importance: ImportanceFunction;

  constructor(
    readonly config: TrainConfig,
    readonly backend: BackendInfo,
    readonly task: TaskInstance,
    readonly method: MethodSpec,
    readonly model: Model,
    readonly sampler: Sampler,
    private readonly estimator: GradientEstimator,
  ) {
    this.lastLr = config.lr;
    this.optimizer = createOptimizer(config.optimizer, config);
    this.importance = getImportance(config.importance);
    let total = 0;
    for (let e = 0; e < config.epochs; e++) total += sampler.stepsInEpoch(e);
    this.totalSteps = total;
    this.warnings = runWarnings(config, sampler);
  }

  get done(): boolean {
    if (this.epoch >= this.config.epochs) return true;
    // RAIS: stop once the effective iterations reach the budget T (METHODS §6.4), unless it runs fixed iterations.
    return this.sampler.stopAtScheduleEnd === true && this.scheduleStep() >= this.totalSteps;
  }

  /** Iteration count of the learning-rate schedule: the sampler's (RAIS t̃) or the real step count. */
  private scheduleStep(): number {
    return this.sampler.scheduleProgress?.() ?? this.step;
  }

  /**
   * One step of importance-sampled SGD (METHODS §1.3): draw → gather → forward and estimate → update → observe
   * importances → record. The step's tensors are released in one place, whichever way the step ends.
   */
  runStep(): { record: StepRecord; endedEpoch: boolean } {
    if (this.done) throw new Error(`the run is complete (${this.totalSteps} steps); no step left`);
    const { step, epoch } = this;
    const clock = new StepClock();
    if (this.stepInEpoch === 0) this.sampler.beginEpoch(epoch);
    const lrScheduled = learningRateAt(this.config, this.scheduleStep(), this.totalSteps, epoch); // RAIS: η(t̃)
    const { batch, msScore } = this.draw(); // indices with weights c_b
    const msDraw = clock.lap();
    const data = this.gather(batch);
    const msGather = clock.lap();
    let est: EstimatorOutput<SeenForward> | undefined;
    let msForwardBackward: number;
    try {
      est = this.forwardAndEstimate(batch, data);
      this.update(est, lrScheduled);
      msForwardBackward = clock.lap();
      this.observeImportances(batch, data, est);
    } finally {
      const t = [data.x, data.y];
      if (est !== undefined) t.push(est.output, est.hidden, est.losses, ...est.grads);
      tf.dispose(t);
    }
    const { lrScale, host } = est.decision;
    const diagnostics = {
      ...(this.sampler.diagnostics?.() ?? {}),
      ...(this.estimator.diagnostics?.() ?? {}),
    };
    const endedEpoch = this.advance();
    const msImportance = clock.lap();
    const msCpu = clock.cpuMs();
    this.trainMs += clock.wallMs();
    this.trainCpuMs += msCpu;
    const record: StepRecord = {
      step,
      epoch,
      lr: lrScheduled * lrScale,
      lrScale,
      batchLoss: meanOf(host.losses),
      msScore,
      msSample: msDraw - msScore,
      msGather,
      msForwardBackward,
      msImportance,
      msCpu,
    };
    if (Object.keys(diagnostics).length > 0) record.diagnostics = diagnostics;
    return { record, endedEpoch };
  }

  /** Draw: the sampler's next batch, and the time it spent scoring candidates with the model (DLIS, OBS). */
  private draw(): { batch: Batch; msScore: number } {
    let msScore = 0;
    const ctx: DrawContext = {
      step: this.step,
      evaluate: (indices) => {
        const t0 = now();
        const out = this.evaluateIndices(indices);
        msScore += now() - t0;
        return out;
      },
    };
    return { batch: this.sampler.next(ctx), msScore };
  }

  /** Losses and importance scores of training samples under the current model (no gradient). */
  private evaluateIndices(indices: Int32Array): { losses: Float32Array; scores: Float32Array } {
    const { model, task } = this;
    const [l, sc] = tf.tidy(() => {
      const { x, y } = gatherBatch(task.train, indices);
      const { output, hidden } = model.apply(x, false); // (n, C), (n, H)
      const losses = task.loss.perSample(output, y); // (n)
      const scores = scoreBatch(this.importance, { model, loss: task.loss, x, y, output, hidden, losses }); // (n)
      return [losses, scores];
    });
    const out = { losses: l.dataSync() as Float32Array, scores: sc.dataSync() as Float32Array };
    tf.dispose([l, sc]);
    return out;
  }

  /** Gather: the batch's rows as tensors, and its labels on the host when the sampler reads outputs. */
  private gather(batch: Batch): GatheredBatch {
    const { train } = this.task;
    const { x, y } = gatherBatch(train, batch.indices); // (B, ...xShape), (B, ...)
    const needs = this.sampler.needs ?? {};
    const classes = (needs.output || needs.outputGrad) && train.yShape.length === 0;
    return classes ? { x, y, labels: gatherRows(train.y as Int32Array, 1, batch.indices) } : { x, y };
  }

  /** Forward and estimate: the estimator's Ĝ, with the sampler consulted between forward and backward pass. */
  private forwardAndEstimate(batch: Batch, data: GatheredBatch): EstimatorOutput<SeenForward> {
    const { model, task } = this;
    return this.estimator.estimate({
      model,
      loss: task.loss,
      x: data.x,
      y: data.y,
      batch,
      afterForward: (losses, output) => this.afterForward(batch, data, losses, output),
    });
  }

  /**
   * Between the forward and the backward pass: reads back to the host only what the sampler asked for, and lets
   * it reweight the batch (LOW, self-paced) or scale the learning rate ([EMAIS] Eq. 8, RAIS).
   */
  private afterForward(
    batch: Batch,
    data: GatheredBatch,
    losses: tf.Tensor1D,
    output: tf.Tensor2D,
  ): SeenForward {
    const { sampler } = this;
    const needs = sampler.needs ?? {};
    const host: HostForward = {
      losses: losses.dataSync() as Float32Array,
      output: needs.output ? (output.dataSync() as Float32Array) : undefined,
      outputGrad: needs.outputGrad ? this.outputGradOnHost(output, data.y) : undefined,
    };
    const info: ForwardInfo = { batch, ...host, numOutputs: output.shape[1], labels: data.labels };
    const decision = sampler.afterForward?.(info) ?? {};
    const weights = decision.weights ?? batch.weights;
    if (weights.length !== batch.indices.length) {
      throw new Error(
        `${sampler.name}.afterForward returned ${weights.length} weights for a batch of ${batch.indices.length}`,
      );
    }
    const lrScale = decision.lrScale ?? 1;
    if (!Number.isFinite(lrScale) || lrScale < 0) {
      throw new Error(`${sampler.name}.afterForward returned lrScale ${lrScale}; it must be finite and ≥ 0`);
    }
    return { weights, lrScale, host };
  }

  /** u_b = ∂ℓ_b/∂m_b (B × C) on the host (METHODS §2.2–2.3). */
  private outputGradOnHost(output: tf.Tensor2D, y: tf.Tensor): Float32Array {
    const u = outputGrad(this.task.loss, output, y); // (B, C)
    const out = u.dataSync() as Float32Array;
    u.dispose();
    return out;
  }

  /** Update: the optimiser steps θ with Ĝ at η = scheduled rate × lrScale; a non-finite loss stops the run. */
  private update(est: EstimatorOutput<SeenForward>, lrScheduled: number): void {
    const lr = lrScheduled * est.decision.lrScale;
    const batchLoss = meanOf(est.decision.host.losses);
    if (!Number.isFinite(batchLoss)) {
      throw divergedError(this.step, this.epoch, 'minibatch loss', batchLoss, lr);
    }
    this.optimizer.step(this.model.params, est.grads, lr);
    this.lastLr = lr;
  }

  /**
   * Observe importances: φ of the batch from the step's own forward tensors (methods that use importance, when
   * the sampler wants scores this step), fed back to the sampler with the losses and read-backs.
   */
  private observeImportances(batch: Batch, data: GatheredBatch, est: EstimatorOutput<SeenForward>): void {
    const { model, task, sampler } = this;
    let scores: Float32Array | undefined;
    if (this.method.usesImportance && sampler.wantsScores()) {
      const ctx: ImportanceContext = {
        model,
        loss: task.loss,
        x: data.x,
        y: data.y,
        output: est.output,
        hidden: est.hidden,
        losses: est.losses,
      };
      // (B) φ from the step's forward pass; tidy frees the intermediates of a function that does not (user code)
      const st = tf.tidy(() => scoreBatch(this.importance, ctx));
      scores = st.dataSync() as Float32Array;
      st.dispose();
    }
    const { host } = est.decision;
    sampler.observe({
      indices: batch.indices,
      scores,
      losses: host.losses,
      output: host.output,
      outputGrad: host.outputGrad,
      labels: data.labels,
      step: this.step,
    });
  }

  /** Counts the step; ends the epoch (sampler epoch-end work) after its last step. Returns whether it did. */
  private advance(): boolean {
    this.step += 1;
    this.stepInEpoch += 1;
    if (this.stepInEpoch < this.sampler.stepsInEpoch(this.epoch)) return false;
    this.sampler.endEpoch(this.epoch);
    this.epoch += 1;
    this.stepInEpoch = 0;
    return true;
  }

  evaluate(): EvalRecord {
    const { task, model } = this;
    const frac = this.done ? 0 : this.stepInEpoch / this.sampler.stepsInEpoch(this.epoch);
    const tr = evaluate(model, task.train, task.loss);
    const rec: EvalRecord = {
      step: this.step,
      epoch: this.epoch + frac,
      trainSeconds: this.trainMs / 1000,
      trainCpuSeconds: this.trainCpuMs / 1000,
      trainLoss: tr.loss,
    };
    if (tr.error !== undefined) rec.trainError = tr.error;
    if (task.excessLoss) rec.excessLoss = task.excessLoss(model);
    if (task.test) {
      const te = evaluate(model, task.test, task.loss);
      rec.testLoss = te.loss;
      if (te.error !== undefined) rec.testError = te.error;
    }
    // Every evaluation is checked: a blow-up in the last step (finite minibatch loss, non-finite θ) fails the run
    // here with the same message as one inside a step, instead of a result holding trainLoss: NaN.
    for (const [k, what] of Object.entries(EVAL_METRICS)) {
      const v = rec[k as keyof typeof EVAL_METRICS];
      if (v !== undefined && !Number.isFinite(v)) {
        throw divergedError(this.step, this.epoch, what, v, this.lastLr);
      }
    }
    return rec;
  }

  assertCheckpointable(): void {
    const s = this.sampler as Sampler & { inner?: Sampler };
    if (s.inner !== undefined) assertCheckpointable(s.inner);
    assertCheckpointable(s);
    if (typeof this.estimator.saveState !== 'function' || typeof this.estimator.loadState !== 'function') {
      throw new Error(
        `estimator '${this.estimator.name}' has no saveState()/loadState(), so its run cannot be checkpointed; ` +
          'implement both or turn checkpoints off (checkpointEvery 0, --checkpoint-every 0)',
      );
    }
  }

  checkpoint(): TrainerState {
    this.assertCheckpointable();
    const { params } = this.model;
    const fields: TrainerFields = {
      step: this.step,
      epoch: this.epoch,
      stepInEpoch: this.stepInEpoch,
      trainMs: this.trainMs,
      trainCpuMs: this.trainCpuMs,
      params: params.map((p) => ({
        name: p.name,
        shape: p.shape,
        data: (p.dataSync() as Float32Array).slice(),
      })),
    };
    return packState('trainer', fields, {
      optimizer: this.optimizer.saveState(params),
      sampler: saveStateOf(this.sampler),
      estimator: this.estimator.saveState?.() ?? null,
    });
  }

  restore(state: TrainerState): void {
    this.assertCheckpointable();
    const f = unpackState<TrainerFields>('trainer', state);
    const { params } = this.model;
    if (f.params.length !== params.length) {
      throw new Error(`restore: the saved model has ${f.params.length} variables, this one ${params.length}`);
    }
    params.forEach((p, k) => {
      const s = f.params[k];
      if (s.shape.length !== p.shape.length || s.shape.some((d, i) => d !== p.shape[i])) {
        throw new Error(`restore: saved variable ${k} has shape [${s.shape}], the model's is [${p.shape}]`);
      }
    });
    if (f.step > this.totalSteps) {
      throw new Error(
        `restore: the saved run is at step ${f.step}, beyond this run's ${this.totalSteps} steps`,
      );
    }
    params.forEach((p, k) => tf.tidy(() => p.assign(tf.tensor(f.params[k].data, p.shape))));
    this.optimizer.loadState(params, statePart('trainer', state, 'optimizer'));
    loadStateOf(this.sampler, statePart('trainer', state, 'sampler'));
    this.estimator.loadState?.(statePart('trainer', state, 'estimator'));
    ({ step: this.step, epoch: this.epoch, stepInEpoch: this.stepInEpoch } = f);
    ({ trainMs: this.trainMs, trainCpuMs: this.trainCpuMs } = f);
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
  checkConfigKeys(options, 'createTrainer');
  const config = resolveConfig(options);
  const backend = await setupBackend(config.backend);
  const method = getMethod(config.method);
  const task = await getTask(config.task).create({ dataSeed: config.dataSeed, scale: config.scale });
  // The data a task hands in is checked once, here, before any step: a NaN feature or a label outside the classes
  // is named with its row, instead of surfacing later as a divergence or as a silent zero one-hot row.
  validateDataset(task.train, `train set of task ${config.task}`);
  if (task.test !== undefined) validateDataset(task.test, `test set of task ${config.task}`);
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
  // MIS estimators call their sampler's own methods, so they get it before the diagnostics wrapper.
  const estimator = createEstimator(method.estimator ?? 'weighted-loss', {
    n: N,
    options: config.methodOptions,
    sampler: inner,
  });
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
  return new TrainerImpl(config, backend, task, method, model, sampler, estimator);
}
