import type { Rng } from '../random/rng.js';

/** Options of {@link toyGradients}. */
export interface ToyGradientsOptions {
  /** Number of samples N (integer ≥ 1). Required. */
  N: number;
  /** Coordinates per gradient P (integer ≥ 1). Required. */
  P: number;
  /** Standard deviation of log ‖g_i‖ across samples (0 = similar norms, 1 = spread over ~e² ≈ 7×). Default 1. */
  spread?: number;
  /** Length of the common offset μ (all coordinates μ/√P), so that G ≠ 0. Default 0.5. */
  shift?: number;
  /** Seeded generator. Required. */
  rng: Rng;
}

/**
 * A small synthetic set of per-sample gradients with heterogeneous norms, the kind of problem where importance
 * sampling pays: g_i = exp(spread · z_i) · ξ_i + μ with z_i ~ N(0, 1), ξ_i ~ N(0, I_P / P) and the constant μ of
 * length `shift`. Used by the theory notebook; any rows work with the theory helpers.
 *
 * @param options `{ N, P, spread = 1, shift = 0.5, rng }`.
 * @returns g (N rows of P numbers).
 * @example
 * const g = toyGradients({ N: 6, P: 2, rng: createRng(0) }); // 6 × 2
 */
export function toyGradients(options: ToyGradientsOptions): number[][] {
  const { N, P, rng } = options;
  const spread = options.spread ?? 1;
  const shift = options.shift ?? 0.5;
  if (!Number.isInteger(N) || N < 1) throw new RangeError(`toyGradients: N must be an integer ≥ 1, got ${N}`);
  if (!Number.isInteger(P) || P < 1) throw new RangeError(`toyGradients: P must be an integer ≥ 1, got ${P}`);
  if (!(spread >= 0 && Number.isFinite(spread)))
    throw new RangeError(`toyGradients: spread must be a finite number ≥ 0, got ${spread}`);
  if (!Number.isFinite(shift)) throw new RangeError(`toyGradients: shift must be finite, got ${shift}`);
  const mu = shift / Math.sqrt(P);
  return Array.from({ length: N }, () => {
    const scale = Math.exp(spread * rng.normal());
    return Array.from({ length: P }, () => (scale * rng.normal()) / Math.sqrt(P) + mu);
  });
}

/**
 * A random positive pmf p_i ∝ exp(spread · z_i), z_i ~ N(0, 1): a "some other proposal" to compare with the
 * uniform and the optimal pmf.
 * @param N number of entries (integer ≥ 1).
 * @param rng seeded generator.
 * @param spread standard deviation of log p_i (≥ 0). Default 1.
 * @example
 * randomPmf(4, createRng(3)); // 4 positive numbers summing to 1
 */
export function randomPmf(N: number, rng: Rng, spread = 1): Float64Array {
  if (!Number.isInteger(N) || N < 1) throw new RangeError(`randomPmf: N must be an integer ≥ 1, got ${N}`);
  if (!(spread >= 0 && Number.isFinite(spread)))
    throw new RangeError(`randomPmf: spread must be a finite number ≥ 0, got ${spread}`);
  const w = Float64Array.from({ length: N }, () => Math.exp(spread * rng.normal()));
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((v) => v / total);
}
