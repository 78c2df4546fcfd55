import { packState, unpackState, type SamplerState } from '../checkpoint/state-codec.js';
import type { RngState } from '../random/rng.js';
import type { Batch, Observation, Sampler, SamplerContext } from './types.js';
import { checkObservation } from './check-observation.js';

/**
 * 'uniform-replace' (SGD-Uni, METHODS §6.1 / §1.3): each step draws B indices i.i.d. uniform on 0..N-1 with
 * replacement from `ctx.rng`, weights c_b = 1, probs 1/N. An epoch is floor(N/B) steps (METHODS §0, the
 * with-replacement convention). Stateless: `beginEpoch`/`endEpoch` only validate their argument. Takes no
 * options.
 *
 * Symbols: N = `ctx.n`, B = `ctx.batchSize`.
 *
 * @param ctx N ≥ 1, integer B in [1, N], and the sampler's `rng`.
 * @param options must be empty; default `{}`.
 * @example
 * const s = createUniformReplace({ n: 10, batchSize: 4, rng: createRng(0) });
 * s.stepsInEpoch(0); // 2
 * s.next().indices; // e.g. Int32Array [7, 2, 7, 0]
 */
export function createUniformReplace(ctx: SamplerContext, options: Record<string, unknown> = {}): Sampler {
  const { n: N, batchSize: B, rng } = ctx;
  if (!Number.isInteger(N) || N < 1) {
    throw new RangeError(`uniform-replace: ctx.n (training-set size N) must be an integer ≥ 1, got ${N}`);
  }
  if (!Number.isInteger(B) || B < 1 || B > N) {
    throw new RangeError(`uniform-replace: ctx.batchSize must be an integer in [1, N = ${N}], got ${B}`);
  }
  const extra = Object.keys(options);
  if (extra.length > 0) {
    throw new Error(
      `uniform-replace: unknown option '${extra[0]}'; this sampler takes no options (allowed: none)`,
    );
  }
  const steps = Math.floor(N / B); // METHODS §0: with-replacement epoch = floor(N/B) steps
  const checkEpoch = (epoch: number): void => {
    if (!Number.isInteger(epoch) || epoch < 0) {
      throw new RangeError(`uniform-replace: epoch must be an integer ≥ 0, got ${epoch}`);
    }
  };

  return {
    name: 'uniform-replace',
    stepsInEpoch: () => steps,
    beginEpoch: checkEpoch,
    next(): Batch {
      const indices = new Int32Array(B); // (B,)
      for (let b = 0; b < B; b++) indices[b] = rng.int(N); // METHODS §6.1 SGD-Uni: i.i.d. uniform
      return {
        indices,
        weights: new Float64Array(B).fill(1), // (B,) METHODS §1.3: c_b = 1
        probs: new Float64Array(B).fill(1 / N), // (B,)
      };
    },
    wantsScores: () => false,
    observe(obs: Observation): void {
      checkObservation('uniform-replace', obs);
    },
    endEpoch: checkEpoch,
    probabilities: () => new Float64Array(N).fill(1 / N), // (N,)
    saveState: (): SamplerState => packState('uniform-replace', { rng: rng.getState() }),
    loadState(state: SamplerState): void {
      rng.setState(unpackState<{ rng: RngState }>('uniform-replace', state).rng);
    },
  };
}
