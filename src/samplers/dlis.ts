import { packState, unpackState, type SamplerState } from '../checkpoint/state-codec.js';
import { resolveOptions, type OptionSpec } from '../options/option-spec.js';
import type { Rng, RngState } from '../random/rng.js';
import { cumulativeSum, drawFromCdf } from '../random/sample-cdf.js';
import type { Batch, DrawContext, Observation, Sampler, SamplerContext } from './types.js';
import { checkObservation } from './check-observation.js';

/** Hyper-parameters of the DLIS presampling sampler (METHODS §6.2, §9). */
export interface DlisOptions {
  /** Presample size as a multiple of B: B_pre = presampleFactor · B, integer ≥ 1. Default 3 (library default). */
  presampleFactor: number;
  /** a_τ ∈ [0, 1): EMA factor of the variance-reduction statistic τ_vr. Default 0.9. */
  tauSmoothing: number;
  /** τ_th > 0 of the switch; 0 (default) = DLIS Eq. 29, τ_th = (B_pre + 3B)/(3B). */
  tauThreshold: number;
  /** true (default, 'dlis'): IS only while τ_vr > τ_th; false ('presampling-is'): IS on every step. */
  useSwitch: boolean;
}

/**
 * Declarations of {@link DlisOptions} (METHODS §6.2, §9), checked here and reused by the 'dlis' and
 * 'presampling-is' methods (`--presample-factor`, `--tau-smoothing`, `--tau-threshold`).
 */
export const dlisOptions = Object.freeze({
  presampleFactor: {
    kind: 'int',
    default: 3,
    min: 1,
    help: 'presample size B_pre as a multiple of B (DLIS library default 3)',
  },
  tauSmoothing: {
    kind: 'number',
    default: 0.9,
    min: 0,
    max: 1,
    maxExclusive: true,
    help: 'EMA factor a_τ of τ_vr',
  },
  tauThreshold: {
    kind: 'number',
    default: 0,
    min: 0,
    help: 'switch threshold τ_th; 0 = DLIS Eq. 29, (B_pre + 3B)/(3B)',
  },
  useSwitch: {
    kind: 'boolean',
    default: true,
    help: "IS only while τ_vr > τ_th ('dlis'); false = IS on every step ('presampling-is')",
  },
} satisfies Record<string, OptionSpec>);

/** Defaults of {@link DlisOptions}: `{ presampleFactor: 3, tauSmoothing: 0.9, tauThreshold: 0, useSwitch: true }`. */
export const dlisDefaults: Readonly<DlisOptions> = Object.freeze({
  presampleFactor: dlisOptions.presampleFactor.default,
  tauSmoothing: dlisOptions.tauSmoothing.default,
  tauThreshold: dlisOptions.tauThreshold.default,
  useSwitch: dlisOptions.useSwitch.default,
});

/** A DLIS sampler; adds read access to its switch state. */
export interface DlisSampler extends Sampler {
  readonly options: Readonly<DlisOptions>;
  /** The switch threshold τ_th actually used. */
  readonly tauThreshold: number;
  /** Current τ_vr (0 before the first update). */
  tauVr(): number;
  /** True when the next draw will use importance sampling. */
  isActive(): boolean;
}

/**
 * τ_vr's per-step term, DLIS Eq. 29 area ([DLIS] §3.3; authors' library): (1 − ‖g − 𝟙/n‖² / ‖g‖²)^{−1/2} with
 * g = s / Σs the normalised scores; it simplifies to sqrt(n‖g‖²) (METHODS §6.2). All-zero scores give 1 (no gain).
 * @param scores importance scores s (n ≥ 1), finite and ≥ 0.
 * @returns the term, ≥ 1.
 * @example
 * dlisTauTerm(Float32Array.of(1, 1, 1, 1)); // 1 (uniform scores: no variance reduction)
 * dlisTauTerm(Float32Array.of(1, 0, 0, 0)); // 2 = sqrt(4)
 */
export function dlisTauTerm(scores: ArrayLike<number>): number {
  const n = scores.length;
  let total = 0;
  for (let j = 0; j < n; j++) total += scores[j];
  if (!(total > 0)) return 1;
  let g2 = 0; // ‖g‖²
  let d2 = 0; // ‖g − 𝟙/n‖²
  for (let j = 0; j < n; j++) {
    const g = scores[j] / total;
    g2 += g * g;
    d2 += (g - 1 / n) ** 2;
  }
  return 1 / Math.sqrt(Math.max(1 - d2 / g2, 1 / n)); // METHODS §6.2 τ term; clamp guards rounding (≤ sqrt(n))
}

