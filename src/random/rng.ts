import { fnv1a } from './fnv1a.js';

/**
 * Seeded pseudo-random numbers. Every draw in the kit goes through an {@link Rng}; `Math.random` is banned
 * in `src/` (lint rule), so the same seed always gives the same run.
 *
 * Generator: xoshiro128** (Blackman and Vigna, 2018), 32-bit state words seeded by SplitMix32, so it is fast
 * in plain JavaScript integer arithmetic. Doubles use 53 random bits.
 */
export interface Rng {
  /** The seed this generator (or the root it was derived from) started with. */
  readonly seed: number;
  /** Uniform double in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n), n ≥ 1. */
  int(n: number): number;
  /** Standard normal N(0, 1) (Box–Muller; one value per call, the pair's twin is cached). */
  normal(): number;
  /**
   * An independent generator whose stream depends only on this generator's seed and `label`, not on how many
   * numbers were drawn before: `createRng(1).derive('init')` is the same stream wherever it is called.
   */
  derive(label: string): Rng;
  /** The generator's position in its stream (for checkpoints); `setState` of it replays the same numbers. */
  getState(): RngState;
  /** Moves the generator to a position saved by `getState` of a generator of the same seed and label. */
  setState(state: RngState): void;
}

/**
 * Position of an {@link Rng} in its stream: the four xoshiro128** state words (signed 32-bit integers) and the
 * cached second normal deviate of Box–Muller (null when none is cached).
 */
export type RngState = { words: number[]; spare: number | null };

/** SplitMix32 step: turns a 32-bit state into a well-mixed 32-bit output. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

class Xoshiro128 implements Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare: number | null = null;

  constructor(
    readonly seed: number,
    private readonly key: number,
  ) {
    const st = { s: key | 0 };
    this.a = splitmix32(st);
    this.b = splitmix32(st);
    this.c = splitmix32(st);
    this.d = splitmix32(st);
    if ((this.a | this.b | this.c | this.d) === 0) this.d = 1; // the all-zero state is a fixed point
  }

  private u32(): number {
    const r = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return r;
  }

  next(): number {
    // 53 random bits: 27 high + 26 low.
    const hi = this.u32() >>> 5;
    const lo = this.u32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  int(n: number): number {
    if (!Number.isInteger(n) || n < 1)
      throw new RangeError(`Rng.int: n must be a positive integer, got ${n}`);
    return Math.floor(this.next() * n);
  }

  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  getState(): RngState {
    return { words: [this.a | 0, this.b | 0, this.c | 0, this.d | 0], spare: this.spare };
  }

  setState(state: RngState): void {
    const w = state?.words;
    const ok =
      Array.isArray(w) &&
      w.length === 4 &&
      w.every((x) => Number.isInteger(x) && (x | 0) === x) &&
      w.some((x) => x !== 0);
    if (!ok || !(state.spare === null || Number.isFinite(state.spare))) {
      throw new Error(`Rng.setState: not a generator state: ${JSON.stringify(state)}`);
    }
    [this.a, this.b, this.c, this.d] = w;
    this.spare = state.spare;
  }

  derive(label: string): Rng {
    return new Xoshiro128(
      this.seed,
      (Math.imul(this.key ^ fnv1a(label), 0x9e3779b1) ^ fnv1a(label + '#')) | 0,
    );
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * Creates a seeded generator.
 * @param seed an integer with |seed| ≤ 2^53 − 1 (0 is a valid seed; runs use 0..2^53 − 1). The stream's key is the
 *   32-bit FNV-1a hash of the seed's decimal text, so distinct seeds give distinct streams up to hash collisions.
 * @example
 * const rng = createRng(42);
 * rng.next(); // same value on every run
 */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed) || !Number.isInteger(seed)) {
    throw new RangeError(`createRng: seed must be a finite integer, got ${seed}`);
  }
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(
      `createRng: seed ${seed} is not a safe integer; seeds must lie within ±(2^53 − 1), where distinct ` +
        'integers are distinct numbers',
    );
  }
  return new Xoshiro128(seed, fnv1a(`isgrad:${seed}`));
}

/** Fisher–Yates shuffle of `0..n-1` into a new Int32Array. */
export function permutation(n: number, rng: Rng): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}
