import { restoreArray, type StateValue } from '../checkpoint/state-codec.js';
import type { Rng } from '../random/rng.js';
import { drawMany } from './draw-many.js';

/**
 * A binary sum tree over N non-negative float64 weights q_0..q_{N-1}: O(log N) point update, O(log N)
 * draw of an index with probability q_i / Σq, and the exact Σq at the root (METHODS §1.4).
 *
 * Layout: implicit heap in one `Float64Array` of length 2N. Leaf i lives at node N + i, node k < N has
 * children 2k and 2k + 1, the root is node 1 (node 0 is unused). For any N ≥ 1 (not only powers of two)
 * every internal node has exactly two children, so the descent in {@link SumTree.sample} is well defined;
 * leaves are simply not in left-to-right order when N is not a power of two, which does not matter for
 * sampling. Memory: 2N doubles (160 MB at N = 1e7).
 *
 * Parents are always recomputed from their two children (never updated by adding deltas), so the tree is
 * a pure function of its leaves and the root never drifts however many updates are made.
 *
 * @example
 * const tree = SumTree.fromArray([1, 0, 3]);
 * tree.total; // 4
 * tree.set(1, 4); // O(log N)
 * const i = tree.sample(0.5 * tree.total); // index drawn with probability q_i / Σq
 */
export class SumTree {
  /** Number of leaves N. */
  readonly size: number;
  /** Heap of partial sums: nodes [1, N) internal, [N, 2N) leaves. */
  private readonly node: Float64Array; // (2N,)

  /**
   * @param n number of leaves N, an integer ≥ 1 (at most ~1e8: the tree holds 2N doubles). All leaves start at 0.
   */
  constructor(n: number) {
    if (!Number.isInteger(n) || n < 1) {
      throw new RangeError(`SumTree: size n must be an integer ≥ 1, got ${n}`);
    }
    this.size = n;
    this.node = new Float64Array(2 * n); // (2N,)
  }

  /**
   * The tree's state for a checkpoint: every node (partial sums included, so a restored tree draws and sums
   * bit for bit as the saved one).
   * @example
   * const s = tree.saveState(); // { node: Float64Array (2N) }
   */
  saveState(): { node: Float64Array } {
    return { node: this.node.slice() };
  }

  /**
   * Restores a state saved by {@link SumTree.saveState} of a tree of the same size.
   * @param state `{ node }` with 2N entries.
   * @example
   * other.loadState(tree.saveState());
   */
  loadState(state: { node: StateValue }): void {
    restoreArray('SumTree', this.node, state.node);
  }

  /**
   * Builds a tree from the given weights in O(N).
   * @param values N ≥ 1 finite non-negative weights.
   * @example
   * SumTree.fromArray(new Float64Array([0.5, 0.25, 0.25])).total; // 1
   */
  static fromArray(values: ArrayLike<number>): SumTree {
    const tree = new SumTree(values.length);
    tree.setAll(values);
    return tree;
  }

  /** Exact Σq (the root, recomputed from its children on every update). 0 for an all-zero tree. */
  get total(): number {
    // For N = 1 the root is the single leaf (node 1).
    return this.node[1];
  }

  /**
   * Reads leaf i.
   * @param i leaf index, integer in [0, N).
   */
  get(i: number): number {
    this.checkIndex(i, 'get');
    return this.node[this.size + i];
  }

  /**
   * Sets leaf i to v and recomputes its O(log N) ancestors from their children.
   * @param i leaf index, integer in [0, N).
   * @param v new weight, finite and ≥ 0.
   * @example
   * const t = new SumTree(5);
   * t.set(3, 2.5); // t.total === 2.5
   */
  set(i: number, v: number): void {
    this.checkIndex(i, 'set');
    checkValue(i, v, 'set');
    const node = this.node;
    let k = this.size + i;
    node[k] = v;
    k >>= 1;
    while (k >= 1) {
      node[k] = node[2 * k] + node[2 * k + 1];
      k >>= 1;
    }
  }

  /**
   * Replaces all N leaves and rebuilds the tree in O(N).
   * @param values exactly N finite non-negative weights.
   */
  setAll(values: ArrayLike<number>): void {
    if (values.length !== this.size) {
      throw new RangeError(`SumTree.setAll: values must have length N = ${this.size}, got ${values.length}`);
    }
    for (let i = 0; i < this.size; i++) checkValue(i, values[i], 'setAll');
    this.node.set(values, this.size);
    this.rebuild();
  }

