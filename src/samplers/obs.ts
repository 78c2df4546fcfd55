import { packState, restoreArray, unpackState, type SamplerState } from '../checkpoint/state-codec.js';
import { resolveOptions, type OptionSpec } from '../options/option-spec.js';
import { permutation, type RngState } from '../random/rng.js';
import { cumulativeSum, drawFromCdf } from '../random/sample-cdf.js';
import type { Batch, DrawContext, Observation, Sampler, SamplerContext } from './types.js';
import { checkObservation } from './check-observation.js';

/** Hyper-parameters of online batch selection (METHODS §6.7, §9). */
export interface ObsOptions {
  /** Selection pressure s_e > 1 at the first selection epoch. Default 100. */
  pressureStart: number;
  /** Selection pressure at the last epoch (exponential interpolation from pressureStart). Default 100. */
  pressureEnd: number;
  /** Epoch e_end of the interpolation (s_e = pressureEnd from then on), integer ≥ 1. Default 10. */
  pressureEpochs: number;
  /** Re-sort after at least this many evaluated samples since the last sort, integer ≥ 1. Default 100. */
  sortEvery: number;
  /** r_freq ≥ 0: refresh the top-ranked losses every N/r_freq evaluated samples; 0 (default) = never. */
  refreshFreq: number;
  /** r_ratio ∈ (0, 1]: fraction of top-ranked samples whose loss a refresh recomputes. Default 0.5. */
  refreshRatio: number;
}

/** Declarations of {@link ObsOptions} (METHODS §6.7, §9), checked here and reused by the 'obs' method. */
export const obsOptions = Object.freeze({
  pressureStart: { kind: 'number', default: 100, min: 1, help: 'selection pressure s_e at the start' },
  pressureEnd: { kind: 'number', default: 100, min: 1, help: 'selection pressure s_e at epoch e_end' },
  pressureEpochs: { kind: 'int', default: 10, min: 1, help: 'epoch e_end of the s_e interpolation' },
  sortEvery: { kind: 'int', default: 100, min: 1, help: 're-sort after this many evaluated samples' },
  refreshFreq: {
    kind: 'number',
    default: 0,
    min: 0,
    help: 'r_freq: loss refreshes per N samples (0 = none)',
  },
  refreshRatio: {
    kind: 'number',
    default: 0.5,
    min: 0,
    minExclusive: true,
    max: 1,
    help: 'r_ratio: fraction of top-ranked samples a refresh recomputes',
  },
} satisfies Record<string, OptionSpec>);

/** Defaults of {@link ObsOptions}, from {@link obsOptions}. */
export const obsDefaults: Readonly<ObsOptions> = Object.freeze(
  Object.fromEntries(Object.entries(obsOptions).map(([k, o]) => [k, o.default])) as unknown as ObsOptions,
);

/**
 * The OBS rank pmf ([OBS] Loshchilov & Hutter 2016; METHODS §6.7): P(r) ∝ exp(−r·ln(s_e)/N) for ranks
 * r = 0..N−1 (r = 0 the largest loss), so P(0)/P(N−1) = s_e^{(N−1)/N}.
 * @param N number of samples ≥ 1.
 * @param pressure s_e ≥ 1.
 * @returns P (N), Σ P = 1.
 * @example
 * obsRankPmf(2, 4); // ∝ [1, 0.5] → [2/3, 1/3]
 */
export function obsRankPmf(N: number, pressure: number): Float64Array {
  if (!Number.isInteger(N) || N < 1) throw new RangeError(`obsRankPmf: N must be an integer ≥ 1, got ${N}`);
  if (!(Number.isFinite(pressure) && pressure >= 1)) {
    throw new RangeError(`obsRankPmf: pressure s_e must be a finite number ≥ 1, got ${pressure}`);
  }
  const P = new Float64Array(N); // (N)
  let total = 0;
  for (let r = 0; r < N; r++) total += P[r] = Math.exp((-r * Math.log(pressure)) / N); // METHODS §6.7
  for (let r = 0; r < N; r++) P[r] /= total;
  return P;
}

/** An OBS sampler; adds read access to its latest losses. */
export interface ObsSampler extends Sampler {
  /** A copy of the latest known loss of every sample (N; 1e10 = never seen). */
  latestLosses(): Float64Array;
  /** Selection pressure s_e of epoch e (METHODS §6.7 schedule). */
  pressure(epoch: number): number;
}

