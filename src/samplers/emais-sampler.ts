import { packState, restoreArray, unpackState, type SamplerState } from '../checkpoint/state-codec.js';
import { capThreshold, mixRho } from '../emais/capped-pmf.js';
import { effectiveMinibatch } from '../emais/effective-minibatch.js';
import { efficiencyScore } from '../emais/efficiency-score.js';
import { LR_ADJUST_MODES, lrAdjust, type LrAdjustMode } from '../emais/lr-adjust.js';
import { MovingStats } from '../emais/moving-stats.js';
import { varianceTracesFromVectors, type VarianceTraces } from '../emais/variance-traces.js';
import { resolveOptions as resolveDeclared, type OptionSpec } from '../options/option-spec.js';
import { permutation, type RngState } from '../random/rng.js';
import { drawFromCdf } from '../random/sample-cdf.js';
import type {
  Batch,
  DrawContext,
  ForwardDecision,
  ForwardInfo,
  Observation,
  Sampler,
  SamplerContext,
} from './types.js';
import { checkObservation } from './check-observation.js';

/** Hyper-parameters of the EMAIS sampler ([EMAIS] Algorithms 1–2, METHODS §5.8–5.12, §9). */
export interface EmaisSamplerOptions {
  /** Time constant τ > 0 of the moving statistics; 0 = Linear-τ (τ = t, METHODS §5.9). Default 0. */
  tau: number;
  /** D_max: cap on the expected multiplicity B·p_i of any sample in a minibatch (METHODS §5.8). Default 1. */
  maxDup: number;
  /** Uniform warm-up epochs (SGD-Scan, METHODS §5.11), integer ≥ 0. Default 2. */
  warmupEpochs: number;
  /** Eq. 8 learning-rate rule: 'linear' (SGD), 'sqrt' (Adam) or 'off'. Default 'linear'. */
  lrAdjust: LrAdjustMode;
  /** ComputeImportance: 'std' w = μ + σ (default) or 'var' w = μ + σ² (METHODS §5.8). */
  importanceForm: 'std' | 'var';
  /** Cap method: 'water' (water-filling, default) or 'mix' (mixture with uniform) (METHODS §5.8). */
  cap: 'water' | 'mix';
  /** Unbiased trace estimators of METHODS §5.4 instead of plug-in. Default false. */
  unbiased: boolean;
  /**
   * K: every K steps (at t = K, 2K, …) freeze θ, compute ‖u_i‖ for the whole training set and feed each to
   * UpdateStats ([EMAIS] §9.8, Fig. 7: the "additional updates to internal states"); 0 = never (default).
   */
  refreshEvery: number;
}

/**
 * Declarations of the EMAIS options (METHODS §9), checked here on direct calls and reused by the 'emais' method
 * (CLI `--tau`, `--max-dup`, `--warmup-epochs`, `--lr-adjust`, `--importance-form`, `--cap`, `--unbiased`,
 * `--refresh-every`). Defaults: Linear-τ (τ = 0), D_max = 1, 2 warm-up epochs, lrAdjust 'linear', 'std', 'water',
 * plug-in, no refresh (refreshEvery 0).
 */
export const emaisOptions = Object.freeze({
  tau: {
    kind: 'number',
    default: 0,
    min: 0,
    help: 'time constant τ of the moving statistics; 0 = Linear-τ (τ = t)',
  },
  maxDup: {
    kind: 'number',
    default: 1,
    min: 0,
    minExclusive: true,
    help: 'D_max: cap on the expected copies B·p_i of a sample per batch (needs N·D_max/B ≥ 1)',
  },
  warmupEpochs: { kind: 'int', default: 2, min: 0, help: 'uniform SGD-Scan warm-up epochs' },
  lrAdjust: {
    kind: 'enum',
    default: 'linear',
    values: LR_ADJUST_MODES,
    help: 'Eq. 8 learning-rate factor: linear B_eff/B, sqrt, off',
  },
  importanceForm: {
    kind: 'enum',
    default: 'std',
    values: ['std', 'var'],
    help: 'importance w = μ + σ (std) or μ + σ² (var)',
  },
  cap: {
    kind: 'enum',
    default: 'water',
    values: ['water', 'mix'],
    help: 'cap by water-filling or by mixing with uniform',
  },
  unbiased: {
    kind: 'boolean',
    default: false,
    help: 'unbiased trace estimators (METHODS §5.4) instead of plug-in',
  },
  refreshEvery: {
    kind: 'int',
    default: 0,
    min: 0,
    help: 'K: every K steps recompute ‖u_i‖ of the whole training set (θ frozen) for UpdateStats (Fig. 7); 0 = never',
  },
} satisfies Record<string, OptionSpec>);

