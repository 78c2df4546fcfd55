function checkWeights(who: string, w: ArrayLike<number>, cap: number): void {
  const N = w.length;
  if (N < 1) throw new RangeError(`${who}: w must have length N ≥ 1, got 0`);
  if (!Number.isFinite(cap) || cap <= 0 || N * cap < 1 - 1e-12) {
    throw new RangeError(`${who}: cap (= D_max/B) must be finite with N·cap ≥ 1 (N = ${N}), got ${cap}`);
  }
  let s = 0;
  for (let i = 0; i < N; i++) {
    const v = w[i];
    if (!Number.isFinite(v) || v < 0) {
      throw new RangeError(`${who}: w[${i}] must be finite and ≥ 0, got ${v}`);
    }
    s += v;
  }
  if (!(s > 0)) throw new RangeError(`${who}: Σw must be > 0, got ${s}`);
}

/**
 * Water-filling threshold θ of ComputeAdjustedProbabilities (METHODS §5.8): the pmf p_i = min(w_i, θ) / Σ_j
 * min(w_j, θ) has max p ≤ cap and is ∝ w below the cap. Solves θ = cap · Σ_j min(w_j, θ) by Newton's method on
 * this concave piecewise-linear equation, from the right (monotone, exact after finitely many O(N) passes);
 * `start` (e.g. the previous step's θ) makes it 1–2 passes when w changed little. Returns ∞ when no cap is
 * active (max w ≤ cap·Σw).
 *
 * @param w un-normalised importances (N), finite ≥ 0, Σw > 0.
 * @param cap D_max/B, with N·cap ≥ 1.
 * @param start optional warm start θ_0 > 0. Default: max w.
 * @example
 * capThreshold(new Float64Array([8, 1, 1]), 0.5); // 2: p = [0.5, 0.25, 0.25]
 */
export function capThreshold(w: ArrayLike<number>, cap: number, start?: number): number {
  checkWeights('capThreshold', w, cap);
  const N = w.length;
  let wmax = 0;
  let W = 0;
  for (let i = 0; i < N; i++) {
    W += w[i];
    if (w[i] > wmax) wmax = w[i];
  }
  if (wmax <= cap * W) return Infinity; // no entry above the cap
  // On the piece where k entries exceed θ, θ = cap·Σ min(w, θ) has the root θ = cap·R/(1 − cap·k) with
  // R = Σ_{w_j ≤ θ} w_j: the Newton step, written without the cancellation of cap·(R + kθ) − θ.
  const piece = (th: number): { k: number; R: number } => {
    let R = 0;
    let k = 0;
    for (let i = 0; i < N; i++) {
      if (w[i] > th) k += 1;
      else R += w[i];
    }
    return { k, R };
  };
  const step = (th: number): number => {
    const { k, R } = piece(th);
    return 1 - cap * k > 0 ? (cap * R) / (1 - cap * k) : Infinity; // Infinity: θ is left of the root
  };
  let th = start !== undefined && start > 0 && start < wmax ? start : wmax;
  let next = step(th);
  if (next > th) {
    th = wmax; // warm start left of the root: restart from the right
    next = step(th);
  }
  for (let it = 0; it <= N + 1 && next < th; it++) {
    th = next; // Newton iterates decrease monotonically to the root (concave equation, started right of it)
    next = step(th);
  }
  return th;
}

/**
 * Exact water-filling cap ([EMAIS] ComputeAdjustedProbabilities, METHODS §5.8 reference form): p with Σp = 1,
 * p_i ≤ cap, p ∝ w below the cap; the order of p follows the order of w. Sort-based O(N log N).
 *
 * @param w un-normalised importances (N), finite ≥ 0, Σw > 0.
 * @param cap D_max/B, with N·cap ≥ 1.
 * @example
 * cappedPmf(new Float64Array([8, 1, 1]), 0.5); // [0.5, 0.25, 0.25]
 */
export function cappedPmf(w: ArrayLike<number>, cap: number): Float64Array {
  checkWeights('cappedPmf', w, cap);
  const N = w.length;
  const order = Array.from({ length: N }, (_, i) => i).sort((a, b) => w[b] - w[a]); // largest w first
  // suffix[k] = Σ_{j ≥ k} w_(j), summed smallest first: no cancellation when one weight dwarfs the rest
  const suffix = new Float64Array(N + 1); // (N + 1,)
  for (let k = N - 1; k >= 0; k--) suffix[k] = suffix[k + 1] + w[order[k]];
  let k = 0;
  let rest = suffix[0];
  let kappa = 1 / rest;
  while (k < N && kappa * w[order[k]] > cap) {
    k += 1;
    rest = suffix[k];
    kappa = rest > 0 ? (1 - k * cap) / rest : 0; // METHODS §5.8: remaining mass shared ∝ w
  }
  const p = new Float64Array(N); // (N,)
  for (let i = 0; i < N; i++) p[i] = Math.min(kappa * w[i], cap);
  if (rest <= 0) {
    // every positive weight is capped and mass is left: spread it uniformly over the zero-weight entries
    const zeros = N - k;
    for (let i = 0; i < N; i++) if (w[i] === 0) p[i] = (1 - k * cap) / zeros;
  }
  return p;
}

/**
 * Mixture-with-uniform cap (METHODS §5.8 alternative): p = (1 − ρ) w/Σw + ρ/N with the smallest ρ ∈ [0, 1] such
 * that max p ≤ cap. Returns ρ (the pmf is cheap to form from it).
 *
 * @param w un-normalised importances (N), finite ≥ 0, Σw > 0.
 * @param cap D_max/B, with N·cap ≥ 1.
 * @example
 * mixRho(new Float64Array([8, 1, 1]), 0.5); // ρ with (1−ρ)·0.8 + ρ/3 = 0.5
 */
export function mixRho(w: ArrayLike<number>, cap: number): number {
  checkWeights('mixRho', w, cap);
  const N = w.length;
  let W = 0;
  let wmax = 0;
  for (let i = 0; i < N; i++) {
    W += w[i];
    if (w[i] > wmax) wmax = w[i];
  }
  const pmax = wmax / W;
  if (pmax <= cap) return 0;
  return Math.min(1, (pmax - cap) / (pmax - 1 / N)); // (1−ρ)·pmax + ρ/N = cap
}
