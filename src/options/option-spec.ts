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
 * Throws a RangeError `<label> must be <what it accepts>, got <value>` unless `v` satisfies `o`. What it accepts
 * is {@link describeOption}: 'a number in [0, 1)', 'an integer ≥ 1', 'a number > 0', 'one of a, b',
 * 'true or false', 'a list of numbers', 'a string'.
 * @param label who is speaking, e.g. `--alpha (method is)` for a config or `is: option alpha` for a direct call.
 * @example
 * checkOption('--alpha (method is)', memoryOptions.alpha, 1); // throws: --alpha (method is) must be a number in [0, 1), got 1
 */
export function checkOption(label: string, o: OptionSpec, v: unknown): void {
  if (accepts(o, v)) return;
  const shown = typeof v === 'number' ? String(v) : (JSON.stringify(v) ?? String(v)); // NaN stays 'NaN'
  throw new RangeError(`${label} must be ${describeOption(o)}, got ${shown}`);
}

function accepts(o: OptionSpec, v: unknown): boolean {
  switch (o.kind) {
    case 'int':
    case 'number':
      return (
        typeof v === 'number' &&
        Number.isFinite(v) &&
        (o.kind === 'number' || Number.isInteger(v)) &&
        (o.min === undefined || (o.minExclusive ? v > o.min : v >= o.min)) &&
        (o.max === undefined || (o.maxExclusive ? v < o.max : v <= o.max))
      );
    case 'enum':
      return typeof v === 'string' && (o.values ?? []).includes(v);
    case 'string':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    case 'list':
      return Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x));
  }
}

/**
 * What a declaration accepts, in words, with its declared range (bounds open where declared).
 * @example
 * describeOption(memoryOptions.alpha); // 'a number in [0, 1)'
 * describeOption({ kind: 'int', default: 1, min: 1, help: '' }); // 'an integer ≥ 1'
 * describeOption({ kind: 'number', default: 1, min: 0, minExclusive: true, help: '' }); // 'a number > 0'
 */
export function describeOption(o: OptionSpec): string {
  switch (o.kind) {
    case 'int':
    case 'number': {
      const what = o.kind === 'int' ? 'an integer' : 'a number';
      if (o.min !== undefined && o.max !== undefined) {
        return `${what} in ${o.minExclusive ? '(' : '['}${o.min}, ${o.max}${o.maxExclusive ? ')' : ']'}`;
      }
      if (o.min !== undefined) return `${what} ${o.minExclusive ? '>' : '≥'} ${o.min}`;
      if (o.max !== undefined) return `${what} ${o.maxExclusive ? '<' : '≤'} ${o.max}`;
      return o.kind === 'int' ? 'an integer' : 'a finite number';
    }
    case 'enum':
      return `one of ${(o.values ?? []).join(', ')}`;
    case 'string':
      return 'a string';
    case 'boolean':
      return 'true or false';
    case 'list':
      return 'a list of numbers';
  }
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
