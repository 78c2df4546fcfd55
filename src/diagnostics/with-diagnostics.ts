import {
  packState,
  restoreArray,
  statePart,
  unpackState,
  type SamplerState,
} from '../checkpoint/state-codec.js';
import { loadStateOf, saveStateOf } from '../samplers/sampler-state.js';
import { effectiveMinibatch } from '../emais/effective-minibatch.js';
import { efficiencyScore } from '../emais/efficiency-score.js';
import { varianceTracesFromVectors } from '../emais/variance-traces.js';
import type {
  Batch,
  DrawContext,
  ForwardDecision,
  ForwardInfo,
  Observation,
  Sampler,
} from '../samplers/types.js';

/** Options of {@link withDiagnostics}. */
export interface WithDiagnosticsOptions {
  /** Compute the variance traces, EMS and efficiency score every `every` steps (integer ≥ 1). Default 1. */
  every: number;
  /** Training-set size N (required; λ_b = 1/(N p_b)). */
  n: number;
  /** Training labels (N), for the per-class share of draws; omit for regression. Default none. */
  labels?: Int32Array;
  /** Number of classes C (class ids 0..C−1); default max label + 1. */
  numClasses?: number;
  /** Unbiased trace estimators (METHODS §5.4). Default false. */
  unbiased: boolean;
}

/** Defaults of {@link WithDiagnosticsOptions}: `{ every: 1, unbiased: false }`. */
export const withDiagnosticsDefaults: Readonly<Pick<WithDiagnosticsOptions, 'every' | 'unbiased'>> =
  Object.freeze({
    every: 1,
    unbiased: false,
  });

/** A sampler wrapped by {@link withDiagnostics}: behaves as `inner` in every member, plus diagnostics. */
export interface DiagnosticsSampler extends Sampler {
  /** The wrapped sampler, for code that needs its own type (e.g. the MIS estimators' `MisSampler`). */
  readonly inner: Sampler;
}

/**
 * Wraps any sampler and adds per-step diagnostics (weight spread, coverage, staleness) to its `diagnostics()`:
 * - every step (cheap, O(B)): `ess` = (Σc)²/Σc² of the step's weights, `maxWeight`, `minWeight`,
 *   `seenFraction` (share of the N samples drawn at least once so far), `staleness` (mean over seen samples of
 *   t − t_i, t_i the last step at which i was drawn, i.e. the age of a memory sampler's stored importance),
 *   `classShare<k>` (share of this batch in class k; classification only);
 * - every `every` steps: `trIS`, `trU`, `trOpt` ([EMAIS] Eqs. 10–12 from logit gradients u_b with λ_b = 1/(N p_b)
 *   from the batch's `probs`), `ems` (Eq. 7) and `efficiency` (METHODS §5.7). The output gradients are read back
 *   only on those steps (`needs` is a getter), so with `every > 1` the other steps cost no extra device sync.
 *   Keys the inner sampler already reports (EMAIS) are not overwritten.
 *
 * The wrapper is transparent: every member of {@link Sampler}, optional ones included (`needs`, `afterForward`,
 * `scheduleProgress`, `stopAtScheduleEnd`, `warmupEpochs`), behaves as the inner sampler's, so a trainer can hold the wrapped
 * sampler alone; `inner` gives the wrapped one back.
 *
 * Under SGD-Scan (without replacement) the trace estimators treat the slice as i.i.d. uniform draws.
 *
 * @param inner the sampler to wrap; its behaviour (draws, weights, lrScale) is unchanged.
 * @param options `{ every = 1, n, labels?, numClasses?, unbiased = false }`.
 * @example
 * const s = withDiagnostics(createSampler('is', ctx), { every: 10, n: ctx.n, labels: ctx.labels });
 * s.diagnostics?.(); // { ess, maxWeight, ..., trIS, trU, trOpt, ems, efficiency } on trace steps
 * s.inner; // the IS sampler itself
 */
