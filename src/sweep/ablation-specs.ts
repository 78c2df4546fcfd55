import type { SweepSpec } from './sweep-spec.js';

/** The four ablations of the kit's main hyper-parameters. */
export type AblationName = 'alpha' | 'beta' | 'tau' | 'J';

/** An ablation: its sweep spec, the swept key and how to label it. */
export interface Ablation {
  spec: SweepSpec;
  /** The swept key (a config key or method option, and the collected table's column). */
  key: string;
  /** Symbol for axes and legends, e.g. 'β'. */
  symbol: string;
  /** Figure caption. */
  caption: string;
  /** The papers' choice of the swept value and where it comes from (the caption compares it with the best). */
  paper: { value: number; source: string };
}

// Quick scale: poly6 (N = 4096, B = 32, 10 epochs = 1280 steps), an evaluation every 16 steps so that the tail
// average (last 25% of evaluations) pools 20 evaluations; each trial takes seconds on one core.
const poly6 = { task: 'poly6', evalEvery: 16 };

/**
 * Ready sweep specs for the ablations over α (IS/AS importance memory), β (OMIS momentum), τ (EMAIS time
 * constant) and J (number of MIS techniques), on poly6 at quick scale (3 seeds, minutes on 2 cores). Run one with
 * `isgrad sweep ablation-beta` or `runAblation('beta', …)`.
 * @example
 * expandTrials(ablations.beta.spec).length; // 15
 */
export const ablations: Readonly<Record<AblationName, Ablation>> = {
  alpha: {
    spec: {
      name: 'ablation-alpha',
      base: { ...poly6, method: 'is' },
      grid: { alpha: [0, 0.1, 0.3, 0.6, 0.9] }, // α_q ∈ [0, 1): weight kept on the old score (METHODS §3)
      seeds: [1, 2, 3],
    },
    key: 'alpha',
    symbol: 'α',
    paper: { value: 0.1, source: '[AS-IS] §5.1 (α_q ∈ {0, 0.1, 0.2, 0.3}; 0.1 the kit default, METHODS §9)' },
    caption:
      'IS (memory-based, METHODS §3) on poly6: tail-averaged excess loss (geometric mean of the last 25% of ' +
      'evaluations) vs the memory blend α (weight kept on the old score; α = 0: no memory); mean over seeds of ' +
      'log10 with a 95% t interval.',
  },
  beta: {
    spec: {
      name: 'ablation-beta',
      base: { ...poly6, method: 'omis' },
      grid: { beta: [0, 0.3, 0.7, 0.9, 0.99] },
      seeds: [1, 2, 3],
    },
    key: 'beta',
    symbol: 'β',
    paper: { value: 0.7, source: '[MIS] §5 (β = 0.7)' },
    caption:
      'OMIS (Salaün Alg. 2) on poly6: tail-averaged excess loss vs the momentum β of the linear system A, b ' +
      '(β = 0: this step only); mean over seeds of log10 with a 95% t interval.',
  },
  tau: {
    spec: {
      name: 'ablation-tau',
      base: { ...poly6, method: 'emais' },
      grid: { tau: [0, 32, 128, 512] },
      seeds: [1, 2, 3],
    },
    key: 'tau',
    symbol: 'τ',
    paper: { value: 0, source: '[EMAIS] §6.1 (Linear-τ, τ = t: here τ = 0)' },
    caption:
      'EMAIS (METHODS §5) on poly6: tail-averaged excess loss vs the time constant τ of the moving statistics ' +
      '(τ = 0: Linear-τ, τ = t); mean over seeds of log10 with a 95% t interval.',
  },
  J: {
    spec: {
      name: 'ablation-J',
      base: { ...poly6, method: 'omis' },
      grid: { J: [1, 2, 4, 7] },
      seeds: [1, 2, 3],
    },
    key: 'J',
    symbol: 'J',
    paper: { value: 4, source: '[MIS] Fig. 2 (OMIS with J = 4 on the polynomial regression)' },
    caption:
      'OMIS on poly6: tail-averaged excess loss vs the number J of MIS techniques (coefficient groups of the ' +
      'linear model, at most 7); mean over seeds of log10 with a 95% t interval.',
  },
};

/** Built-in sweep specs by name ('ablation-alpha', …), as `isgrad sweep NAME` accepts them. */
export function builtinSweepSpec(name: string): SweepSpec | undefined {
  return Object.values(ablations).find((a) => a.spec.name === name)?.spec;
}
