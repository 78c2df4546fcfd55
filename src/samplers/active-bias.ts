import { packState, restoreArray, unpackState, type SamplerState } from '../checkpoint/state-codec.js';
import { resolveOptions, type OptionSpec } from '../options/option-spec.js';
import { permutation, type RngState } from '../random/rng.js';
import { SumTree } from './sum-tree.js';
import type { Batch, Observation, Sampler, SamplerContext } from './types.js';
import { checkObservation } from './check-observation.js';

/** Which Active Bias score: 'confidence' (w = 1 − p̄, or p̄) or 'confvar' ([AB] SGD-SPV). */
export type ActiveBiasMode = 'confidence' | 'confvar';

/** Hyper-parameters of Confidence / ConfVar (METHODS §6.5, §9). */
export interface ActiveBiasOptions {
  /** SGD-Scan warm-up epochs that fill every history, integer ≥ 1. Default 2. */
  warmupEpochs: number;
  /** Confidence only: 'difficult' (default, w = 1 − p̄) or 'easy' (w = p̄). */
  confidenceMode: 'difficult' | 'easy';
}

/** Declarations of {@link ActiveBiasOptions} (METHODS §6.5, §9), reused by the 'confidence' and 'confvar' methods. */
export const activeBiasOptions = Object.freeze({
  warmupEpochs: {
    kind: 'int',
    default: 2,
    min: 1,
    help: 'SGD-Scan warm-up epochs that fill the per-sample statistics',
  },
  confidenceMode: {
    kind: 'enum',
    default: 'difficult',
    values: ['difficult', 'easy'],
    help: "'difficult' (w = 1 − p̄) or 'easy' (w = p̄)",
  },
} satisfies Record<string, OptionSpec>);

/** Defaults of {@link ActiveBiasOptions}: `{ warmupEpochs: 2, confidenceMode: 'difficult' }`. */
export const activeBiasDefaults: Readonly<ActiveBiasOptions> = Object.freeze({
  warmupEpochs: activeBiasOptions.warmupEpochs.default,
  confidenceMode: activeBiasOptions.confidenceMode.default as ActiveBiasOptions['confidenceMode'],
});

/**
 * Active Bias score of one sample from its history of true-class probabilities (METHODS §6.5):
 * confidence w = 1 − p̄ ('difficult') or p̄ ('easy'); confvar w = sqrt(v̂ + v̂²/(|H| − 1)) with v̂ the population
 * variance of H (0 while |H| < 2).
 * @param sum Σ H over the history.
 * @param sumSq Σ H² over the history.
 * @param count |H| ≥ 0 (an empty history scores 0).
 * @param mode 'confidence' or 'confvar'.
 * @param confidenceMode 'difficult' (default) or 'easy'.
 * @example
 * activeBiasScore(1.0, 0.5, 2, 'confvar'); // H = [0.5, 0.5]: v̂ = 0 → 0
 * activeBiasScore(1.5, 1.25, 2, 'confidence'); // H = [0.5, 1]: 1 − 0.75 = 0.25
 */
export function activeBiasScore(
  sum: number,
  sumSq: number,
  count: number,
  mode: ActiveBiasMode,
  confidenceMode: 'difficult' | 'easy' = 'difficult',
): number {
  if (count <= 0) return 0;
  const mean = sum / count; // p̄_i
  if (mode === 'confidence') return confidenceMode === 'difficult' ? 1 - mean : mean; // METHODS §6.5
  if (count < 2) return 0;
  const v = Math.max(sumSq / count - mean * mean, 0); // population variance v̂_i
  return Math.sqrt(v + (v * v) / (count - 1)); // [AB] SGD-SPV; METHODS §6.5
}

/** A Confidence / ConfVar sampler; adds read access to the per-sample scores. */
export interface ActiveBiasSampler extends Sampler {
  readonly mode: ActiveBiasMode;
  /** A copy of the scores w (N). */
  scores(): Float64Array;
}

