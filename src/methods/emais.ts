import { createEmaisSampler, emaisSamplerDefaults } from '../samplers/emais-sampler.js';
import { registerSampler } from '../samplers/registry.js';
import { createUniformDynamic, uniformDynamicDefaults } from '../samplers/uniform-dynamic.js';
import { registerMethod } from '../train/methods.js';

/**
 * Registers the 'emais' and 'uniform-dynamic' samplers and methods (METHODS §5, [EMAIS] Algorithms 1–2 and Fig. 2).
 * Importing this module has the side effect; it is idempotent per process (modules are evaluated once).
 * @example
 * import './methods/emais.js';
 * await train({ task: 'fmnist-lenet', method: 'emais', methodOptions: { maxDup: 2 } });
 */
export const emaisMethodNames: readonly string[] = Object.freeze(['emais', 'uniform-dynamic']);

registerSampler('emais', createEmaisSampler, { optionNames: Object.keys(emaisSamplerDefaults) });
registerSampler('uniform-dynamic', createUniformDynamic, {
  optionNames: Object.keys(uniformDynamicDefaults),
});

registerMethod({
  name: 'emais',
  sampler: 'emais',
  description: 'EMAIS: moving mean+std of logit-gradient norms, capped IS, Eq. 8 LR adjustment (METHODS §5)',
  usesImportance: false,
  options: {
    tau: {
      kind: 'number',
      default: 0,
      min: 0,
      help: 'time constant τ of the moving statistics; 0 = Linear-τ (τ = t)',
    },
    maxDup: {
      kind: 'number',
      default: 1,
      min: 0,
      help: 'D_max: cap on the expected copies B·p_i of a sample per batch',
    },
    warmupEpochs: { kind: 'int', default: 2, min: 0, help: 'uniform SGD-Scan warm-up epochs' },
    lrAdjust: {
      kind: 'enum',
      default: 'auto',
      values: ['auto', 'linear', 'sqrt', 'off'],
      help: 'Eq. 8 learning-rate factor: linear B_eff/B, sqrt, off; auto = sqrt for Adam, else linear',
    },
    importanceForm: {
      kind: 'enum',
      default: 'std',
      values: ['std', 'var'],
      help: 'importance w = μ + σ (std) or μ + σ² (var)',
    },
    cap: {
      kind: 'enum',
      default: 'water',
      values: ['water', 'mix'],
      help: 'cap by water-filling or by mixing with uniform',
    },
    unbiased: {
      kind: 'boolean',
      default: false,
      help: 'unbiased trace estimators (METHODS §5.4) instead of plug-in',
    },
  },
  samplerOptions: (c) => ({
    ...c.methodOptions,
    // METHODS §5.6: square-root rule for adaptive optimisers
    lrAdjust:
      c.methodOptions.lrAdjust === 'auto'
        ? c.optimizer === 'adam'
          ? 'sqrt'
          : 'linear'
        : c.methodOptions.lrAdjust,
  }),
});

registerMethod({
  name: 'uniform-dynamic',
  sampler: 'uniform-dynamic',
  description:
    'SGD-Uni with a per-step batch size list (e.g. EMAIS B_eff) and linear LR scaling (EMAIS Fig. 2)',
  usesImportance: false,
  options: {
    batchSizes: { kind: 'list', default: [], help: 'batch size of each step (the last entry repeats)' },
    scaleLr: { kind: 'boolean', default: true, help: 'scale the learning rate by B_t/B' },
  },
  samplerOptions: (c) => ({ ...c.methodOptions }),
});
