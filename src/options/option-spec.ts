/**
 * Declared options: the one place an option's type, default, range and help line are written. A method lists the
 * declarations it uses (`MethodSpec.options`, checked by `resolveConfig` with the CLI flag in the message) and
 * the sampler or estimator that reads the option checks direct calls against the same declaration, so both
 * layers accept exactly the same values.
 */

/** Value of a declared option. */
export type OptionValue = number | string | boolean | number[];

/** One declared hyper-parameter: its type, default, allowed range and help line (CLI flag `--<kebab-name>`). */
export interface OptionSpec {
  kind: 'int' | 'number' | 'string' | 'enum' | 'boolean' | 'list';
  default: OptionValue;
  /** Allowed values of an 'enum'. */
  values?: readonly string[];
  /** Inclusive lower bound of an 'int' or 'number'. */
  min?: number;
  /** Upper bound of an 'int' or 'number'; inclusive unless `maxExclusive`. */
  max?: number;
  /** `max` is excluded (e.g. α_q ∈ [0, 1)). Default false. */
  maxExclusive?: boolean;
  /** Lower bound `min` is excluded (e.g. D_max > 0). Default false. */
  minExclusive?: boolean;
  help: string;
}

/** Declarations by option name (camelCase). */
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/**
 * camelCase option name → its CLI flag: 'maxDup' → 'max-dup'; a symbol such as 'J' stays 'J' (`--J 4`).
 * @example
 * optionFlag('epsMode'); // 'eps-mode'
 */
export function optionFlag(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, (_, a: string, b: string) => `${a}-${b.toLowerCase()}`);
}

/**
 * Throws a RangeError `<label> must be <what it accepts>, got <value>` unless `v` satisfies `o`: the type first
 * ('an integer', 'a finite number', 'one of a, b', 'true or false', 'a list of numbers', 'a string'), then the
 * range ('in [0, 1)', bounds as declared, ∞ where open).
 * @param label who is speaking, e.g. `--alpha (method is)` for a config or `is: option alpha` for a direct call.
 * @example
 * checkOption('--alpha (method is)', memoryOptions.alpha, 1); // throws: --alpha (method is) must be in [0, 1), got 1
 */
export function checkOption(label: string, o: OptionSpec, v: unknown): void {
  const shown = typeof v === 'number' ? String(v) : (JSON.stringify(v) ?? String(v)); // NaN stays 'NaN'
  const bad = (what: string) => new RangeError(`${label} must be ${what}, got ${shown}`);
  switch (o.kind) {
    case 'int':
    case 'number': {
      if (typeof v !== 'number' || !Number.isFinite(v) || (o.kind === 'int' && !Number.isInteger(v))) {
        throw bad(o.kind === 'int' ? 'an integer' : 'a finite number');
      }
      const below = o.min !== undefined && (o.minExclusive ? v <= o.min : v < o.min);
      const above = o.max !== undefined && (o.maxExclusive ? v >= o.max : v > o.max);
      if (below || above) throw bad(`in ${describeRange(o)}`);
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
 * The declared range of a numeric option as an interval: '[0, 1)', '(0, ∞)', '[1, ∞)'.
 * @example
 * describeRange({ kind: 'number', default: 0.7, min: 0, max: 0.999, help: '' }); // '[0, 0.999]'
 * describeRange({ kind: 'number', default: 1, min: 0, minExclusive: true, help: '' }); // '(0, ∞)'
 */
export function describeRange(o: OptionSpec): string {
  const lo = o.min === undefined ? '(-∞' : `${o.minExclusive ? '(' : '['}${o.min}`;
  const hi = o.max === undefined ? '∞)' : `${o.max}${o.maxExclusive ? ')' : ']'}`;
  return `${lo}, ${hi}`;
}

/**
 * Fills the declared defaults and checks every value (direct calls of samplers and estimators); an unknown key
 * is an error listing the declared ones.
 * @param who error prefix, e.g. 'is' → "is: option alpha must be ...".
 * @param specs the declarations.
 * @param given the caller's options.
 * @example
 * resolveOptions('is', memoryOptions, { alpha: 0.2 }); // { alpha: 0.2, eps: 0.001, epsMode: 'relative' }
 */
export function resolveOptions(
  who: string,
  specs: OptionSpecs,
  given: Record<string, unknown>,
): Record<string, OptionValue> {
  for (const key of Object.keys(given)) {
    if (!(key in specs)) {
      throw new Error(`${who}: unknown option '${key}'; allowed options: ${Object.keys(specs).join(', ')}`);
    }
  }
  const out: Record<string, OptionValue> = {};
  for (const [key, o] of Object.entries(specs)) {
    const v = given[key] ?? o.default;
    checkOption(`${who}: option ${key}`, o, v);
    out[key] = v as OptionValue;
  }
  return out;
}