/**
 * Active Bias sampling ([AB] Chang et al. 2017, as used in [EMAIS]; METHODS §6.5): keep for every sample the
 * history H_i of its predicted true-class probability softmax(m_i)_{y_i} (from each training forward pass,
 * `needs.output`), score w_i by {@link activeBiasScore}, and draw p_i ∝ w_i + mean(w) with replacement; the
 * gradient is a plain average (weights 1, biased). Since N·mean(w) = Σw, p_i = ½ w_i/Σw + ½/N: the draw is a
 * fair coin between the score tree and a uniform index. Warm-up epochs (SGD-Scan) fill every history; main
 * epochs have floor(N/B) steps. Needs integer labels (classification tasks; not multi-label).
 *
 * @param ctx N ≥ 1, B in [1, N], rng.
 * @param options partial {@link ActiveBiasOptions}; defaults {@link activeBiasDefaults}.
 * @param mode 'confidence' or 'confvar'.
 * @example
 * const s = createActiveBias({ n: 100, batchSize: 10, rng: createRng(1) }, {}, 'confvar');
 */
export function createActiveBias(
  ctx: SamplerContext,
  options: Record<string, unknown>,
  mode: ActiveBiasMode,
): ActiveBiasSampler {
  if (mode !== 'confidence' && mode !== 'confvar') {
    throw new RangeError(`active bias: mode must be 'confidence' or 'confvar', got '${String(mode)}'`);
  }
  const name = mode;
  const { warmupEpochs, confidenceMode } = resolveOptions(
    name,
    activeBiasOptions,
    options,
  ) as unknown as ActiveBiasOptions;
  const { n: N, batchSize: B, rng } = ctx;
  if (!Number.isInteger(N) || N < 1) throw new RangeError(`${name}: ctx.n must be an integer ≥ 1, got ${N}`);
  if (!Number.isInteger(B) || B < 1 || B > N) {
    throw new RangeError(`${name}: ctx.batchSize must be an integer in [1, N = ${N}], got ${B}`);
  }
  const hSum = new Float64Array(N); // (N) Σ H_i
  const hSq = new Float64Array(N); // (N) Σ H_i²
  const hCount = new Int32Array(N); // (N) |H_i|
  const w = new SumTree(N); // scores w_i
  let openEpoch = -1;
  let warm = false;
  let order: Int32Array | null = null;
  let taken = 0;
  let pending = false;
  const stepsInEpoch = (e: number) => {
    if (!Number.isInteger(e) || e < 0)
      throw new RangeError(`${name}: epoch must be an integer ≥ 0, got ${e}`);
    return e < warmupEpochs ? Math.ceil(N / B) : Math.floor(N / B);
  };
  const pOf = (i: number, total: number) => (total > 0 ? 0.5 * (w.get(i) / total) + 0.5 / N : 1 / N); // (w_i + w̄)/(2Σw)
  return {
    name,
    mode,
    warmupEpochs,
    needs: { output: true },
    scores: () => w.toArray(),
    stepsInEpoch,
    beginEpoch(e: number): void {
      stepsInEpoch(e);
      if (openEpoch >= 0)
        throw new Error(`${name}: beginEpoch(${e}) called while epoch ${openEpoch} is still open`);
      openEpoch = e;
      warm = e < warmupEpochs;
      order = warm ? permutation(N, rng) : null;
      taken = 0;
    },
    next(): Batch {
      if (openEpoch < 0) throw new Error(`${name}: next() called outside an epoch; call beginEpoch(e) first`);
      const steps = stepsInEpoch(openEpoch);
      if (taken >= steps) {
        throw new Error(
          `${name}: next() called more than stepsInEpoch = ${steps} times in epoch ${openEpoch}`,
        );
      }
      taken++;
      pending = true;
      if (warm) {
        const indices = (order as Int32Array).slice((taken - 1) * B, Math.min(taken * B, N)); // (b)
        return {
          indices,
          weights: new Float64Array(indices.length).fill(1),
          probs: new Float64Array(indices.length).fill(1 / N),
        };
      }
      const total = w.total;
      const indices = new Int32Array(B); // (B)
      for (let b = 0; b < B; b++) {
        // METHODS §6.5: p ∝ w + mean(w) = ½·(w/Σw) + ½·uniform
        indices[b] = total > 0 && rng.next() < 0.5 ? w.sample(rng.next() * total) : rng.int(N);
      }
      return {
        indices,
        weights: new Float64Array(B).fill(1), // (B) plain average gradient (no λ)
        probs: Float64Array.from(indices, (i) => pOf(i, total)),
      };
    },
    wantsScores: () => false,
    observe(obs: Observation): void {
      checkObservation(name, obs);
      if (!pending) throw new Error(`${name}: observe() called without a pending batch; call next() first`);
      const { output, labels, indices } = obs;
      if (output === undefined || labels === undefined) {
        throw new Error(
          `${name}: needs the network outputs and integer labels (a single-label classification task); got ` +
            `output ${output === undefined ? 'missing' : 'present'}, labels ${labels === undefined ? 'missing' : 'present'}`,
        );
      }
      const Bn = indices.length;
      const C = output.length / Bn;
      const touched = new Set<number>();
      for (let b = 0; b < Bn; b++) {
        const y = labels[b];
        if (!(Number.isInteger(y) && y >= 0 && y < C)) {
          throw new RangeError(
            `${name}: label of sample ${indices[b]} is ${y}; expected an integer in [0, ${C})`,
          );
        }
        let mx = -Infinity;
        for (let k = 0; k < C; k++) mx = Math.max(mx, output[b * C + k]);
        let z = 0;
        for (let k = 0; k < C; k++) z += Math.exp(output[b * C + k] - mx);
        const pTrue = Math.exp(output[b * C + y] - mx) / z; // softmax(m)_y, max-subtracted
        if (!Number.isFinite(pTrue))
          throw new RangeError(`${name}: true-class probability of sample ${indices[b]} is ${pTrue}`);
        const i = indices[b];
        hSum[i] += pTrue; // H_i ← H_i ∪ {p}
        hSq[i] += pTrue * pTrue;
        hCount[i] += 1;
        touched.add(i);
      }
      for (const i of touched) w.set(i, activeBiasScore(hSum[i], hSq[i], hCount[i], mode, confidenceMode));
      pending = false;
    },
    endEpoch(e: number): void {
      if (e !== openEpoch)
        throw new Error(`${name}: endEpoch(${e}) does not match the open epoch (${openEpoch})`);
      openEpoch = -1;
      warm = e + 1 < warmupEpochs; // phase of the next epoch, for probabilities() between epochs
      order = null;
      pending = false;
    },
    probabilities(): Float64Array {
      if (warm) return new Float64Array(N).fill(1 / N);
      const total = w.total;
      return Float64Array.from({ length: N }, (_, i) => pOf(i, total)); // (N)
    },
    saveState(): SamplerState {
      if (pending) throw new Error(`${name}: saveState() between next() and observe()`);
      return packState(name, {
        rng: rng.getState(),
        hSum,
        hSq,
        hCount,
        w: w.saveState(),
        openEpoch,
        warm,
        order,
        taken,
      });
    },
    loadState(state: SamplerState): void {
      const s = unpackState<{
        rng: RngState;
        hSum: Float64Array;
        hSq: Float64Array;
        hCount: Int32Array;
        w: { node: Float64Array };
        openEpoch: number;
        warm: boolean;
        order: Int32Array | null;
        taken: number;
      }>(name, state);
      rng.setState(s.rng);
      restoreArray(`${name}.hSum`, hSum, s.hSum);
      restoreArray(`${name}.hSq`, hSq, s.hSq);
      restoreArray(`${name}.hCount`, hCount, s.hCount);
      w.loadState(s.w);
      ({ openEpoch, warm, order, taken } = s);
      pending = false;
    },
  };
}

/**
 * Factory for 'confidence': {@link createActiveBias} in mode 'confidence'.
 * @param ctx see {@link createActiveBias}.
 * @param options partial {@link ActiveBiasOptions}; defaults {@link activeBiasDefaults}.
 * @example
 * const s = createConfidence({ n: 100, batchSize: 10, rng: createRng(1) });
 */
export function createConfidence(
  ctx: SamplerContext,
  options: Record<string, unknown> = {},
): ActiveBiasSampler {
  return createActiveBias(ctx, options, 'confidence');
}

/**
 * Factory for 'confvar': {@link createActiveBias} in mode 'confvar'.
 * @param ctx see {@link createActiveBias}.
 * @param options partial {@link ActiveBiasOptions}; defaults {@link activeBiasDefaults}.
 * @example
 * const s = createConfVar({ n: 100, batchSize: 10, rng: createRng(1) });
 */
export function createConfVar(ctx: SamplerContext, options: Record<string, unknown> = {}): ActiveBiasSampler {
  return createActiveBias(ctx, options, 'confvar');
}
