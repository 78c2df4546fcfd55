/**
 * Exact moments of a minibatch estimator by enumerating every outcome of its draws (METHODS §1.5, §4.8: "on tiny
 * datasets, enumerate every outcome to get the exact mean and variance instead of sampling").
 *
 * Symbols: a batch has S slots; slot s draws an index x_s ∈ {0..N_s − 1} from its own pmf `slots[s]`,
 * independently of the other slots (B i.i.d. IS draws: S = B copies of p; MIS: n_j copies of p_j per technique j,
 * see {@link stratifiedSlots}). An estimator maps the index tuple to a vector y ∈ R^D.
 */

/** Exact (or Monte-Carlo) moments of a vector-valued estimator. */
export interface Moments {
  /** E[y] (D). */
  mean: Float64Array;
  /** Var[y_d] per coordinate (D). */
  variance: Float64Array;
  /** tr Cov[y] = Σ_d Var[y_d]. */
  trCov: number;
  /** Number of outcomes enumerated (positive-probability index tuples) or draws made. */
  count: number;
}

/** Options of {@link enumerateMoments}. */
export interface EnumerateMomentsOptions {
  /** Refuse more than this many outcomes (Π_s |support of slot s|). Default 2_000_000. */
  maxOutcomes: number;
}

/** Defaults of {@link EnumerateMomentsOptions}: `{ maxOutcomes: 2_000_000 }`. */
export const enumerateMomentsDefaults: Readonly<EnumerateMomentsOptions> = Object.freeze({
  maxOutcomes: 2_000_000,
});

/**
 * Checks that `p` is a pmf (finite entries ≥ 0 summing to 1 within 1e-9) and returns its support.
 * @internal shared with the Monte-Carlo helper.
 */
export function checkPmf(who: string, name: string, p: ArrayLike<number>): number[] {
  if (p.length < 1) throw new RangeError(`${who}: ${name} is empty; a pmf needs N ≥ 1 entries`);
  let total = 0;
  const support: number[] = [];
  for (let i = 0; i < p.length; i++) {
    const v = p[i];
    if (!Number.isFinite(v) || v < 0)
      throw new RangeError(`${who}: ${name}[${i}] must be finite and ≥ 0, got ${v}`);
    total += v;
    if (v > 0) support.push(i);
  }
  if (!(Math.abs(total - 1) <= 1e-9)) throw new RangeError(`${who}: ${name} sums to ${total}, not 1`);
  return support;
}

/**
 * The per-slot pmfs of a stratified MIS batch: n_j slots drawing from p_j, technique by technique (slot order
 * j = 0..J−1, so a batch's indices are x_{0,1..n_0}, x_{1,1..n_1}, …) (METHODS §4.1). With J = 1 and
 * counts = [B] these are B i.i.d. IS draws.
 * @param pmfs p_j (J), each a pmf over the N samples.
 * @param counts n_j (J), integers ≥ 0.
 * @returns slots (Σ n_j), each one of the `pmfs` (shared, not copied).
 * @example
 * stratifiedSlots([pA, pB], [2, 1]); // [pA, pA, pB]
 */
export function stratifiedSlots<T extends ArrayLike<number>>(
  pmfs: readonly T[],
  counts: ArrayLike<number>,
): T[] {
  if (pmfs.length !== counts.length || pmfs.length < 1) {
    throw new RangeError(
      `stratifiedSlots: need one count per pmf (J ≥ 1), got ${pmfs.length} pmfs, ${counts.length} counts`,
    );
  }
  const slots: T[] = [];
  for (let j = 0; j < pmfs.length; j++) {
    const n = counts[j];
    if (!Number.isInteger(n) || n < 0)
      throw new RangeError(`stratifiedSlots: counts[${j}] must be an integer ≥ 0, got ${n}`);
    for (let s = 0; s < n; s++) slots.push(pmfs[j]);
  }
  return slots;
}

