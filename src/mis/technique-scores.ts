/**
 * Candidate technique scores of a batch for multiple importance sampling (METHODS §4.7, "Choice of techniques").
 *
 * - Several outputs (C > 1: classification logits, RGB channels): one candidate per output node,
 *   score_c(x) = |u_{x,c}| (K = C candidates; the sampler picks J of them).
 * - Scalar output (C = 1, e.g. poly6): the coefficient vector [bias, w_1..w_H] of the last (linear) layer is split
 *   into J contiguous groups G_j (sizes as equal as possible, larger groups first), and
 *   score_j(x) = |u_x| · ‖(h̃_k)_{k∈G_j}‖ with h̃ = [1, h_1..h_H], the exact group-gradient norm (K = J).
 */
export interface TechniqueScores {
  /** Candidate scores, row-major (B × K), float64, ≥ 0. */
  scores: Float64Array;
  /** Number of candidates K. */
  K: number;
}

/**
 * Contiguous groups of D coefficients into J parts (sizes ⌈D/J⌉ first). Throws when J > D.
 * @param D number of coefficients (≥ 1).
 * @param J number of groups (1 ≤ J ≤ D).
 * @returns start offsets (J + 1), last = D.
 * @example
 * coefficientGroups(7, 2); // [0, 4, 7]
 */
export function coefficientGroups(D: number, J: number): Int32Array {
  if (!Number.isInteger(J) || J < 1 || J > D) {
    throw new RangeError(
      `J = ${J} is larger than the available coefficient groups: a scalar-output model has ${D} coefficients ` +
        `(bias + ${D - 1} features); allowed J: 1..${D}`,
    );
  }
  const starts = new Int32Array(J + 1);
  const base = Math.floor(D / J);
  const extra = D % J;
  for (let j = 0; j < J; j++) starts[j + 1] = starts[j] + base + (j < extra ? 1 : 0);
  return starts;
}

/**
 * Computes the candidate scores from the host copies of the output gradient and the last-layer input.
 * @param u output gradients ∂ℓ/∂m, row-major (B × C).
 * @param h last-layer inputs, row-major (B × H); used only when C = 1.
 * @param C number of outputs (≥ 1).
 * @param J number of techniques; with C = 1 it fixes the grouping (1 ≤ J ≤ H + 1), with C > 1 it must be ≤ C.
 * @example
 * techniqueScores(Float32Array.of(2), Float32Array.of(3, 4), 1, 2).scores; // groups [1, 3], [4]: [2·√10, 8]
 */
export function techniqueScores(
  u: ArrayLike<number>,
  h: ArrayLike<number> | undefined,
  C: number,
  J: number,
): TechniqueScores {
  if (!Number.isInteger(C) || C < 1)
    throw new RangeError(`techniqueScores: C must be an integer ≥ 1, got ${C}`);
  const B = u.length / C;
  if (C > 1) {
    if (!Number.isInteger(J) || J < 1 || J > C) {
      throw new RangeError(
        `J = ${J} is larger than the available outputs: the model has C = ${C} outputs; allowed J: 1..${C}`,
      );
    }
    const scores = new Float64Array(B * C); // (B, C)
    for (let i = 0; i < B * C; i++) scores[i] = Math.abs(u[i]); // METHODS §4.7: q_j(x) = |u_{x,c_j}|
    return { scores, K: C };
  }
  if (h === undefined) throw new Error('techniqueScores: a scalar-output model needs the last-layer input h');
  const H = h.length / B;
  const starts = coefficientGroups(H + 1, J);
  const scores = new Float64Array(B * J); // (B, J)
  for (let b = 0; b < B; b++) {
    for (let j = 0; j < J; j++) {
      let s2 = 0;
      for (let k = starts[j]; k < starts[j + 1]; k++) s2 += k === 0 ? 1 : h[b * H + k - 1] ** 2; // h̃ = [1, h]
      scores[b * J + j] = Math.abs(u[b]) * Math.sqrt(s2); // METHODS §4.7: q_j = |u| · ‖h̃_{G_j}‖
    }
  }
  return { scores, K: J };
}
