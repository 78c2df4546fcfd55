/**
 * The baseline training methods of METHODS §6 (issue 5, part 1), with declared options
 * (CLI flags) and the METHODS §9 defaults: 'dlis', 'presampling-is', 'low', 'rais' (RAIS-lite, the kit's
 * reconstruction), 'confidence', 'confvar', 'self-paced', 'obs', plus the methods 'lis' (memory IS with the loss
 * as importance, METHODS §6.8) and 'is-dlis' (memory IS with the DLIS last-layer bound, METHODS §6.2 last line).
 * `src/builtins.ts` registers them with their samplers.
 * @example
 * baselineMethods.find((m) => m.name === 'dlis')?.options?.presampleFactor.default; // 3
 */
import type { OptionSpec } from '../options/option-spec.js';
import { activeBiasDefaults } from '../samplers/active-bias.js';
import { dlisDefaults } from '../samplers/dlis.js';
import { memoryOptions } from '../samplers/importance-memory.js';
import { lowDefaults } from '../samplers/low.js';
import { obsDefaults } from '../samplers/obs.js';
import { raisLiteDefaults } from '../samplers/rais-lite.js';
import { selfPacedDefaults } from '../samplers/self-paced.js';
import { memorySamplerOptions } from './core.js';
import { pickMethodOptions as pick, type MethodSpec } from './method-spec.js';

/** Names of the baseline methods this module registers, in registration order. */
export const baselineMethodNames: readonly string[] = [
  'dlis',
  'presampling-is',
  'low',
  'rais',
  'confidence',
  'confvar',
  'self-paced',
  'obs',
  'lis',
  'is-dlis',
];

const dlisOptions: Record<string, OptionSpec> = {
  presampleFactor: {
    kind: 'int',
    default: dlisDefaults.presampleFactor,
    min: 1,
    help: 'presample size B_pre as a multiple of B (DLIS library default 3)',
  },
  tauSmoothing: {
    kind: 'number',
    default: dlisDefaults.tauSmoothing,
    min: 0,
    max: 0.999,
    help: 'EMA factor a_τ of τ_vr',
  },
  tauThreshold: {
    kind: 'number',
    default: dlisDefaults.tauThreshold,
    min: 0,
    help: 'switch threshold τ_th; 0 = DLIS Eq. 29, (B_pre + 3B)/(3B)',
  },
};

const warmupOption = (d: number): OptionSpec => ({
  kind: 'int',
  default: d,
  min: 1,
  help: 'SGD-Scan warm-up epochs that fill the per-sample statistics',
});