/**
 * DLIS presampling with the τ switch ([DLIS] Algorithm 1 with Eq. 29; METHODS §6.2). Symbols: N = `ctx.n`,
 * b = B = `ctx.batchSize`, B_pre = `presampleFactor`·B, a_τ = `tauSmoothing`, τ_th = `tauThreshold`.
 *
 * Every epoch has floor(N/B) steps. A step with τ_vr > τ_th (or every step when `useSwitch` is false):
 * 1. U ← B_pre indices uniform with replacement; scores Ĝ_U from `ctx.evaluate(U)` (the run's importance
 *    function, e.g. 'output-grad' = ‖u‖, the original DLIS bound for softmax-CE; the time counts as scoring);
 * 2. g_j = Ĝ_j / Σ_U Ĝ; B rows j_b drawn from U with probabilities g (with replacement);
 * 3. weights c_b = 1/(B_pre g_{j_b}), so E[(1/B) Σ c_b ℓ] = mean_U ℓ and, over U, the full mean (unbiased);
 *    probs = B_pre·g_{j_b}/N, the probability p with λ = 1/(N p) = c_b;
 * 4. τ_vr ← a_τ τ_vr + (1 − a_τ)·term(Ĝ_U).
 * Otherwise B indices are drawn uniformly with replacement, weights 1, and `observe` updates τ_vr with the
 * scores of the batch (the only step where the trainer is asked for scores). τ_vr starts at 0, so training starts
 * uniform. All-zero presample scores fall back to g uniform on U (weights 1).
 *
 * Diagnostics per step: `tauVr`, `isActive` (0/1), `examplesScored` (B_pre or 0: extra forward-only examples).
 *
 * @param ctx N ≥ 1, B in [1, N], the sampler's rng.
 * @param options partial {@link DlisOptions}; defaults {@link dlisDefaults}.
 * @example
 * const s = createDlis({ n: 100, batchSize: 10, rng: createRng(1) }, { useSwitch: false });
 * s.beginEpoch(0);
 * const batch = s.next({ step: 0, evaluate: (idx) => ({ losses: new Float32Array(idx.length), scores: new Float32Array(idx.length).fill(1) }) });
 */
