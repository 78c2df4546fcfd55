import { packState, restoreArray, unpackState, type SamplerState } from '../checkpoint/state-codec.js';
import { resolveOptions, type OptionSpec } from '../options/option-spec.js';
import { permutation, type RngState } from '../random/rng.js';
import { SumTree } from './sum-tree.js';
import type { Batch, ForwardDecision, ForwardInfo, Observation, Sampler, SamplerContext } from './types.js';
import { checkObservation } from './check-observation.js';

/** Hyper-parameters of RAIS-lite (METHODS §6.4; the kit's reconstruction, not the authors' RAIS). */
export interface RaisLiteOptions {
  /** κ_R ≥ 0: weight of the moving std in the robust score μ_i + κ_R σ_i. Default 1. */
  kappa: number;
  /** ρ_R ∈ (0, 1]: mixing weight of the uniform pmf, p = (1 − ρ_R) w/Σw + ρ_R/N. Default 0.1. */
  rho: number;
  /** Warm-up epochs of SGD-Scan that fill the statistics, integer ≥ 1. Default 1 (L). */
  warmupEpochs: number;
  /** Clamp [rMin, rMax] of the gain ratio r_t. Default 0.5. */
  rMin: number;
  /** Upper clamp of r_t. Default 10. */
  rMax: number;
  /**
   * false (default): the learning-rate schedule runs on the effective iterations t̃ and training stops once
   * t̃ ≥ T (METHODS §6.4); true: schedule and stopping stay on real steps.
   */
  fixedIterations: boolean;
}

/** Declarations of {@link RaisLiteOptions} (METHODS §6.4, §9), checked here and reused by the 'rais' method. */
export const raisLiteOptions = Object.freeze({
  kappa: { kind: 'number', default: 1, min: 0, help: 'κ_R, weight of the moving std' },
  rho: {
    kind: 'number',
    default: 0.1,
    min: 0,
    minExclusive: true,
    max: 1,
    help: 'ρ_R, uniform mixing weight',
  },
  warmupEpochs: {
    kind: 'int',
    default: 1,
    min: 1,
    help: 'SGD-Scan warm-up epochs that fill the per-sample statistics',
  },
  rMin: {
    kind: 'number',
    default: 0.5,
    min: 0,
    minExclusive: true,
    help: 'lower clamp of the gain ratio r_t',
  },
  rMax: {
    kind: 'number',
    default: 10,
    min: 0,
    minExclusive: true,
    help: 'upper clamp of the gain ratio r_t (≥ rMin)',
  },
  fixedIterations: {
    kind: 'boolean',
    default: false,
    help: 'keep the schedule and the stopping rule on real steps instead of the effective iterations t̃',
  },
} satisfies Record<string, OptionSpec>);

/**
 * Defaults of {@link RaisLiteOptions}: `{ kappa: 1, rho: 0.1, warmupEpochs: 1, rMin: 0.5, rMax: 10,
 * fixedIterations: false }`.
 */
export const raisLiteDefaults: Readonly<RaisLiteOptions> = Object.freeze(
  Object.fromEntries(
    Object.entries(raisLiteOptions).map(([k, o]) => [k, o.default]),
  ) as unknown as RaisLiteOptions,
);

/**
 * RAIS gain ratio r = E_unif‖ĝ‖² / E_p‖ĝ‖² from one IS minibatch (METHODS §6.4 with the unbiased §5.4 estimators
 * on logit gradients, §5.10): S2 = mean λ²‖u‖², S1 = mean λ‖u‖², K = ‖mean λu‖², K_u = (B·K − S2)/(B − 1),
 * trIS = S2 − K_u, trU = S1 − K_u, r = (K_u + trU/B)/(K_u + trIS/B), clamped to [rMin, rMax]; 1 when B < 2 or a
 * side is ≤ 0.
 * @param lambda λ_b = 1/(N p_b) (B).
 * @param u output gradients, row-major (B × C).
 * @param C number of outputs.
 * @param clamp `[rMin, rMax]`. Default [0.5, 10].
 * @example
 * raisGainRatio(Float64Array.of(1, 1), Float32Array.of(1, 0, 0, 1), 2); // 1 (uniform: no gain)
 */
