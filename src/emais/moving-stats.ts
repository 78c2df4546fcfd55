/**
 * Per-sample moving mean and variance of a score observed at uneven times ([EMAIS] Algorithm 1 UpdateStats,
 * METHODS §5.8): an exponential moving average for unevenly spaced series ([Eckner]) with
 * a = exp(−Δ/τ), and [Finch]'s exponentially weighted variance. Linear-τ (METHODS §5.9) passes τ = t.
 *
 * Symbols: μ_i = `mean[i]`, σ²_i = `variance[i]`, t_i = `last[i]` (−1 = never observed).
 *
 * @example
 * const s = new MovingStats(3);
 * s.update(0, 1, 2.0, 10); // first observation: μ = 2, σ² = 0
 * s.update(5, 1, 4.0, 10); // a = e^{−0.5}
 * s.importance(1, 'std'); // μ + σ
 */
export class MovingStats {
  /** Number of samples N. */
  readonly size: number;
  /** μ_i (N). */
  readonly mean: Float64Array;
  /** σ²_i (N). */
  readonly variance: Float64Array;
  /** t_i (N): step of the last observation, −1 before the first. */
  readonly last: Float64Array;

  /** @param n number of samples N, an integer ≥ 1. */
  constructor(n: number) {
    if (!Number.isInteger(n) || n < 1)
      throw new RangeError(`MovingStats: n must be an integer ≥ 1, got ${n}`);
    this.size = n;
    this.mean = new Float64Array(n);
    this.variance = new Float64Array(n);
    this.last = new Float64Array(n).fill(-1);
  }

  /**
   * UpdateStats(t, i, v) with time constant τ (METHODS §5.8 lines 1–6). The first observation of i sets
   * μ_i = v, σ²_i = 0 (METHODS §5.11, L).
   * @param t current step (≥ t_i).
   * @param i sample index in [0, N).
   * @param v observed value (gradient norm), finite and ≥ 0.
   * @param tau time constant τ > 0 (Linear-τ: τ = t, METHODS §5.9; τ = 0 at t = 0 is treated as a first step).
   */
  update(t: number, i: number, v: number, tau: number): void {
    if (!Number.isInteger(i) || i < 0 || i >= this.size) {
      throw new RangeError(`MovingStats.update: i must be an integer in [0, ${this.size}), got ${i}`);
    }
    if (!Number.isFinite(v) || v < 0) {
      throw new RangeError(
        `MovingStats.update: value for sample ${i} at step ${t} must be finite and ≥ 0 (a gradient norm), got ${v}`,
      );
    }
    const ti = this.last[i];
    if (ti < 0) {
      this.mean[i] = v; // METHODS §5.11: first observation
      this.variance[i] = 0;
      this.last[i] = t;
      return;
    }
    if (!(t >= ti))
      throw new RangeError(`MovingStats.update: t = ${t} is before t_i = ${ti} for sample ${i}`);
    if (!(tau > 0) || !Number.isFinite(tau)) {
      throw new RangeError(`MovingStats.update: tau must be finite and > 0, got ${tau}`);
    }
    const dt = t - ti; // METHODS §5.8 l.1
    const a = Math.exp(-dt / tau); // METHODS §5.8 l.2 ([Eckner])
    const delta = v - this.mean[i]; // METHODS §5.8 l.3
    this.mean[i] += (1 - a) * delta; // METHODS §5.8 l.4
    this.variance[i] = a * (this.variance[i] + (1 - a) * delta * delta); // METHODS §5.8 l.5 ([Finch])
    this.last[i] = t; // METHODS §5.8 l.6
  }

  /**
   * ComputeImportance(i) (METHODS §5.8): 'std' w_i = μ_i + σ_i (default form), 'var' w_i = μ_i + σ²_i.
   * @param i sample index in [0, N).
   * @param form 'std' | 'var'.
   */
  importance(i: number, form: 'std' | 'var'): number {
    return form === 'std' ? this.mean[i] + Math.sqrt(this.variance[i]) : this.mean[i] + this.variance[i];
  }
}
