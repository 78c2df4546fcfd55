import { packState, unpackState, type SamplerState } from '../checkpoint/state-codec.js';
import type { RngState } from '../random/rng.js';
import { resolveOptions, type OptionSpec } from '../options/option-spec.js';
import type { Batch, Observation, Sampler, SamplerContext } from './types.js';
import { checkObservation } from './check-observation.js';

/** Options of the 'uniform-dynamic' sampler. */
export interface UniformDynamicOptions {
  /**
   * Batch size of each global step t (from an EMAIS run's `ems` column, rounded, [EMAIS] Fig. 2); steps past the
   * end of the list reuse its last entry; an empty list means B every step. Default [].
   */
  batchSizes: number[];
  /** Scale the learning rate by B_t/B ([EMAIS] Fig. 2: linear scaling rule). Default true. */
  scaleLr: boolean;
}

/** Declarations of {@link UniformDynamicOptions}, reused by the 'uniform-dynamic' method (`--batch-sizes`, `--scale-lr`). */
export const uniformDynamicOptions = Object.freeze({
  batchSizes: { kind: 'list', default: [], help: 'batch size of each step (the last entry repeats)' },
  scaleLr: { kind: 'boolean', default: true, help: 'scale the learning rate by B_t/B' },
} satisfies Record<string, OptionSpec>);

/** Defaults of {@link UniformDynamicOptions}: `{ batchSizes: [], scaleLr: true }`. */
export const uniformDynamicDefaults: Readonly<UniformDynamicOptions> = Object.freeze({
  batchSizes: uniformDynamicOptions.batchSizes.default,
  scaleLr: uniformDynamicOptions.scaleLr.default,
});

/**
 * 'uniform-dynamic' (SGD-Uni with a per-step batch size, [EMAIS] Fig. 2): step t draws B_t = `batchSizes[t]`
 * indices i.i.d. uniform with replacement, weights 1, probs 1/N, and (with `scaleLr`) asks for the learning-rate
 * factor B_t/B in `afterForward` (linear scaling rule). An epoch is floor(N/B) steps for the nominal B, so the
 * run has as many steps as the EMAIS run it mirrors. B_t must be an integer ≥ 1 (values are rounded; B_t may
 * exceed N, since draws are with replacement).
 *
 * @param ctx N ≥ 1, nominal B in [1, N], the sampler's `rng`.
 * @param options partial {@link UniformDynamicOptions}; defaults `{ batchSizes: [], scaleLr: true }`.
 * @example
 * const s = createUniformDynamic({ n: 100, batchSize: 10, rng: createRng(0) }, { batchSizes: [10, 25] });
 * s.beginEpoch(0);
 * s.next().indices.length; // 10, then 25, 25, ...
 */
export function createUniformDynamic(ctx: SamplerContext, options: Record<string, unknown> = {}): Sampler {
  const { n: N, batchSize: B, rng } = ctx;
  if (!Number.isInteger(N) || N < 1)
    throw new RangeError(`uniform-dynamic: ctx.n must be an integer ≥ 1, got ${N}`);
  if (!Number.isInteger(B) || B < 1 || B > N) {
    throw new RangeError(`uniform-dynamic: ctx.batchSize must be an integer in [1, N = ${N}], got ${B}`);
  }
  const o = resolveOptions(
    'uniform-dynamic',
    uniformDynamicOptions,
    options,
  ) as unknown as UniformDynamicOptions;
  const sizes = o.batchSizes.map((v, t) => {
    const r = Math.round(v);
    if (!Number.isFinite(v) || r < 1) {
      throw new RangeError(`uniform-dynamic: batchSizes[${t}] must be a finite number ≥ 0.5, got ${v}`);
    }
    return r;
  });
  const steps = Math.floor(N / B);
  let t = 0;
  let current = B;
  return {
    name: 'uniform-dynamic',
    stepsInEpoch: () => steps,
    beginEpoch(epoch: number): void {
      if (!Number.isInteger(epoch) || epoch < 0) {
        throw new RangeError(`uniform-dynamic: epoch must be an integer ≥ 0, got ${epoch}`);
      }
    },
    next(): Batch {
      current = sizes.length === 0 ? B : sizes[Math.min(t, sizes.length - 1)]; // B_t
      t += 1;
      const indices = new Int32Array(current); // (B_t,)
      for (let b = 0; b < current; b++) indices[b] = rng.int(N); // METHODS §6.1 SGD-Uni
      return {
        indices,
        weights: new Float64Array(current).fill(1), // (B_t,)
        probs: new Float64Array(current).fill(1 / N), // (B_t,)
      };
    },
    wantsScores: () => false,
    afterForward: () => ({ lrScale: o.scaleLr ? current / B : 1 }), // [EMAIS] Fig. 2: linear scaling rule
    observe(obs: Observation): void {
      checkObservation('uniform-dynamic', obs);
    },
    endEpoch(): void {},
    probabilities: () => new Float64Array(N).fill(1 / N), // (N,)
    diagnostics: () => ({ batchSize: current }),
    saveState: (): SamplerState => packState('uniform-dynamic', { rng: rng.getState(), t, current }),
    loadState(state: SamplerState): void {
      const s = unpackState<{ rng: RngState; t: number; current: number }>('uniform-dynamic', state);
      rng.setState(s.rng);
      ({ t, current } = s);
    },
  };
}
