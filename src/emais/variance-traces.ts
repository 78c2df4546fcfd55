/** The three covariance traces of METHODS §5.3 estimated from one IS minibatch, with the sums they came from. */
export interface VarianceTraces {
  /** tr Σ_p(w): trace of the covariance of λg under the current IS pmf p ([EMAIS] Prop. 4.1). */
  trIS: number;
  /** tr Σ_U: trace of the covariance of g under uniform sampling. */
  trU: number;
  /** tr Σ_p(w*): trace under the variance-optimal pmf p* ∝ ‖g‖ ([EMAIS] Eq. 6). */
  trOpt: number;
  /** S2 = mean_b λ_b² ‖g_b‖². */
  S2: number;
  /** S1 = mean_b λ_b ‖g_b‖². */
  S1: number;
  /** S0 = mean_b λ_b ‖g_b‖. */
  S0: number;
  /** The ‖Ḡ‖² term used (plug-in K or unbiased K_u). */
  K: number;
}

/** Options of {@link varianceTraces}. */
export interface VarianceTracesOptions {
  /** Use the unbiased replacements K_u, Q_u of METHODS §5.4 (needs B ≥ 2). Default false (plug-in). */
  unbiased: boolean;
}

/** Defaults of {@link VarianceTracesOptions}: `{ unbiased: false }` (plug-in, METHODS §9). */
export const varianceTracesDefaults: Readonly<VarianceTracesOptions> = Object.freeze({ unbiased: false });

function checkFinite(name: string, a: ArrayLike<number>, positive: boolean): void {
  for (let b = 0; b < a.length; b++) {
    const v = a[b];
    if (!Number.isFinite(v) || (positive ? v <= 0 : v < 0)) {
      throw new RangeError(
        `varianceTraces: ${name}[${b}] must be finite and ${positive ? '> 0' : '≥ 0'}, got ${v}`,
      );
    }
  }
}

/**
 * Minibatch estimates of tr Σ_p(w), tr Σ_U and tr Σ_p(w*) from B draws of an IS pmf (METHODS §5.3–5.4, [EMAIS]
 * Prop. 4.1 and App. B): only the draws' coefficients λ_b = 1/(N p_b), their gradient norms ‖g_b‖ and the
 * squared norm K = ‖(1/B) Σ_b λ_b g_b‖² of the weighted mean gradient are needed. With logit gradients u_b in
 * place of g_b these are [EMAIS] Eqs. 10–12.
 *
 * Plug-in (default): trIS = S2 − K, trU = S1 − K, trOpt = S0² − K (each biased low by tr Σ_p / B through K).
 * Unbiased (`unbiased: true`): K_u = (B·K − S2)/(B − 1), Q_u = (B·S0² − S2)/(B − 1); trIS = S2 − K_u,
 * trU = S1 − K_u, trOpt = Q_u − K_u (exact expectations under i.i.d. draws from p; tested by enumeration).
 *
 * @param lambda λ_b (B), finite and > 0.
 * @param norms ‖g_b‖ (B), finite and ≥ 0 (a NaN or ∞ norm throws, naming the row).
 * @param K ‖(1/B) Σ_b λ_b g_b‖², finite ≥ 0.
 * @param options `{ unbiased = false }`.
 * @returns the traces and the sums S2, S1, S0 and the K used.
 * @example
 * varianceTraces(new Float64Array([1, 1]), new Float64Array([1, 3]), 4); // trU = 5 − 4 = 1, trOpt = 4 − 4 = 0
 */
export function varianceTraces(
  lambda: ArrayLike<number>,
  norms: ArrayLike<number>,
  K: number,
  options: Partial<VarianceTracesOptions> = {},
): VarianceTraces {
  const { unbiased } = { ...varianceTracesDefaults, ...options };
  const B = lambda.length;
  if (B < 1 || norms.length !== B) {
    throw new RangeError(
      `varianceTraces: lambda and norms must have the same length B ≥ 1, got ${B} and ${norms.length}`,
    );
  }
  if (unbiased && B < 2) throw new RangeError(`varianceTraces: unbiased: true needs B ≥ 2, got B = ${B}`);
  if (!Number.isFinite(K) || K < 0)
    throw new RangeError(`varianceTraces: K must be finite and ≥ 0, got ${K}`);
  checkFinite('lambda', lambda, true);
  checkFinite('norms', norms, false);
  let S2 = 0;
  let S1 = 0;
  let S0 = 0;
  for (let b = 0; b < B; b++) {
    const l = lambda[b];
    const n = norms[b];
    S2 += l * l * n * n; // METHODS §5.4: E_p[λ²‖g‖²]
    S1 += l * n * n; // METHODS §5.4: E_p[λ‖g‖²]
    S0 += l * n; // METHODS §5.4: E_p[λ‖g‖]
  }
  S2 /= B;
  S1 /= B;
  S0 /= B;
  if (!unbiased) {
    // METHODS §5.4 plug-in ([EMAIS] Prop. 4.1 with sample means)
    return { trIS: S2 - K, trU: S1 - K, trOpt: S0 * S0 - K, S2, S1, S0, K };
  }
  const Ku = (B * K - S2) / (B - 1); // METHODS §5.4: unbiased ‖G‖²
  const Qu = (B * S0 * S0 - S2) / (B - 1); // METHODS §5.4: unbiased (E_p[λ‖g‖])²
  return { trIS: S2 - Ku, trU: S1 - Ku, trOpt: Qu - Ku, S2, S1, S0, K: Ku };
}

/**
 * {@link varianceTraces} from per-sample vectors (parameter gradients g_b or logit gradients u_b, [EMAIS] Eqs.
 * 10–12): computes ‖v_b‖ and K = ‖(1/B) Σ_b λ_b v_b‖² in float64 and calls {@link varianceTraces}.
 *
 * @param lambda λ_b (B), finite and > 0.
 * @param vectors v_b row-major (B × D); every entry finite.
 * @param D row length D ≥ 1 (C for logit gradients).
 * @param options `{ unbiased = false }`.
 * @example
 * varianceTracesFromVectors(new Float64Array([1, 1]), new Float32Array([1, 0, -1, 0]), 2).trU; // 1 − 0 = 1
 */
export function varianceTracesFromVectors(
  lambda: ArrayLike<number>,
  vectors: ArrayLike<number>,
  D: number,
  options: Partial<VarianceTracesOptions> = {},
): VarianceTraces {
  const B = lambda.length;
  if (!Number.isInteger(D) || D < 1 || vectors.length !== B * D) {
    throw new RangeError(
      `varianceTracesFromVectors: vectors must have length B·D = ${B}·${D}, got ${vectors.length} (D must be an integer ≥ 1)`,
    );
  }
  const norms = new Float64Array(B); // (B,)
  const mean = new Float64Array(D); // (D,) (1/B) Σ λ_b v_b
  for (let b = 0; b < B; b++) {
    let sq = 0;
    for (let d = 0; d < D; d++) {
      const v = vectors[b * D + d];
      if (!Number.isFinite(v)) {
        throw new RangeError(`varianceTracesFromVectors: vectors[${b}, ${d}] must be finite, got ${v}`);
      }
      sq += v * v;
      mean[d] += (lambda[b] * v) / B; // METHODS §5.4: mean(λ_b g_b)
    }
    norms[b] = Math.sqrt(sq);
  }
  let K = 0;
  for (let d = 0; d < D; d++) K += mean[d] * mean[d]; // METHODS §5.4: K = ‖mean(λ_b g_b)‖²
  return varianceTraces(lambda, norms, K, options);
}