export function raisGainRatio(
  lambda: ArrayLike<number>,
  u: ArrayLike<number>,
  C: number,
  clamp: readonly [number, number] = [raisLiteDefaults.rMin, raisLiteDefaults.rMax],
): number {
  const B = lambda.length;
  if (u.length !== B * C) throw new Error(`raisGainRatio: u has length ${u.length}, expected B·C = ${B * C}`);
  if (B < 2) return 1;
  let S2 = 0;
  let S1 = 0;
  const m = new Float64Array(C); // (C) mean λu
  for (let b = 0; b < B; b++) {
    let n2 = 0;
    for (let k = 0; k < C; k++) {
      const v = u[b * C + k];
      n2 += v * v;
      m[k] += (lambda[b] * v) / B;
    }
    S2 += (lambda[b] * lambda[b] * n2) / B; // METHODS §5.4: S2 = mean λ²‖u‖²
    S1 += (lambda[b] * n2) / B; // METHODS §5.4: S1 = mean λ‖u‖²
  }
  let K = 0;
  for (let k = 0; k < C; k++) K += m[k] * m[k]; // ‖Ḡ‖²
  const Ku = (B * K - S2) / (B - 1); // METHODS §5.4 unbiased K_u
  const trIS = S2 - Ku;
  const trU = S1 - Ku;
  const num = Ku + trU / B; // E_unif‖ĝ‖² = ‖G‖² + trU/B
  const den = Ku + trIS / B; // E_p‖ĝ‖² = ‖G‖² + trIS/B
  if (!(num > 0 && den > 0)) return 1;
  return Math.min(Math.max(num / den, clamp[0]), clamp[1]); // METHODS §6.4: r_t clamped
}

/** RAIS-lite; adds read access to the effective iteration counter. */
export interface RaisLiteSampler extends Sampler {
  /** Effective iterations t̃ = Σ r_t (warm-up steps count 1). */
  effectiveIterations(): number;
}

/**
 * RAIS-lite: **the kit's reconstruction** of RAIS ([RAIS] Johnson & Guestrin 2018; METHODS §6.4, §8 row 17), not
 * the authors' code. Per-sample predictor = moving mean μ_i and variance σ²_i of the observed logit-gradient norm
 * ‖u_i‖ (METHODS §5.8 UpdateStats with Linear-τ, τ = t); robust pmf p_i = (1 − ρ_R)(μ_i + κ_R σ_i)/Σ + ρ_R/N;
 * IS weights λ = 1/(N p); the step's rate is scaled by the gain ratio r_t ({@link raisGainRatio}) via `lrScale`,
 * and t̃ += r_t drives the trainer's schedule η(t̃) and stopping rule t̃ ≥ T (`scheduleProgress`,
 * `stopAtScheduleEnd`), unless `fixedIterations` keeps both on real steps (METHODS §6.4).
 *
 * Warm-up epochs (SGD-Scan, ceil(N/B) steps, weights 1) fill the statistics; main epochs have floor(N/B) steps.
 * Diagnostics: `raisGain` (r_t, 1 in warm-up), `effectiveIterations`.
 *
 * @param ctx N ≥ 1, B in [1, N], the sampler's rng.
 * @param options partial {@link RaisLiteOptions}; defaults {@link raisLiteDefaults}.
 * @example
 * const s = createRaisLite({ n: 100, batchSize: 10, rng: createRng(1) });
 */