/** Defaults of {@link EmaisSamplerOptions}, from {@link emaisOptions}. */
export const emaisSamplerDefaults: Readonly<EmaisSamplerOptions> = Object.freeze(
  Object.fromEntries(
    Object.entries(emaisOptions).map(([k, o]) => [k, o.default]),
  ) as unknown as EmaisSamplerOptions,
);

/** The EMAIS sampler, with read access to its state (for tests and figures). */
export interface EmaisSampler extends Sampler {
  readonly options: Readonly<EmaisSamplerOptions>;
  /** The per-sample moving statistics μ, σ², t_i. */
  readonly stats: MovingStats;
  /** Estimates the traces from (λ_b, u_b) and returns the Eq. 8 rate factor (always defined for EMAIS). */
  afterForward(info: ForwardInfo): ForwardDecision;
  /** The traces of the last `afterForward` (null before the first step). */
  lastTraces(): VarianceTraces | null;
}

/** Floor on w_i, so that every sample keeps p_i > 0 (λ finite) even with a zero gradient norm. */
const W_FLOOR = 1e-12;

/** Training samples per `DrawContext.evaluate` call of a state refresh (bounds the memory of one forward pass). */
const REFRESH_CHUNK = 1000;

/** Fills defaults and checks every option against {@link emaisOptions}, plus the N·D_max/B ≥ 1 condition. */
function resolveOptions(options: Record<string, unknown>, N: number, B: number): EmaisSamplerOptions {
  const o = resolveDeclared('emais', emaisOptions, options) as unknown as EmaisSamplerOptions;
  if ((N * o.maxDup) / B < 1) {
    throw new RangeError(
      `emais: maxDup must be > 0 with N·maxDup/B ≥ 1 (N = ${N}, B = ${B}), got ${o.maxDup}`,
    );
  }
  if (o.unbiased && B < 2) throw new RangeError(`emais: unbiased: true needs B ≥ 2, got ${B}`);
  return o;
}

