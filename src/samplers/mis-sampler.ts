import { packState, unpackState, type SamplerState } from '../checkpoint/state-codec.js';
import { mixtureWeights } from '../mis/mixture.js';
import { resolveOptions as resolveDeclared, type OptionSpec } from '../options/option-spec.js';
import { permutation, type RngState } from '../random/rng.js';
import {
  blendMemory,
  epsilonFloor,
  initEpochsOption,
  memoryOptions,
  type EpsMode,
} from './importance-memory.js';
import { SumTree } from './sum-tree.js';
import type { Batch, Observation, Sampler, SamplerContext } from './types.js';
import { checkObservation } from './check-observation.js';

/** Hyper-parameters of the multiple-importance sampler (METHODS §4.5–4.7, §9). */
export interface MisSamplerOptions {
  /** Number of techniques J (integer ≥ 1). Default 2. */
  J: number;
  /** Samples per technique n_j (length J, integers ≥ 1, Σ = B); [] = equal split (remainder to the first). Default []. */
  alloc: number[];
  /** α_q ∈ [0, 1): memory blend q_j ← α_q q_j + (1 − α_q) score_j. Default 0.1. */
  alpha: number;
  /** ε ≥ 0 added to every q_j once per main epoch. Default 1e-3 (relative: ε·mean(q_j)). */
  eps: number;
  /** 'relative' (default, ε·mean(q_j)) or 'absolute'. */
  epsMode: EpsMode;
  /** Initialisation epochs (SGD-Scan, q_j ← score_j), integer ≥ 0. Default 1. */
  initEpochs: number;
}

/**
 * Declarations of the MIS options `J` (CLI `--J`, integer ≥ 1, default 2; the sampler also needs J ≤ B) and
 * `alloc` (`--alloc`, samples per technique, default [] = equal), shared by the 'mis-bh' and 'omis' methods.
 */
export const misOptions = Object.freeze({
  J: {
    kind: 'int',
    default: 2,
    min: 1,
    help: 'number of MIS techniques J (output nodes / coefficient groups)',
  },
  alloc: {
    kind: 'list',
    default: [],
    help: 'samples per technique n_j (J integers summing to B); [] = equal',
  },
} satisfies Record<string, OptionSpec>);

/** Declarations of {@link MisSamplerOptions}: {@link misOptions}, {@link memoryOptions} and `initEpochs`. */
export const misSamplerOptionSpecs = Object.freeze({
  ...misOptions,
  ...memoryOptions,
  initEpochs: initEpochsOption,
});

/** Defaults of {@link MisSamplerOptions}: `{ J: 2, alloc: [], alpha: 0.1, eps: 1e-3, epsMode: 'relative', initEpochs: 1 }`. */
export const misSamplerDefaults: Readonly<MisSamplerOptions> = Object.freeze({
  J: misOptions.J.default,
  alloc: misOptions.alloc.default,
  alpha: memoryOptions.alpha.default,
  eps: memoryOptions.eps.default,
  epsMode: memoryOptions.epsMode.default as EpsMode,
  initEpochs: initEpochsOption.default as number,
});

/** A MIS sampler: a {@link Sampler} whose technique scores are handed in by the estimator. */
export interface MisSampler extends Sampler {
  readonly J: number;
  /** Samples per technique n_j (J). */
  readonly counts: Int32Array;
  readonly options: Readonly<MisSamplerOptions>;
  /**
   * Hands in the candidate technique scores of the last batch (B × K, row-major, finite ≥ 0), before `observe`.
   * K = J uses them as they are; K > J (more output nodes than techniques) keeps the J candidates with the
   * largest mean score over the initialisation epochs (METHODS §4.7; the first J when there is no init epoch).
   */
  setTechniqueScores(scores: Float64Array, K: number): void;
  /** Indices of the candidates used as techniques (J), or null before they are chosen. */
  techniqueNodes(): Int32Array | null;
  /** Copy of the importance memory q_j (N) of technique j. */
  memory(j: number): Float64Array;
}

/** Type guard: does this sampler accept technique scores? */
export function isMisSampler(s: Sampler): s is MisSampler {
  return typeof (s as Partial<MisSampler>).setTechniqueScores === 'function';
}