export function createRaisLite(ctx: SamplerContext, options: Record<string, unknown> = {}): RaisLiteSampler {
  const { kappa, rho, warmupEpochs, rMin, rMax, fixedIterations } = resolveRaisOptions(options);
  const { n: N, batchSize: B, rng } = ctx;
  if (!Number.isInteger(N) || N < 1) throw new RangeError(`rais: ctx.n must be an integer ≥ 1, got ${N}`);
  if (!Number.isInteger(B) || B < 1 || B > N) {
    throw new RangeError(`rais: ctx.batchSize must be an integer in [1, N = ${N}], got ${B}`);
  }
  const mu = new Float64Array(N); // (N) μ_i
  const varI = new Float64Array(N); // (N) σ²_i
  const last = new Float64Array(N).fill(-1); // (N) t_i; −1 = never seen
  const w = new SumTree(N); // robust scores μ + κσ
  let openEpoch = -1;
  let warm = false;
  let order: Int32Array | null = null; // (N) warm-up permutation
  let taken = 0;
  let pending: Batch | null = null;
  let gain = 1;
  let tEff = 0;
  const stepsInEpoch = (e: number) => {
    if (!Number.isInteger(e) || e < 0) throw new RangeError(`rais: epoch must be an integer ≥ 0, got ${e}`);
    return e < warmupEpochs ? Math.ceil(N / B) : Math.floor(N / B);
  };
  const pOf = (i: number, total: number) => (total > 0 ? ((1 - rho) * w.get(i)) / total + rho / N : 1 / N); // METHODS §6.4 robust pmf mixed with uniform
  return {
    name: 'rais',
    warmupEpochs,
    needs: { outputGrad: true },
    effectiveIterations: () => tEff,
    // METHODS §6.4: schedule η(t̃) and stop at t̃ ≥ T, unless fixed iterations were asked for.
    scheduleProgress: fixedIterations ? undefined : () => tEff,
    stopAtScheduleEnd: !fixedIterations,
    stepsInEpoch,
    beginEpoch(e: number): void {
      stepsInEpoch(e);
      if (openEpoch >= 0)
        throw new Error(`rais: beginEpoch(${e}) called while epoch ${openEpoch} is still open`);
      openEpoch = e;
      warm = e < warmupEpochs;
      order = warm ? permutation(N, rng) : null;
      taken = 0;
    },
    next(): Batch {
      if (openEpoch < 0) throw new Error('rais: next() called outside an epoch; call beginEpoch(e) first');
      const steps = stepsInEpoch(openEpoch);
      if (taken >= steps)
        throw new Error(`rais: next() called more than stepsInEpoch = ${steps} times in epoch ${openEpoch}`);
      let batch: Batch;
      if (warm) {
        const indices = (order as Int32Array).slice(taken * B, Math.min((taken + 1) * B, N)); // (b)
        batch = {
          indices,
          weights: new Float64Array(indices.length).fill(1),
          probs: new Float64Array(indices.length).fill(1 / N),
        };
      } else {
        const total = w.total;
        const indices = new Int32Array(B); // (B)
        for (let b = 0; b < B; b++) {
          // Mixture draw: uniform with probability ρ_R, else ∝ w (exactly the pmf pOf).
          indices[b] = total > 0 && rng.next() >= rho ? w.sample(rng.next() * total) : rng.int(N);
        }
        const probs = Float64Array.from(indices, (i) => pOf(i, total)); // (B)
        const weights = probs.map((p) => 1 / (N * p)); // (B) λ = 1/(N p)
        batch = { indices, weights, probs };
      }
      taken++;
      pending = batch;
      return batch;
    },
    wantsScores: () => false,
    afterForward(info: ForwardInfo): ForwardDecision {
      const u = info.outputGrad;
      if (u === undefined) throw new Error('rais: afterForward needs info.outputGrad (B × C)');
      gain = warm ? 1 : raisGainRatio(info.batch.weights, u, info.numOutputs, [rMin, rMax]);
      tEff += gain; // METHODS §6.4: t̃ ← t̃ + r_t
      return { lrScale: gain };
    },
    observe(obs: Observation): void {
      checkObservation('rais', obs);
      if (pending === null)
        throw new Error('rais: observe() called without a pending batch; call next() first');
      const u = obs.outputGrad;
      const idx = obs.indices;
      if (u === undefined) throw new Error('rais: observe() needs obs.outputGrad (B × C)');
      const C = u.length / idx.length;
      const t = obs.step ?? 0;
      const acc = new Map<number, { s: number; c: number }>(); // METHODS §1.4: once per unique index
      for (let b = 0; b < idx.length; b++) {
        let n2 = 0;
        for (let k = 0; k < C; k++) n2 += u[b * C + k] ** 2;
        const v = Math.sqrt(n2); // [EMAIS] Eq. 9: v = ‖u_i‖
        if (!Number.isFinite(v))
          throw new RangeError(`rais: output-gradient norm of sample ${idx[b]} is ${v}`);
        const e = acc.get(idx[b]);
        if (e === undefined) acc.set(idx[b], { s: v, c: 1 });
        else {
          e.s += v;
          e.c++;
        }
      }
      for (const [i, { s, c }] of acc) {
        const v = s / c;
        if (last[i] < 0) {
          mu[i] = v; // METHODS §5.11: first observation μ = v, σ² = 0
          varI[i] = 0;
        } else {
          const a = t > 0 ? Math.exp(-(t - last[i]) / t) : 0; // METHODS §5.8 l.2 with Linear-τ (§5.9)
          const d = v - mu[i]; // l.3
          mu[i] += (1 - a) * d; // l.4
          varI[i] = a * (varI[i] + (1 - a) * d * d); // l.5 [Finch]
        }
        last[i] = t;
        w.set(i, mu[i] + kappa * Math.sqrt(varI[i])); // METHODS §6.4: robust score μ + κ_R σ
      }
      pending = null;
    },
    endEpoch(e: number): void {
      if (e !== openEpoch)
        throw new Error(`rais: endEpoch(${e}) does not match the open epoch (${openEpoch})`);
      openEpoch = -1;
      warm = e + 1 < warmupEpochs; // phase of the next epoch, for probabilities() between epochs
      order = null;
      pending = null;
    },
    probabilities(): Float64Array {
      const total = w.total;
      if (warm) return new Float64Array(N).fill(1 / N);
      return Float64Array.from({ length: N }, (_, i) => pOf(i, total)); // (N)
    },
    diagnostics: () => ({ raisGain: gain, effectiveIterations: tEff }),
    saveState(): SamplerState {
      if (pending !== null) throw new Error('rais: saveState() between next() and observe()');
      return packState('rais', {
        rng: rng.getState(),
        mu,
        varI,
        last,
        w: w.saveState(),
        openEpoch,
        warm,
        order,
        taken,
        gain,
        tEff,
      });
    },
    loadState(state: SamplerState): void {
      const s = unpackState<{
        rng: RngState;
        mu: Float64Array;
        varI: Float64Array;
        last: Float64Array;
        w: { node: Float64Array };
        openEpoch: number;
        warm: boolean;
        order: Int32Array | null;
        taken: number;
        gain: number;
        tEff: number;
      }>('rais', state);
      rng.setState(s.rng);
      restoreArray('rais.mu', mu, s.mu);
      restoreArray('rais.varI', varI, s.varI);
      restoreArray('rais.last', last, s.last);
      w.loadState(s.w);
      ({ openEpoch, warm, order, taken, gain, tEff } = s);
      pending = null;
    },
  };
}

function resolveRaisOptions(options: Record<string, unknown>): RaisLiteOptions {
  const o = resolveOptions('rais', raisLiteOptions, options) as unknown as RaisLiteOptions;
  if (o.rMax < o.rMin) {
    throw new RangeError(`rais: option rMax must be a number ≥ rMin = ${o.rMin}, got ${o.rMax}`);
  }
  return o;
}