/**
 * 'emais' ([EMAIS] Kutsuna 2025, Algorithms 1–2; METHODS §5.8–5.12). Warm-up epochs e < `warmupEpochs`: SGD-Scan
 * (fresh permutation, ceil(N/B) steps, weights 1). Main epochs: floor(N/B) steps, each drawing B indices i.i.d.
 * from the adjusted pmf p (water-filling cap max B·p_i ≤ D_max, or mixture with uniform), weights
 * λ_b = 1/(N p_b). Every step `afterForward` estimates tr Σ_p, tr Σ_U, tr Σ_p(w*) from (λ_b, u_b) ([EMAIS] Eqs.
 * 10–12), B_eff (Eq. 7), the efficiency score, and returns the Eq. 8 rate factor (1 during warm-up, where
 * λ ≡ 1 gives B_eff = B). `observe` feeds ‖u_b‖ ([EMAIS] Eq. 9) to UpdateStats once per unique index (mean of
 * copies), with τ = t under Linear-τ. Needs the output gradients u_b (`needs.outputGrad`).
 *
 * State refresh (`refreshEvery` = K > 0, [EMAIS] §9.8 and Fig. 7): before drawing the batch of step t = K, 2K, …
 * (warm-up included) the sampler scores every training sample with the current, frozen model through
 * `DrawContext.evaluate` (in chunks of 1000) and calls UpdateStats(t, i, score_i) for all i; the scores must be
 * ‖u_i‖ (importance 'output-grad', which the 'emais' method fixes). The minibatch's own observation at the same t
 * then has Δ = 0 and changes nothing (same θ, same value). Diagnostics gain `examplesScored` (N on refresh steps,
 * else 0), the extra forward-only examples.
 *
 * Symbols: N = `ctx.n`, B = `ctx.batchSize`, w_i = μ_i + σ_i (importance), θ the water-filling threshold.
 * Never-observed samples have w_i = 1 (only matters with `warmupEpochs: 0`).
 * Cost per main step: O(N) host work (threshold by warm-started Newton, cumulative sum) + O(B log N) draws.
 *
 * @param ctx N ≥ 1, integer B in [1, N], and the sampler's `rng`.
 * @param options partial {@link EmaisSamplerOptions}; defaults `{ tau: 0, maxDup: 1, warmupEpochs: 2,
 *   lrAdjust: 'linear', importanceForm: 'std', cap: 'water', unbiased: false, refreshEvery: 0 }`.
 * @example
 * const s = createEmaisSampler({ n: 1000, batchSize: 32, rng: createRng(0) }, { warmupEpochs: 1 });
 * s.beginEpoch(0);
 * const batch = s.next(); // SGD-Scan slice during warm-up
 */