export function withDiagnostics(
  inner: Sampler,
  options: Partial<WithDiagnosticsOptions> & { n: number },
): DiagnosticsSampler {
  const o = { ...withDiagnosticsDefaults, ...options };
  const N = o.n;
  if (!Number.isInteger(N) || N < 1)
    throw new RangeError(`withDiagnostics: n must be an integer ≥ 1, got ${N}`);
  if (!Number.isInteger(o.every) || o.every < 1) {
    throw new RangeError(`withDiagnostics: every must be an integer ≥ 1, got ${o.every}`);
  }
  const labels = o.labels;
  if (labels !== undefined && labels.length !== N) {
    throw new RangeError(`withDiagnostics: labels must have length n = ${N}, got ${labels.length}`);
  }
  let C = o.numClasses ?? 0;
  if (labels !== undefined && o.numClasses === undefined) for (const y of labels) C = Math.max(C, y + 1);
  if (!Number.isInteger(C) || C < 0)
    throw new RangeError(`withDiagnostics: numClasses must be an integer ≥ 1, got ${C}`);
  const lastSeen = new Float64Array(N).fill(-1); // (N,) t_i
  let seen = 0;
  let sumLast = 0; // Σ t_i over seen samples
  let step = -1; // index of the current step (counted by next())
  let traceStep = false;
  let last: Batch | null = null;
  let own: Record<string, number> = {};

  const scheduleProgress = inner.scheduleProgress;
  const wrapped: DiagnosticsSampler = {
    name: inner.name,
    inner,
    get needs() {
      const innerNeeds = inner.needs ?? {}; // read every step: the inner sampler's needs may vary too
      return { output: innerNeeds.output, outputGrad: innerNeeds.outputGrad === true || traceStep };
    },
    stepsInEpoch: (e) => inner.stepsInEpoch(e),
    beginEpoch: (e) => inner.beginEpoch(e),
    next(ctx?: DrawContext): Batch {
      const batch = inner.next(ctx);
      step += 1;
      traceStep = step % o.every === 0;
      last = batch;
      own = {};
      const c = batch.weights;
      let s = 0;
      let s2 = 0;
      let mx = -Infinity;
      let mn = Infinity;
      for (let b = 0; b < c.length; b++) {
        s += c[b];
        s2 += c[b] * c[b];
        mx = Math.max(mx, c[b]);
        mn = Math.min(mn, c[b]);
      }
      own.ess = s2 > 0 ? (s * s) / s2 : 0; // Kish effective sample size of the weights
      own.maxWeight = mx;
      own.minWeight = mn;
      for (const i of batch.indices) {
        if (lastSeen[i] < 0) {
          seen += 1;
          sumLast += step;
        } else sumLast += step - lastSeen[i];
        lastSeen[i] = step;
      }
      own.seenFraction = seen / N;
      own.staleness = step - sumLast / seen; // mean over seen i of (t − t_i), t_i after this step's draws
      if (labels !== undefined && C > 0) {
        const counts = new Float64Array(C); // (C,)
        for (const i of batch.indices) counts[labels[i]] += 1;
        for (let k = 0; k < C; k++) own[`classShare${k}`] = counts[k] / batch.indices.length;
      }
      return batch;
    },
    wantsScores: () => inner.wantsScores(),
    afterForward(info: ForwardInfo): ForwardDecision | void {
      const decision = inner.afterForward?.(info);
      if (traceStep && info.outputGrad !== undefined && last !== null) {
        const probs = last.probs;
        const lambda = new Float64Array(probs.length); // (B,)
        for (let b = 0; b < probs.length; b++) lambda[b] = 1 / (N * probs[b]); // [EMAIS] Eq. 2
        const t = varianceTracesFromVectors(lambda, info.outputGrad, info.numOutputs, {
          unbiased: o.unbiased && lambda.length >= 2,
        }); // [EMAIS] Eqs. 10–12
        own.trIS = t.trIS;
        own.trU = t.trU;
        own.trOpt = t.trOpt;
        own.ems = effectiveMinibatch(lambda.length, t.trU, t.trIS); // [EMAIS] Eq. 7
        own.efficiency = efficiencyScore(t.trIS, t.trU, t.trOpt); // METHODS §5.7
      }
      if (decision?.weights !== undefined) {
        const c = decision.weights;
        let s = 0;
        let s2 = 0;
        for (const v of c) {
          s += v;
          s2 += v * v;
        }
        own.ess = s2 > 0 ? (s * s) / s2 : 0;
        own.maxWeight = Math.max(...c);
        own.minWeight = Math.min(...c);
      }
      return decision;
    },
    observe: (obs: Observation) => inner.observe(obs),
    endEpoch: (e) => inner.endEpoch(e),
    probabilities: () => inner.probabilities(),
    diagnostics: () => ({ ...own, ...(inner.diagnostics?.() ?? {}) }),
    ...(scheduleProgress !== undefined ? { scheduleProgress: () => scheduleProgress.call(inner) } : {}),
    // Checkpoints: the wrapper's own counters with the inner sampler's state, only when the inner one has it.
    ...(inner.saveState !== undefined && inner.loadState !== undefined
      ? {
          saveState: (): SamplerState =>
            packState(
              'withDiagnostics',
              { lastSeen, seen, sumLast, step, traceStep, own },
              { inner: saveStateOf(inner) },
            ),
          loadState(state: SamplerState): void {
            const s = unpackState<{
              lastSeen: Float64Array;
              seen: number;
              sumLast: number;
              step: number;
              traceStep: boolean;
              own: Record<string, number>;
            }>('withDiagnostics', state);
            restoreArray('withDiagnostics.lastSeen', lastSeen, s.lastSeen);
            ({ seen, sumLast, step, traceStep, own } = s);
            last = null;
            loadStateOf(inner, statePart('withDiagnostics', state, 'inner'));
          },
        }
      : {}),
    get stopAtScheduleEnd() {
      return inner.stopAtScheduleEnd;
    },
    get warmupEpochs() {
      return inner.warmupEpochs;
    },
  };
  return wrapped;
}
