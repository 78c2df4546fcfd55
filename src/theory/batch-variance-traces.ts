import { varianceTracesFromVectors } from '../emais/variance-traces.js';
import type { VarianceTraces, VarianceTracesOptions } from '../emais/variance-traces.js';
import type { GradientRows } from './is-estimator.js';

/**
 * The [EMAIS] Prop. 4.1 trace estimates of one IS minibatch drawn from explicit per-sample gradients: gathers
 * λ_b = 1/(N p_{i_b}) ([EMAIS] Eq. 2) and the rows g_{i_b}, then calls `varianceTracesFromVectors` (METHODS §5.4;
 * plug-in by default, `unbiased: true` for the unbiased replacements).
 * @param g per-sample gradients (N × P).
 * @param p the pmf the batch was drawn from (N), p > 0 at the drawn indices.
 * @param idx the drawn indices (B ≥ 1; B ≥ 2 when unbiased).
 * @param options `{ unbiased = false }`.
 * @example
 * batchVarianceTraces(g, p, [0, 3, 3, 5], { unbiased: true }).trIS; // one estimate of tr Σ_p(w)
 */
export function batchVarianceTraces(
  g: GradientRows,
  p: ArrayLike<number>,
  idx: ArrayLike<number>,
  options: Partial<VarianceTracesOptions> = {},
): VarianceTraces {
  const N = g.length;
  if (p.length !== N)
    throw new RangeError(`batchVarianceTraces: p has ${p.length} entries, g has N = ${N} rows`);
  const B = idx.length;
  const P = N > 0 ? g[0].length : 0;
  const lambda = new Float64Array(B); // (B)
  const vectors = new Float64Array(B * P); // (B, P)
  for (let b = 0; b < B; b++) {
    const i = idx[b];
    if (!(p[i] > 0)) throw new RangeError(`batchVarianceTraces: drawn index ${i} has p = ${p[i]}`);
    lambda[b] = 1 / (N * p[i]); // [EMAIS] Eq. 2: λ_i = 1/(N p_i)
    for (let d = 0; d < P; d++) vectors[b * P + d] = g[i][d];
  }
  return varianceTracesFromVectors(lambda, vectors, P, options); // [EMAIS] Prop. 4.1, App. B
}
