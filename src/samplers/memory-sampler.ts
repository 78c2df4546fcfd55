import { packState, unpackState, type SamplerState } from '../checkpoint/state-codec.js';
import { resolveOptions as resolveDeclared } from '../options/option-spec.js';
import { permutation, type RngState } from '../random/rng.js';
import {
  blendMemory,
  epsilonFloor,
  initEpochsOption,
  memoryOptions,
  type EpsMode,
} from './importance-memory.js';
import { SumTree } from './sum-tree.js';
import type { Batch, Observation, Sampler, SamplerContext } from './types.js';
import { checkObservation } from './check-observation.js';

/** Which correction the memory sampler applies: 'is' weights λ = 1/(N p_i) (unbiased), 'as' weights 1. */
export type MemorySamplerMode = 'is' | 'as';

/** Hyper-parameters of the memory-based IS/AS sampler (METHODS §3.1, §9). */
export interface MemorySamplerOptions {
  /** α_q ∈ [0, 1): weight kept on the old importance in `q_i ← α_q q_i + (1 − α_q) φ(i)`. Default 0.1. */
  alpha: number;
  /** ε ≥ 0 added to every q_i once per main epoch. Default 1e-3 (relative: ε·mean(q)). */
  eps: number;
  /**
   * 'relative' (default): add ε·mean(q), mean taken at that moment (loss-scale free, METHODS §8 row 5);
   * 'absolute': add ε as is.
   */
  epsMode: EpsMode;
  /** Number of initialisation epochs (plain SGD-Scan that sets q_i ← φ(i)), integer ≥ 0. Default 1. */
  initEpochs: number;
}

/** Declarations of {@link MemorySamplerOptions}: {@link memoryOptions} (α_q, ε, ε-mode) plus `initEpochs`. */
export const memorySamplerOptionSpecs = Object.freeze({ ...memoryOptions, initEpochs: initEpochsOption });

/** Defaults of {@link MemorySamplerOptions}: `{ alpha: 0.1, eps: 1e-3, epsMode: 'relative', initEpochs: 1 }`. */
export const memorySamplerDefaults: Readonly<MemorySamplerOptions> = Object.freeze({
  alpha: memoryOptions.alpha.default,
  eps: memoryOptions.eps.default,
  epsMode: memoryOptions.epsMode.default as EpsMode,
  initEpochs: initEpochsOption.default as number,
});

/** A memory-based IS/AS sampler; adds read access to its importance memory. */
export interface MemorySampler extends Sampler {
  /** 'is' or 'as', fixed by the factory. */
  readonly mode: MemorySamplerMode;
  /** The resolved options (defaults filled in). */
  readonly options: Readonly<MemorySamplerOptions>;
  /** A copy of the un-normalised importance memory q (N). */
  memory(): Float64Array;
}

/**
 * Memory-based importance sampling ('is') or adaptive sampling ('as'): [MIS] Algorithm 1, [AS-IS]
 * Algorithms 1–3, with the mean convention of METHODS §1 (spec: METHODS §3.2).
 *
 * Symbols: N = `ctx.n`, B = `ctx.batchSize`, q ∈ R^N_{≥0} the persistent importance memory (a
 * {@link SumTree}), p = q / Σq the sampling pmf, φ(i) the importance score the trainer passes to `observe`,
 * α_q = `alpha`, ε = `eps`, λ_i = 1/(N p_i).
 *
 * - Initialisation epochs e < `initEpochs`: SGD-Scan over a fresh random permutation in slices of B
 *   (ceil(N/B) steps, last one partial), weights 1, probs 1/N; `observe` sets q_i ← φ(i).
 * - Main epochs: floor(N/B) steps; each step draws B indices i.i.d. from p (with replacement, O(B log N));
 *   weights c_b = 1/(N p_{i_b}) for 'is', 1 for 'as'; probs = p_{i_b}, the pmf actually used.
 *   `observe` applies q_i ← α_q q_i + (1 − α_q) φ̄(i) once per unique index, φ̄ = mean over its copies
 *   (METHODS §1.4). `endEpoch` adds ε (or ε·mean(q)) to every q_i once.
 * - q starts at 1 for every sample, so with `initEpochs = 0` the first main epoch samples uniformly.
 * - If Σq = 0 (every score exactly 0 and nothing added since), the step draws uniformly with replacement
 *   with weights 1 and probs 1/N (the IS weight of the uniform pmf), instead of failing.
 * - `wantsScores()` is always true: both phases need φ for every drawn sample.
 * - Scores must be finite and ≥ 0; anything else throws, naming the sample index and the value.
 *
 * @param ctx N ≥ 1, integer B in [1, N], and the sampler's `rng` (used for the permutations and the draws).
 * @param options partial {@link MemorySamplerOptions}; defaults `{ alpha: 0.1, eps: 1e-3, epsMode: 'relative',
 *   initEpochs: 1 }`.
 * @param mode 'is' (weights λ = 1/(N p)) or 'as' (weights 1).
 * @example
 * const s = createMemorySampler({ n: 100, batchSize: 10, rng: createRng(1) }, { alpha: 0.2 }, 'is');
 * s.beginEpoch(0); // init epoch: 10 steps of a permutation
 * const batch = s.next();
 * s.observe({ indices: batch.indices, scores: new Float32Array(10).fill(0.5), losses: new Float32Array(10) });
 */