const UNSEEN = 1e10; // METHODS §6.7: unseen samples rank first

/**
 * Online batch selection by loss rank ([OBS]; PyTorch port of the authors' code; METHODS §6.7). Epoch 0 is a
 * sequential pass (a random permutation, ceil(N/B) steps). Afterwards floor(N/B) steps per epoch; each draws B
 * indices i.i.d. by rank under {@link obsRankPmf} with s_e(e) = s_0 (s_end/s_0)^{min(e/e_end, 1)}; samples are
 * re-sorted by latest loss (descending) at the first batch boundary after `sortEvery` evaluated samples. With
 * `refreshFreq` > 0, every N/r_freq evaluated samples the losses of the top r_ratio·N ranked samples are
 * recomputed through the DrawContext (inference mode; counted as scoring time). Weights 1 (biased).
 * Diagnostics: `obsPressure`, `examplesScored`.
 *
 * @param ctx N ≥ 1, B in [1, N], rng.
 * @param options partial {@link ObsOptions}; defaults {@link obsDefaults}.
 * @example
 * const s = createObs({ n: 100, batchSize: 10, rng: createRng(1) }, { pressureStart: 100 });
 */
export function createObs(ctx: SamplerContext, options: Record<string, unknown> = {}): ObsSampler {
  const o = resolveObsOptions(options);
  const { n: N, batchSize: B, rng } = ctx;
  if (!Number.isInteger(N) || N < 1) throw new RangeError(`obs: ctx.n must be an integer ≥ 1, got ${N}`);
  if (!Number.isInteger(B) || B < 1 || B > N) {
    throw new RangeError(`obs: ctx.batchSize must be an integer in [1, N = ${N}], got ${B}`);
  }
  const latest = new Float64Array(N).fill(UNSEEN); // (N) latest known loss
  let ranked = Int32Array.from({ length: N }, (_, i) => i); // (N) indices by loss, descending
  const rankOf = Int32Array.from({ length: N }, (_, i) => i); // (N) inverse of `ranked`
  let cdf: Float64Array = new Float64Array(0); // (N) cumulative rank pmf of the open epoch
  let pmf: Float64Array = new Float64Array(0); // (N)
  let openEpoch = -1;
  let order: Int32Array | null = null;
  let taken = 0;
  let pending = false;
  let sinceSort = 0;
  let sinceRefresh = 0;
  let scored = 0;
  const pressure = (e: number) =>
    o.pressureStart * (o.pressureEnd / o.pressureStart) ** Math.min(e / o.pressureEpochs, 1); // METHODS §6.7
  const stepsInEpoch = (e: number) => {
    if (!Number.isInteger(e) || e < 0) throw new RangeError(`obs: epoch must be an integer ≥ 0, got ${e}`);
    return e === 0 ? Math.ceil(N / B) : Math.floor(N / B);
  };
  const resort = () => {
    ranked = Int32Array.from({ length: N }, (_, i) => i).sort((a, b) => latest[b] - latest[a] || a - b);
    for (let r = 0; r < N; r++) rankOf[ranked[r]] = r;
    sinceSort = 0;
  };
  const refresh = (dctx: DrawContext | undefined) => {
    if (dctx === undefined) throw new Error('obs: a loss refresh needs the DrawContext');
    const top = ranked.slice(0, Math.max(1, Math.round(o.refreshRatio * N))); // top r_ratio·N ranks
    const { losses } = dctx.evaluate(top);
    checkObservation('obs', { indices: top, losses }, 'loss refresh: evaluate()'); // a NaN would break the ranking
    for (let j = 0; j < top.length; j++) latest[top[j]] = losses[j];
    scored += top.length;
    sinceRefresh = 0;
    resort();
  };
  return {
    name: 'obs',
    warmupEpochs: 1, // epoch 0 is one sequential pass over a permutation (SGD-Scan)
    latestLosses: () => latest.slice(),
    pressure,
    stepsInEpoch,
    beginEpoch(e: number): void {
      stepsInEpoch(e);
      if (openEpoch >= 0)
        throw new Error(`obs: beginEpoch(${e}) called while epoch ${openEpoch} is still open`);
      openEpoch = e;
      taken = 0;
      order = e === 0 ? permutation(N, rng) : null;
      if (e > 0) {
        pmf = obsRankPmf(N, pressure(e));
        cdf = cumulativeSum(pmf); // (N)
        resort();
      }
    },
    next(dctx?: DrawContext): Batch {
      if (openEpoch < 0) throw new Error('obs: next() called outside an epoch; call beginEpoch(e) first');
      const steps = stepsInEpoch(openEpoch);
      if (taken >= steps)
        throw new Error(`obs: next() called more than stepsInEpoch = ${steps} times in epoch ${openEpoch}`);
      taken++;
      pending = true;
      scored = 0;
      if (order !== null) {
        const indices = order.slice((taken - 1) * B, Math.min(taken * B, N)); // (b) sequential pass
        return {
          indices,
          weights: new Float64Array(indices.length).fill(1),
          probs: new Float64Array(indices.length).fill(1 / N),
        };
      }
      if (o.refreshFreq > 0 && sinceRefresh >= N / o.refreshFreq) refresh(dctx);
      else if (sinceSort >= o.sortEvery) resort();
      const indices = new Int32Array(B); // (B)
      const probs = new Float64Array(B); // (B)
      for (let b = 0; b < B; b++) {
        const r = drawFromCdf(cdf, rng); // METHODS §6.7: rank r ~ P(r)
        indices[b] = ranked[r];
        probs[b] = pmf[r];
      }
      return { indices, weights: new Float64Array(B).fill(1), probs }; // no reweighting
    },
    wantsScores: () => false,
    observe(obs: Observation): void {
      checkObservation('obs', obs);
      if (!pending) throw new Error('obs: observe() called without a pending batch; call next() first');
      const { indices, losses } = obs;
      const acc = new Map<number, { s: number; c: number }>(); // METHODS §1.4: mean over copies
      for (let b = 0; b < indices.length; b++) {
        const e = acc.get(indices[b]);
        if (e === undefined) acc.set(indices[b], { s: losses[b], c: 1 });
        else {
          e.s += losses[b];
          e.c++;
        }
      }
      for (const [i, { s, c }] of acc) latest[i] = s / c;
      sinceSort += indices.length;
      sinceRefresh += indices.length;
      pending = false;
    },
    endEpoch(e: number): void {
      if (e !== openEpoch)
        throw new Error(`obs: endEpoch(${e}) does not match the open epoch (${openEpoch})`);
      openEpoch = -1;
      order = null;
      pending = false;
    },
    probabilities(): Float64Array {
      if (openEpoch <= 0) return new Float64Array(N).fill(1 / N);
      return Float64Array.from({ length: N }, (_, i) => pmf[rankOf[i]]); // (N) P(rank of i)
    },
    diagnostics: () => ({ obsPressure: openEpoch > 0 ? pressure(openEpoch) : 1, examplesScored: scored }),
    saveState(): SamplerState {
      if (pending) throw new Error('obs: saveState() between next() and observe()');
      return packState('obs', {
        rng: rng.getState(),
        latest,
        ranked,
        rankOf,
        cdf,
        pmf,
        openEpoch,
        order,
        taken,
        sinceSort,
        sinceRefresh,
        scored,
      });
    },
    loadState(state: SamplerState): void {
      const s = unpackState<{
        rng: RngState;
        latest: Float64Array;
        ranked: Int32Array;
        rankOf: Int32Array;
        cdf: Float64Array;
        pmf: Float64Array;
        openEpoch: number;
        order: Int32Array | null;
        taken: number;
        sinceSort: number;
        sinceRefresh: number;
        scored: number;
      }>('obs', state);
      rng.setState(s.rng);
      restoreArray('obs.latest', latest, s.latest);
      restoreArray('obs.ranked', ranked, s.ranked);
      restoreArray('obs.rankOf', rankOf, s.rankOf);
      ({ cdf, pmf, openEpoch, order, taken, sinceSort, sinceRefresh, scored } = s);
      pending = false;
    },
  };
}

function resolveObsOptions(options: Record<string, unknown>): ObsOptions {
  return resolveOptions('obs', obsOptions, options) as unknown as ObsOptions;
}
