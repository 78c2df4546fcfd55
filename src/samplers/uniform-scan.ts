import { packState, unpackState, type SamplerState } from '../checkpoint/state-codec.js';
import { permutation, type RngState } from '../random/rng.js';
import type { Batch, Observation, Sampler, SamplerContext } from './types.js';
import { checkObservation } from './check-observation.js';

/**
 * 'uniform' (SGD-Scan, METHODS §6.1 / §1.3): every epoch draws a fresh random permutation of 0..N-1 from
 * `ctx.rng` and serves it in consecutive slices of B, so each sample is seen exactly once per epoch.
 * Epoch e has ceil(N/B) steps, the last one partial (N mod B samples) when B does not divide N. Weights
 * c_b = 1, probs 1/N (the per-draw marginal), no scores needed. Takes no options.
 *
 * Symbols: N = `ctx.n`, B = `ctx.batchSize`.
 *
 * @param ctx N ≥ 1, integer B in [1, N], and the sampler's `rng`.
 * @param options must be empty (the sampler has no hyper-parameters); default `{}`.
 * @example
 * const s = createUniformScan({ n: 10, batchSize: 4, rng: createRng(0) });
 * s.beginEpoch(0);
 * for (let t = 0; t < s.stepsInEpoch(0); t++) s.next(); // batches of 4, 4, 2
 * s.endEpoch(0);
 */
export function createUniformScan(ctx: SamplerContext, options: Record<string, unknown> = {}): Sampler {
  const { n: N, batchSize: B, rng } = ctx;
  checkContext('uniform', N, B);
  const extra = Object.keys(options);
  if (extra.length > 0) {
    throw new Error(`uniform: unknown option '${extra[0]}'; this sampler takes no options (allowed: none)`);
  }
  const steps = Math.ceil(N / B);
  let order: Int32Array | null = null; // (N,) permutation of the open epoch
  let pos = 0;
  let openEpoch = -1;

  return {
    name: 'uniform',
    stepsInEpoch: () => steps,
    beginEpoch(epoch: number): void {
      checkEpoch('uniform', epoch);
      if (openEpoch >= 0) {
        throw new Error(`uniform: beginEpoch(${epoch}) called while epoch ${openEpoch} is still open`);
      }
      order = permutation(N, rng); // METHODS §6.1: new permutation each epoch
      pos = 0;
      openEpoch = epoch;
    },
    next(): Batch {
      if (order === null || openEpoch < 0) {
        throw new Error('uniform: next() called outside an epoch; call beginEpoch(e) first');
      }
      if (pos >= N) {
        throw new Error(
          `uniform: next() called more than stepsInEpoch = ${steps} times in epoch ${openEpoch}`,
        );
      }
      const end = Math.min(pos + B, N);
      const indices = order.slice(pos, end); // (b,), b = B except for a partial last slice
      pos = end;
      const size = indices.length;
      return {
        indices,
        weights: new Float64Array(size).fill(1), // (b,) METHODS §1.3 SGD-Scan: c_b = 1
        probs: new Float64Array(size).fill(1 / N), // (b,)
      };
    },
    wantsScores: () => false,
    observe(obs: Observation): void {
      checkObservation('uniform', obs);
    },
    endEpoch(epoch: number): void {
      if (epoch !== openEpoch) {
        throw new Error(`uniform: endEpoch(${epoch}) does not match the open epoch (${openEpoch})`);
      }
      openEpoch = -1;
      order = null;
    },
    probabilities: () => new Float64Array(N).fill(1 / N), // (N,)
    saveState: (): SamplerState => packState('uniform', { rng: rng.getState(), order, pos, openEpoch }),
    loadState(state: SamplerState): void {
      const s = unpackState<{ rng: RngState; order: Int32Array | null; pos: number; openEpoch: number }>(
        'uniform',
        state,
      );
      rng.setState(s.rng);
      ({ order, pos, openEpoch } = s);
    },
  };
}

function checkContext(name: string, n: number, batchSize: number): void {
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`${name}: ctx.n (training-set size N) must be an integer ≥ 1, got ${n}`);
  }
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > n) {
    throw new RangeError(`${name}: ctx.batchSize must be an integer in [1, N = ${n}], got ${batchSize}`);
  }
}

function checkEpoch(name: string, epoch: number): void {
  if (!Number.isInteger(epoch) || epoch < 0) {
    throw new RangeError(`${name}: epoch must be an integer ≥ 0, got ${epoch}`);
  }
}