export function createMemorySampler(
  ctx: SamplerContext,
  options: Record<string, unknown>,
  mode: MemorySamplerMode,
): MemorySampler {
  if (mode !== 'is' && mode !== 'as') {
    throw new RangeError(`memory sampler: mode must be 'is' or 'as', got '${String(mode)}'`);
  }
  const name = mode;
  const { n: N, batchSize: B, rng } = ctx;
  if (!Number.isInteger(N) || N < 1) {
    throw new RangeError(`${name}: ctx.n (training-set size N) must be an integer ≥ 1, got ${N}`);
  }
  if (!Number.isInteger(B) || B < 1 || B > N) {
    throw new RangeError(`${name}: ctx.batchSize must be an integer in [1, N = ${N}], got ${B}`);
  }
  const opts = resolveOptions(name, options);
  const { alpha, eps, epsMode, initEpochs } = opts;

  const q = new SumTree(N); // importance memory q (N leaves)
  q.addToAll(1); // q_i = 1: uniform until scores arrive
  let openEpoch = -1;
  let inInit = false; // phase of the open epoch
  let stepsTaken = 0;
  let order: Int32Array | null = null; // (N,) permutation of an init epoch
  let pending: Int32Array | null = null; // (B,) indices of the last batch, awaiting observe()

  const isInit = (epoch: number): boolean => epoch < initEpochs;
  const stepsInEpoch = (epoch: number): number => {
    if (!Number.isInteger(epoch) || epoch < 0) {
      throw new RangeError(`${name}: epoch must be an integer ≥ 0, got ${epoch}`);
    }
    // METHODS §3.2: init = ceil(N/B) (every sample once), main = floor(N/B) (METHODS §0)
    return isInit(epoch) ? Math.ceil(N / B) : Math.floor(N / B);
  };

  const uniformBatch = (indices: Int32Array): Batch => ({
    indices,
    weights: new Float64Array(indices.length).fill(1), // (b,)
    probs: new Float64Array(indices.length).fill(1 / N), // (b,)
  });

  const nextInit = (): Batch => {
    const start = stepsTaken * B;
    const indices = (order as Int32Array).slice(start, Math.min(start + B, N)); // (b,) METHODS §3.2 init slice
    return uniformBatch(indices);
  };

  const nextMain = (): Batch => {
    const total = q.total;
    if (total === 0) {
      // Σq = 0: nothing to be proportional to; fall back to uniform with replacement (documented above).
      const indices = new Int32Array(B); // (B,)
      for (let b = 0; b < B; b++) indices[b] = rng.int(N);
      return uniformBatch(indices);
    }
    const indices = q.sampleMany(rng, B); // (B,) [MIS] Alg. 1 l.6–7: i_b ~ p = q/Σq, with replacement
    const weights = new Float64Array(B); // (B,)
    const probs = new Float64Array(B); // (B,)
    for (let b = 0; b < B; b++) {
      const p = q.get(indices[b]) / total; // [MIS] Alg. 1 l.6
      probs[b] = p;
      // METHODS §3.2 / [AS-IS] Alg. 1 l.14: IS c_b = λ = 1/(N p), AS c_b = 1
      weights[b] = mode === 'is' ? 1 / (N * p) : 1;
    }
    return { indices, weights, probs };
  };

  return {
    name,
    mode,
    options: opts,
    warmupEpochs: initEpochs, // METHODS §3.2: the init epochs are SGD-Scan
    stepsInEpoch,
    beginEpoch(epoch: number): void {
      stepsInEpoch(epoch); // validates epoch
      if (openEpoch >= 0) {
        throw new Error(`${name}: beginEpoch(${epoch}) called while epoch ${openEpoch} is still open`);
      }
      openEpoch = epoch;
      inInit = isInit(epoch);
      stepsTaken = 0;
      pending = null;
      order = inInit ? permutation(N, rng) : null; // kit: a random permutation (METHODS §3.2)
    },
    next(): Batch {
      if (openEpoch < 0) {
        throw new Error(`${name}: next() called outside an epoch; call beginEpoch(e) first`);
      }
      const steps = stepsInEpoch(openEpoch);
      if (stepsTaken >= steps) {
        throw new Error(
          `${name}: next() called more than stepsInEpoch = ${steps} times in epoch ${openEpoch}`,
        );
      }
      const batch = inInit ? nextInit() : nextMain();
      stepsTaken++;
      pending = batch.indices;
      return batch;
    },
    wantsScores: () => true,
    observe(obs: Observation): void {
      checkObservation(name, obs); // finite scores ≥ 0, finite losses
      if (pending === null) {
        throw new Error(`${name}: observe() called without a batch awaiting scores; call next() first`);
      }
      const idx = pending;
      if (obs.indices.length !== idx.length || obs.indices.some((v, b) => v !== idx[b])) {
        throw new Error(
          `${name}: observe() indices [${Array.from(obs.indices).join(', ')}] do not match the last batch [${Array.from(idx).join(', ')}]`,
        );
      }
      const scores = obs.scores;
      if (scores === undefined) {
        throw new Error(`${name}: observe() needs obs.scores (importance scores φ, length ${idx.length})`);
      }
      if (scores.length !== idx.length) {
        throw new Error(
          `${name}: obs.scores has length ${scores.length}, expected the batch size ${idx.length}`,
        );
      }
      pending = null;
      if (inInit) {
        // METHODS §3.2 init: q[i] ← φ(i) (a permutation slice has no duplicates)
        for (let b = 0; b < idx.length; b++) q.set(idx[b], scores[b]);
        return;
      }
      // METHODS §1.4: one update per unique index, with the mean score of its copies.
      const acc = new Map<number, { sum: number; count: number }>();
      for (let b = 0; b < idx.length; b++) {
        const a = acc.get(idx[b]);
        if (a === undefined) acc.set(idx[b], { sum: scores[b], count: 1 });
        else {
          a.sum += scores[b];
          a.count++;
        }
      }
      for (const [i, { sum, count }] of acc) {
        q.set(i, blendMemory(q.get(i), sum / count, alpha)); // [MIS] Alg. 1 l.12; [AS-IS] Eq. 7
      }
    },
    endEpoch(epoch: number): void {
      if (epoch !== openEpoch) {
        throw new Error(`${name}: endEpoch(${epoch}) does not match the open epoch (${openEpoch})`);
      }
      if (!inInit) {
        // [MIS] Alg. 1 l.14, once per epoch (METHODS §3.2, §8 row 5): q ← q + ε, relative ε·mean(q)
        const add = epsilonFloor(q.total, N, eps, epsMode);
        if (add > 0) q.addToAll(add);
      }
      openEpoch = -1;
      inInit = false;
      order = null;
      pending = null;
    },
    probabilities(): Float64Array {
      const p = new Float64Array(N); // (N,)
      const total = q.total;
      if (inInit || total === 0) return p.fill(1 / N); // the scan (or the Σq = 0 fallback) is uniform
      q.toArray(p);
      for (let i = 0; i < N; i++) p[i] /= total; // METHODS §0: p = q / Σq
      return p;
    },
    memory: () => q.toArray(),
    saveState(): SamplerState {
      if (pending !== null) throw new Error(`${name}: saveState() between next() and observe()`);
      return packState(name, { rng: rng.getState(), q: q.saveState(), openEpoch, inInit, stepsTaken, order });
    },
    loadState(state: SamplerState): void {
      const s = unpackState<{
        rng: RngState;
        q: { node: Float64Array };
        openEpoch: number;
        inInit: boolean;
        stepsTaken: number;
        order: Int32Array | null;
      }>(name, state);
      rng.setState(s.rng);
      q.loadState(s.q);
      ({ openEpoch, inInit, stepsTaken, order } = s);
      pending = null;
    },
  };
}