export function createEmaisSampler(ctx: SamplerContext, options: Record<string, unknown> = {}): EmaisSampler {
  const { n: N, batchSize: B, rng } = ctx;
  if (!Number.isInteger(N) || N < 1) throw new RangeError(`emais: ctx.n must be an integer ≥ 1, got ${N}`);
  if (!Number.isInteger(B) || B < 1 || B > N) {
    throw new RangeError(`emais: ctx.batchSize must be an integer in [1, N = ${N}], got ${B}`);
  }
  const o = Object.freeze(resolveOptions(options, N, B));
  const capP = o.maxDup / B; // METHODS §5.8: max p_i ≤ D_max / B
  const stats = new MovingStats(N);
  const w = new Float64Array(N).fill(1); // (N,) w_i = ComputeImportance(i)
  const cdf = new Float64Array(N); // (N,) cumulative un-normalised adjusted weights
  let theta = Infinity; // water-filling threshold of the last draw
  let rho = 0; // mixture weight of the last draw ('mix')
  let W = 0; // Σw at the last draw ('mix')
  let total = 0; // cdf[N − 1]
  let order: Int32Array | null = null;
  let pos = 0;
  let openEpoch = -1;
  let warm = o.warmupEpochs > 0;
  let stepCounter = 0;
  let traces: VarianceTraces | null = null;
  let diag: Record<string, number> = {};
  let scored = 0; // forward-only examples of the current step's refresh

  /** [EMAIS] §9.8: UpdateStats for every sample with its ‖u_i‖ under the frozen θ_t. */
  const refresh = (dctx: DrawContext | undefined, t: number): void => {
    if (dctx === undefined) {
      throw new Error(
        `emais: refreshEvery = ${o.refreshEvery} needs model access (the DrawContext) in next()`,
      );
    }
    const tau = o.tau === 0 ? t : o.tau; // METHODS §5.9 Linear-τ: τ ← t
    for (let start = 0; start < N; start += REFRESH_CHUNK) {
      const indices = Int32Array.from({ length: Math.min(REFRESH_CHUNK, N - start) }, (_, k) => start + k);
      const { scores } = dctx.evaluate(indices); // ‖u_i(θ_t)‖ ([EMAIS] Eq. 9), importance 'output-grad'
      checkObservation('emais', { indices, scores }, 'state refresh: evaluate()');
      for (let k = 0; k < indices.length; k++) {
        const i = indices[k];
        stats.update(t, i, scores[k], tau > 0 ? tau : 1); // METHODS §5.8 UpdateStats
        w[i] = Math.max(stats.importance(i, o.importanceForm), W_FLOOR); // METHODS §5.8 ComputeImportance
      }
    }
    scored = N;
  };

  const adjustedWeight = (i: number): number =>
    o.cap === 'water' ? Math.min(w[i], theta) : (1 - rho) * (w[i] / W) + rho / N; // METHODS §5.8

  const rebuild = (): void => {
    if (o.cap === 'water') {
      theta = capThreshold(w, capP, Number.isFinite(theta) ? theta : undefined); // METHODS §5.8 water-filling
    } else {
      rho = mixRho(w, capP); // METHODS §5.8 mixture with uniform
      W = 0;
      for (let i = 0; i < N; i++) W += w[i];
    }
    let s = 0;
    for (let i = 0; i < N; i++) {
      s += adjustedWeight(i);
      cdf[i] = s;
    }
    total = s;
  };

  const sampler: EmaisSampler = {
    name: 'emais',
    options: o,
    warmupEpochs: o.warmupEpochs, // METHODS §5.11: SGD-Scan warm-up
    stats,
    needs: { outputGrad: true },
    stepsInEpoch: (epoch: number) => (epoch < o.warmupEpochs ? Math.ceil(N / B) : Math.floor(N / B)),
    beginEpoch(epoch: number): void {
      if (!Number.isInteger(epoch) || epoch < 0)
        throw new RangeError(`emais: epoch must be an integer ≥ 0, got ${epoch}`);
      if (openEpoch >= 0)
        throw new Error(`emais: beginEpoch(${epoch}) called while epoch ${openEpoch} is still open`);
      openEpoch = epoch;
      warm = epoch < o.warmupEpochs;
      pos = 0;
      order = warm ? permutation(N, rng) : null; // METHODS §5.11: SGD-Scan warm-up
    },
    next(dctx?: DrawContext): Batch {
      if (openEpoch < 0) throw new Error('emais: next() called outside an epoch; call beginEpoch(e) first');
      scored = 0;
      const t = dctx?.step ?? stepCounter;
      if (o.refreshEvery > 0 && t > 0 && t % o.refreshEvery === 0) refresh(dctx, t); // [EMAIS] §9.8
      if (warm) {
        if (order === null || pos >= N) {
          throw new Error(`emais: next() called more than stepsInEpoch times in warm-up epoch ${openEpoch}`);
        }
        const end = Math.min(pos + B, N);
        const indices = order.slice(pos, end); // (b,)
        pos = end;
        return {
          indices,
          weights: new Float64Array(indices.length).fill(1), // (b,) METHODS §5.11: λ ≡ 1
          probs: new Float64Array(indices.length).fill(1 / N), // (b,)
        };
      }
      rebuild();
      const indices = new Int32Array(B); // (B,)
      const weights = new Float64Array(B); // (B,)
      const probs = new Float64Array(B); // (B,)
      for (let b = 0; b < B; b++) {
        const i = drawFromCdf(cdf, rng); // i ∝ adjusted w_i (cdf[N − 1] = total)
        const p = adjustedWeight(i) / total; // the pmf actually used (METHODS §1.4)
        indices[b] = i;
        probs[b] = p;
        weights[b] = 1 / (N * p); // [EMAIS] Eq. 2: λ = 1/(N p)
      }
      return { indices, weights, probs };
    },
    wantsScores: () => false,
    afterForward(info: ForwardInfo): ForwardDecision {
      const u = info.outputGrad;
      if (u === undefined)
        throw new Error('emais: afterForward needs the output gradients u_b (needs.outputGrad)');
      const lambda = info.batch.weights; // (B,) λ_b
      const bSize = lambda.length;
      const t = varianceTracesFromVectors(lambda, u, info.numOutputs, {
        unbiased: o.unbiased && bSize >= 2,
      }); // [EMAIS] Eqs. 10–12
      traces = t;
      const bEff = warm ? bSize : effectiveMinibatch(bSize, t.trU, t.trIS); // [EMAIS] Eq. 7 (= B in warm-up)
      const efficiency = efficiencyScore(t.trIS, t.trU, t.trOpt); // METHODS §5.7
      const lrScale = warm ? 1 : lrAdjust(bEff, bSize, o.lrAdjust); // [EMAIS] Eq. 8
      diag = { trIS: t.trIS, trU: t.trU, trOpt: t.trOpt, ems: bEff, efficiency };
      if (o.refreshEvery > 0) diag.examplesScored = scored;
      return { lrScale };
    },
    observe(obs: Observation): void {
      checkObservation('emais', obs);
      const u = obs.outputGrad;
      if (u === undefined)
        throw new Error('emais: observe needs the output gradients u_b (needs.outputGrad)');
      const bSize = obs.indices.length;
      const C = u.length / bSize;
      const t = obs.step ?? stepCounter;
      stepCounter = t + 1;
      // METHODS §1.4: one update per unique index, with the mean of its copies' norms
      const sum = new Map<number, { s: number; c: number }>();
      for (let b = 0; b < bSize; b++) {
        let sq = 0;
        for (let k = 0; k < C; k++) sq += u[b * C + k] * u[b * C + k];
        const v = Math.sqrt(sq); // [EMAIS] Eq. 9: v = ‖u_b‖
        if (!Number.isFinite(v)) {
          throw new RangeError(
            `emais: output-gradient norm of sample ${obs.indices[b]} at step ${t} is ${v}; it must be finite`,
          );
        }
        const i = obs.indices[b];
        const e = sum.get(i);
        if (e === undefined) sum.set(i, { s: v, c: 1 });
        else {
          e.s += v;
          e.c += 1;
        }
      }
      const tau = o.tau === 0 ? t : o.tau; // METHODS §5.9 Linear-τ: τ ← t
      for (const [i, e] of sum) {
        stats.update(t, i, e.s / e.c, tau > 0 ? tau : 1); // METHODS §5.8 UpdateStats
        w[i] = Math.max(stats.importance(i, o.importanceForm), W_FLOOR); // METHODS §5.8 ComputeImportance
      }
    },
    endEpoch(epoch: number): void {
      if (epoch !== openEpoch)
        throw new Error(`emais: endEpoch(${epoch}) does not match the open epoch (${openEpoch})`);
      openEpoch = -1;
      order = null;
    },
    probabilities(): Float64Array {
      if (warm && openEpoch >= 0) return new Float64Array(N).fill(1 / N);
      rebuild();
      const p = new Float64Array(N); // (N,)
      for (let i = 0; i < N; i++) p[i] = adjustedWeight(i) / total;
      return p;
    },
    diagnostics: () => ({ ...diag }),
    lastTraces: () => traces,
    saveState: (): SamplerState =>
      packState('emais', {
        rng: rng.getState(),
        mean: stats.mean,
        variance: stats.variance,
        last: stats.last,
        w,
        cdf,
        theta,
        rho,
        W,
        total,
        order,
        pos,
        openEpoch,
        warm,
        stepCounter,
        traces: traces === null ? null : { ...traces },
        diag,
      }),
    loadState(state: SamplerState): void {
      const s = unpackState<{
        rng: RngState;
        mean: Float64Array;
        variance: Float64Array;
        last: Float64Array;
        w: Float64Array;
        cdf: Float64Array;
        theta: number;
        rho: number;
        W: number;
        total: number;
        order: Int32Array | null;
        pos: number;
        openEpoch: number;
        warm: boolean;
        stepCounter: number;
        traces: VarianceTraces | null;
        diag: Record<string, number>;
      }>('emais', state);
      rng.setState(s.rng);
      restoreArray('emais.mean', stats.mean, s.mean);
      restoreArray('emais.variance', stats.variance, s.variance);
      restoreArray('emais.last', stats.last, s.last);
      restoreArray('emais.w', w, s.w);
      restoreArray('emais.cdf', cdf, s.cdf);
      ({ theta, rho, W, total, order, pos, openEpoch, warm, stepCounter, traces, diag } = s);
    },
  };
  return sampler;
}
