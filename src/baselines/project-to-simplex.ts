/**
 * Euclidean projection of a vector onto the scaled simplex {w ∈ R^n : w ≥ 0, Σ w = total} (sort-based, exact;
 * Held, Wolfe and Crowder 1974; the form of METHODS §5.8 "Simplex projection used by LOW").
 *
 * Symbols: c = the point to project (n), ν = the shift such that w_b = max(c_b − ν, 0) sums to `total`,
 * ρ = number of positive entries of w.
 *
 * @param c the point to project, n ≥ 1 finite numbers (not modified).
 * @param total the simplex scale, a finite number > 0. Default 1.
 * @returns a fresh Float64Array w (n) with w ≥ 0 and Σ w = total (up to rounding), the closest such point to c.
 * @example
 * projectToSimplex(Float64Array.of(1, 1, 4), 3); // Float64Array [0, 0, 3]
 * projectToSimplex(Float64Array.of(1.2, 0.8), 2); // Float64Array [1.2, 0.8] (already on the simplex)
 */
export function projectToSimplex(c: ArrayLike<number>, total = 1): Float64Array {
  const n = c.length;
  if (n < 1) throw new RangeError('projectToSimplex: c must have at least one entry, got length 0');
  if (!(Number.isFinite(total) && total > 0)) {
    throw new RangeError(`projectToSimplex: total must be a finite number > 0, got ${total}`);
  }
  for (let b = 0; b < n; b++) {
    if (!Number.isFinite(c[b])) {
      throw new RangeError(`projectToSimplex: c[${b}] must be finite, got ${c[b]}`);
    }
  }
  const s = Float64Array.from(c).sort().reverse(); // (n) c sorted descending
  let cum = 0;
  let nu = 0;
  for (let k = 0; k < n; k++) {
    cum += s[k];
    const t = (cum - total) / (k + 1); // METHODS §6.3: candidate ν = (Σ_{r≤k} c_(r) − total)/k
    if (s[k] - t > 0) nu = t; // ρ = the last k with c_(k) > candidate ν
  }
  const w = new Float64Array(n); // (n)
  for (let b = 0; b < n; b++) w[b] = Math.max(c[b] - nu, 0); // METHODS §6.3: w_b = max(c_b − ν, 0)
  return w;
}