/**
 * Factory for 'is': {@link createMemorySampler} with mode 'is' (weights λ = 1/(N p)).
 * @param ctx see {@link createMemorySampler}.
 * @param options partial {@link MemorySamplerOptions}; defaults {@link memorySamplerDefaults}.
 * @example
 * const s = createMemoryIs({ n: 100, batchSize: 10, rng: createRng(1) });
 */
export function createMemoryIs(ctx: SamplerContext, options: Record<string, unknown> = {}): MemorySampler {
  return createMemorySampler(ctx, options, 'is');
}

/**
 * Factory for 'as': {@link createMemorySampler} with mode 'as' (weights 1, biased toward p).
 * @param ctx see {@link createMemorySampler}.
 * @param options partial {@link MemorySamplerOptions}; defaults {@link memorySamplerDefaults}.
 * @example
 * const s = createMemoryAs({ n: 100, batchSize: 10, rng: createRng(1) }, { alpha: 0 });
 */
export function createMemoryAs(ctx: SamplerContext, options: Record<string, unknown> = {}): MemorySampler {
  return createMemorySampler(ctx, options, 'as');
}

/** Fills defaults and checks every option against {@link memorySamplerOptionSpecs}, naming the bad key and value. */
function resolveOptions(name: string, options: Record<string, unknown>): MemorySamplerOptions {
  return resolveDeclared(name, memorySamplerOptionSpecs, options) as unknown as MemorySamplerOptions;
}
