/**
 * Float64 references for the softmax cross-entropy output gradient (METHODS §2.2; [AS-IS] App. A) and a central
 * finite difference, for checking the kit's float32 closed form and autodiff against them.
 *
 * Symbols: z ∈ R^C logits, y ∈ {0..C−1} the class, s = softmax(z), ℓ = −log s_y, u = ∂ℓ/∂z.
 */

/** ℓ, s and u = ∂ℓ/∂z of one sample. */
export interface SoftmaxCe64 {
  /** ℓ = −log s_y = log Σ_c exp(z_c) − z_y. */
  loss: number;
  /** s = softmax(z) (C). */
  s: Float64Array;
  /** u = s − e_y (C). */
  u: Float64Array;
}

/**
 * Softmax cross-entropy of one sample in float64, computed with the max-subtraction trick: ℓ = −log s_y
 * ([AS-IS] Eq. 4), u = s − e_y ([AS-IS] App. A Eq. 8; METHODS §2.2).
 * @param z logits (C ≥ 1), finite.
 * @param y class id, integer in [0, C).
 * @example
 * softmaxCe64([2, 0, 0], 0).loss; // −log(e² / (e² + 2)) ≈ 0.2395
 */
export function softmaxCe64(z: ArrayLike<number>, y: number): SoftmaxCe64 {
  const C = z.length;
  if (C < 1) throw new RangeError('softmaxCe64: z is empty');
  if (!Number.isInteger(y) || y < 0 || y >= C)
    throw new RangeError(`softmaxCe64: y must be an integer in [0, ${C}), got ${y}`);
  let max = -Infinity;
  for (let c = 0; c < C; c++) {
    if (!Number.isFinite(z[c])) throw new RangeError(`softmaxCe64: z[${c}] = ${z[c]}, not finite`);
    max = Math.max(max, z[c]);
  }
  let sum = 0;
  for (let c = 0; c < C; c++) sum += Math.exp(z[c] - max);
  const s = Float64Array.from({ length: C }, (_, c) => Math.exp(z[c] - max) / sum); // (C) softmax
  const u = Float64Array.from(s); // (C)
  u[y] -= 1; // [AS-IS] App. A Eq. 8: u = s − e_y
  return { loss: Math.log(sum) + max - z[y], s, u }; // [AS-IS] Eq. 4: ℓ = −log s_y
}

/**
 * Central finite differences ∂f/∂x_k ≈ (f(x + h e_k) − f(x − h e_k)) / (2h) in float64. Truncation error
 * ≤ h²/6 · max|∂³f/∂x_k³|, round-off ≈ ε_64 |f| / h (ε_64 = 2⁻⁵²).
 * @param f R^n → R.
 * @param x the point (n).
 * @param h step, > 0. Default 1e-5.
 * @example
 * centralDifference((v) => v[0] * v[0], [3]); // ≈ [6]
 */
export function centralDifference(
  f: (x: Float64Array) => number,
  x: ArrayLike<number>,
  h = 1e-5,
): Float64Array {
  if (!(h > 0 && Number.isFinite(h)))
    throw new RangeError(`centralDifference: h must be a finite number > 0, got ${h}`);
  const x0 = Float64Array.from(x);
  const out = new Float64Array(x0.length); // (n)
  for (let k = 0; k < x0.length; k++) {
    const xp = Float64Array.from(x0);
    const xm = Float64Array.from(x0);
    xp[k] += h;
    xm[k] -= h;
    out[k] = (f(xp) - f(xm)) / (2 * h);
  }
  return out;
}
