/**
 * The baseline training methods of METHODS §6, with declared options
 * (CLI flags) and the METHODS §9 defaults: 'dlis', 'presampling-is', 'low', 'rais' (RAIS-lite, the kit's
 * reconstruction), 'confidence', 'confvar', 'self-paced', 'obs', plus the methods 'lis' (memory IS with the loss
 * as importance, METHODS §6.8) and 'is-dlis' (memory IS with the DLIS last-layer bound, METHODS §6.2 last line).
 * `src/builtins.ts` registers them with their samplers.
 * @example
 * baselineMethods.find((m) => m.name === 'dlis')?.options?.presampleFactor.default; // 3
 */
import { activeBiasOptions } from '../samplers/active-bias.js';
import { dlisOptions } from '../samplers/dlis.js';
import { memoryOptions } from '../samplers/importance-memory.js';
import { lowOptions } from '../samplers/low.js';
import { obsOptions } from '../samplers/obs.js';
import { raisLiteOptions } from '../samplers/rais-lite.js';
import { selfPacedOptions } from '../samplers/self-paced.js';
import { memorySamplerOptions } from './core.js';
import { pickMethodOptions, type MethodSpec } from './method-spec.js';
import type { OptionSpec, OptionSpecs } from '../options/option-spec.js';

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

/** The named declarations of a sampler, as a method's options (the same objects, no copies). */
function only<T extends Record<string, OptionSpec>>(
  specs: T,
  keys: readonly (keyof T & string)[],
): OptionSpecs {
  return Object.fromEntries(keys.map((k) => [k, specs[k]]));
}

/** A method that passes exactly its declared options to its sampler. */
function baseline(
  name: string,
  sampler: string,
  description: string,
  options: OptionSpecs,
  usesImportance = false,
): MethodSpec {
  return {
    name,
    sampler,
    description,
    usesImportance,
    options,
    samplerOptions: pickMethodOptions(Object.keys(options)),
  };
}

const dlisMethodOptions = only(dlisOptions, ['presampleFactor', 'tauSmoothing', 'tauThreshold']);

/** The baseline methods, in the order of {@link baselineMethodNames}. */
export const baselineMethods: readonly MethodSpec[] = Object.freeze<MethodSpec[]>([
  baseline(
    'dlis',
    'dlis',
    'DLIS presampling + resampling with the τ_th switch (Katharopoulos & Fleuret 2018; METHODS §6.2)',
    dlisMethodOptions,
    true,
  ),
  baseline(
    'presampling-is',
    'presampling-is',
    'Presampling-IS: the DLIS presample/resample step on every step, no switch (EMAIS baseline; METHODS §6.2)',
    only(dlisOptions, ['presampleFactor']),
    true,
  ),
  baseline(
    'low',
    'low',
    'LOW: per-batch weights from the closed-form QP on output-gradient norms (Santiago et al. 2021; METHODS §6.3)',
    lowOptions,
  ),
  baseline(
    'rais',
    'rais',
    "RAIS-lite: the kit's reconstruction of RAIS (robust pmf μ + κσ mixed with uniform, gain-ratio LR; METHODS §6.4)",
    raisLiteOptions,
  ),
  baseline(
    'confidence',
    'confidence',
    'Active Bias confidence: p ∝ (1 − mean true-class probability) + mean offset, plain average (METHODS §6.5)',
    activeBiasOptions,
  ),
  baseline(
    'confvar',
    'confvar',
    'Active Bias ConfVar (SGD-SPV): p ∝ std of the true-class probability history + mean offset (METHODS §6.5)',
    only(activeBiasOptions, ['warmupEpochs']),
  ),
  baseline(
    'self-paced',
    'self-paced',
    'Self-paced learning per minibatch: only samples with loss < κ, κ_0 passes 60%, κ ← μκ per epoch (METHODS §6.6)',
    only(selfPacedOptions, ['initialFraction', 'growth']),
  ),
  baseline(
    'obs',
    'obs',
    'Online batch selection: draws by loss rank, P(r) ∝ exp(−r ln(s_e)/N) (Loshchilov & Hutter 2016; METHODS §6.7)',
    obsOptions,
  ),
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
