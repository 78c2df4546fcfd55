import {
  checkOption,
  optionFlag,
  type OptionSpec,
  type OptionSpecs,
  type OptionValue,
} from '../options/option-spec.js';
import { createRegistry, type RegisterOptions } from '../registry/registry.js';
import type { TrainConfig } from '../train/config.js';

/** Resolved method options: every declared option with its value. */
export type MethodOptionValues = Record<string, OptionValue>;

/**
 * How a training method is built from the config: which sampler and estimator, with which options. Every
 * hyper-parameter of the method is a declared option (`options`); its value arrives in `config.methodOptions`.
 */
export interface MethodSpec {
  readonly name: string;
  /** Sampler registry name. */
  readonly sampler: string;
  /** Gradient-estimator registry name. Default 'weighted-loss' (METHODS Eq. 1.1). */
  readonly estimator?: string;
  /** One line for `isgrad methods`. */
  readonly description: string;
  /** True when the method consumes importance scores φ (so the trainer computes them). */
  readonly usesImportance: boolean;
  /** The importance function this method uses unless `--importance` is given (e.g. 'lis' → 'loss'). */
  readonly importance?: string;
  /**
   * The method's hyper-parameters (camelCase names, CLI flag `--<kebab-name>`), each the one declaration that
   * the sampler or estimator reading it also checks against (e.g. {@link samplers.memoryOptions} for α_q, ε, ε-mode).
   * An option not listed here is an error for this method. Default {} (no options).
   */
  readonly options?: OptionSpecs;
  /** The sampler's options, from the resolved config (its `methodOptions` are already resolved). */
  samplerOptions(c: TrainConfig): Record<string, unknown>;
}

/** The method registry (name → {@link MethodSpec}); the built-ins are registered by `src/builtins.ts`. */
export const methodRegistry = createRegistry<MethodSpec>('method');

/**
 * Registers a method under `spec.name`; a second registration of the same name is an error unless `override`.
 * @example
 * registerMethod({ name: 'my-is', sampler: 'is', description: '…', usesImportance: true,
 *   options: memoryOptions, samplerOptions: pickMethodOptions(Object.keys(memoryOptions)) });
 */
export function registerMethod(spec: MethodSpec, options: RegisterOptions = {}): void {
  methodRegistry.register(spec.name, spec, options);
}

/**
 * The method registered under `name`; unknown names are an error that lists the allowed ones.
 * @example
 * getMethod('omis').estimator; // 'omis'
 */
export function getMethod(name: string): MethodSpec {
  return methodRegistry.get(name);
}

/**
 * Registered method names, in registration order.
 * @example
 * methodNames(); // ['uniform', 'uniform-replace', 'is', 'as', ...]
 */
export function methodNames(): string[] {
  return methodRegistry.names();
}

/**
 * Checks one method-option value against its declaration; the error names the flag, the method and the range:
 * `--alpha (method is) must be a number in [0, 1), got 1`.
 * @example
 * checkMethodOption('is', 'alpha', memoryOptions.alpha, 0.2); // ok
 */
export function checkMethodOption(method: string, name: string, o: OptionSpec, v: unknown): void {
  checkOption(`--${optionFlag(name)} (method ${method})`, o, v);
}

/**
 * Fills a method's options from their defaults and validates the given ones. An option the method does not
 * declare is an error that names the flag and lists the method's options (or says it takes none).
 * @param method a registered method name.
 * @param given option values by camelCase name. Default {}.
 * @example
 * resolveMethodOptions('is', { alpha: 0.2 }); // { alpha: 0.2, eps: 0.001, epsMode: 'relative' }
 * resolveMethodOptions('uniform', { alpha: 0.5 }); // throws: method 'uniform' has no option --alpha; it takes no options
 */
export function resolveMethodOptions(
  method: string,
  given: Record<string, unknown> = {},
): MethodOptionValues {
  const decl = getMethod(method).options ?? {};
  for (const key of Object.keys(given)) {
    if (!(key in decl)) {
      const allowed = Object.keys(decl).map((k) => `--${optionFlag(k)}`);
      throw new Error(
        `method '${method}' has no option --${optionFlag(key)}; ` +
          (allowed.length > 0 ? `its options: ${allowed.join(', ')}` : 'it takes no options'),
      );
    }
  }
  const out: MethodOptionValues = {};
  for (const [key, o] of Object.entries(decl)) {
    const v = given[key] ?? o.default;
    checkMethodOption(method, key, o, v);
    out[key] = v as OptionValue;
  }
  return out;
}

/**
 * A `samplerOptions` that copies the named method options from the resolved config.
 * @example
 * samplerOptions: pickMethodOptions(['alpha', 'eps', 'epsMode'])
 */
export function pickMethodOptions(keys: readonly string[]): (c: TrainConfig) => Record<string, unknown> {
  return (c) =>
    Object.fromEntries(keys.filter((k) => k in c.methodOptions).map((k) => [k, c.methodOptions[k]]));
}