export function createDlis(ctx: SamplerContext, options: Record<string, unknown> = {}): DlisSampler {
  const opts = resolveDlisOptions(options);
  const name = opts.useSwitch ? 'dlis' : 'presampling-is';
  const { n: N, batchSize: B, rng } = ctx;
  if (!Number.isInteger(N) || N < 1) {
    throw new RangeError(`${name}: ctx.n (training-set size N) must be an integer ≥ 1, got ${N}`);
  }
  if (!Number.isInteger(B) || B < 1 || B > N) {
    throw new RangeError(`${name}: ctx.batchSize must be an integer in [1, N = ${N}], got ${B}`);
  }
  const Bpre = opts.presampleFactor * B;
  const tauTh = opts.tauThreshold > 0 ? opts.tauThreshold : (Bpre + 3 * B) / (3 * B); // DLIS Eq. 29
  const a = opts.tauSmoothing;
  const steps = Math.floor(N / B); // METHODS §0: with-replacement epoch
  let tau = 0; // τ_vr(0) = 0
  let openEpoch = -1;
  let taken = 0;
  let pendingUniform: Int32Array | null = null; // (B) a uniform batch awaiting its scores
  let lastActive = false;
  let lastScored = 0;
  const active = () => !opts.useSwitch || tau > tauTh;
  const updateTau = (scores: ArrayLike<number>) => {
    tau = a * tau + (1 - a) * dlisTauTerm(scores); // METHODS §6.2: τ_vr EMA
  };

  const nextIs = (dctx: DrawContext | undefined): Batch => {
    if (dctx === undefined) {
      throw new Error(`${name}: next() needs the trainer's DrawContext to score the presample`);
    }
    const U = new Int32Array(Bpre); // (B_pre) uniform presample with replacement
    for (let j = 0; j < Bpre; j++) U[j] = rng.int(N);
    const { scores } = dctx.evaluate(U); // (B_pre) Ĝ_U
    if (scores.length !== Bpre) {
      throw new Error(`${name}: evaluate() returned ${scores.length} scores for ${Bpre} presampled indices`);
    }
    checkObservation(name, { indices: U, scores }, 'presample: evaluate()');
    let total = 0;
    for (let j = 0; j < Bpre; j++) total += scores[j];
    const g = new Float64Array(Bpre); // (B_pre) pmf on U
    for (let j = 0; j < Bpre; j++) g[j] = total > 0 ? scores[j] / total : 1 / Bpre; // METHODS §6.2
    const rows = drawFromPmf(g, B, rng); // (B) rows of U
    const indices = new Int32Array(B); // (B)
    const weights = new Float64Array(B); // (B)
    const probs = new Float64Array(B); // (B)
    for (let b = 0; b < B; b++) {
      const j = rows[b];
      indices[b] = U[j];
      weights[b] = 1 / (Bpre * g[j]); // METHODS §6.2: w_i = 1/(B_pre g_i)
      probs[b] = (Bpre * g[j]) / N; // λ = 1/(N p) = w_i
    }
    updateTau(scores);
    lastScored = Bpre;
    return { indices, weights, probs };
  };

  return {
    name,
    options: opts,
    tauThreshold: tauTh,
    tauVr: () => tau,
    isActive: active,
    stepsInEpoch(epoch: number): number {
      if (!Number.isInteger(epoch) || epoch < 0) {
        throw new RangeError(`${name}: epoch must be an integer ≥ 0, got ${epoch}`);
      }
      return steps;
    },
    beginEpoch(epoch: number): void {
      if (!Number.isInteger(epoch) || epoch < 0) {
        throw new RangeError(`${name}: epoch must be an integer ≥ 0, got ${epoch}`);
      }
      if (openEpoch >= 0) {
        throw new Error(`${name}: beginEpoch(${epoch}) called while epoch ${openEpoch} is still open`);
      }
      openEpoch = epoch;
      taken = 0;
    },
    next(dctx?: DrawContext): Batch {
      if (openEpoch < 0) throw new Error(`${name}: next() called outside an epoch; call beginEpoch(e) first`);
      if (taken >= steps) {
        throw new Error(
          `${name}: next() called more than stepsInEpoch = ${steps} times in epoch ${openEpoch}`,
        );
      }
      taken++;
      lastActive = active();
      lastScored = 0;
      if (lastActive) {
        pendingUniform = null;
        return nextIs(dctx);
      }
      const indices = new Int32Array(B); // (B) uniform with replacement
      for (let b = 0; b < B; b++) indices[b] = rng.int(N);
      pendingUniform = indices;
      return {
        indices,
        weights: new Float64Array(B).fill(1), // (B)
        probs: new Float64Array(B).fill(1 / N), // (B)
      };
    },
    wantsScores: () => pendingUniform !== null,
    observe(obs: Observation): void {
      checkObservation(name, obs); // a NaN φ would make τ_vr NaN, and the switch would never fire
      if (pendingUniform === null) return; // IS step: τ_vr was updated from the presample
      const scores = obs.scores;
      if (scores === undefined || scores.length !== pendingUniform.length) {
        throw new Error(
          `${name}: observe() after a uniform step needs obs.scores of length ${pendingUniform.length}`,
        );
      }
      updateTau(scores); // METHODS §6.2 else-branch: update τ_vr with the b scores of this forward pass
      pendingUniform = null;
    },
    endEpoch(epoch: number): void {
      if (epoch !== openEpoch) {
        throw new Error(`${name}: endEpoch(${epoch}) does not match the open epoch (${openEpoch})`);
      }
      openEpoch = -1;
      pendingUniform = null;
    },
    // The two-stage pmf has no closed form over the whole set; its marginal is uniform over U's draw.
    probabilities: () => new Float64Array(N).fill(1 / N), // (N)
    diagnostics: () => ({ tauVr: tau, isActive: lastActive ? 1 : 0, examplesScored: lastScored }),
    saveState(): SamplerState {
      if (pendingUniform !== null) throw new Error(`${name}: saveState() between next() and observe()`);
      return packState(name, { rng: rng.getState(), tau, openEpoch, taken, lastActive, lastScored });
    },
    loadState(state: SamplerState): void {
      const s = unpackState<{
        rng: RngState;
        tau: number;
        openEpoch: number;
        taken: number;
        lastActive: boolean;
        lastScored: number;
      }>(name, state);
      rng.setState(s.rng);
      ({ tau, openEpoch, taken, lastActive, lastScored } = s);
      pendingUniform = null;
    },
  };
}

/**
 * Factory for 'presampling-is' ([EMAIS] baseline): {@link createDlis} with the switch off (IS on every step).
 * @param ctx see {@link createDlis}.
 * @param options partial {@link DlisOptions} without `useSwitch`; defaults {@link dlisDefaults}.
 * @example
 * const s = createPresamplingIs({ n: 100, batchSize: 10, rng: createRng(1) });
 */
export function createPresamplingIs(ctx: SamplerContext, options: Record<string, unknown> = {}): DlisSampler {
  return createDlis(ctx, { ...options, useSwitch: false });
}

/** k i.i.d. draws from a small pmf by inversion of its cumulative sum (O(n + k log n)); rows with p = 0 are
 * never drawn ({@link searchCdf}). */
function drawFromPmf(p: Float64Array, k: number, rng: Rng): Int32Array {
  const cdf = cumulativeSum(p); // (n)
  const out = new Int32Array(k); // (k)
  for (let t = 0; t < k; t++) out[t] = drawFromCdf(cdf, rng);
  return out;
}

function resolveDlisOptions(options: Record<string, unknown>): DlisOptions {
  return resolveOptions('dlis', dlisOptions, options) as unknown as DlisOptions;
}
