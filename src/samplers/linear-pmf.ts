import type { Rng } from '../random/rng.js';
import { cumulativeSum, searchCdf } from '../random/sample-cdf.js';
import { drawMany } from './draw-many.js';

/**
 * The O(N) reference for {@link SumTree}: N non-negative float64 weights q in a plain `Float64Array`. Any
 * draw after a change first renormalises, i.e. rebuilds the cumulative sums c_j = Σ_{i≤j} q_i in O(N),
 * then inverts the CDF by binary search in O(log N). Updates are O(1) but the next draw pays O(N), which is
 * what "renormalise p = q / Σq every step" costs (METHODS §1.4). Used by tests as a reference and by the
 * benchmark. Same method names as {@link SumTree}.
 *
 * @example
 * const pmf = LinearPmf.fromArray([1, 0, 3]);
 * pmf.set(1, 4); // O(1), marks the CDF stale
 * pmf.sample(0.5 * pmf.total); // rebuilds the CDF (O(N)), then binary search
 */
export class LinearPmf {
  /** Number of weights N. */
  readonly size: number;
  private readonly q: Float64Array; // (N,)
  private readonly cdf: Float64Array; // (N,) inclusive prefix sums, valid when !dirty
  private dirty = true;

  /**
   * @param n number of weights N, an integer ≥ 1. All weights start at 0.
   */
  constructor(n: number) {
    if (!Number.isInteger(n) || n < 1) {
      throw new RangeError(`LinearPmf: size n must be an integer ≥ 1, got ${n}`);
    }
    this.size = n;
    this.q = new Float64Array(n); // (N,)
    this.cdf = new Float64Array(n); // (N,)
  }

  /**
   * Builds from the given weights.
   * @param values N ≥ 1 finite non-negative weights.
   * @example
   * LinearPmf.fromArray([0.5, 0.5]).total; // 1
   */
  static fromArray(values: ArrayLike<number>): LinearPmf {
    const pmf = new LinearPmf(values.length);
    pmf.setAll(values);
    return pmf;
  }

  /** Σq, the last cumulative sum (renormalises first if q changed). */
  get total(): number {
    this.renormalise();
    return this.cdf[this.size - 1];
  }

  /**
   * Reads weight i.
   * @param i index, integer in [0, N).
   */
  get(i: number): number {
    this.checkIndex(i, 'get');
    return this.q[i];
  }

  /**
   * Sets weight i to v in O(1); the next draw renormalises.
   * @param i index, integer in [0, N).
   * @param v finite weight ≥ 0.
   */
  set(i: number, v: number): void {
    this.checkIndex(i, 'set');
    checkValue(i, v, 'set');
    this.q[i] = v;
    this.dirty = true;
  }

  /**
   * Replaces all N weights.
   * @param values exactly N finite non-negative weights.
   */
  setAll(values: ArrayLike<number>): void {
    if (values.length !== this.size) {
      throw new RangeError(
        `LinearPmf.setAll: values must have length N = ${this.size}, got ${values.length}`,
      );
    }
    for (let i = 0; i < this.size; i++) checkValue(i, values[i], 'setAll');
    this.q.set(values);
    this.dirty = true;
  }

  /**
   * Adds the constant c to every weight.
   * @param c finite constant; every resulting weight must stay finite and ≥ 0.
   */
  addToAll(c: number): void {
    if (!Number.isFinite(c)) {
      throw new RangeError(`LinearPmf.addToAll: c must be a finite number, got ${c}`);
    }
    for (let i = 0; i < this.size; i++) checkValue(i, this.q[i] + c, 'addToAll');
    for (let i = 0; i < this.size; i++) this.q[i] += c;
    this.dirty = true;
  }

  /**
   * Returns the smallest j with c_j > u (inverse CDF); with u uniform on [0, Σq) index i comes out with
   * probability q_i / Σq. Weights equal to 0 are never returned.
   * @param u position in [0, total).
   * @example
   * LinearPmf.fromArray([1, 3]).sample(2.0); // 1
   */
  sample(u: number): number {
    const total = this.total; // renormalises if needed
    if (!(total > 0)) {
      throw new RangeError('LinearPmf.sample: all weights are 0, there is nothing to sample (total = 0)');
    }
    if (!(u >= 0 && u < total)) {
      throw new RangeError(`LinearPmf.sample: u must be in [0, total) = [0, ${total}), got ${u}`);
    }
    return searchCdf(this.cdf, u);
  }

  /**
   * Draws k indices i.i.d. with probability q_i / Σq; renormalises at most once, then O(k log N).
   * @param rng random stream; one `rng.next()` per draw.
   * @param k number of draws, integer ≥ 0.
   * @param out optional destination of length ≥ k.
   */
  sampleMany(rng: Rng, k: number, out?: Int32Array): Int32Array {
    return drawMany(this, rng, k, out, 'LinearPmf.sampleMany');
  }

  /**
   * Copies the N weights into `out` (or a new array).
   * @param out optional destination of length N.
   */
  toArray(out?: Float64Array): Float64Array {
    const res = out ?? new Float64Array(this.size); // (N,)
    if (res.length !== this.size) {
      throw new RangeError(`LinearPmf.toArray: out must have length N = ${this.size}, got ${res.length}`);
    }
    res.set(this.q);
    return res;
  }

  /** Rebuilds the prefix sums if q changed since the last draw, O(N). */
  private renormalise(): void {
    if (!this.dirty) return;
    cumulativeSum(this.q, this.cdf);
    this.dirty = false;
  }

  private checkIndex(i: number, method: string): void {
    if (!Number.isInteger(i) || i < 0 || i >= this.size) {
      throw new RangeError(`LinearPmf.${method}: index must be an integer in [0, ${this.size}), got ${i}`);
    }
  }
}

function checkValue(i: number, v: number, method: string): void {
  if (!(Number.isFinite(v) && v >= 0)) {
    throw new RangeError(
      `LinearPmf.${method}: weight at index ${i} must be finite and ≥ 0, got ${v} (NaN, ±Infinity and negatives are rejected)`,
    );
  }
}
