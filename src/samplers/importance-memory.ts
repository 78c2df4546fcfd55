import type { OptionSpec } from '../options/option-spec.js';

/**
 * The persistent importance memory q shared by the memory sampler ('is', 'as') and the MIS sampler (one q_j per
 * technique): the declarations of its options α_q, ε, ε-mode (METHODS §3.1, §9), the blend of a new score into
 * q (METHODS §3.2) and the per-epoch floor ε (METHODS §8 row 5). Written once, used by both samplers.
 *
 * Symbols: q_i the memory of sample i, φ̄(i) the mean score of its copies in the batch (METHODS §1.4),
 * α_q = `alpha`, ε = `eps`, N the training-set size.
 */

/** How ε is applied: 'relative' adds ε·mean(q) (loss-scale free, METHODS §8 row 5), 'absolute' adds ε. */
export type EpsMode = 'relative' | 'absolute';

/**
 * The declarations of the memory options, reused by every method that keeps an importance memory ('is', 'as',
 * 'lis', 'is-dlis', 'mis-bh', 'omis') and checked by the samplers on direct calls. CLI flags `--alpha`, `--eps`,
 * `--eps-mode`.
 * - `alpha`: α_q ∈ [0, 1), weight kept on the old importance in q_i ← α_q q_i + (1 − α_q) φ̄(i). Default 0.1.
 * - `eps`: ε ≥ 0 added to every q_i once per main epoch. Default 1e-3.
 * - `epsMode`: 'relative' (default, ε·mean(q) at that moment) or 'absolute' (ε as is).
 * @example
 * memoryOptions.alpha.default; // 0.1
 */
export const memoryOptions = Object.freeze({
  alpha: {
    kind: 'number',
    default: 0.1,
    min: 0,
    max: 1,
    maxExclusive: true,
    help: 'memory blend α_q: q ← α_q q + (1 − α_q) φ',
  },
  eps: {
    kind: 'number',
    default: 1e-3,
    min: 0,
    help: 'floor ε added to every q once per epoch',
  },
  epsMode: {
    kind: 'enum',
    default: 'relative',
    values: ['relative', 'absolute'],
    help: "'relative': add ε·mean(q); 'absolute': add ε",
  },
} satisfies Record<string, OptionSpec>);

/**
 * Declaration of the initialisation epochs of the memory samplers (plain SGD-Scan setting q_i ← φ(i)); a sampler
 * option, not a method option (the trainer keeps the default). Integer ≥ 0, default 1.
 */
export const initEpochsOption: OptionSpec = Object.freeze({
  kind: 'int',
  default: 1,
  min: 0,
  help: 'initialisation epochs (SGD-Scan, q ← φ)',
});

/**
 * The memory blend of one sample: α_q q_i + (1 − α_q) φ̄(i) ([MIS] Alg. 1 l.12, Alg. 2 l.19; [AS-IS] Eq. 7).
 * @param q the old memory q_i (≥ 0).
 * @param phi the new score φ̄(i) (≥ 0), the mean over the sample's copies in the batch (METHODS §1.4).
 * @param alpha α_q ∈ [0, 1).
 * @returns the new q_i.
 * @example
 * blendMemory(2, 4, 0.25); // 0.25·2 + 0.75·4 = 3.5
 */
export function blendMemory(q: number, phi: number, alpha: number): number {
  return alpha * q + (1 - alpha) * phi; // [MIS] Alg. 1 l.12: q_i ← α_q q_i + (1 − α_q) φ̄(i)
}

/**
 * The floor added to every q_i at the end of a main epoch ([MIS] Alg. 1 l.14, once per epoch: METHODS §3.2,
 * §8 row 5): ε·(Σq / N) when relative, ε when absolute.
 * @param total Σ_i q_i.
 * @param N number of memory entries.
 * @param eps ε ≥ 0.
 * @param epsMode 'relative' or 'absolute'.
 * @example
 * epsilonFloor(50, 100, 1e-3, 'relative'); // 1e-3 · 0.5 = 5e-4
 */
export function epsilonFloor(total: number, N: number, eps: number, epsMode: EpsMode): number {
  return epsMode === 'relative' ? eps * (total / N) : eps; // [MIS] Alg. 1 l.14: q ← q + ε (ε·mean(q) if relative)
}
