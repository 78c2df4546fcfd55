/**
 * One small generic registry: name → plain record (tfjs `kernel_registry.ts`, arquero `op/register.js`). Every
 * registry of the kit (tasks, samplers, estimators, importance functions, losses, methods) is one of these; the
 * built-ins are registered in one place, `src/builtins.ts`.
 */

/**
 * The one pattern of registered names: letters, digits, '-', '_', '.', not starting with '.'. Names become
 * folder and file names (`results/<task>/<method>-s<seed>-<key>`), so '/', '..' and hidden names are refused.
 */
export const SAFE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/;

/** How a record is registered. */
export interface RegisterOptions {
  /** Replace an existing registration of the same name instead of throwing. Default false. */
  override?: boolean;
}

/** A name → record map that rejects duplicate names and lists its names in errors. */
export interface Registry<T> {
  /** What the registry holds, for error messages, e.g. 'sampler'. */
  readonly kind: string;
  /**
   * Registers `record` under `name` ({@link SAFE_NAME}: letters, digits, '-', '_', '.', not starting with '.';
   * anything else throws). A second registration of the same name throws unless
   * `{ override: true }` (default false).
   */
  register(name: string, record: T, options?: RegisterOptions): void;
  /** The record registered under `name`; an unknown name throws an Error that lists the registered names. */
  get(name: string): T;
  /** True when `name` is registered. */
  has(name: string): boolean;
  /** Registered names, in registration order. */
  names(): string[];
}

/**
 * Creates an empty registry.
 * @param kind what it holds, used in error messages ('sampler', 'method', ...).
 * @example
 * const colours = createRegistry<string>('colour');
 * colours.register('red', '#f00');
 * colours.get('red'); // '#f00'
 * colours.get('blue'); // throws: unknown colour 'blue'; allowed: red
 * colours.register('red', '#e00'); // throws: colour 'red' is already defined; pass { override: true } ...
 */
export function createRegistry<T>(kind: string): Registry<T> {
  const records = new Map<string, T>();
  const names = () => [...records.keys()];
  return {
    kind,
    register(name: string, record: T, { override = false }: RegisterOptions = {}): void {
      if (typeof name !== 'string' || !SAFE_NAME.test(name)) {
        throw new Error(
          `${kind} name must be letters, digits, '-', '_' or '.', not starting with '.', got ` +
            `${JSON.stringify(name)}; names become folder and file names of results`,
        );
      }
      if (records.has(name) && !override) {
        throw new Error(`${kind} '${name}' is already defined; pass { override: true } to replace it`);
      }
      records.set(name, record);
    },
    get(name: string): T {
      const r = records.get(name);
      if (r === undefined) {
        const allowed =
          records.size > 0
            ? names().join(', ')
            : "none registered (import 'isgrad' or src/builtins.ts to register the built-ins)";
        throw new Error(`unknown ${kind} '${name}'; allowed: ${allowed}`);
      }
      return r;
    },
    has: (name: string) => records.has(name),
    names,
  };
}
