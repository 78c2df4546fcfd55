import { packState, unpackState, type SamplerState } from '../checkpoint/state-codec.js';
import { range } from '../data/dataset.js';
import type { Batch, Observation, Sampler, SamplerContext } from './types.js';
import { checkObservation } from './check-observation.js';

/**
 * Full-batch gradient descent ('exact', the reference curve of [MIS] Fig. 2, METHODS §6.9): every step uses the
 * whole training set with weights 1, so the estimate is the exact mean gradient G = (1/N) Σ_i ∇ℓ_i. An epoch
 * has floor(N/B) steps, like SGD-Uni and IS, so curves of all methods share the step axis.
 * @param ctx N and B (B only sets the steps per epoch); the rng is unused (nothing is random).
 * @example
 * const s = createFullBatch({ n: 100, batchSize: 10, rng: createRng(1) });
 * s.stepsInEpoch(0); // 10
 * s.next().indices.length; // 100
 */
export function createFullBatch(ctx: SamplerContext): Sampler {
  const { n: N, batchSize: B } = ctx;
  const batch: Batch = {
    indices: range(N), // (N)
    weights: new Float64Array(N).fill(1), // (N)
    probs: new Float64Array(N).fill(1 / N), // (N)
  };
  let open = -1;
  return {
    name: 'full-batch',
    stepsInEpoch(epoch: number): number {
      if (!Number.isInteger(epoch) || epoch < 0) {
        throw new RangeError(`full-batch: epoch must be an integer ≥ 0, got ${epoch}`);
      }
      return Math.floor(N / B); // METHODS §0: same step count as the with-replacement samplers
    },
    beginEpoch(epoch: number): void {
      this.stepsInEpoch(epoch);
      open = epoch;
    },
    next(): Batch {
      if (open < 0) throw new Error('full-batch: next() called outside an epoch; call beginEpoch(e) first');
      return { indices: batch.indices.slice(), weights: batch.weights.slice(), probs: batch.probs.slice() };
    },
    wantsScores: () => false,
    observe(obs: Observation): void {
      checkObservation('full-batch', obs);
    },
    endEpoch(): void {
      open = -1;
    },
    probabilities: () => new Float64Array(N).fill(1 / N),
    saveState: (): SamplerState => packState('full-batch', { open }),
    loadState(state: SamplerState): void {
      ({ open } = unpackState<{ open: number }>('full-batch', state));
    },
  };
}
