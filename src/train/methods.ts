import type { TrainConfig } from './config.js';

/** A method-specific hyper-parameter: its type, default and help line (CLI flag `--<kebab-case name>`). */
export interface MethodOption {
  kind: 'int' | 'number' | 'string' | 'enum' | 'boolean' | 'list';
  default: number | string | boolean | number[];
  /** Allowed values of an 'enum'. */
  values?: readonly string[];
  /** Inclusive lower bound of an 'int' or 'number'. */
  min?: number;
  /** Inclusive upper bound of an 'int' or 'number'. */
  max?: number;
  help: string;
}

/** Resolved method options: every declared option with its value. */
export type MethodOptionValues = Record<string, number | string | boolean | number[]>;

/** How a training method is built from the config: which sampler and estimator, with which options. */
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
  /** Method-specific hyper-parameters (camelCase names); their values arrive in `config.methodOptions`. */
  readonly options?: Readonly<Record<string, MethodOption>>;
  /** The sampler's options, from the resolved config (its `methodOptions` are already resolved). */
  samplerOptions(c: TrainConfig): Record<string, unknown>;
}

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

/** camelCase option name → its CLI flag: 'maxDup' → 'max-dup'; a symbol such as 'J' stays 'J' (`--J 4`). */
export function optionFlag(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, (_, a: string, b: string) => `${a}-${b.toLowerCase()}`);
}

/** Checks one option value against its declaration; throws an error naming the option and what it accepts. */
export function checkMethodOption(method: string, name: string, o: MethodOption, v: unknown): void {
  const bad = (what: string) =>
    new Error(`--${optionFlag(name)} (method ${method}) must be ${what}, got ${JSON.stringify(v)}`);
  switch (o.kind) {
    case 'int':
    case 'number': {
      if (typeof v !== 'number' || !Number.isFinite(v) || (o.kind === 'int' && !Number.isInteger(v))) {
        throw bad(o.kind === 'int' ? 'an integer' : 'a finite number');
      }
      if ((o.min !== undefined && v < o.min) || (o.max !== undefined && v > o.max)) {
        throw bad(`in [${o.min ?? '-∞'}, ${o.max ?? '∞'}]`);
      }
      return;
    }
    case 'enum':
      if (typeof v !== 'string' || !(o.values ?? []).includes(v))
        throw bad(`one of ${(o.values ?? []).join(', ')}`);
      return;
    case 'string':
      if (typeof v !== 'string') throw bad('a string');
      return;
    case 'boolean':
      if (typeof v !== 'boolean') throw bad('true or false');
      return;
    case 'list':
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'number' || !Number.isFinite(x))) {
        throw bad('a list of numbers');
      }
      return;
  }
}

/**
 * Fills a method's options from their defaults and validates the given ones; an unknown key is an error that
 * lists the method's options.
 */
export function resolveMethodOptions(
  method: string,
  given: Record<string, unknown> = {},
): MethodOptionValues {
  const spec = getMethod(method);
  const decl = spec.options ?? {};
  const out: MethodOptionValues = {};
  for (const key of Object.keys(given)) {
    if (!(key in decl)) {
      const allowed = Object.keys(decl).map(optionFlag);
      throw new Error(
        `method '${method}' has no option --${optionFlag(key)}; ` +
          (allowed.length > 0
            ? `its options: ${allowed.map((f) => `--${f}`).join(', ')}`
            : 'it takes no options'),
      );
    }
  }
  for (const [key, o] of Object.entries(decl)) {
    const v = given[key] ?? o.default;
    checkMethodOption(method, key, o, v);
    out[key] = v as MethodOptionValues[string];
  }
  return out;
}

const memoryOptions = (c: TrainConfig) => ({ alpha: c.alpha, eps: c.eps, epsMode: c.epsMode });

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