/** The baseline methods, in the order of {@link baselineMethodNames}. */
export const baselineMethods: readonly MethodSpec[] = Object.freeze<MethodSpec[]>([
  {
    name: 'dlis',
    sampler: 'dlis',
    description:
      'DLIS presampling + resampling with the τ_th switch (Katharopoulos & Fleuret 2018; METHODS §6.2)',
    usesImportance: true,
    options: dlisOptions,
    samplerOptions: pick(Object.keys(dlisOptions)),
  },
  {
    name: 'presampling-is',
    sampler: 'presampling-is',
    description:
      'Presampling-IS: the DLIS presample/resample step on every step, no switch (EMAIS baseline; METHODS §6.2)',
    usesImportance: true,
    options: { presampleFactor: dlisOptions.presampleFactor },
    samplerOptions: pick(['presampleFactor']),
  },
  {
    name: 'low',
    sampler: 'low',
    description:
      'LOW: per-batch weights from the closed-form QP on output-gradient norms (Santiago et al. 2021; METHODS §6.3)',
    usesImportance: false,
    options: {
      lambdaLow: {
        kind: 'number',
        default: lowDefaults.lambdaLow,
        min: 1e-12,
        help: 'λ_LOW, pull of the weights toward 1',
      },
      gammaScale: {
        kind: 'enum',
        default: lowDefaults.gammaScale,
        values: ['official', 'per-sample'],
        help: "γ_b = ‖u_b‖/B as in the official code ('official', weights ≈ 1) or ‖u_b‖ ('per-sample')",
      },
    },
    samplerOptions: pick(Object.keys(lowDefaults)),
  },
  {
    name: 'rais',
    sampler: 'rais',
    description:
      "RAIS-lite: the kit's reconstruction of RAIS (robust pmf μ + κσ mixed with uniform, gain-ratio LR; METHODS §6.4)",
    usesImportance: false,
    options: {
      kappa: {
        kind: 'number',
        default: raisLiteDefaults.kappa,
        min: 0,
        help: 'κ_R, weight of the moving std',
      },
      rho: {
        kind: 'number',
        default: raisLiteDefaults.rho,
        min: 1e-9,
        max: 1,
        help: 'ρ_R, uniform mixing weight',
      },
      warmupEpochs: warmupOption(raisLiteDefaults.warmupEpochs),
      rMin: {
        kind: 'number',
        default: raisLiteDefaults.rMin,
        min: 1e-9,
        help: 'lower clamp of the gain ratio r_t',
      },
      rMax: {
        kind: 'number',
        default: raisLiteDefaults.rMax,
        min: 1e-9,
        help: 'upper clamp of the gain ratio r_t',
      },
      fixedIterations: {
        kind: 'boolean',
        default: raisLiteDefaults.fixedIterations,
        help: 'keep the schedule and the stopping rule on real steps instead of the effective iterations t̃',
      },
    },
    samplerOptions: pick(Object.keys(raisLiteDefaults)),
  },
  {
    name: 'confidence',
    sampler: 'confidence',
    description:
      'Active Bias confidence: p ∝ (1 − mean true-class probability) + mean offset, plain average (METHODS §6.5)',
    usesImportance: false,
    options: {
      warmupEpochs: warmupOption(activeBiasDefaults.warmupEpochs),
      confidenceMode: {
        kind: 'enum',
        default: activeBiasDefaults.confidenceMode,
        values: ['difficult', 'easy'],
        help: "'difficult' (w = 1 − p̄) or 'easy' (w = p̄)",
      },
    },
    samplerOptions: pick(Object.keys(activeBiasDefaults)),
  },
  {
    name: 'confvar',
    sampler: 'confvar',
    description:
      'Active Bias ConfVar (SGD-SPV): p ∝ std of the true-class probability history + mean offset (METHODS §6.5)',
    usesImportance: false,
    options: { warmupEpochs: warmupOption(activeBiasDefaults.warmupEpochs) },
    samplerOptions: pick(['warmupEpochs']),
  },
  {
    name: 'self-paced',
    sampler: 'self-paced',
    description:
      'Self-paced learning per minibatch: only samples with loss < κ, κ_0 passes 60%, κ ← μκ per epoch (METHODS §6.6)',
    usesImportance: false,
    options: {
      initialFraction: {
        kind: 'number',
        default: selfPacedDefaults.initialFraction,
        min: 1e-9,
        max: 1,
        help: 'fraction of the training set below the initial threshold',
      },
      growth: {
        kind: 'number',
        default: selfPacedDefaults.growth,
        min: 1,
        help: 'threshold growth μ per epoch',
      },
    },
    samplerOptions: pick(['initialFraction', 'growth']),
  },
  {
    name: 'obs',
    sampler: 'obs',
    description:
      'Online batch selection: draws by loss rank, P(r) ∝ exp(−r ln(s_e)/N) (Loshchilov & Hutter 2016; METHODS §6.7)',
    usesImportance: false,
    options: {
      pressureStart: {
        kind: 'number',
        default: obsDefaults.pressureStart,
        min: 1,
        help: 'selection pressure s_e at the start',
      },
      pressureEnd: {
        kind: 'number',
        default: obsDefaults.pressureEnd,
        min: 1,
        help: 'selection pressure s_e at epoch e_end',
      },
      pressureEpochs: {
        kind: 'int',
        default: obsDefaults.pressureEpochs,
        min: 1,
        help: 'epoch e_end of the s_e interpolation',
      },
      sortEvery: {
        kind: 'int',
        default: obsDefaults.sortEvery,
        min: 1,
        help: 're-sort after this many evaluated samples',
      },
      refreshFreq: {
        kind: 'number',
        default: obsDefaults.refreshFreq,
        min: 0,
        help: 'r_freq: loss refreshes per N samples (0 = none)',
      },
      refreshRatio: {
        kind: 'number',
        default: obsDefaults.refreshRatio,
        min: 1e-9,
        max: 1,
        help: 'r_ratio: fraction of top-ranked samples a refresh recomputes',
      },
    },
    samplerOptions: pick(Object.keys(obsDefaults)),
  },
  {
    name: 'lis',
    sampler: 'is',
    description:
      'loss-proportional IS: memory-based IS with φ = loss (Katharopoulos & Fleuret 2017; METHODS §6.8)',
    usesImportance: true,
    importance: 'loss',
    options: memoryOptions,
    samplerOptions: memorySamplerOptions,
  },
  {
    name: 'is-dlis',
    sampler: 'is',
    description:
      'DLIS weights in the memory algorithm: memory IS with the last-layer-parameter bound (METHODS §2.4, §6.2)',
    usesImportance: true,
    importance: 'dlis-last-layer',
    options: memoryOptions,
    samplerOptions: memorySamplerOptions,
  },
]);