/**
 * Exact mean, per-coordinate variance and covariance trace of y = f(x_1..x_S) over every outcome of S independent
 * draws x_s ~ slots[s], each weighted by its probability Π_s p_s(x_s). Zero-probability indices are skipped (so
 * an estimator that divides by p(x) is never called there). Accumulated in float64 with the weighted
 * one-pass update of West (1979), which keeps the variance accurate when it is small next to the mean.
 *
 * @param slots the pmf of each slot (S ≥ 1), each finite ≥ 0 summing to 1 (±1e-9).
 * @param f the estimator: the index tuple (S, reused between calls: copy it to keep it) → y (D), finite.
 * @param options `{ maxOutcomes = 2_000_000 }`.
 * @returns {@link Moments} with `count` = number of outcomes.
 * @example
 * // B = 2 i.i.d. IS draws from p of scalar "gradients" g: E = mean(g), Var = (Σ g²/(N² p) − G²)/2
 * const g = [1, 3], p = [0.25, 0.75];
 * enumerateMoments([p, p], (idx) => [(g[idx[0]] / (2 * p[idx[0]]) + g[idx[1]] / (2 * p[idx[1]])) / 2]);
 * // { mean: [2], variance: [0], trCov: 0, count: 4 } (p ∝ g is the zero-variance pmf)
 */
export function enumerateMoments(
  slots: readonly ArrayLike<number>[],
  f: (idx: Int32Array) => ArrayLike<number>,
  options: Partial<EnumerateMomentsOptions> = {},
): Moments {
  const { maxOutcomes } = { ...enumerateMomentsDefaults, ...options };
  const S = slots.length;
  if (S < 1) throw new RangeError('enumerateMoments: slots is empty; need at least one draw');
  const supports = slots.map((p, s) => checkPmf('enumerateMoments', `slots[${s}]`, p));
  const outcomes = supports.reduce((n, sup) => n * sup.length, 1);
  if (!(outcomes <= maxOutcomes)) {
    throw new RangeError(
      `enumerateMoments: ${outcomes} outcomes exceed maxOutcomes = ${maxOutcomes}; use fewer slots or samples ` +
        '(or monteCarloMoments)',
    );
  }
  const idx = new Int32Array(S); // (S) current outcome
  const pos = new Int32Array(S); // (S) position of idx[s] in supports[s]
  for (let s = 0; s < S; s++) idx[s] = supports[s][0];
  let mean: Float64Array | null = null; // (D)
  let m2: Float64Array | null = null; // (D) Σ w (y − mean_old)(y − mean_new)
  let W = 0;
  for (let k = 0; k < outcomes; k++) {
    let w = 1;
    for (let s = 0; s < S; s++) w *= slots[s][idx[s]];
    const y = f(idx);
    if (mean === null || m2 === null) {
      mean = new Float64Array(y.length);
      m2 = new Float64Array(y.length);
    }
    if (y.length !== mean.length) {
      throw new RangeError(`enumerateMoments: f returned ${y.length} values, earlier ${mean.length}`);
    }
    W += w;
    for (let d = 0; d < mean.length; d++) {
      const v = y[d];
      if (!Number.isFinite(v))
        throw new RangeError(`enumerateMoments: f(${Array.from(idx).join(', ')})[${d}] = ${v}, not finite`);
      const delta = v - mean[d];
      mean[d] += (w / W) * delta; // West (1979): weighted running mean
      m2[d] += w * delta * (v - mean[d]); // West (1979): weighted sum of squares
    }
    for (let s = S - 1; s >= 0; s--) {
      // odometer over the supports
      if (++pos[s] < supports[s].length) {
        idx[s] = supports[s][pos[s]];
        break;
      }
      pos[s] = 0;
      idx[s] = supports[s][0];
    }
  }
  const m = mean ?? new Float64Array(0);
  const variance = (m2 ?? new Float64Array(0)).map((v) => Math.max(0, v / W)); // (D)
  return { mean: m, variance, trCov: variance.reduce((a, b) => a + b, 0), count: outcomes };
}
