import type { Rng } from '../random/rng.js';

/** A weight structure that can be searched by cumulative mass: {@link SumTree}, {@link LinearPmf}. */
export interface CumulativeSampler {
  /** Σ of the weights. */
  readonly total: number;
  /** The index whose cumulative-mass interval holds u ∈ [0, total). */
  sample(u: number): number;
}

/**
 * Draws k indices i.i.d. with probability w_i / Σw from a cumulative-mass structure: u = rng.next() · Σw per
 * draw (one `rng.next()` each), then `pmf.sample(u)`.
 * @param pmf the weights, e.g. a SumTree (O(log N) per draw) or a LinearPmf.
 * @param rng random stream.
 * @param k number of draws, integer ≥ 0.
 * @param out optional destination of length ≥ k. Default: a new Int32Array(k).
 * @param who name used in error messages. Default 'drawMany'.
 * @example
 * drawMany(SumTree.fromArray([1, 1, 2]), createRng(0), 4); // e.g. Int32Array [2, 0, 2, 1]
 */
export function drawMany(
  pmf: CumulativeSampler,
  rng: Rng,
  k: number,
  out?: Int32Array,
  who = 'drawMany',
): Int32Array {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`${who}: k must be an integer ≥ 0, got ${k}`);
  if (out !== undefined && out.length < k) {
    throw new RangeError(`${who}: out has length ${out.length} < k = ${k}`);
  }
  const res = out ?? new Int32Array(k); // (k,)
  const total = pmf.total;
  for (let b = 0; b < k; b++) res[b] = pmf.sample(rng.next() * total);
  return res;
}