/**
 * Multiple importance sampling from J persistent importance memories ([MIS] Algorithm 2 as made consistent in
 * METHODS §4.6–4.7). Init epochs as the memory sampler (SGD-Scan over a random permutation, ceil(N/B) steps,
 * weights 1, `q_j[i] ← score_j(i)`). Main epochs: floor(N/B) steps; all pmfs p_j = q_j/Σq_j are frozen for the
 * step (METHODS §8 row 3), n_j indices are drawn from each p_j with replacement, and the batch carries
 * `mis = {J, counts, technique, probs (B × J)}` plus the balance-heuristic / mixture-IS weights
 * λ_b = B/(N S(x_b)) (METHODS §4.2) and `probs` = p_mix = S/B. A technique with Σq_j = 0 draws uniformly
 * (p_j = 1/N), so S(x) > 0 always. After the step, every unique index gets q_j ← α_q q_j + (1 − α_q) s̄_j (mean
 * over its copies, METHODS §1.4); `endEpoch` adds ε (or ε·mean(q_j)) to every q_j.
 * @param ctx N, B (J ≤ B) and the sampler's rng.
 * @param options partial {@link MisSamplerOptions}; defaults {@link misSamplerDefaults}.
 * @example
 * const s = createMisSampler({ n: 100, batchSize: 8, rng: createRng(1) }, { J: 2 });
 * s.beginEpoch(0); const batch = s.next();
 * s.setTechniqueScores(new Float64Array(8 * 2).fill(1), 2);
 * s.observe({ indices: batch.indices, losses: new Float32Array(8) });
 */