  /**
   * Adds the constant c to every leaf and rebuilds in O(N) (used for the per-epoch `q ← q + ε`, METHODS §3.2).
   * @param c finite constant; every resulting leaf must stay finite and ≥ 0.
   */
  addToAll(c: number): void {
    if (!Number.isFinite(c)) {
      throw new RangeError(`SumTree.addToAll: c must be a finite number, got ${c}`);
    }
    const n = this.size;
    const node = this.node;
    for (let i = 0; i < n; i++) checkValue(i, node[n + i] + c, 'addToAll');
    for (let i = 0; i < n; i++) node[n + i] += c;
    this.rebuild();
  }

  /**
   * Maps u ∈ [0, Σq) to the leaf whose interval contains it, by descent from the root in O(log N): with
   * u uniform on [0, Σq) leaf i is returned with probability q_i / Σq. Leaves with q_i = 0 are never returned.
   * @param u position in [0, total).
   * @example
   * SumTree.fromArray([1, 3]).sample(2.0); // 1
   */
  sample(u: number): number {
    const node = this.node;
    const total = node[1];
    if (!(total > 0)) {
      throw new RangeError('SumTree.sample: all weights are 0, there is nothing to sample (total = 0)');
    }
    if (!(u >= 0 && u < total)) {
      throw new RangeError(`SumTree.sample: u must be in [0, total) = [0, ${total}), got ${u}`);
    }
    const n = this.size;
    let k = 1;
    while (k < n) {
      const left = node[2 * k];
      if (u < left) {
        k = 2 * k;
      } else {
        const right = node[2 * k + 1];
        u -= left;
        if (right > 0) {
          k = 2 * k + 1;
          // Rounding in the subtraction can leave u ≥ right; stay strictly inside the right subtree.
          if (u >= right) u = right * (1 - Number.EPSILON);
        } else {
          // Right subtree is empty: u ≥ left happened only through rounding (node[k] = left + 0 > 0).
          k = 2 * k;
          u = left * (1 - Number.EPSILON);
        }
      }
    }
    return k - n;
  }

  /**
   * Draws k indices i.i.d. with probability q_i / Σq (with replacement), O(k log N).
   * @param rng random stream; one `rng.next()` per draw.
   * @param k number of draws, integer ≥ 0.
   * @param out optional destination of length ≥ k (reused to avoid allocation).
   * @returns the first k entries of `out` (or a new Int32Array(k)) filled with leaf indices.
   * @example
   * SumTree.fromArray([1, 1, 2]).sampleMany(createRng(0), 4); // e.g. Int32Array [2, 0, 2, 1]
   */
  sampleMany(rng: Rng, k: number, out?: Int32Array): Int32Array {
    return drawMany(this, rng, k, out, 'SumTree.sampleMany');
  }

  /**
   * Copies the N leaves into `out` (or a new array).
   * @param out optional destination of length N.
   */
  toArray(out?: Float64Array): Float64Array {
    const n = this.size;
    const res = out ?? new Float64Array(n); // (N,)
    if (res.length !== n) {
      throw new RangeError(`SumTree.toArray: out must have length N = ${n}, got ${res.length}`);
    }
    res.set(this.node.subarray(n, 2 * n));
    return res;
  }

  /** Recomputes every internal node from its children, bottom-up, O(N). */
  private rebuild(): void {
    const node = this.node;
    for (let k = this.size - 1; k >= 1; k--) node[k] = node[2 * k] + node[2 * k + 1];
  }

  private checkIndex(i: number, method: string): void {
    if (!Number.isInteger(i) || i < 0 || i >= this.size) {
      throw new RangeError(`SumTree.${method}: index must be an integer in [0, ${this.size}), got ${i}`);
    }
  }
}

function checkValue(i: number, v: number, method: string): void {
  if (!(Number.isFinite(v) && v >= 0)) {
    throw new RangeError(
      `SumTree.${method}: weight at index ${i} must be finite and ≥ 0, got ${v} (NaN, ±Infinity and negatives are rejected)`,
    );
  }
}
