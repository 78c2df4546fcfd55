import type { TrainConfig } from './config.js';

/** How a training method is built from the config: which sampler, with which options. */
export interface MethodSpec {
  readonly name: string;
  /** Sampler registry name. */
  readonly sampler: string;
  /** One line for `isgrad methods`. */
  readonly description: string;
  /** True when the method consumes importance scores φ (so the trainer computes them). */
  readonly usesImportance: boolean;
  /** The sampler's options, taken from the resolved config. */
  samplerOptions(c: TrainConfig): Record<string, unknown>;
}

const memoryOptions = (c: TrainConfig) => ({ alpha: c.alpha, eps: c.eps, epsMode: c.epsMode });

const specs = new Map<string, MethodSpec>();

/** Registers a method; a second registration of the same name is an error unless `override` is set. */
export function registerMethod(spec: MethodSpec, { override = false } = {}): void {
  if (specs.has(spec.name) && !override) {
    throw new Error(`method '${spec.name}' is already defined; pass { override: true } to replace it`);
  }
  specs.set(spec.name, spec);
}

/** The method registered under `name`; unknown names are an error that lists the allowed ones. */
export function getMethod(name: string): MethodSpec {
  const s = specs.get(name);
  if (s === undefined) throw new Error(`unknown method '${name}'; allowed: ${methodNames().join(', ')}`);
  return s;
}

/** Registered method names, in registration order. */
export function methodNames(): string[] {
  return [...specs.keys()];
}

registerMethod({
  name: 'uniform',
  sampler: 'uniform',
  description: 'SGD-Scan: a new random permutation each epoch, consecutive minibatches (METHODS §6.1)',
  usesImportance: false,
  samplerOptions: () => ({}),
});
registerMethod({
  name: 'uniform-replace',
  sampler: 'uniform-replace',
  description: 'SGD-Uni: i.i.d. uniform draws with replacement (METHODS §6.1)',
  usesImportance: false,
  samplerOptions: () => ({}),
});
registerMethod({
  name: 'is',
  sampler: 'is',
  description: 'memory-based importance sampling, weights 1/(N p) (Salaün Alg. 1; METHODS §3)',
  usesImportance: true,
  samplerOptions: memoryOptions,
});
registerMethod({
  name: 'as',
  sampler: 'as',
  description: 'memory-based adaptive sampling, weights 1 (AS-IS Alg. 1; METHODS §3)',
  usesImportance: true,
  samplerOptions: memoryOptions,
});