export function createMisSampler(ctx: SamplerContext, options: Record<string, unknown> = {}): MisSampler {
  const name = 'mis';
  const { n: N, batchSize: B, rng } = ctx;
  const opts = resolveOptions(options, B);
  const { J, alpha, eps, epsMode, initEpochs } = opts;
  const counts = allocation(opts.alloc, J, B);
  const trees: SumTree[] = [];
  for (let j = 0; j < J; j++) {
    const t = new SumTree(N);
    t.addToAll(1); // q_j = 1: uniform until scores arrive
    trees.push(t);
  }
  let nodes: Int32Array | null = null; // (J) candidate columns used as techniques
  let cand: Float64Array | null = null; // (N, K) candidate memory of the init epochs when K > J
  let candSum: Float64Array | null = null; // (K) Σ of candidate scores over the init epochs
  let openEpoch = -1;
  let inInit = false;
  let stepsTaken = 0;
  let order: Int32Array | null = null;
  let pending: Int32Array | null = null;
  let pendingScores: { scores: Float64Array; K: number } | null = null;
  let lastMaxWeight = 0;

  const isInit = (e: number) => e < initEpochs;
  const stepsInEpoch = (e: number): number => {
    if (!Number.isInteger(e) || e < 0)
      throw new RangeError(`${name}: epoch must be an integer ≥ 0, got ${e}`);
    return isInit(e) ? Math.ceil(N / B) : Math.floor(N / B); // METHODS §3.2 / §0
  };

  const nextMain = (): Batch => {
    const totals = trees.map((t) => t.total); // pmfs frozen for the step (METHODS §4.7)
    const indices = new Int32Array(B); // (B)
    const technique = new Int32Array(B); // (B)
    let r = 0;
    for (let j = 0; j < J; j++) {
      for (let s = 0; s < counts[j]; s++, r++) {
        // [MIS] Alg. 2 l.11–12: x ~ p_j = q_j/Σq_j (uniform when Σq_j = 0)
        indices[r] = totals[j] > 0 ? trees[j].sample(rng.next() * totals[j]) : rng.int(N);
        technique[r] = j;
      }
    }
    const probs = new Float64Array(B * J); // (B, J): p_k(x_b)
    for (let b = 0; b < B; b++) {
      for (let k = 0; k < J; k++)
        probs[b * J + k] = totals[k] > 0 ? trees[k].get(indices[b]) / totals[k] : 1 / N;
    }
    const { S, lambda } = mixtureWeights(probs, counts, N); // METHODS §4.2
    lastMaxWeight = Math.max(...lambda);
    return {
      indices,
      weights: lambda,
      probs: S.map((s) => s / B), // p_mix = S/B
      mis: { J, counts: Int32Array.from(counts), technique, probs },
    };
  };

  const chooseNodes = (K: number): void => {
    if (K < J) {
      throw new RangeError(
        `${name}: J = ${J} is larger than the available outputs/candidates K = ${K}; allowed J: 1..${K}`,
      );
    }
    if (nodes !== null) return;
    if (K === J || candSum === null) {
      nodes = Int32Array.from({ length: J }, (_, j) => j);
      return;
    }
    const sum = candSum;
    const ranked = Array.from({ length: K }, (_, c) => c).sort((a, b) => sum[b] - sum[a] || a - b);
    nodes = Int32Array.from(ranked.slice(0, J)).sort(); // METHODS §4.7: top-J nodes by mean |u|
    for (let j = 0; j < J; j++) {
      const col = nodes[j];
      const vals = new Float64Array(N);
      for (let i = 0; i < N; i++) vals[i] = (cand as Float64Array)[i * K + col];
      trees[j].setAll(vals);
    }
    cand = null;
  };

  return {
    name,
    J,
    counts,
    options: opts,
    warmupEpochs: initEpochs, // METHODS §4.7: the init epochs are SGD-Scan
    stepsInEpoch,
    beginEpoch(epoch: number): void {
      stepsInEpoch(epoch);
      if (openEpoch >= 0)
        throw new Error(`${name}: beginEpoch(${epoch}) called while epoch ${openEpoch} is open`);
      openEpoch = epoch;
      inInit = isInit(epoch);
      stepsTaken = 0;
      pending = null;
      order = inInit ? permutation(N, rng) : null;
    },
    next(): Batch {
      if (openEpoch < 0) throw new Error(`${name}: next() called outside an epoch; call beginEpoch(e) first`);
      const steps = stepsInEpoch(openEpoch);
      if (stepsTaken >= steps)
        throw new Error(`${name}: next() called more than stepsInEpoch = ${steps} times`);
      let batch: Batch;
      if (inInit) {
        const start = stepsTaken * B;
        const indices = (order as Int32Array).slice(start, Math.min(start + B, N)); // METHODS §3.2 init slice
        batch = {
          indices,
          weights: new Float64Array(indices.length).fill(1),
          probs: new Float64Array(indices.length).fill(1 / N),
        };
      } else batch = nextMain();
      stepsTaken++;
      pending = batch.indices;
      pendingScores = null;
      return batch;
    },
    wantsScores: () => false,
    setTechniqueScores(scores: Float64Array, K: number): void {
      if (pending === null) throw new Error(`${name}: setTechniqueScores() called without a pending batch`);
      if (!Number.isInteger(K) || K < 1 || scores.length !== pending.length * K) {
        throw new RangeError(
          `${name}: technique scores have length ${scores.length}, expected B × K = ${pending.length} × ${K}`,
        );
      }
      if (K < J) {
        throw new RangeError(
          `${name}: J = ${J} is larger than the available outputs/candidates K = ${K}; allowed J: 1..${K}`,
        );
      }
      for (let i = 0; i < scores.length; i++) {
        if (!(Number.isFinite(scores[i]) && scores[i] >= 0)) {
          throw new RangeError(
            `${name}: technique score ${scores[i]} at row ${Math.floor(i / K)}, candidate ${i % K}; scores must be finite and ≥ 0 (lower the learning rate if the model diverged)`,
          );
        }
      }
      pendingScores = { scores, K };
    },
    observe(obs: Observation): void {
      checkObservation(name, obs);
      if (pending === null) throw new Error(`${name}: observe() called without a batch; call next() first`);
      const idx = pending;
      if (obs.indices.length !== idx.length || obs.indices.some((v, b) => v !== idx[b])) {
        throw new Error(`${name}: observe() indices do not match the last batch`);
      }
      if (pendingScores === null) {
        throw new Error(
          `${name}: observe() before setTechniqueScores(); use a MIS estimator ('omis' or 'mis-balance')`,
        );
      }
      const { scores, K } = pendingScores;
      pending = null;
      pendingScores = null;
      if (inInit && K > J && nodes === null) {
        // Keep every candidate until the init epochs end, then choose the top-J (METHODS §4.7).
        cand ??= new Float64Array(N * K);
        candSum ??= new Float64Array(K);
        for (let b = 0; b < idx.length; b++) {
          for (let c = 0; c < K; c++) {
            cand[idx[b] * K + c] = scores[b * K + c];
            candSum[c] += scores[b * K + c];
          }
        }
        return;
      }
      chooseNodes(K);
      const cols = nodes as Int32Array;
      if (inInit) {
        for (let b = 0; b < idx.length; b++) {
          for (let j = 0; j < J; j++) trees[j].set(idx[b], scores[b * K + cols[j]]); // METHODS §3.2 init: q ← φ
        }
        return;
      }
      const acc = new Map<number, { row: number[]; count: number }>();
      for (let b = 0; b < idx.length; b++) {
        const a = acc.get(idx[b]) ?? { row: new Array<number>(J).fill(0), count: 0 };
        for (let j = 0; j < J; j++) a.row[j] += scores[b * K + cols[j]];
        a.count++;
        acc.set(idx[b], a);
      }
      for (const [i, { row, count }] of acc) {
        for (let j = 0; j < J; j++) {
          trees[j].set(i, blendMemory(trees[j].get(i), row[j] / count, alpha)); // [MIS] Alg. 2 l.19
        }
      }
    },
    endEpoch(epoch: number): void {
      if (epoch !== openEpoch)
        throw new Error(`${name}: endEpoch(${epoch}) does not match the open epoch (${openEpoch})`);
      if (inInit && !isInit(epoch + 1) && cand !== null && candSum !== null) {
        chooseNodes(candSum.length);
      }
      if (!inInit) {
        for (const t of trees) {
          const add = epsilonFloor(t.total, N, eps, epsMode); // [MIS] Alg. 1 l.14, per epoch (METHODS §4.7)
          if (add > 0) t.addToAll(add);
        }
      }
      openEpoch = -1;
      inInit = false;
      order = null;
      pending = null;
    },
    probabilities(): Float64Array {
      const p = new Float64Array(N); // (N) p_mix = Σ_k (n_k/B) p_k
      if (inInit) return p.fill(1 / N);
      for (let k = 0; k < J; k++) {
        const tot = trees[k].total;
        for (let i = 0; i < N; i++) p[i] += (counts[k] / B) * (tot > 0 ? trees[k].get(i) / tot : 1 / N);
      }
      return p;
    },
    diagnostics: () => ({ misMaxWeight: lastMaxWeight }),
    techniqueNodes: () => (nodes === null ? null : Int32Array.from(nodes)),
    memory: (j: number) => {
      if (!Number.isInteger(j) || j < 0 || j >= J)
        throw new RangeError(`${name}: technique j must be in 0..${J - 1}, got ${j}`);
      return trees[j].toArray();
    },
    saveState(): SamplerState {
      if (pending !== null) throw new Error(`${name}: saveState() between next() and observe()`);
      return packState(name, {
        rng: rng.getState(),
        trees: trees.map((t) => t.saveState()),
        nodes,
        cand,
        candSum,
        openEpoch,
        inInit,
        stepsTaken,
        order,
        lastMaxWeight,
      });
    },
    loadState(state: SamplerState): void {
      const s = unpackState<{
        rng: RngState;
        trees: { node: Float64Array }[];
        nodes: Int32Array | null;
        cand: Float64Array | null;
        candSum: Float64Array | null;
        openEpoch: number;
        inInit: boolean;
        stepsTaken: number;
        order: Int32Array | null;
        lastMaxWeight: number;
      }>(name, state);
      if (s.trees.length !== J)
        throw new Error(`${name}: saved state has ${s.trees.length} techniques, J = ${J}`);
      rng.setState(s.rng);
      s.trees.forEach((t, j) => trees[j].loadState(t));
      ({ nodes, cand, candSum, openEpoch, inInit, stepsTaken, order, lastMaxWeight } = s);
      pending = null;
      pendingScores = null;
    },
  };
}

/** n_j: the given list (validated) or the equal split with the remainder on the first techniques. */
function allocation(alloc: number[], J: number, B: number): Int32Array {
  if (alloc.length === 0) {
    return Int32Array.from({ length: J }, (_, j) => Math.floor(B / J) + (j < B % J ? 1 : 0));
  }
  const sum = alloc.reduce((a, b) => a + b, 0);
  if (alloc.length !== J || alloc.some((v) => !Number.isInteger(v) || v < 1) || sum !== B) {
    throw new RangeError(
      `mis: option alloc must be J = ${J} integers ≥ 1 summing to B = ${B} (or [] for equal), got [${alloc.join(', ')}]`,
    );
  }
  return Int32Array.from(alloc);
}

/** Fills defaults and checks every option against {@link misSamplerOptionSpecs}; J must also be ≤ B. */
function resolveOptions(options: Record<string, unknown>, B: number): MisSamplerOptions {
  const o = resolveDeclared('mis', misSamplerOptionSpecs, options) as unknown as MisSamplerOptions;
  if (o.J > B) throw new RangeError(`mis: option J must be an integer in [1, B = ${B}], got ${o.J}`);
  return o;
}
