/**
 * The core methods of [MIS]/[AS-IS] (METHODS §3, §6.1): 'uniform' (SGD-Scan), 'uniform-replace' (SGD-Uni),
 * 'is' and 'as' (memory-based importance / adaptive sampling with the options α_q, ε, ε-mode of
 * {@link memoryOptions}). Registered by `src/builtins.ts`.
 * @example
 * coreMethods.map((m) => m.name); // ['uniform', 'uniform-replace', 'is', 'as']
 */
import { memoryOptions } from '../samplers/importance-memory.js';
import { pickMethodOptions, type MethodSpec } from './method-spec.js';

/** Sampler options of every memory method: α_q, ε, ε-mode, copied from `config.methodOptions`. */
export const memorySamplerOptions = pickMethodOptions(Object.keys(memoryOptions));

/** 'uniform', 'uniform-replace', 'is', 'as', in registration order. */
export const coreMethods: readonly MethodSpec[] = Object.freeze<MethodSpec[]>([
  {
    name: 'uniform',
    sampler: 'uniform',
    description: 'SGD-Scan: a new random permutation each epoch, consecutive minibatches (METHODS §6.1)',
    usesImportance: false,
    samplerOptions: () => ({}),
  },
  {
    name: 'uniform-replace',
    sampler: 'uniform-replace',
    description: 'SGD-Uni: i.i.d. uniform draws with replacement (METHODS §6.1)',
    usesImportance: false,
    samplerOptions: () => ({}),
  },
  {
    name: 'is',
    sampler: 'is',
    description: 'memory-based importance sampling, weights 1/(N p) ([MIS] Alg. 1; METHODS §3)',
    usesImportance: true,
    options: memoryOptions,
    samplerOptions: memorySamplerOptions,
  },
  {
    name: 'as',
    sampler: 'as',
    description: 'memory-based adaptive sampling, weights 1 ([AS-IS] Alg. 1; METHODS §3)',
    usesImportance: true,
    options: memoryOptions,
    samplerOptions: memorySamplerOptions,
  },
]);
